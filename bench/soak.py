"""Soak: continuous ingest plus reads through the web server, for a long time, on one database.

    nice -n 10 python bench/soak.py --minutes 30 --write /tmp/soak.md

An ingest process adds batches of new generated articles (``api.ingest``, then
``api.analyze_pending``; every few batches ``api.build_stories`` regroups and re-compares the
whole database) while ``triangulate serve`` answers readers: a few client threads that list
stories and articles and open single ones. Every request's latency and status, every ingest
round, and the resident memory of both processes (sampled every ``--sample`` seconds) are
recorded; the report gives throughput, p50/p99 latency, errors and memory over time. Everything
lives in a temporary folder that is deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

INGESTER = """
import json, sys, time
from pathlib import Path
from triangulate import api
from triangulate.analyze import load_nlp
from triangulate.store import Store

db, folder, seconds, batch, regroup = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
places = ["Aldermere", "Brackenfell", "Carrowdale", "Dunleith", "Elmstow", "Fennick", "Garrowby", "Hollin"]
nlp = load_nlp()
end = time.monotonic() + seconds
round_no = 0
while time.monotonic() < end:
    path = folder / f"batch-{round_no:05d}.jsonl"
    with path.open("w") as handle:
        for i in range(batch):
            n = round_no * batch + i
            place = places[n % len(places)]
            handle.write(json.dumps({
                "title": f"Flooding in {place}: {n} homes damaged, report {n}",
                "text": f"The {place} council said on Monday that {n} homes were damaged and about {n * 3 + 11} "
                        f"residents were evacuated overnight. Officials told reporters that {n % 13 + 2} roads "
                        f"would reopen by Thursday. Emergency services said {n % 7 + 1} people were treated.",
                "source": f"The {place} Ledger", "date": "2026-03-09"}) + "\\n")
    started = time.monotonic()
    with Store(db) as store:
        summary = api.ingest([path], store)
        analysed = api.analyze_pending(store, nlp)
        stories = len(api.build_stories(store)) if round_no % regroup == regroup - 1 else -1
    path.unlink()
    print(json.dumps({"round": round_no, "at": time.monotonic(), "seconds": time.monotonic() - started,
                      "ingested": summary.ingested, "failed": summary.failed, "analysed": analysed,
                      "stories": stories}), flush=True)
    round_no += 1
"""

READ_PATHS = ("/api/v1/stories?limit=20", "/api/v1/articles?limit=50", "/", "story", "article")


@dataclass
class Reads:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stale: int = 0  # 404s for a story regrouped away since the reader listed it: not errors
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, error: str = "", stale: bool = False) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.stale += stale
            if error and not stale:
                self.errors.append(error)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def reader(base: str, until: float, reads: Reads, pause: float, seed: int) -> None:
    rng = random.Random(seed)
    story_ids: list[str] = []
    article_ids: list[str] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < until:
            kind = rng.choice(READ_PATHS)
            if kind == "story":
                path = f"/api/v1/stories/{rng.choice(story_ids)}" if story_ids else "/api/v1/stories?limit=20"
            elif kind == "article":
                path = f"/api/v1/articles/{rng.choice(article_ids)}" if article_ids else "/api/v1/articles?limit=50"
            else:
                path = kind
            start = time.perf_counter()
            try:
                response = client.get(path)
                error = (
                    "" if response.status_code == 200 else f"{path}: HTTP {response.status_code} {response.text[:200]}"
                )
                if not error and path.startswith("/api/v1/stories?"):
                    story_ids = [s["id"] for s in response.json()["items"]] or story_ids
                if not error and path.startswith("/api/v1/articles?"):
                    article_ids = [a["id"] for a in response.json()["items"]] or article_ids
            except httpx.HTTPError as exc:
                error = f"{path}: {type(exc).__name__}: {exc}"
            # Regrouping gives a story whose articles changed a new id, so an id listed a moment
            # ago may be gone: counted apart, not as an error.
            stale = kind == "story" and error.startswith(f"{path}: HTTP 404")
            reads.record(time.perf_counter() - start, error, stale)
            time.sleep(pause)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def soak(minutes: float, readers: int, batch: int, regroup: int, sample: float, pause: float) -> str:
    seconds = minutes * 60
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    exe = str(Path(sys.executable).with_name("triangulate"))
    with tempfile.TemporaryDirectory(prefix="triangulate-soak-") as tmp:
        db, port = Path(tmp) / "soak.db", free_port()
        server = subprocess.Popen(
            [exe, "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        _wait_for(base, server)
        ingester = subprocess.Popen(
            [sys.executable, "-c", INGESTER, str(db), tmp, str(seconds), str(batch), str(regroup)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        start = time.monotonic()
        until = start + seconds
        reads = Reads()
        threads = [
            threading.Thread(target=reader, args=(base, until, reads, pause, n), daemon=True) for n in range(readers)
        ]
        for thread in threads:
            thread.start()
        memory: list[tuple[float, float, float, int, int]] = []
        while time.monotonic() < until:
            time.sleep(min(sample, max(0.0, until - time.monotonic())))
            with reads.lock:
                done, failed = len(reads.latencies), len(reads.errors)
            memory.append((time.monotonic() - start, rss_mib(server.pid), rss_mib(ingester.pid), done, failed))
            print(
                f"[{memory[-1][0]:6.0f} s] server {memory[-1][1]:.0f} MiB, ingest {memory[-1][2]:.0f} MiB, {done} reads, {failed} errors",
                file=sys.stderr,
                flush=True,
            )
        for thread in threads:
            thread.join()
        out, ingest_err = ingester.communicate(timeout=900)
        server.terminate()
        _, server_err = server.communicate(timeout=60)
    rounds = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return _report(minutes, readers, batch, regroup, rounds, reads, memory, ingester.returncode, ingest_err, server_err)


def _wait_for(base: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {server.communicate()[1]}")
        try:
            if httpx.get(f"{base}/api/v1/stories", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def _report(
    minutes: float,
    readers: int,
    batch: int,
    regroup: int,
    rounds: list[dict[str, float]],
    reads: Reads,
    memory: list[tuple[float, float, float, int, int]],
    ingest_code: int | None,
    ingest_err: str,
    server_err: str,
) -> str:
    ingested = sum(r["ingested"] for r in rounds)
    failed = sum(r["failed"] for r in rounds)
    round_times = [r["seconds"] for r in rounds]
    lat = [s * 1000 for s in reads.latencies]
    seconds = minutes * 60
    problems = [
        line
        for line in (ingest_err + server_err).splitlines()
        if "Traceback" in line or "locked" in line or "Error" in line
    ]
    lines = [
        f"Soak of {minutes:g} minutes: one ingest process (batches of {batch} new articles, ingest + analyse, "
        f"regroup and re-compare every {regroup} batches) and {readers} reader threads through `triangulate serve`.",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| articles ingested and analysed | {ingested:,.0f} ({ingested / seconds * 60:,.0f} a minute) |",
        f"| ingest rounds | {len(rounds)} (median {statistics.median(round_times) if round_times else float('nan'):.1f} s, "
        f"slowest {max(round_times, default=float('nan')):.1f} s) |",
        f"| items failed in ingest | {failed:.0f} |",
        f"| ingest process exit code | {ingest_code} |",
        f"| reads | {len(lat):,} ({len(lat) / seconds:,.1f} a second) |",
        f"| read latency p50 / p99 / max | {percentile(lat, 0.5):,.0f} / {percentile(lat, 0.99):,.0f} / {max(lat, default=float('nan')):,.0f} ms |",
        f"| read errors (5xx, transport, timeouts, other 4xx) | {len(reads.errors)} |",
        f"| 404 for a story regrouped since it was listed | {reads.stale} |",
        f"| tracebacks or 'locked' in the logs | {len(problems)} |",
        "",
        "| minute | server RSS (MiB) | ingest RSS (MiB) | reads so far | errors so far |",
        "|---:|---:|---:|---:|---:|",
    ]
    step = max(1, len(memory) // 12)
    for at, server, ingest, done, errs in memory[::step] + (
        [memory[-1]] if memory and (len(memory) - 1) % step else []
    ):
        lines.append(f"| {at / 60:.1f} | {server:.0f} | {ingest:.0f} | {done:,} | {errs} |")
    if reads.errors:
        lines += ["", "First errors:", *[f"- {e}" for e in reads.errors[:5]]]
    if problems:
        lines += ["", "Log lines:", *[f"- {p}" for p in problems[:5]]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--batch", type=int, default=20, help="new articles per ingest round")
    parser.add_argument("--regroup", type=int, default=5, help="regroup and re-compare every N rounds")
    parser.add_argument("--sample", type=float, default=30, help="seconds between memory samples")
    parser.add_argument("--pause", type=float, default=0.05, help="each reader's pause between requests, seconds")
    parser.add_argument("--write", type=Path, default=None, help="also write the report here")
    args = parser.parse_args(argv)
    report = soak(args.minutes, args.readers, args.batch, args.regroup, args.sample, args.pause)
    print(report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
