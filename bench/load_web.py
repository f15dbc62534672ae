"""Load test of `triangulate serve`: N concurrent clients for T seconds against a local server.

    python bench/load_web.py --clients 50 --seconds 30 [--db PATH] [--write docs/benchmarks.md]

Starts the real server (`triangulate serve`, one uvicorn process) on a free loopback port over
the given database, or over the example corpus ingested into a temporary one. Each client is an
asyncio task with its own HTTP connection that requests, one after the other, the story page of
the example story, its JSON, the stories page and the stories API, round robin, and records the
latency of each answer. Prints requests/s and p50/p90/p99/max latency, overall and per path.
The clients run on the same machine as the server and take their share of its CPUs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Web server under load"
SECTION_INGEST = "## Web server under load, during a background ingest"


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0

    def add(self, path: str, seconds: float) -> None:
        self.latencies.setdefault(path, []).append(seconds)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_example_db(folder: Path) -> Path:
    from triangulate import api
    from triangulate.store import Store

    db = folder / "example.db"
    with Store(db) as store:
        api.ingest([ROOT / "examples/story", ROOT / "examples/other"], store)
        api.refresh(store)
    return db


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("triangulate")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/stories", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def start_ingest(base: str, n_articles: int) -> str:
    """Upload ``n_articles`` generated articles as one JSONL file; returns the job id."""
    import json

    sys.path.insert(0, str(ROOT))
    from bench.synthetic import generate

    lines = [
        json.dumps(
            {
                "title": a.title,
                "text": a.text.split("\n\n", 1)[-1],
                "source": a.source,
                "date": a.published.isoformat() if a.published else None,
            }
        )
        for a in generate(n_articles)
    ]
    body = ("\n".join(lines) + "\n").encode()
    response = httpx.post(f"{base}/api/v1/ingest", files={"files": ("corpus.jsonl", body)}, timeout=60)
    response.raise_for_status()
    return str(response.json()["id"])


def job_line(base: str, job_id: str) -> str:
    job = httpx.get(f"{base}/api/v1/ingest/{job_id}").json()
    a = job["articles"]
    return f"background ingest when the load ended: state {job['state']}, {a['new']} articles stored, {a['analysed']} analysed"


def target_paths(base: str) -> list[str]:
    """The biggest story's page and JSON, and the stories page and API."""
    stories = httpx.get(f"{base}/api/v1/stories").json()["items"]
    if not stories:
        raise SystemExit("the database holds no story")
    biggest = max(stories, key=lambda s: len(s["articles"]))["id"]
    return [f"/stories/{biggest}", f"/api/v1/stories/{biggest}", "/", "/api/v1/stories"]


async def client(base: str, paths: list[str], start: int, deadline: float, tally: Tally) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        n = start
        while time.monotonic() < deadline:
            path = paths[n % len(paths)]
            n += 1
            began = time.perf_counter()
            try:
                response = await http.get(path)
                await response.aread()
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                tally.add(path, time.perf_counter() - began)
            else:
                tally.errors += 1


async def raw_client(base: str, paths: list[str], start: int, deadline: float, tally: Tally) -> None:
    """The same loop over a bare keep-alive HTTP/1.1 connection: on a small shared machine,
    httpx's own work per request (about three times the server's) would otherwise decide the
    result."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    requests = [f"GET {p} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: */*\r\n\r\n".encode() for p in paths]
    n = start
    try:
        while time.monotonic() < deadline:
            index = n % len(paths)
            n += 1
            began = time.perf_counter()
            writer.write(requests[index])
            status, length = _parse_head(await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30))
            await asyncio.wait_for(reader.readexactly(length), 30)
            if status == 200:
                tally.add(paths[index], time.perf_counter() - began)
            else:
                tally.errors += 1
    finally:
        writer.close()


def _parse_head(head: bytes) -> tuple[int, int]:
    lines = head.decode("latin-1").split("\r\n")
    length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")), 0)
    return int(lines[0].split()[1]), length


async def run_load(base: str, paths: list[str], clients: int, seconds: float, raw: bool = True) -> tuple[Tally, float]:
    tally = Tally()
    began = time.monotonic()
    deadline = began + seconds
    loop = raw_client if raw else client
    await asyncio.gather(*(loop(base, paths, i, deadline, tally) for i in range(clients)))
    return tally, time.monotonic() - began


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else ordered * 99
    return {"p50": cuts[49] * 1000, "p90": cuts[89] * 1000, "p99": cuts[98] * 1000, "max": ordered[-1] * 1000}


def report(tally: Tally, elapsed: float, args: argparse.Namespace, ingest_line: str = "") -> str:
    every = [v for vs in tally.latencies.values() for v in vs]
    if not every:
        raise SystemExit(f"no request succeeded ({tally.errors} errors)")
    rows = [("all", every), *tally.latencies.items()]
    lines = [
        "| path | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, values in rows:
        p = percentiles(values)
        shown = name if name == "all" else f"`{name[:30]}`"
        lines.append(
            f"| {shown} | {len(values):,} | {len(values) / elapsed:,.0f} | {p['p50']:.1f} | {p['p90']:.1f} | {p['p99']:.1f} | {p['max']:.1f} |"
        )
    during = (
        [
            f"While the clients ran, the server analysed a {args.ingest}-article JSONL upload in its analysis process ({ingest_line}).",
            "",
        ]
        if args.ingest
        else []
    )
    header = [
        SECTION_INGEST if args.ingest else SECTION,
        "",
        "`bench/load_web.py` (`make bench-web`) starts `triangulate serve` (one uvicorn process) on the",
        "example database and runs concurrent asyncio clients, one keep-alive connection each, that",
        "request the story page, the story's JSON, the stories page and the stories API in turn",
        "(`--client raw`: bare HTTP/1.1 on asyncio streams; `--client httpx`: httpx, which costs about",
        "three times the server's CPU per request). The clients share the machine's CPUs with the server.",
        "",
        *during,
        f"- Command: `.venv/bin/python bench/load_web.py --clients {args.clients} --seconds {args.seconds:g} --client {args.client}"
        + (f" --ingest {args.ingest}`" if args.ingest else "`"),
        f"- Date: {datetime.now().isoformat(timespec='seconds')}",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs (shared with other work while measured), Python {platform.python_version()}",
        f"- Load average when the run began (1 min, all users of the machine): {args.load_before:.1f}",
        f"- {args.clients} clients for {elapsed:.1f} s; {len(every):,} answers, {tally.errors} errors",
        "",
    ]
    return "\n".join([*header, *lines]) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace this benchmark's section of ``path`` (or append it), keeping the others."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    title = section.splitlines()[0]
    start = next((i for i, line in enumerate(lines) if line.rstrip() == title), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        rest = "".join(lines[end:])
        new = "".join(lines[:start]) + section + ("\n" + rest if rest else "")
    path.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, help="database to serve (default: the example corpus, ingested now)")
    parser.add_argument("--write", type=Path, help="Markdown file whose load-test section to rewrite")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw", help="HTTP client of the load loop")
    parser.add_argument("--ingest", type=int, default=0, help="upload this many generated articles as the load starts")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0]  # other work on a shared machine moves every figure
    with tempfile.TemporaryDirectory(prefix="triangulate-load-") as tmp:
        db = args.db or build_example_db(Path(tmp))
        port = _free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            paths = target_paths(base)
            for path in paths:  # warm the server's snapshot and page memo
                httpx.get(base + path).raise_for_status()
            job_id = start_ingest(base, args.ingest) if args.ingest else ""
            tally, elapsed = asyncio.run(run_load(base, paths, args.clients, args.seconds, args.client == "raw"))
            ingest_line = job_line(base, job_id) if job_id else ""
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    section = report(tally, elapsed, args, ingest_line)
    print(section)
    if args.write:
        write_section(args.write, section)
        print(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
