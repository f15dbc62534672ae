"""Accuracy of :func:`triangulate.analyze.times.find_times` on a table of news time expressions.

    python bench/eval_times.py [--json]

Each line of ``tests/data/times.jsonl`` holds a sentence, the article date (``ref``, or null for an
undated article), the expected expression and its inclusive interval ``[start, end]`` (both null when
it cannot be resolved). Scoring, per item:

* category ``none``: correct when ``find_times`` finds nothing at all;
* otherwise: correct when some found span's text contains the expected expression (case-sensitive;
  a superset such as "on Thursday" for "Thursday" or "in the spring of 2021" for "spring of 2021" is
  accepted) and its ``(low, high)`` equals ``(start, end)`` (both None for an unresolved one).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triangulate.analyze.times import find_times

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "times.jsonl"


def load(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The evaluation items, one dict per non-blank line."""
    lines = Path(path or DATA).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def score(item: dict[str, Any]) -> tuple[bool, list[tuple[str, str | None, str | None]]]:
    """Whether ``find_times`` gets ``item`` right, and what it found as (text, low, high)."""
    found = find_times(item["sentence"], _day(item["ref"]))
    got = [(t.text, _iso(t.low), _iso(t.high)) for t in found]
    if item["expression"] is None:
        return not got, got
    want = (item["start"], item["end"])
    return any(item["expression"] in text and (low, high) == want for text, low, high in got), got


def evaluate(path: Path | str | None = None) -> dict[str, Any]:
    """Overall and per-category accuracy, and every miss with what was expected and what was found."""
    items = load(path)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # category -> [correct, n]
    misses: list[dict[str, Any]] = []
    for item in items:
        ok, got = score(item)
        totals[item["category"]][0] += ok
        totals[item["category"]][1] += 1
        if not ok:
            misses.append(
                {
                    "id": item["id"],
                    "sentence": item["sentence"],
                    "ref": item["ref"],
                    "category": item["category"],
                    "expected": [item["expression"], item["start"], item["end"]],
                    "got": [list(g) for g in got],
                }
            )
    n = len(items)
    return {
        "accuracy": (n - len(misses)) / n if n else 0.0,
        "n": n,
        "by_category": {cat: {"correct": c, "n": k, "accuracy": c / k} for cat, (c, k) in sorted(totals.items())},
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--data", type=Path, default=None, help="evaluation file (default: tests/data/times.jsonl)")
    args = parser.parse_args(argv)
    result = evaluate(args.data)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"accuracy {result['accuracy']:.3f} ({result['n'] - len(result['misses'])}/{result['n']})")
    for cat, row in result["by_category"].items():
        print(f"  {cat:<11} {row['accuracy']:.3f} ({row['correct']}/{row['n']})")
    if result["misses"]:
        print(f"\n{len(result['misses'])} misses:")
    for miss in result["misses"]:
        print(f"- {miss['id']} [{miss['category']}] ref={miss['ref']} {miss['sentence']!r}")
        print(f"    expected {tuple(miss['expected'])}")
        print(f"    got      {[tuple(g) for g in miss['got']]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
