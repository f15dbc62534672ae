"""The accuracy gate: current scores against the pinned floors in bench/baseline.json.

    python bench/gate.py                  # measure and compare; exit 1 if any score dropped
    python bench/gate.py --update         # raise the floors to the current scores
    python bench/gate.py --update --allow-lower   # also lower a floor (say why in the commit)

Floors only move up unless --allow-lower is given, after trafilatura's eval gate. The NewsQuant
part is skipped, with a message, when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
BASELINE = HERE / "baseline.json"
TOLERANCE = 0.05  # points: rounding in the reported scores, not real regressions


def measure() -> dict[str, float]:
    """Every gated score, in percent."""
    from bench import eval_attribution, eval_quantities, eval_times

    scores: dict[str, float] = {}
    times = eval_times.evaluate()
    scores["times.accuracy"] = round(100 * times["accuracy"], 1)
    attribution = eval_attribution.evaluate()
    scores["attribution.speaker"] = round(100 * attribution["speaker_accuracy"], 1)
    scores["attribution.chain"] = round(100 * attribution["chain_accuracy"], 1)
    gold = eval_quantities.NEWSQUANT / "newsquant.jsonl"
    if gold.exists():
        predictions, _ = eval_quantities.predict(eval_quantities.load_gold(gold))
        for kind, s in eval_quantities.score(predictions, gold).items():
            scores[f"newsquant.{kind}.f1"] = float(s["F1"])
        scores.update(_story_scores())
    return scores


def _story_scores() -> dict[str, float]:
    """Story clustering on the public sets (test splits; calibrated on ECB+ train+dev only)."""
    from bench import eval_stories
    from triangulate.cluster import cluster_labels, recluster_labels

    scores = {}
    for dataset, metric, key, system in (
        ("ecbplus", "bcubed_f1", "stories.ecbplus.b3_f1", cluster_labels),
        ("basil", "bcubed_f1", "stories.basil.b3_f1", cluster_labels),
        ("googlenews", "nmi_geometric", "stories.googlenews.nmi_geometric", cluster_labels),
        ("ecbplus", "bcubed_f1", "stories.ecbplus.batch_b3_f1", recluster_labels),
        ("basil", "bcubed_f1", "stories.basil.batch_b3_f1", recluster_labels),
    ):
        articles, gold = eval_stories.load(dataset)
        result = eval_stories.evaluate(system, articles, gold)
        scores[key] = round(100 * float(result[metric]), 1)
    return scores


def compare(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line per score below its floor."""
    return [
        f"{name}: {scores[name]:.1f} < floor {floor:.1f}"
        for name, floor in sorted(floors.items())
        if name in scores and scores[name] < floor - TOLERANCE
    ]


def load_floors() -> dict[str, float]:
    data: dict[str, Any] = json.loads(BASELINE.read_text())
    return {k: float(v) for k, v in data["floors"].items()}


def update(scores: dict[str, float], allow_lower: bool) -> list[str]:
    floors = load_floors() if BASELINE.exists() else {}
    lowered = [n for n, v in scores.items() if n in floors and v < floors[n] - TOLERANCE]
    if lowered and not allow_lower:
        return [f"refusing to lower {n} ({floors[n]} -> {scores[n]}); pass --allow-lower" for n in lowered]
    floors.update(scores)
    BASELINE.write_text(json.dumps({"floors": dict(sorted(floors.items()))}, indent=2) + "\n")
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="accuracy gate")
    parser.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    parser.add_argument("--allow-lower", action="store_true", help="with --update, also lower floors")
    args = parser.parse_args(argv)
    scores = measure()
    for name, value in sorted(scores.items()):
        print(f"{name:40} {value:5.1f}")
    problems = update(scores, args.allow_lower) if args.update else compare(scores, load_floors())
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
