"""Peak memory of ingesting one big JSONL (or WARC) file, at several sizes: it must not grow.

    python bench/streaming.py --sizes 100M 1G             # JSONL, the figures in docs/reliability.md
    python bench/streaming.py --format warc --sizes 20M 100M

For each size, a file of generated articles is written into a temporary folder, then a fresh
process ingests it into a temporary SQLite database (``api.ingest``: read, decode, build each
article, store it) and reports its peak resident set size (``VmHWM``), the same figure after
the imports alone, the article count and the time. Everything is deleted afterwards.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, resource, sys, time

def peak_kib():
    # VmHWM, not ru_maxrss: a child started by fork and exec inherits its parent's size in ru_maxrss
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from triangulate import api
from triangulate.ingest import IngestConfig
from triangulate.store import Store

from triangulate.ingest import read_inputs

path, db, store_them = sys.argv[1], sys.argv[2], sys.argv[3] == "store"
baseline = peak_kib()
start = time.perf_counter()
if store_them:
    with Store(db) as store:
        summary = api.ingest([path], store, IngestConfig())
        ingested, failed, count = summary.ingested, summary.failed, store.counts()["articles"]
else:  # read, decode and build every article, store nothing: the reading side alone
    ingested = failed = 0
    for result in read_inputs([path], IngestConfig()):
        ingested += result.ok
        failed += not result.ok
    count = ingested
print(json.dumps({
    "baseline_kib": baseline,
    "peak_kib": peak_kib(),
    "ingested": ingested, "failed": failed, "stored": count,
    "seconds": time.perf_counter() - start,
}))
"""

UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
PARAGRAPH = (
    "The county emergency office said on {day} that {n} homes were damaged and about {m} residents "
    "were evacuated overnight, while crews expected to reopen {r} roads by Friday. "
)


def parse_size(text: str) -> int:
    text = text.strip().upper()
    return int(float(text[:-1]) * UNITS[text[-1]]) if text[-1] in UNITS else int(text)


def article(n: int, paragraphs: int) -> dict[str, str]:
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    body = "\n\n".join(
        PARAGRAPH.format(day=days[(n + i) % 5], n=n + i, m=n * 3 + i, r=i % 9 + 1) for i in range(paragraphs)
    )
    return {"id": f"s{n}", "title": f"Storm report {n}", "text": body, "source": "Bench Wire", "date": "2026-03-09"}


def write_jsonl(path: Path, size: int) -> int:
    """Articles of about 2 kB until the file reaches ``size`` bytes; returns how many."""
    n = written = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < size:
            line = json.dumps(article(n, 12)) + "\n"
            handle.write(line)
            written += len(line)
            n += 1
    return n


def write_warc(path: Path, size: int) -> int:
    """Gzipped HTML responses of about 20 kB until the file reaches ``size`` bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        while handle.tell() < size:
            a = article(n, 100)
            paragraphs = "".join(f"<p>{p}</p>" for p in a["text"].split("\n\n"))
            html = f"<html><head><title>{a['title']}</title></head><body><article><h1>{a['title']}</h1>{paragraphs}</article></body></html>"
            record = writer.create_warc_record(
                f"https://bench.example/{n}", "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
            writer.write_record(record)
            n += 1
    return n


def measure(fmt: str, size: int, store: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="triangulate-streaming-") as tmp:
        path = Path(tmp) / ("big.jsonl" if fmt == "jsonl" else "big.warc.gz")
        start = time.perf_counter()
        articles = (write_jsonl if fmt == "jsonl" else write_warc)(path, size)
        written = time.perf_counter() - start
        actual = path.stat().st_size
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(Path(tmp) / "stream.db"), "store" if store else "read"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    result |= {"bytes": actual, "articles": articles, "write_seconds": written}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--format", choices=("jsonl", "warc"), default="jsonl")
    parser.add_argument("--sizes", nargs="+", default=["100M", "1G"])
    parser.add_argument("--read-only", action="store_true", help="read and build the articles, store nothing")
    args = parser.parse_args(argv)
    mode = "read only" if args.read_only else "ingest + store"
    print(
        "| format | mode | file size | articles | stored | failed | peak RSS | RSS after imports | ingest time | articles/s |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    ok = True
    for size in map(parse_size, args.sizes):
        r = measure(args.format, size, not args.read_only)
        ok &= r["stored"] == r["articles"] and r["failed"] == 0
        print(
            f"| {args.format} | {mode} | {r['bytes'] / (1 << 20):,.0f} MiB | {r['articles']:,.0f} | {r['stored']:,.0f} | {r['failed']:.0f} "
            f"| {r['peak_kib'] / 1024:,.0f} MiB | {r['baseline_kib'] / 1024:,.0f} MiB | {r['seconds']:,.0f} s "
            f"| {r['articles'] / r['seconds']:,.0f} |",
            flush=True,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
