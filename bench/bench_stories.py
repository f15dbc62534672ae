"""Clustering throughput and memory on a long synthetic stream: does the cost per article stay flat?

    python bench/bench_stories.py --sizes 10000 100000 [--per-day 3000] [--write docs/benchmarks.md]

The stream is made of :mod:`bench.synthetic` chunks (stories of 3-6 rewritten reports, look-alike
events from the same template, near-duplicates), generated as the stream goes so the corpus never
sits in memory, and dated ``--per-day`` articles a day in order, so a story goes cold as a real
one does. Each size runs in its own process (a clean peak RSS). Only the clustering is timed
(``partial_fit`` + ``assign`` per article); generating the text is not.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cluster_metrics import bcubed
from bench.synthetic import generate
from triangulate.cluster import StoryClusterer
from triangulate.model import Article

CHUNK = 2000
START = date(2026, 1, 1)
BEGIN, END = "<!-- bench_stories:begin -->", "<!-- bench_stories:end -->"


def stream(n: int, per_day: int) -> Iterator[list[tuple[Article, str]]]:
    """Chunks of (article, gold story) in publication order, ``per_day`` articles a day."""
    done = 0
    for chunk in range((n + CHUNK - 1) // CHUNK):
        size = min(CHUNK, n - done)
        articles = sorted(generate(size, seed=chunk), key=lambda a: (a.published or START, a.id))
        out = []
        for i, a in enumerate(articles):
            gold = f"{chunk}/{a.ref.split('/')[1]}"
            out.append((replace(a, published=START + timedelta(days=(done + i) // per_day)), gold))
        done += size
        yield out


def run(n: int, per_day: int) -> dict[str, object]:
    clusterer = StoryClusterer()
    gold: list[str] = []
    labels: list[int] = []
    wall = cpu = 0.0
    curve = []  # cost per article (ms) over each tenth of the stream
    tenth = max(1, n // 10)
    mark_wall, mark_n = 0.0, 0
    for chunk in stream(n, per_day):
        articles = [a for a, _ in chunk]
        w0, c0 = time.perf_counter(), time.process_time()
        clusterer.partial_fit(articles)
        labels += [clusterer.assign(a) for a in articles]
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        gold += [g for _, g in chunk]
        if len(labels) - mark_n >= tenth:
            curve.append(round(1000 * (wall - mark_wall) / (len(labels) - mark_n), 2))
            mark_wall, mark_n = wall, len(labels)
    warm = sum(1 for s in clusterer.stories_ if s.warm)
    p, r, f = bcubed(gold, labels)
    return {
        "articles": n,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "articles_per_s": round(n / wall, 1),
        "embedded": clusterer.embedded_,
        "stories": len(clusterer.stories_),
        "warm_stories_at_end": warm,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "ms_per_article_by_tenth": curve,
        "bcubed": [round(p, 3), round(r, 3), round(f, 3)],
    }


def table(results: list[dict[str, object]], command: str) -> str:
    lines = [
        BEGIN,
        "## Story clustering on a long stream",
        "",
        f"Command: `{command}`  ",
        f"Machine: {platform.machine()}, {_cores()} cores, Python {platform.python_version()}; "
        "other work was running on the machine, so CPU time is shown beside wall time.",
        "",
        "| articles | wall s | CPU s | articles/s | model calls | stories | warm at end | peak RSS MiB | ms/article, first → last tenth | B3 P / R / F1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        curve = r["ms_per_article_by_tenth"]
        assert isinstance(curve, list)
        ends = f"{curve[0]} → {curve[-1]}" if curve else "-"
        lines.append(
            f"| {r['articles']:,} | {r['wall_s']} | {r['cpu_s']} | {r['articles_per_s']} | {r['embedded']:,} | "
            f"{r['stories']:,} | {r['warm_stories_at_end']:,} | {r['peak_rss_mib']} | {ends} | "
            f"{' / '.join(str(x) for x in r['bcubed'])} |"  # type: ignore[attr-defined]
        )
    lines += [END, ""]
    return "\n".join(lines)


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


def write(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section.rstrip("\n") + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-day", type=int, default=3000, help="articles a day in the stream")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run(args.one, args.per_day)))
        return 0
    results = []
    for n in args.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--per-day", str(args.per_day)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    command = "python bench/bench_stories.py --sizes " + " ".join(map(str, args.sizes))
    section = table(results, command)
    print(section)
    if args.write:
        write(args.write, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
