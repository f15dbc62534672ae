"""The batch engines: Dask gives the local engine's datasets, survives a killed worker, and a
rerun replaces its output whole."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from bench.synthetic import generate

from triangulate.engines import BatchConfig, Hooks, run_batch
from triangulate.engines.parquet import DATASETS, read_dataset
from triangulate.errors import ConfigError
from triangulate.model import Article

ARTICLES = 80
BLOCK_DAYS = 14  # short blocks, so stories cross block edges even in a small corpus


def _record(a: Article) -> dict[str, Any]:
    body = a.text[len(a.title) :].strip()
    return {
        "title": a.title,
        "text": body,
        "source": a.source,
        "url": a.url,
        "date": a.published.isoformat() if a.published else None,
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic corpus as six JSONL files, one undated article and one repeated."""
    folder = tmp_path_factory.mktemp("corpus")
    records = [_record(a) for a in generate(ARTICLES, seed=11)]
    records[7]["date"] = None
    records.append(dict(records[3]))  # the same article twice: kept once
    for k in range(6):
        lines = [json.dumps(r) for r in records[k::6]]
        (folder / f"feed-{k}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"title": "no text"}\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    run_batch([corpus], out, BatchConfig(engine="local", block_days=BLOCK_DAYS))
    return out


def _datasets(out: Path) -> dict[str, list[dict[str, Any]]]:
    return {
        name: sorted(read_dataset(out, name), key=lambda r: (r["id"], json.dumps(r, default=str))) for name in DATASETS
    }


def _dask(corpus: Path, out: Path, hooks: Hooks | None = None) -> dict[str, Any]:
    config = BatchConfig(engine="dask", workers=2, partitions=5, block_days=BLOCK_DAYS)
    return run_batch([corpus], out, config, hooks)


def test_engines_local_writes_every_dataset(local: Path) -> None:
    summary = json.loads((local / "summary.json").read_text())
    data = _datasets(local)
    assert summary["articles"] == ARTICLES == len(data["articles"])
    assert summary["duplicates"] == 1 and summary["failed"] == 1 and "broken.jsonl" in summary["errors"][0]
    assert summary["stories"] == len(data["stories"]) < ARTICLES
    assert sorted(i for s in data["stories"] for i in s["articles"]) == sorted(a["id"] for a in data["articles"])
    assert sum(summary["findings"].values()) == len(data["findings"]) > 0
    assert {f["relation"] for f in data["findings"]} <= {"agree", "compatible", "conflict", "update", "unique"}
    mention = json.loads(data["findings"][0]["mentions"])[0]
    assert {"article", "sentence", "text", "start", "end", "attributed_to", "hedged"} <= set(mention)
    assert any(c["quantity"] for c in data["claims"])


def test_engines_dask_equals_local(corpus: Path, local: Path, tmp_path: Path) -> None:
    summary = _dask(corpus, tmp_path / "out")
    assert _datasets(tmp_path / "out") == _datasets(local)
    assert summary["partitions"] == 5 and summary["workers"] == 2 and summary["blocks"] > 3
    assert summary["replayed"] > 0  # stories crossed block edges, and the replay handled them
    assert len(summary["peak_rss_mib"]) == 2


class KillOneWorker(Hooks):
    """Kills one worker process while the analysis tasks run."""

    def __init__(self) -> None:
        self.killed: list[int] = []
        self.before: set[int] = set()
        self.after: set[int] = set()

    def stage(self, name: str, futures: list[Any]) -> None:
        if name != "ingest and analyze":
            return
        client = futures[0].client
        deadline = time.monotonic() + 120
        while not any(client.processing().values()) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # well inside a task: a partition takes seconds
        pids = client.run(os.getpid)
        self.before = set(pids.values())
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        self.killed.append(victim)
        threading.Event().wait(0.5)
        client.wait_for_workers(2, timeout=120)
        self.after = set(client.run(os.getpid).values())


def test_engines_dask_survives_a_killed_worker(corpus: Path, local: Path, tmp_path: Path) -> None:
    hooks = KillOneWorker()
    _dask(corpus, tmp_path / "out", hooks)
    assert hooks.killed and hooks.killed[0] not in hooks.after  # the nanny started a new one
    data = _datasets(tmp_path / "out")
    assert data == _datasets(local)  # nothing lost, nothing twice
    assert len({r["id"] for r in data["articles"]}) == len(data["articles"])


def test_engines_rerun_replaces_the_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = sorted(corpus.glob("feed-*.jsonl"))
    run_batch(first[:1], out, BatchConfig())
    (out / "stale.txt").write_text("from the first run")
    summary = run_batch(first[1:2], out, BatchConfig())
    assert not (out / "stale.txt").exists()
    assert len(read_dataset(out, "articles")) == summary["articles"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind


def test_engines_failed_run_keeps_the_old_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(sorted(corpus.glob("feed-0.jsonl")), out, BatchConfig())
    before = _datasets(out)
    with pytest.raises(ConfigError):
        run_batch([corpus], out, BatchConfig(engine="dask", scheduler="tcp://127.0.0.1:1"))
    assert _datasets(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_engines_parquet_input_reads_like_jsonl(corpus: Path, tmp_path: Path) -> None:
    records = [json.loads(line) for line in (corpus / "feed-0.jsonl").read_text().splitlines()]
    table = pa.Table.from_pylist(records)
    pq.write_table(table, tmp_path / "feed.parquet", row_group_size=7)
    run_batch([tmp_path / "feed.parquet"], tmp_path / "a", BatchConfig())
    run_batch([corpus / "feed-0.jsonl"], tmp_path / "b", BatchConfig())
    a, b = _datasets(tmp_path / "a"), _datasets(tmp_path / "b")
    assert [r["ref"].split("#")[1] for r in a["articles"]] == [r["ref"].split("#")[1] for r in b["articles"]]
    for name in ("claims", "stories", "findings"):
        assert a[name] == b[name]


@pytest.mark.parametrize("kwargs", [{"engine": "spark"}, {"partitions": -1}, {"workers": 0}, {"block_days": 7}])
def test_engines_config_rejects_bad_values(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        BatchConfig(**kwargs)


@pytest.mark.parametrize(("units", "parts", "sizes"), [(7, 5, [2, 2, 1, 1, 1]), (3, 8, [1, 1, 1]), (0, 4, [0])])
def test_engines_split_units_keeps_order_and_balance(units: int, parts: int, sizes: list[int]) -> None:
    from triangulate.engines.stages import Unit, split_units

    given = [Unit(str(i)) for i in range(units)]
    chunks = split_units(given, parts)
    assert [len(c) for c in chunks] == sizes
    assert [u for c in chunks for u in c] == given


def test_engines_peak_memory_of_a_started_process_is_its_own() -> None:
    """A process started by fork and exec (a Dask worker) reports its own peak, not the size of
    the process that started it (which ``ru_maxrss`` carries across exec)."""
    import subprocess
    import sys

    ballast = bytearray(400 * 1024 * 1024)  # this process now holds 400 MiB more
    child = subprocess.run(
        [sys.executable, "-c", "from triangulate.engines.local import peak_rss_mib; print(peak_rss_mib())"],
        capture_output=True,
        text=True,
        check=True,
    )
    del ballast
    assert float(child.stdout) < 300


def test_engines_peak_memory_of_a_second_run_is_its_own() -> None:
    """A run reports its own peak, not that of an earlier run in the same process."""
    from pathlib import Path

    from triangulate.engines.local import peak_rss_mib, reset_peak_rss

    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("the peak can only be started again on Linux")
    ballast = b"x" * (300 * 1024 * 1024)  # an earlier run's peak
    earlier = peak_rss_mib()
    del ballast
    reset_peak_rss()
    assert peak_rss_mib() < earlier - 200
