"""Reliability: the limits that keep hostile input cheap.

Per-record size cap and streaming (JSONL and WARC files of any size, constant memory), the
decompression-bomb ratio, the per-article analysis time limit and sentence cap, and directed
worst cases for every regular expression (the fuzzing is in test_reliability_fuzz.py). The
deadlines here are generous: they catch exponential or quadratic blowup, not slowness.
"""

from __future__ import annotations

import gzip
import importlib
import io
import json
import logging
import re
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from bench.fuzz import all_patterns, apply_pattern
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from triangulate.analyze import MAX_SENTENCE_CHARS, analyze
from triangulate.errors import ConfigError
from triangulate.ingest import IngestConfig, make_article, read_inputs

BODY = "The council said on Monday that {n} homes were damaged and {m} people were evacuated overnight."
warc_module = importlib.import_module("triangulate.ingest.warc")

# Shapes that make a backtracking regex explode: long runs of what a pattern repeats, then a
# character that makes the match fail at the very end.
WORST_CASES = [
    "1," * 5_000 + "x",
    "1 " * 5_000 + "%",
    "1" * 10_000 + "!",
    " " * 10_000 + "x",
    "a" * 10_000 + "1",
    "a " * 5_000 + "said",
    "\n" * 10_000 + "x",
    "<" * 5_000,
    "<a " * 3_000,
    "&lt;!--" * 2_000,
    "[" * 5_000 + "](",
    "*" * 5_000 + "a",
    "**a " * 3_000,
    "_a" * 5_000,
    "$1.2" * 2_000,
    "between 1 and " * 1_000,
    "more than about nearly " * 500,
    "Monday, " * 2_000,
    "March 3 and " * 1_000,
    "per cent " * 2_000,
    "Mr. " * 3_000 + "Smith",
    '"' * 5_000,
    "-" * 10_000,
    "1-" * 5_000,
    ".1" * 5_000,
    "Source: " * 2_000,
    "\u201c" * 20_000,
]
PATTERNS = all_patterns()


def jsonl_file(path: Path, records: int, pad: int = 0) -> Path:
    with path.open("w") as handle:
        for n in range(records):
            record = {"title": f"Report {n}", "text": BODY.format(n=n, m=n * 3) + " x" * pad}
            handle.write(json.dumps(record) + "\n")
    return path


def warc_bytes(pages: int, compress: bool, pad: int = 0) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    for n in range(pages):
        html = f"<html><body><article><h1>Page {n}</h1><p>{BODY.format(n=n, m=n)}{' and so on' * pad}</p></article></body></html>"
        record = writer.create_warc_record(
            f"https://n.example/{n}", "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


# -- configuration --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["max_record_bytes", "max_compression_ratio"])
@pytest.mark.parametrize("value", [0, -1, 1.5, True, "10"])
def test_new_limits_are_validated(field: str, value: Any) -> None:
    with pytest.raises(ConfigError, match=field):
        IngestConfig(**{field: value})


# -- streaming --------------------------------------------------------------------------------------


def test_jsonl_larger_than_max_bytes_is_streamed(tmp_path: Path) -> None:
    path = jsonl_file(tmp_path / "big.jsonl", 3_000)
    config = IngestConfig(max_bytes=100_000, max_record_bytes=10_000)
    assert path.stat().st_size > 3 * config.max_bytes
    results = list(read_inputs([path], config))
    assert len(results) == 3_000 and all(r.ok for r in results)


def test_warc_larger_than_max_bytes_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    path.write_bytes(warc_bytes(100, compress=True))
    results = list(read_inputs([path], IngestConfig(max_bytes=3_000)))
    assert path.stat().st_size > 3 * 3_000
    assert len(results) == 100 and all(r.ok for r in results)


def test_streaming_memory_does_not_follow_the_file_size(tmp_path: Path) -> None:
    """Python allocations while reading a JSONL file stay a small fraction of its size (the
    figures at 100 MB and 1 GB are in docs/reliability.md, from bench/streaming.py)."""
    path = jsonl_file(tmp_path / "big.jsonl", 4_000, pad=500)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for r in read_inputs([path]) if r.ok)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4_000
    assert peak < size / 4, f"peak {peak} bytes for a {size}-byte file"


def test_record_cap_applies_to_each_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"text": BODY.format(n=1, m=2)}),
        json.dumps({"text": "y " * 5_000}),
        json.dumps({"text": BODY.format(n=3, m=4)}),
    ]
    path.write_text("\n".join(lines))
    results = list(read_inputs([path], IngestConfig(max_record_bytes=2_000)))
    assert [(r.ref.rsplit("#", 1)[1], r.ok) for r in results] == [("1", True), ("2", False), ("3", True)]
    assert results[1].error == "line 2 too long (more than 2000 bytes)"


# -- decompression bombs -----------------------------------------------------------------------


@pytest.mark.parametrize(("ratio", "refused"), [(2, True), (1_000, False)])
def test_compression_ratio_is_configurable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ratio: int, refused: bool
) -> None:
    monkeypatch.setattr(warc_module, "BOMB_FLOOR", 0)  # judge even a small archive by its ratio
    path = tmp_path / "a.warc.gz"
    path.write_bytes(warc_bytes(20, compress=True, pad=200))
    results = list(read_inputs([path], IngestConfig(max_compression_ratio=ratio)))
    bombs = [r for r in results if r.error.startswith("refused: decompression bomb")]
    assert bool(bombs) is refused


def test_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    """A gzip member of 400 MB of zeros (400 kB on disk) is refused after a few megabytes."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=1) as zipped:
        zipped.write(b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 2000000000\r\n\r\n")
        chunk = bytes(1 << 20)
        for _ in range(400):
            zipped.write(chunk)
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(out.getvalue())
    start = time.perf_counter()
    (result,) = read_inputs([path])
    assert result.error == "refused: decompression bomb (expands more than 100 times)"
    assert time.perf_counter() - start < 5  # a guard against inflating it all, not a speed test


# -- analysis limits ----------------------------------------------------------------------------


def test_analysis_time_limit_keeps_sentences_and_drops_claims(nlp: Any, caplog: pytest.LogCaptureFixture) -> None:
    article = make_article(title="Storm", text=" ".join(BODY.format(n=n, m=n + 1) for n in range(30)))
    full = analyze(article, nlp, time_limit=None)
    with caplog.at_level(logging.WARNING, logger="triangulate.analyze"):
        cut = analyze(article, nlp, time_limit=0.0)
    assert cut.sentences == full.sentences
    assert [c.kind for c in cut.claims] == ["statement"] * len(cut.sentences)
    assert any(c.kind == "quantity" for c in full.claims)
    assert len([r for r in caplog.records if "stopped after" in r.getMessage()]) == 1


def test_run_on_sentence_is_linear(nlp: Any) -> None:
    """A 30 kB 'sentence' of figures (no full stop) took about two minutes before the cap."""
    text = "about 1,000 homes and 2 roads, " * 1_000
    article = make_article(title="List", text=text)
    start = time.perf_counter()
    result = analyze(article, nlp)
    assert time.perf_counter() - start < 60
    long = [s for s in result.sentences if len(s.text) > MAX_SENTENCE_CHARS]
    assert long and all(c.kind == "statement" for c in result.claims if c.sentence in {s.index for s in long})


def test_many_sentences_with_figures_stay_linear(nlp: Any) -> None:
    """Doc.text and Span.ents were rebuilt per figure: 400 such sentences took 15 s, 800 would take
    about a minute (about 5 s now, mostly spaCy's parse)."""
    text = "About 1,000 homes and 2 roads were hit by Tom Smith in Paris. " * 800
    start = time.perf_counter()
    result = analyze(make_article(title="Many", text=text), nlp)
    assert time.perf_counter() - start < 40
    assert len([c for c in result.claims if c.kind == "quantity"]) >= 1_500


# -- regular expressions ------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "pattern"), PATTERNS, ids=[label for label, _ in PATTERNS])
def test_regex_worst_cases_finish_quickly(label: str, pattern: re.Pattern[Any]) -> None:
    for text in WORST_CASES:
        subject: Any = text.encode() if isinstance(pattern.pattern, bytes) else text
        start = time.perf_counter()
        apply_pattern(label, pattern, subject)
        elapsed = time.perf_counter() - start
        assert elapsed < 1.0, f"{label} took {elapsed:.2f} s on {text[:30]!r}…"
