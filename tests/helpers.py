"""Shared test helpers: where things are, and running the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from triangulate.model import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"

# One event told twice, for the clusterer's tests.
QUAKE_A = (
    "A magnitude 6.1 earthquake struck near the coastal town of Verano on Monday, toppling the bell tower of "
    "the Santa Lucia church and cutting power to 40,000 homes, the regional civil protection agency said."
)
QUAKE_A2 = (
    "The 6.1-magnitude quake that hit Verano on Monday brought down the Santa Lucia bell tower; civil "
    "protection officials said 40,000 homes lost power and two people were hurt."
)


def need_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds is absent ({SEEDS}); the seed acceptance test needs it")


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the installed `triangulate` console script, as a user would."""
    exe = Path(sys.executable).with_name("triangulate")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "160"}
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def cli_json(*args: str) -> dict[str, Any]:
    result = run_cli(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def quantities(sentence: str, nlp: Any) -> list[Any]:
    """The figures the pipeline reads in one sentence (``Quantity`` records)."""
    from triangulate.analyze import analyze
    from triangulate.model import Article

    analysis = analyze(Article(id="t", title="", text=sentence), nlp)
    return [c.quantity for c in analysis.claims if c.kind == "quantity" and c.quantity is not None]


def article(aid: str, text: str, published: date | None = None, title: str = "") -> Article:
    """An article whose text starts with its title (by default, the text up to its first comma)."""
    title = title or text.split(",")[0][:60]
    return Article(id=aid, title=title, text=title + "\n\n" + text, published=published)
