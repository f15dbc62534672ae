"""Our quantity extractor and CQE on the same NewsQuant sentences, scored by the same scorer.

    python bench/cqe_side_by_side.py [--cqe-python PATH] [--limit N] [--json] [--write-predictions DIR]

(a) runs our extractor in this process through ``bench/eval_quantities.py`` (the same prediction
mapping and the same ``score.py``, strict protocol); (b) runs CQE in a subprocess with the
interpreter of a separate CQE virtual environment (``--cqe-python`` or ``$CQE_PYTHON``), through
``bench/cqe_adapter.py``. CQE is GPL-3.0: it is never installed in our venv nor imported here.
Prints P/R/F1 per match type, model load time, sentences/s after loading, and peak RSS for each.
Skips (exit 0) when ``../shared`` or the CQE venv is absent. How to build the CQE venv:
docs/benchmarks.md, "Quantities: triangulate vs CQE".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import eval_quantities as eq

ADAPTER = Path(__file__).resolve().parent / "cqe_adapter.py"
TYPES = ["value", "value+unit", "value+change", "value+concept_partial", "value+concept_complete"]


def run_ours(rows: list[dict[str, Any]], gold_path: Path) -> dict[str, Any]:
    from triangulate.analyze import load_nlp

    started = time.perf_counter()
    load_nlp()  # cached: predict() below reuses it, so its timing is per-sentence work only
    load_s = time.perf_counter() - started
    predictions, parse_s = eq.predict(rows)
    return {
        "name": "triangulate",
        "predictions": predictions,
        "load_s": load_s,
        "parse_s": parse_s,
        "errors": 0,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "scores": eq.score(predictions, gold_path),
    }


def run_cqe(cqe_python: str, rows: list[dict[str, Any]], gold_path: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        sentences, out = Path(tmp) / "sentences.jsonl", Path(tmp) / "cqe.jsonl"
        sentences.write_text("".join(json.dumps({"idx": r["idx"], "text": r["text"]}) + "\n" for r in rows))
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        done = subprocess.run(
            [cqe_python, str(ADAPTER), str(sentences), str(out)], capture_output=True, text=True, env=env
        )
        if done.returncode != 0:
            raise RuntimeError(f"CQE adapter failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
        report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        predictions = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    report["child_maxrss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "name": f"CQE {report['versions']['cqe']}",
        "predictions": predictions,
        **report,
        "scores": eq.score(predictions, gold_path),
    }


def table(results: list[dict[str, Any]], n: int) -> str:
    head = "| match (strict) | " + " | ".join(f"{r['name']} P / R / F1" for r in results) + " |"
    lines = [head, "|---|" + "---|" * len(results)]
    for t in TYPES:
        cells = []
        for r in results:
            s = r["scores"].get(t)
            cells.append(f"{s['P']:.1f} / {s['R']:.1f} / **{s['F1']:.1f}**" if s else "—")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("sentences/s (after load)", lambda r: f"{n / r['parse_s']:.1f}"),
        ("model load (s)", lambda r: f"{r['load_s']:.1f}"),
        ("peak RSS (MiB)", lambda r: f"{r['peak_rss_mib']:.0f}"),
        ("predicted quantities", lambda r: str(sum(len(p["quantities"]) for p in r["predictions"]))),
        ("sentences that raised", lambda r: str(r["errors"])),
    ]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cqe-python",
        default=os.environ.get("CQE_PYTHON", ""),
        help="python of the separate CQE venv (default: $CQE_PYTHON)",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--write-predictions", type=Path, help="directory for both systems' predictions")
    args = parser.parse_args(argv)
    gold_path = eq.NEWSQUANT / "newsquant.jsonl"
    if not gold_path.exists():
        print(f"skipped: NewsQuant not found at {gold_path} (../shared is absent)")
        return 0
    if not args.cqe_python or not Path(args.cqe_python).exists():
        print("skipped: no CQE venv (give --cqe-python or CQE_PYTHON; see docs/benchmarks.md for how to make one)")
        return 0
    rows = eq.load_gold(gold_path)[: args.limit or None]
    results = [run_ours(rows, gold_path), run_cqe(args.cqe_python, rows, gold_path)]
    if args.write_predictions:
        args.write_predictions.mkdir(parents=True, exist_ok=True)
        for r in results:
            name = r["name"].split()[0].lower()
            (args.write_predictions / f"{name}.jsonl").write_text(
                "".join(json.dumps(p) + "\n" for p in r["predictions"])
            )
    machine = f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    if args.json:
        out = {
            "sentences": len(rows),
            "machine": machine,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "systems": [
                {k: v for k, v in r.items() if k != "predictions"} | {"sentences_per_second": len(rows) / r["parse_s"]}
                for r in results
            ],
        }
        print(json.dumps(out, indent=2))
        return 0
    print(
        f"NewsQuant, {len(rows)} sentences, strict protocol, same scorer; {machine}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print(table(results, len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
