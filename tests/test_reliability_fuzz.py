"""Reliability: the `make fuzz` targets (bench/fuzz.py), each with a few examples.

Every parser, extractor and ingest as a whole, and every module-level regular expression of
ingest/ and analyze/, fuzzed by hypothesis; `make fuzz` runs the same targets with 10,000
examples each (totals in docs/reliability.md). Set ``TRIANGULATE_FUZZ_EXAMPLES`` to run more here.
"""

from __future__ import annotations

import os
import re

import pytest
from bench.fuzz import Target, all_patterns, pattern_target, run, targets

EXAMPLES = int(os.environ.get("TRIANGULATE_FUZZ_EXAMPLES", "40"))
REGEX_EXAMPLES = max(5, EXAMPLES // 3)

TARGETS = targets()
PATTERNS = all_patterns()


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_fuzz_parser(target: Target) -> None:
    outcome = run(target, EXAMPLES)
    assert outcome.failure == "", outcome.failure
    assert outcome.examples > 0


@pytest.mark.parametrize(("label", "pattern"), PATTERNS, ids=[label for label, _ in PATTERNS])
def test_fuzz_regex(label: str, pattern: re.Pattern[str]) -> None:
    outcome = run(pattern_target(label, pattern), REGEX_EXAMPLES)
    assert outcome.failure == "", outcome.failure


def test_every_module_of_ingest_and_analyze_is_searched() -> None:
    modules = {label.split(".")[0] for label, _ in PATTERNS}
    assert {"quantities", "times", "attribution", "numbers", "counting", "markdown", "html", "text"} <= modules
    assert len(PATTERNS) >= 60


def test_fuzz_reports_a_failing_target() -> None:
    from hypothesis import strategies as st

    def explode(text: str) -> None:
        if len(text) > 3:
            raise ValueError("boom")

    outcome = run(Target("broken", st.text(), explode), 200)
    assert outcome.failure.startswith("ValueError: boom")
