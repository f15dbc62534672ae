"""Shared test helpers: where things are, and running the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


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
