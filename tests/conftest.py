from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline, loaded once for every test that parses text."""
    from triangulate.analyze import load_nlp

    return load_nlp()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden report files")
