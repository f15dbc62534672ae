"""Reliability: SIGKILL an ingest (and an analysis) at many points; rerunning loses nothing.

Each round starts a real process on one database, kills it with SIGKILL once it has reported a
chosen number of items, then reruns it to the end. After every kill the database must pass
``PRAGMA integrity_check``; at the end every article is there exactly once and every analysis is
whole (an analysed article has its sentences and statements, an unanalysed one has none).

The default run is reduced (a few hundred articles, a few kill points); ``make reliability``
(``TRIANGULATE_RELIABILITY=full``) runs the figures of issue #7: 2,000 articles, 20 kill points.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FULL = os.environ.get("TRIANGULATE_RELIABILITY") == "full"
ARTICLES = 2_000 if FULL else 300
INGEST_KILLS = 20 if FULL else 4
ANALYSIS_ARTICLES = 120 if FULL else 40
ANALYSIS_KILLS = 6 if FULL else 2

PLACES = ("Aldermere", "Brackenfell", "Carrowdale", "Dunleith", "Elmstow", "Fennick", "Garrowby", "Hollin")

# The process under test: ingest (or analyse) and print one line per item, flushed, so the
# test knows how far it got when it kills it.
DRIVER = """
import sys
from triangulate import api
from triangulate.store import Store

mode, db, *inputs = sys.argv[1:]
with Store(db) as store:
    if mode == "ingest":
        api.ingest(inputs, store, on_item=lambda r, status: print(status, flush=True))
    else:
        api.analyze_pending(store, on_article=lambda a: print("analysed", flush=True))
print("done", flush=True)
"""


def article(number: int) -> dict[str, str]:
    place = PLACES[number % len(PLACES)]
    return {
        "id": f"a{number}",
        "title": f"Storm damages {number} homes in {place}",
        "text": (
            f"The {place} council said on Monday that {number} homes were damaged and about "
            f"{number * 3 + 7} residents were evacuated overnight. Officials expect to reopen "
            f"{number % 17 + 2} roads by Thursday, according to the county emergency office."
        ),
        "source": f"The {place} Ledger",
        "date": f"2026-{number % 12 + 1:02d}-{number % 27 + 1:02d}",
    }


def write_inputs(folder: Path, count: int) -> list[str]:
    """Most articles in one JSONL file, the rest as text files in a folder (both code paths)."""
    folder.mkdir(parents=True, exist_ok=True)
    split = count * 3 // 4
    with (folder / "batch.jsonl").open("w") as handle:
        for number in range(split):
            handle.write(json.dumps(article(number)) + "\n")
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    for number in range(split, count):
        a = article(number)
        (texts / f"{number:05d}.txt").write_text(
            f"Source: {a['source']}\nDate: {a['date']}\n\n{a['title']}\n\n{a['text']}\n"
        )
    return [str(folder / "batch.jsonl"), str(texts)]


def start(mode: str, db: Path, inputs: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, mode, str(db), *inputs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def kill_after(mode: str, db: Path, inputs: list[str], items: int) -> int:
    """Run the driver, SIGKILL it after ``items`` reported items; how many it reported."""
    process = start(mode, db, inputs)
    assert process.stdout is not None
    seen = 0
    for line in process.stdout:
        if line.strip() == "done":
            break
        seen += 1
        if seen >= items:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=300)
    process.stdout.close()
    assert process.stderr is not None
    stderr = process.stderr.read()
    process.stderr.close()
    assert "Traceback" not in stderr, stderr
    return seen


def finish(mode: str, db: Path, inputs: list[str]) -> str:
    process = start(mode, db, inputs)
    out, err = process.communicate(timeout=900)
    assert process.returncode == 0, err
    assert out.rstrip().endswith("done")
    return out


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def integrity(db: Path) -> str:
    return str(query(db, "PRAGMA integrity_check")[0][0])


def kill_points(total: int, count: int) -> list[int]:
    """``count`` points spread over the run, from the first item to the last."""
    return sorted({max(1, round(total * (k + 0.5) / count)) for k in range(count)})


def test_sigkill_during_ingest_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", ARTICLES)
    db = tmp_path / "crash.db"
    stored_before = 0
    for point in kill_points(ARTICLES, INGEST_KILLS):
        # Each round restarts the whole input: what was stored is skipped as a duplicate, and
        # the kill lands further in.
        kill_after("ingest", db, inputs, point)
        assert integrity(db) == "ok"
        stored = int(query(db, "SELECT count(*) FROM articles")[0][0])
        assert stored >= stored_before, "a committed article disappeared"
        assert stored >= point, "an article reported as stored was lost"
        stored_before = stored
    out = finish("ingest", db, inputs)
    assert out.count("new") + out.count("duplicate") == ARTICLES
    assert integrity(db) == "ok"
    ((count, distinct_ids, distinct_refs),) = query(
        db, "SELECT count(*), count(DISTINCT id), count(DISTINCT ref) FROM articles"
    )
    assert count == distinct_ids == distinct_refs == ARTICLES
    titles = {str(t) for (t,) in query(db, "SELECT title FROM articles")}
    assert titles == {article(n)["title"] for n in range(ARTICLES)}


def test_sigkill_during_analysis_leaves_only_whole_analyses(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", ANALYSIS_ARTICLES)
    db = tmp_path / "crash.db"
    finish("ingest", db, inputs)
    for point in kill_points(ANALYSIS_ARTICLES, ANALYSIS_KILLS):
        kill_after("analyze", db, [], max(1, point // 2))  # each round only sees what is still pending
        assert integrity(db) == "ok"
        assert_whole_analyses(db)
    finish("analyze", db, [])
    assert integrity(db) == "ok"
    assert_whole_analyses(db)
    assert query(db, "SELECT count(*) FROM analyses") == [(ANALYSIS_ARTICLES,)]


def assert_whole_analyses(db: Path) -> None:
    """Every analysis has its sentences and one statement per sentence; nothing is orphaned."""
    partial = query(
        db,
        "SELECT a.article_id FROM analyses a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.article_id)"
        " OR (SELECT count(*) FROM sentences s WHERE s.article_id = a.article_id)"
        " != (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id AND c.kind = 'statement')",
    )
    assert partial == []
    orphans = query(
        db,
        "SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT article_id FROM analyses)",
    )
    assert orphans == [(0,)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_points_cover_the_run() -> None:
    points = kill_points(2_000, 20)
    assert len(points) == 20 and points[0] < 100 and points[-1] > 1_900
