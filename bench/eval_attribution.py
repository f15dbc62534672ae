"""Accuracy of attribution (who says what) on a hand-labelled set of short news passages.

    python bench/eval_attribution.py [--json] [--data PATH]

Each line of ``tests/data/attributions.jsonl`` holds a passage, the index of the sentence to check
(counted as the analyzer counts: non-empty spaCy sentences from 0), the expected speaker (null when
the sentence is not attributed), the expected source chain (outermost first) and whether the
speaker is anonymous. Names compare case-insensitively, without a leading "the ".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triangulate.analyze import analyze, load_nlp
from triangulate.model import Article, Attribution

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "attributions.jsonl"


def load_items(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The labelled items, one per non-empty line."""
    lines = Path(path or DATA).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def norm(name: str | None) -> str:
    """A name for comparison: lower case, single spaces, no leading "the"."""
    text = re.sub(r"\s+", " ", (name or "").strip()).casefold()
    return re.sub(r"^the\s+", "", text)


def _found(item: dict[str, Any], nlp: Any) -> Attribution | None:
    analysis = analyze(Article(id=item["id"], title="", text=item["text"]), nlp)
    claims = [c for c in analysis.claims if c.kind == "statement" and c.sentence == item["sentence"]]
    if not claims:
        raise ValueError(f"{item['id']}: no sentence {item['sentence']} ({len(analysis.sentences)} sentences)")
    return claims[0].attribution


def evaluate(path: Path | str | None = None) -> dict[str, Any]:
    """Score the analyzer on the labelled set; see the module docstring."""
    items = load_items(path)
    nlp = load_nlp()
    speaker_ok = chain_ok = anonymous_ok = 0
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[dict[str, Any]] = []
    for item in items:
        got = _found(item, nlp)
        got_speaker = got.speaker if got else None
        got_chain = list(got.chain) if got else []
        got_anonymous = bool(got and got.anonymous)
        if item["speaker"] is None:
            s_ok = got is None
        else:
            s_ok = got is not None and norm(got_speaker) == norm(item["speaker"])
        c_ok = [norm(x) for x in got_chain] == [norm(x) for x in item["chain"]]
        a_ok = got_anonymous == bool(item["anonymous"])
        speaker_ok, chain_ok, anonymous_ok = speaker_ok + s_ok, chain_ok + c_ok, anonymous_ok + a_ok
        by_category[item["category"]][0] += s_ok
        by_category[item["category"]][1] += 1
        if not (s_ok and c_ok and a_ok):
            misses.append(
                {
                    "id": item["id"],
                    "category": item["category"],
                    "text": item["text"],
                    "sentence": item["sentence"],
                    "wrong": [k for k, ok in (("speaker", s_ok), ("chain", c_ok), ("anonymous", a_ok)) if not ok],
                    "expected": {"speaker": item["speaker"], "chain": item["chain"], "anonymous": item["anonymous"]},
                    "got": {"speaker": got_speaker, "chain": got_chain, "anonymous": got_anonymous},
                }
            )
    n = len(items)
    return {
        "n": n,
        "speaker_accuracy": speaker_ok / n if n else 0.0,
        "chain_accuracy": chain_ok / n if n else 0.0,
        "anonymous_accuracy": anonymous_ok / n if n else 0.0,
        "by_category": {
            k: {"correct": v[0], "n": v[1], "accuracy": v[0] / v[1]} for k, v in sorted(by_category.items())
        },
        "misses": misses,
    }


def _print_report(result: dict[str, Any]) -> None:
    n = result["n"]
    print(f"items: {n}")
    print(f"exact speaker: {result['speaker_accuracy']:.1%}")
    print(f"chain:         {result['chain_accuracy']:.1%}")
    print(f"anonymous:     {result['anonymous_accuracy']:.1%}")
    print("\nspeaker accuracy by category:")
    for category, row in result["by_category"].items():
        print(f"  {category:32} {row['correct']:3}/{row['n']:<3} {row['accuracy']:.0%}")
    print(f"\nmisses ({len(result['misses'])}):")
    for miss in result["misses"]:
        print(f"- {miss['id']} [{miss['category']}] wrong: {', '.join(miss['wrong'])}")
        print(f"  text:     {miss['text']} (sentence {miss['sentence']})")
        print(f"  expected: {json.dumps(miss['expected'], ensure_ascii=False)}")
        print(f"  got:      {json.dumps(miss['got'], ensure_ascii=False)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--data", type=Path, default=DATA, help="the labelled JSONL file")
    args = parser.parse_args(argv)
    result = evaluate(args.data)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print_report(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
