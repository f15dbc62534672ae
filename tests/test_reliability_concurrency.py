"""Reliability: two ingest processes, the web server and a Store reader on one database at once.

No "database is locked" (or any other error) may reach a user, and no write may be lost: every
article of both writers is stored exactly once, including those both of them ingest. The second
writer also analyses, so long write transactions overlap the first writer's small ones, while
the web server answers reads throughout.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

from triangulate.store import Store

WRITER = """
import sys
from triangulate import api
from triangulate.store import Store

db, analyse, *inputs = sys.argv[1:]
with Store(db) as store:
    summary = api.ingest(inputs, store)
    print(summary.line(), flush=True)
    if analyse == "yes":
        print("analysed", api.analyze_pending(store), flush=True)
"""

READER = """
import sys, time
from triangulate.store import Store

db, seconds = sys.argv[1], float(sys.argv[2])
reads = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    with Store(db) as store:
        store.counts()
        for article in store.articles()[-20:]:
            store.analysis(article.id)
        store.stories()
    reads += 1
print("reads", reads, flush=True)
"""

FULL = os.environ.get("TRIANGULATE_RELIABILITY") == "full"
ONLY_A, ONLY_B, SHARED = (1_000, 500, 300) if FULL else (120, 40, 20)


def records(prefix: str, numbers: range) -> str:
    return "".join(
        json.dumps(
            {
                "title": f"{prefix} report {n}: {n} homes damaged",
                "text": f"The county said {n} homes were damaged and {n * 2 + 5} people evacuated on Monday. "
                f"Crews expect to reopen {n % 9 + 1} roads by Friday, officials said.",
                "date": "2026-05-04",
            }
        )
        + "\n"
        for n in numbers
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def python(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wait_until_up(client: httpx.Client, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1]
        try:
            if client.get("/api/v1/stories").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("the web server did not start")


def test_two_writers_and_readers_lose_nothing_and_never_see_locked(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(records("Shared", range(SHARED)) + records("A", range(ONLY_A)))
    b.write_text(records("B", range(ONLY_B)) + records("Shared", range(SHARED)))
    with Store(db):  # created and migrated once, as `triangulate serve` would
        pass
    port = free_port()
    exe = str(Path(sys.executable).with_name("triangulate"))
    server = subprocess.Popen(
        [exe, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    statuses: list[int] = []
    bodies_with_errors: list[str] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            wait_until_up(client, server)
            reader = python("-c", READER, str(db), "20")
            writer_a = python("-c", WRITER, str(db), "no", str(a))
            writer_b = python("-c", WRITER, str(db), "yes", str(b))
            writers = (writer_a, writer_b)
            while any(w.poll() is None for w in writers) or len(statuses) < 20:
                for path in ("/api/v1/stories", "/api/v1/articles?limit=50", "/"):
                    response = client.get(path)
                    statuses.append(response.status_code)
                    if response.status_code != 200 or "locked" in response.text:
                        bodies_with_errors.append(f"{path}: {response.status_code} {response.text[:300]}")
            results = [w.communicate(timeout=600) for w in writers]
            reader_out, reader_err = reader.communicate(timeout=600)
    finally:
        server.terminate()
        _, server_err = server.communicate(timeout=30)
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err and "locked" not in out
    assert reader.returncode == 0, reader_err
    assert reader_out.startswith("reads ")
    assert bodies_with_errors == []
    assert statuses and set(statuses) == {200}
    assert "locked" not in server_err and "Traceback" not in server_err
    with sqlite3.connect(db) as conn:
        count, distinct = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    assert count == distinct == ONLY_A + ONLY_B + SHARED
    assert integrity == "ok"
    # Each shared article was stored once: new for one writer, a duplicate for the other.
    lines = [out.splitlines()[0] for out, _ in results]
    new = sum(int(line.split()[1].rstrip(",")) for line in lines)
    assert new == ONLY_A + ONLY_B + SHARED
