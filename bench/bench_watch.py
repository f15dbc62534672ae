"""The cost of one `watch` polling round over many feeds, served by a local HTTP server.

    python bench/bench_watch.py --feeds 500 --write docs/benchmarks.md

A server in a child process (so its CPU time is not counted) serves N RSS feeds of E entries
each, with ETags. Three rounds run against a fresh database: **cold** (every feed new: fetch,
parse, dedupe, store), **unchanged** (every feed answers 304 to its conditional request) and
**10% changed** (one feed in ten has one new entry). The language pipeline is left out
(``refresh`` is a no-op): its cost per new article is in the pipeline section above.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import shlex
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` and ``triangulate`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triangulate.fetch import FetchConfig
from triangulate.store import Store
from triangulate.watch import Hooks, RoundReport, Source, WatchConfig, run_round
from triangulate.watch.sources import FEED

SECTION = "## Watch: one polling round"
T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def _feed(index: int, entries: int, generation: int) -> bytes:
    """Feed ``index`` at a generation: generation g adds entries up to ``entries + g`` (newest first)."""
    total = entries + (generation if index % 10 == 0 else 0)
    items = []
    for n in range(total, 0, -1):
        items.append(
            f"<item><guid>feed{index}-entry{n}</guid><title>Report {n} from outlet {index}</title>"
            f"<link>https://outlet{index}.example/news/{n}</link><pubDate>Mon, 01 Jun 2026 07:00:00 GMT</pubDate>"
            f"<description>Outlet {index} reports that {n * 7 + index} people were moved from the valley "
            f"after the river rose, officials said on Monday in bulletin {n}.</description></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet {index}</title>'
        f"<link>https://outlet{index}.example/</link><description>news</description>{''.join(items)}</channel></rss>"
    ).encode()


def _serve(port_out: Any, entries: int, generation: Any, hits: Any) -> None:
    """The server process: /feed/N.xml at the current generation, with an ETag per content."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with hits.get_lock():
                hits.value += 1
            index = int(self.path.rsplit("/", 1)[1].split(".")[0])
            gen = generation.value if index % 10 == 0 else 0
            etag = f'"{index}-{gen}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = _feed(index, entries, generation.value)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 256

    httpd = Server(("127.0.0.1", 0), Handler)
    port_out.value = httpd.server_address[1]
    httpd.serve_forever()


@dataclass(frozen=True, slots=True)
class Round:
    name: str
    wall: float
    cpu: float
    requests: int
    report: RoundReport


def _round(name: str, store: Store, sources: list[Source], config: WatchConfig, now: datetime, hits: Any) -> Round:
    before = hits.value
    wall, cpu = time.perf_counter(), time.process_time()
    hooks = Hooks(sleep=lambda _: None, refresh=lambda _: [])
    report = run_round(store, sources, config, now, hooks)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return Round(name, wall, cpu, hits.value - before, report)


def run(feeds: int, entries: int, workers: int) -> list[Round]:
    ctx = multiprocessing.get_context("spawn")
    port, generation, hits = ctx.Value("i", 0), ctx.Value("i", 0), ctx.Value("i", 0)
    server = ctx.Process(target=_serve, args=(port, entries, generation, hits), daemon=True)
    server.start()
    try:
        while not port.value:
            time.sleep(0.01)
        base = f"http://127.0.0.1:{port.value}"
        sources = [Source(FEED, f"{base}/feed/{i}.xml", 60) for i in range(feeds)]
        config = WatchConfig(fetch=FetchConfig(allow_private=True), workers=workers, fetch_pages=False)
        with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp, Store(Path(tmp) / "watch.db") as store:
            rounds = [_round("cold: every feed new", store, sources, config, T0, hits)]
            rounds.append(_round("unchanged: all 304", store, sources, config, T0 + timedelta(minutes=2), hits))
            generation.value = 1
            rounds.append(_round("10% changed", store, sources, config, T0 + timedelta(minutes=4), hits))
        return rounds
    finally:
        server.terminate()
        server.join()


def markdown(rounds: Sequence[Round], feeds: int, entries: int, workers: int) -> str:
    command = "python bench/bench_watch.py " + shlex.join(sys.argv[1:])
    lines = [
        SECTION,
        "",
        f"One `watch` round over {feeds} RSS feeds of {entries} entries each, served by a local HTTP "
        f"server in another process (its CPU is not counted), {workers} fetches at a time, SQLite on "
        "disk. The language pipeline is not run here (its cost per new article is in the pipeline "
        "section); a round is fetch, parse, dedupe and store.",
        "",
        f"- Command: `.venv/bin/{command}`",
        f"- Date: {datetime.now().isoformat(timespec='seconds')}",
        f"- platform: {platform.platform()}; CPUs: {os.cpu_count()}; Python {platform.python_version()}",
        "",
        "| round | wall s | CPU s | requests | new articles | not modified | feeds/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rounds:
        unchanged = sum(p.status == "not-modified" for p in r.report.polls)
        rate = len(r.report.polls) / r.wall if r.wall else 0.0
        lines.append(
            f"| {r.name} | {r.wall:.2f} | {r.cpu:.2f} | {r.requests} | {r.report.new_articles} "
            f"| {unchanged} | {rate:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace this benchmark's section of ``path`` (or append it), keeping the others."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        rest = "".join(lines[end:])
        new = "".join(lines[:start]) + section + ("\n" + rest if rest else "")
    path.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--entries", type=int, default=10, help="entries per feed")
    parser.add_argument("--workers", type=int, default=8, help="fetches at a time")
    parser.add_argument("--write", type=Path, help="replace this section of a Markdown file")
    args = parser.parse_args(argv)
    rounds = run(args.feeds, args.entries, args.workers)
    section = markdown(rounds, args.feeds, args.entries, args.workers)
    sys.stdout.write(section)
    failed = [p for r in rounds for p in r.report.polls if p.status == "failed"]
    if failed:
        sys.stderr.write(f"{len(failed)} failed polls, e.g. {failed[0].source}: {failed[0].error}\n")
        return 1
    if args.write:
        write_section(args.write, section)
    return 0


if __name__ == "__main__":
    threading.excepthook = lambda args: None  # a closed connection in the server's threads is not news
    raise SystemExit(main())
