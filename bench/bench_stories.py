"""Clustering throughput and memory on a long synthetic stream: does the cost per article stay flat?

    python bench/bench_stories.py --sizes 10000 100000 [--per-day 3000] [--write docs/benchmarks.md]

The stream is generated as it goes (the corpus never sits in memory) from a seeded random
newsroom: events belong to topics (a topic's events are look-alikes: same vocabulary, different
names, places and figures), each event is reported 1-8 times over a few days by outlets that
rewrite it (sentences reordered, dropped, reworded with topic words), some reports are
near-verbatim copies, and ``--per-day`` articles are published a day, so stories go cold as real
ones do. The words are invented (pronounceable syllables), so nothing here is anyone's text.
Each size runs in its own process (a clean peak RSS). Only the clustering is timed
(``partial_fit`` + ``assign`` per article); generating the text is not.
"""

from __future__ import annotations

import argparse
import dataclasses
import heapq
import json
import os
import platform
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cluster_metrics import bcubed
from triangulate.cluster import ClusterConfig, StoryClusterer
from triangulate.ingest import make_article
from triangulate.model import Article

CHUNK = 2000
START = date(2026, 1, 1)


def markers(stand_in: bool) -> tuple[str, str]:
    """Each variant keeps its own section of the Markdown file."""
    name = "bench_stories_stand_in" if stand_in else "bench_stories"
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ar", "en", "ol")]
GLUE = "the a of in on and to by for with after as said that was were has had from at".split()


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


class Newsroom:
    """Topics, events and reports, all from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.topics = [[_word(self.rng, 3) for _ in range(40)] for _ in range(400)]
        self.events = 0

    def event(self) -> tuple[list[str], list[str], list[str]]:
        """One event: its topic's words, its own words, its names and figures."""
        rng = self.rng
        topic = rng.choice(self.topics)
        own = [_word(rng, 3) for _ in range(8)]
        names = [_word(rng, 2).capitalize() + " " + _word(rng, 3).capitalize() for _ in range(3)]
        names += [str(rng.randint(10, 99_999)) for _ in range(2)]
        self.events += 1
        return topic, own, names

    def reports(self, event: tuple[list[str], list[str], list[str]]) -> list[tuple[str, str]]:
        rng = self.rng
        topic, own, names = event
        facts = [
            " ".join(rng.choice(GLUE) + " " + rng.choice(topic + own + names) for _ in range(rng.randint(6, 12)))
            for _ in range(10)
        ]
        title = " ".join([*rng.sample(own, 2), names[0], *rng.sample(topic, 3)]).capitalize()
        out: list[tuple[str, str]] = []
        for _ in range(rng.choice((1, 1, 2, 3, 4, 5, 6, 8))):
            if out and rng.random() < 0.2:  # a syndicated copy
                out.append(out[0])
                continue
            body = rng.sample(facts, rng.randint(5, 9))
            body = [f.replace(rng.choice(topic), rng.choice(topic)) for f in body]
            out.append(
                (
                    title if rng.random() < 0.5 else " ".join(rng.sample(title.split(), 5)).capitalize(),
                    ". ".join(body) + ".",
                )
            )
        return out


def stream(n: int, per_day: int, seed: int = 0) -> Iterator[list[tuple[Article, str]]]:
    """Chunks of (article, gold event) in publication order, ``per_day`` articles a day; an
    event's reports spread over its first days."""
    room = Newsroom(seed)
    pending: list[tuple[int, int, str, str, str]] = []  # (index due, order, event, title, text)
    made = order = 0
    chunk: list[tuple[Article, str]] = []
    while made < n:
        while len(pending) < 4 * per_day:
            event = room.event()
            label = f"e{room.events}"
            for title, text in room.reports(event):
                due = made + len(pending) + room.rng.randint(0, 2 * per_day)
                order += 1
                heapq.heappush(pending, (due, order, label, title, text))
        _, _, label, title, text = heapq.heappop(pending)
        published = START + timedelta(days=made // per_day)
        article = make_article(
            title=title, text=text, source=f"outlet {made % 97}", published=published, ref=f"{label}/{made}"
        )
        chunk.append((article, label))
        made += 1
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def overrides(pairs: list[str]) -> dict[str, float]:
    """``["clash_names=0"]`` -> ClusterConfig keyword arguments (numbers, typed as the field is)."""
    fields = {f.name: f.type for f in dataclasses.fields(ClusterConfig)}
    out: dict[str, float] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in fields:
            raise SystemExit(f"--config: ClusterConfig has no field {name!r}")
        out[name] = int(value) if fields[name] in ("int", int) else float(value)
    return out


def run(n: int, per_day: int, config: list[str] | None = None, stand_in: bool = False) -> dict[str, object]:
    embedder = None
    if stand_in:  # hashed names and numbers instead of the model: the clusterer's own cost and memory
        from bench.scale import HashedNames

        embedder = HashedNames()
    clusterer = StoryClusterer(ClusterConfig(**overrides(config or [])), embedder)  # type: ignore[arg-type]
    busy0, own0 = machine_busy_s(), time.process_time()
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
    busy = machine_busy_s()
    others = None if busy is None or busy0 is None else max(0.0, busy - busy0 - (time.process_time() - own0))
    p, r, f = bcubed(gold, labels)
    # VmHWM, not ru_maxrss, which this child inherits from the parent that started it; imported
    # only now, so the engines' own imports (pyarrow) do not count in the peak
    from triangulate.engines.local import peak_rss_mib

    return {
        "articles": n,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "articles_per_s": round(n / wall, 1),
        "embedded": clusterer.embedded_,
        "stories": len(clusterer.stories_),
        "warm_stories_at_end": warm,
        "peak_rss_mib": round(peak_rss_mib()),
        "ms_per_article_by_tenth": curve,
        "bcubed": [round(p, 3), round(r, 3), round(f, 3)],
        "other_cpu_s": None if others is None else round(others, 1),
    }


def machine_busy_s() -> float | None:
    """CPU seconds all processes have used since boot (Linux ``/proc/stat``), or None elsewhere:
    what the machine did besides this benchmark is the difference with our own CPU time."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def table(results: list[dict[str, object]], command: str, stand_in: bool = False) -> str:
    begin, end = markers(stand_in)
    lines = [
        begin,
        "## Story clustering on a long stream" + (": the clusterer's own cost (stand-in model)" if stand_in else ""),
        "",
        f"Command: `{command}`  ",
        f"Machine: {platform.machine()}, {_cores()} cores, Python {platform.python_version()}. *CPU s* is the "
        "clusterer's (its model runs on two threads); *others' CPU s* is what every other process on the "
        "machine used during the run (from /proc/stat): near 0 means the figures are the idle machine's.",
        "",
        "| articles | wall s | CPU s | articles/s | model calls | stories | warm at end | peak RSS MiB | ms/article, first → last tenth | B3 P / R / F1 | others' CPU s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|",
    ]
    for r in results:
        curve = r["ms_per_article_by_tenth"]
        assert isinstance(curve, list)
        ends = f"{curve[0]} → {curve[-1]}" if curve else "-"
        lines.append(
            f"| {r['articles']:,} | {r['wall_s']} | {r['cpu_s']} | {r['articles_per_s']} | {r['embedded']:,} | "
            f"{r['stories']:,} | {r['warm_stories_at_end']:,} | {r['peak_rss_mib']} | {ends} | "
            f"{' / '.join(str(x) for x in r['bcubed'])} | {r.get('other_cpu_s', '-')} |"  # type: ignore[attr-defined]
        )
    lines += [end, ""]
    return "\n".join(lines)


def _cores() -> int:
    return len(os.sched_getaffinity(0))


def write(path: Path, section: str, stand_in: bool = False) -> None:
    begin, end = markers(stand_in)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in text and end in text:
        text = text[: text.index(begin)] + section.rstrip("\n") + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-day", type=int, default=3000, help="articles a day in the stream")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file")
    parser.add_argument("--config", nargs="*", default=[], metavar="FIELD=VALUE", help="ClusterConfig overrides")
    parser.add_argument(
        "--stand-in", action="store_true", help="hashed names instead of the model (bench/scale.py's HashedNames)"
    )
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run(args.one, args.per_day, args.config, args.stand_in)))
        return 0
    results = []
    for n in args.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--per-day", str(args.per_day), "--config", *args.config]
            + (["--stand-in"] if args.stand_in else []),
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    command = "python bench/bench_stories.py --sizes " + " ".join(map(str, args.sizes))
    command += "".join(f" --config {c}" for c in args.config) + (" --stand-in" if args.stand_in else "")
    section = table(results, command, args.stand_in)
    print(section)
    if args.write:
        write(args.write, section, args.stand_in)
    return 0


if __name__ == "__main__":
    sys.exit(main())
