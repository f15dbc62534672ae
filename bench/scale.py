"""The batch engines at scale: the local engine against Dask with 1 and 2 workers.

    python bench/scale.py --full 2000 --cluster 10000 100000 --write docs/benchmarks.md

Two measurements, on synthetic corpora from ``bench/synthetic.py``:

* ``--full N``: ``run_batch`` end to end (ingest of JSONL files, spaCy analysis, clustering,
  comparison, Parquet output), for each engine;
* ``--cluster N``: the clustering stage alone (no analysis), on articles already in memory: the
  local engine's one online clusterer (``stories_of``) against ``blocking.cluster_blocks`` on
  Dask (speculation and replay of time blocks), checking both give the same stories.

Peak memory is each process's peak resident set size (``ru_maxrss``): the driver's for the
local engine, each worker's for Dask. Every figure is printed and, with ``--write``, recorded in
its own section of the given Markdown file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_pipeline import command_line, machine
from bench.synthetic import generate
from triangulate.cluster import ClusterConfig, stories_of
from triangulate.engines import BatchConfig, run_batch
from triangulate.engines.blocking import BlockInput, Words, block_of, cluster_blocks, doc_freq
from triangulate.engines.dask_engine import DaskRunner
from triangulate.engines.local import peak_rss_mib
from triangulate.model import Article

SECTION = "## Batch engines: local and Dask"
ENGINES = {"local": (None, "local"), "dask-1": (1, "dask"), "dask-2": (2, "dask")}
BLOCK_DAYS = 28
Row = dict[str, Any]


def corpus(n: int) -> list[Article]:
    """``n`` synthetic articles in stream order (by date, undated last)."""
    articles = generate(n, seed=7)
    key = [(a.published is None, a.published or date.min, i) for i, a in enumerate(articles)]
    return [articles[i] for i in sorted(range(n), key=key.__getitem__)]


def write_jsonl(articles: list[Article], folder: Path, files: int = 16) -> None:
    for k in range(files):
        with open(folder / f"part-{k:02d}.jsonl", "w", encoding="utf-8") as f:
            for a in articles[k::files]:
                record = {"title": a.title, "text": a.text[len(a.title) :], "source": a.source}
                record["date"] = a.published.isoformat() if a.published else None
                f.write(json.dumps(record) + "\n")


def full(n: int, engines: list[str]) -> list[Row]:
    """The whole pipeline, end to end, for each engine."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        write_jsonl(generate(n, seed=7), Path(tmp))
        for name in engines:
            workers, engine = ENGINES[name]
            config = BatchConfig(engine=engine, workers=workers or 1, block_days=BLOCK_DAYS)
            began = time.perf_counter()
            summary = run_batch([tmp], Path(tmp) / "out", config)
            rows.append(_row("full pipeline", name, n, time.perf_counter() - began, summary["peak_rss_mib"]))
            rows[-1]["stories"] = summary["stories"]
    return _speedups(rows)


def cluster_stage(n: int, engines: list[str]) -> list[Row]:
    """Clustering alone: one online clusterer against blocked clustering on Dask."""
    articles = corpus(n)
    config = ClusterConfig()
    rows, reference = [], None
    for name in engines:
        workers, _ = ENGINES[name]
        began = time.perf_counter()
        if workers is None:
            stories = sorted(tuple(s.article_ids) for s in stories_of(articles, config))
            peak: Any = {"local": peak_rss_mib()}
        else:
            stories, peak = _on_dask(articles, config, workers)
        rows.append(_row("clustering", name, n, time.perf_counter() - began, peak))
        reference = reference or stories
        rows[-1]["stories"] = len(stories)
        rows[-1]["equal"] = stories == reference
    return _speedups(rows)


def _on_dask(articles: list[Article], config: ClusterConfig, workers: int) -> tuple[list[tuple[str, ...]], Any]:
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0") as cluster, Client(
        cluster
    ) as client:
        blocks = _blocks(articles, config)
        handles = [client.scatter(b) for b in blocks]
        words = client.scatter(Words(doc_freq(articles, config), len(articles)))
        members, _ = cluster_blocks(DaskRunner(client), handles, words, config)
        return sorted(tuple(m) for m in members), client.run(peak_rss_mib)


def _blocks(articles: list[Article], config: ClusterConfig) -> list[BlockInput]:
    dated = [a.published for a in articles if a.published]
    start = min(dated)
    last = max((d - start).days // BLOCK_DAYS for d in dated)
    blocks: dict[int, BlockInput] = {}
    for a in articles:
        b = block_of(a.published, start, config, BLOCK_DAYS, last)
        blocks.setdefault(b, BlockInput(b)).articles.append(a)
    return [blocks[b] for b in sorted(blocks)]


def _row(stage: str, engine: str, n: int, seconds: float, peak: dict[str, float]) -> Row:
    worst = max(peak.values()) if peak else 0.0
    return {"stage": stage, "engine": engine, "articles": n, "seconds": seconds, "per_s": n / seconds, "peak": worst}


def _speedups(rows: list[Row]) -> list[Row]:
    base = next((r["seconds"] for r in rows if r["engine"] == "local"), None)
    for r in rows:
        r["speedup"] = base / r["seconds"] if base else None
    return rows


def markdown(rows: list[Row]) -> str:
    lines = [
        SECTION,
        "",
        "`bench/scale.py`: the batch engines on synthetic corpora. *full pipeline* is `run_batch` end to "
        "end (JSONL ingest, spaCy analysis, clustering, comparison, Parquet output, LocalCluster start "
        "included); *clustering* is the clustering stage alone on articles in memory: one online "
        "clusterer (`stories_of`, the local engine) against time blocks speculated and replayed on "
        "Dask (`blocking.cluster_blocks`, blocks of 28 days), with the stories checked equal. Peak RSS "
        "is the largest process's peak (the driver for local, the largest worker for Dask). The machine's "
        "2 cores were shared with other work while this ran, so the speed-ups are lower bounds.",
        "",
        f"- Command: `{command_line()}`",
        f"- Date: {datetime.now().isoformat(timespec='seconds')}",
        *(f"- {key}: {value}" for key, value in machine().items()),
        "",
        "| stage | engine | articles | seconds | articles/s | speed-up | peak RSS MiB per worker | stories | equal |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        speedup = f"{r['speedup']:.2f}" if r["speedup"] else ""
        equal = {True: "yes", False: "NO"}.get(r.get("equal"), "")  # type: ignore[call-overload]
        lines.append(
            f"| {r['stage']} | {r['engine']} | {r['articles']:,} | {r['seconds']:.1f} | {r['per_s']:,.1f} "
            f"| {speedup} | {r['peak']:,.0f} | {r['stories']:,} | {equal} |"
        )
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace this benchmark's own section of ``path`` (or append it), leaving the others."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if start is None:
        text = "".join(lines).rstrip("\n") + "\n\n" + section
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        text = "".join(lines[:start]) + section + ("\n" + "".join(lines[end:]) if end < len(lines) else "")
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", type=int, nargs="*", default=[2000], help="corpus sizes for the full pipeline")
    parser.add_argument("--cluster", type=int, nargs="*", default=[10000, 100000], help="sizes for clustering alone")
    parser.add_argument("--engines", default="local,dask-1,dask-2", help="local, dask-1, dask-2")
    parser.add_argument("--write", type=Path, help="record the results in this Markdown file")
    args = parser.parse_args(argv)
    engines = args.engines.split(",")
    rows: list[Row] = []
    runs: list[tuple[Callable[[int, list[str]], list[Row]], int]] = [(full, n) for n in args.full]
    runs += [(cluster_stage, n) for n in args.cluster]
    for run, n in runs:
        for row in run(n, engines):
            print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()), flush=True)
            rows.append(row)
    if args.write:
        write_section(args.write, markdown(rows))


if __name__ == "__main__":
    main()
