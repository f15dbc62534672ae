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
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_pipeline import command_line, machine
from bench.synthetic import generate
from triangulate.cluster import ClusterConfig, stories_of
from triangulate.engines import BatchConfig, run_batch
from triangulate.engines.blocking import BlockInput, Words, block_of, cluster_blocks, doc_freq
from triangulate.engines.dask_engine import DaskRunner
from triangulate.engines.local import peak_rss_mib, reset_peak_rss
from triangulate.model import Article

SECTION = "## Batch engines: local and Dask"
ENGINES = {"local": (None, "local"), "dask-1": (1, "dask"), "dask-2": (2, "dask")}
BLOCK_DAYS = 28
Row = dict[str, Any]


def corpus(n: int) -> list[Article]:
    """``n`` synthetic articles in stream order, each generated story moved to start two days
    after the one before: the generator packs any number of stories into the same three years,
    so at 10,000 articles and more its same-template stories overlap and chain into a few
    endless ones, which no real stream does."""
    articles = generate(n, seed=7)
    starts: dict[str, date] = {}
    for a in articles:
        story = a.ref.split("/")[1]
        starts[story] = min(starts.get(story, date.max), a.published or date.max)
    numbers = {story: k for k, story in enumerate(sorted(starts))}
    origin = date(2020, 1, 1)
    moved = []
    for a in articles:
        story = a.ref.split("/")[1]
        if a.published is not None:
            a = replace(a, published=origin + timedelta(days=2 * numbers[story]) + (a.published - starts[story]))
        moved.append(a)
    key = [(a.published is None, a.published or date.min, i) for i, a in enumerate(moved)]
    return [moved[i] for i in sorted(range(n), key=key.__getitem__)]


def write_jsonl(articles: list[Article], folder: Path, files: int = 16) -> None:
    for k in range(files):
        with open(folder / f"part-{k:02d}.jsonl", "w", encoding="utf-8") as f:
            for a in articles[k::files]:
                record = {"title": a.title, "text": a.text[len(a.title) :], "source": a.source}
                record["date"] = a.published.isoformat() if a.published else None
                f.write(json.dumps(record) + "\n")


def full(n: int, engines: list[str], hashed: bool = False) -> Iterator[Row]:
    """The whole pipeline, end to end, for each engine."""
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        inputs = Path(tmp) / "in"  # the output goes beside it, never inside: it would be read
        inputs.mkdir()
        write_jsonl(corpus(n), inputs)
        for name in engines:
            workers, engine = ENGINES[name]
            config = BatchConfig(engine=engine, workers=workers or 1, block_days=BLOCK_DAYS)
            began = time.perf_counter()
            summary = run_batch([inputs], Path(tmp) / "out", config)
            row = _row("full pipeline", name, n, time.perf_counter() - began, summary["peak_rss_mib"])
            yield row | {"stories": summary["stories"]}


class HashedNames:
    """A stand-in for the dense model, to time the clustering machinery at sizes where the model
    itself would take hours on a small machine: unit vectors of the hashed names and numbers of
    the text (what sets one event apart from another, as the real model's vectors do)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                if word[:1].isupper() or word[:1].isdigit():
                    out[row, zlib.crc32(word.strip(".,;:'\"").encode()) % 384] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-9)).astype(np.float32)


def cluster_stage(n: int, engines: list[str], hashed: bool = False) -> Iterator[Row]:
    """Clustering alone: one online clusterer against blocked clustering on Dask."""
    articles = corpus(n)
    config = ClusterConfig()
    embedder = HashedNames() if hashed else None
    stage = "clustering (stand-in model)" if hashed else "clustering"
    reference = None
    for name in engines:
        workers, _ = ENGINES[name]
        began = time.perf_counter()
        if workers is None:
            reset_peak_rss()  # not the full pipeline's peak, run before in this process
            stories = sorted(tuple(s.article_ids) for s in stories_of(articles, config, embedder))
            peak: Any = {"local": peak_rss_mib()}
            replayed = 0
        else:
            stories, peak, replayed = _on_dask(articles, config, workers, embedder)
        row = _row(stage, name, n, time.perf_counter() - began, peak)
        equal = None if reference is None else stories == reference  # the first engine is the reference
        reference = reference or stories
        yield row | {"stories": len(stories), "equal": equal, "replayed": replayed}


def _on_dask(
    articles: list[Article], config: ClusterConfig, workers: int, embedder: Any
) -> tuple[list[tuple[str, ...]], Any, int]:
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        blocks = _blocks(articles, config)
        handles = [client.scatter(b) for b in blocks]
        words = client.scatter(Words(doc_freq(articles, config), len(articles)))
        members, replayed = cluster_blocks(DaskRunner(client), handles, words, config, embedder)
        return sorted(tuple(m) for m in members), client.run(peak_rss_mib), replayed


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
    """Each row's speed-up over the local engine on the same stage and size."""
    base = {(r["stage"], r["articles"]): r["seconds"] for r in rows if r["engine"] == "local"}
    for r in rows:
        local = base.get((r["stage"], r["articles"]))
        r["speedup"] = local / r["seconds"] if local else None
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
        "is the largest process's peak (`VmHWM`: the driver for local, the largest worker for Dask).",
        "",
        *(f"- Command: `{c}`" for c in dict.fromkeys(r.get("command", "") for r in rows)),
        f"- Date: {datetime.now().isoformat(timespec='seconds')}; load average at the end "
        f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1 / 5 / 15 min)",
        *(f"- {key}: {value}" for key, value in machine().items()),
        "",
        "| stage | engine | articles | seconds | articles/s | speed-up | peak RSS MiB per worker | stories "
        "| replayed | equal |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        speedup = f"{r['speedup']:.2f}" if r["speedup"] else ""
        equal = {True: "yes", False: "NO"}.get(r.get("equal"), "")  # type: ignore[call-overload]
        lines.append(
            f"| {r['stage']} | {r['engine']} | {r['articles']:,} | {r['seconds']:.1f} | {r['per_s']:,.1f} "
            f"| {speedup} | {r['peak']:,.0f} | {r['stories']:,} | {r.get('replayed', '')} | {equal} |"
        )
    lines.append(f"\n<!-- rows: {json.dumps(rows)} -->")
    return "\n".join(lines) + "\n"


def _earlier(path: Path) -> list[Row]:
    """The rows recorded in this section before (kept in a comment), for ``--append``."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start = text.find(SECTION)
    marker = text.find("<!-- rows: ", start) if start >= 0 else -1
    if marker < 0:
        return []
    rows: list[Row] = json.loads(text[marker + len("<!-- rows: ") : text.index(" -->", marker)])
    return rows


def write_section(path: Path, section: str) -> None:
    """Replace this benchmark's own section of ``path`` (or append it), leaving the others."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if start is None:
        text = "".join(lines).rstrip("\n") + "\n\n" + section
    else:
        end = next(  # the next section, or the begin marker another benchmark put before its own
            (
                i
                for i in range(start + 1, len(lines))
                if lines[i].startswith("## ") or lines[i].rstrip().endswith(":begin -->")
            ),
            len(lines),
        )
        text = "".join(lines[:start]) + section + ("\n" + "".join(lines[end:]) if end < len(lines) else "")
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", type=int, nargs="*", default=[2000], help="corpus sizes for the full pipeline")
    parser.add_argument("--cluster", type=int, nargs="*", default=[10000, 100000], help="sizes for clustering alone")
    parser.add_argument("--engines", default="local,dask-1,dask-2", help="local, dask-1, dask-2")
    parser.add_argument("--hashed", type=int, nargs="*", default=[], help="sizes for clustering, stand-in model")
    parser.add_argument("--append", action="store_true", help="add to the rows already in the section")
    parser.add_argument("--write", type=Path, help="record the results in this Markdown file")
    args = parser.parse_args(argv)
    engines = args.engines.split(",")
    rows: list[Row] = _earlier(args.write) if args.write and args.append else []
    runs: list[tuple[Callable[..., Iterator[Row]], int, bool]] = [(full, n, False) for n in args.full]
    runs += [(cluster_stage, n, False) for n in args.cluster] + [(cluster_stage, n, True) for n in args.hashed]
    for run, n, hashed in runs:
        for row in run(n, engines, hashed):
            print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()), flush=True)
            rows.append(row | {"command": command_line()})
            if args.write:  # after every row, so a long run that is stopped keeps what it measured
                write_section(args.write, markdown(_speedups(rows)))


if __name__ == "__main__":
    main()
