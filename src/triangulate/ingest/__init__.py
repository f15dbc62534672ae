"""The ingest stage: input files and folders to :class:`~triangulate.model.Article` records.

:func:`read_inputs` streams one :class:`IngestResult` per article or per failure and never
raises for bad input. Formats, chosen by extension: ``.txt``/``.md`` (optional ``Source:``,
``Date:``, ``URL:``, ``Author:`` header lines, then the headline), ``.html``, ``.json``/``.jsonl``,
RSS/Atom (``.rss``, ``.atom``, ``.xml``, ``.feed``) and ``.warc``/``.warc.gz``. JSON Lines and
WARC files are streamed a record at a time, so their size is not limited, only each record's.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from triangulate.errors import IngestError
from triangulate.ingest.article import article_id, make_article
from triangulate.ingest.base import (
    DEFAULT_CONFIG,
    IngestConfig,
    IngestResult,
    attempt,
    failure,
    unexpected,
)
from triangulate.ingest.feeds import read_feed
from triangulate.ingest.html import extract_html
from triangulate.ingest.records import read_json, read_jsonl, stream_jsonl
from triangulate.ingest.text import read_text
from triangulate.ingest.walk import open_file, read_file, walk_folder
from triangulate.ingest.warc import read_warc, stream_warc

__all__ = [
    "DEFAULT_CONFIG",
    "IngestConfig",
    "IngestResult",
    "article_id",
    "make_article",
    "read_inputs",
    "reader_for",
]

Reader = Callable[[bytes, str, IngestConfig], Iterator[IngestResult]]


def _text(data: bytes, ref: str, config: IngestConfig, markdown: bool) -> Iterator[IngestResult]:
    limit = config.max_article_chars
    yield attempt(ref, partial(read_text, data, ref, markdown=markdown, max_chars=limit))


def _html(data: bytes, ref: str, config: IngestConfig) -> Iterator[IngestResult]:
    limit = config.max_article_chars
    yield attempt(ref, partial(extract_html, data, ref=ref, path=ref, max_chars=limit))


def _with_limit(read: Callable[[bytes, str, int], Iterator[IngestResult]]) -> Reader:
    return lambda data, ref, config: read(data, ref, config.max_article_chars)


_TXT: Reader = partial(_text, markdown=False)
_MD: Reader = partial(_text, markdown=True)
READERS: dict[str, Reader] = {
    **dict.fromkeys((".txt", ".text"), _TXT),
    **dict.fromkeys((".md", ".markdown"), _MD),
    **dict.fromkeys((".html", ".htm", ".xhtml"), _html),
    **dict.fromkeys((".json",), _with_limit(read_json)),
    **dict.fromkeys((".jsonl", ".ndjson"), _with_limit(read_jsonl)),
    **dict.fromkeys((".rss", ".atom", ".xml", ".feed"), _with_limit(read_feed)),
    **dict.fromkeys((".warc", ".warc.gz"), _with_limit(read_warc)),
}


def _jsonl_stream(handle: io.BufferedReader[Any], ref: str, config: IngestConfig) -> Iterator[IngestResult]:
    return stream_jsonl(handle, ref, config.max_article_chars, config.max_record_bytes)


def _warc_stream(handle: io.BufferedReader[Any], ref: str, config: IngestConfig) -> Iterator[IngestResult]:
    limits = (config.max_record_bytes, config.max_compression_ratio)
    return stream_warc(handle, ref, config.max_article_chars, *limits)


# Formats read record by record from an open file, so a file of any size takes constant memory.
STREAMERS: dict[str, Callable[[io.BufferedReader[Any], str, IngestConfig], Iterator[IngestResult]]] = {
    **dict.fromkeys((".jsonl", ".ndjson"), _jsonl_stream),
    **dict.fromkeys((".warc", ".warc.gz"), _warc_stream),
}


def _extension(name: str) -> str:
    lower = name.lower()
    return ".warc.gz" if lower.endswith(".warc.gz") else os.path.splitext(lower)[1]


def reader_for(name: str) -> Reader | None:
    """The reader for a file name's extension (case-insensitive), None when unknown."""
    return READERS.get(_extension(name))


def _read_one(path: Path, config: IngestConfig) -> Iterator[IngestResult]:
    """Every result from one file; an explicitly named unknown kind is read as text."""
    ref = str(path)
    try:
        stream = STREAMERS.get(_extension(path.name))
        if stream is not None:
            with open_file(path) as handle:
                yield from stream(handle, ref, config)
        else:
            data = read_file(path, config.max_bytes)
            yield from (reader_for(path.name) or _TXT)(data, ref, config)
    except IngestError as exc:
        yield failure(ref, exc.reason)
    except Exception as exc:  # the stream's contract: bad input never raises
        yield failure(ref, unexpected(exc))


def _expand(path: Path, config: IngestConfig) -> Iterator[Path | IngestError]:
    """The file itself, or the known files in a folder; a named symlink is always followed."""
    try:
        is_dir = path.is_dir()
    except (OSError, ValueError):
        is_dir = False
    if not is_dir:
        yield path
        return
    yield from walk_folder(path, lambda name: reader_for(name) is not None, config.follow_symlinks)


def read_inputs(paths: Iterable[str | Path], config: IngestConfig = DEFAULT_CONFIG) -> Iterator[IngestResult]:
    """One :class:`IngestResult` per article or per failure, for files and folders in order.

    Folders are expanded recursively in name order, skipping hidden entries and unknown
    extensions; every failure (missing, unreadable, too large, malformed) becomes a result.
    """
    for raw in paths:
        if isinstance(raw, str | os.PathLike):
            yield from _from_path(Path(raw), config)
        else:
            yield failure(repr(raw), "not a path")


def _from_path(path: Path, config: IngestConfig) -> Iterator[IngestResult]:
    """Every result from one named path, a file or a folder."""
    try:
        for item in _expand(path, config):
            if isinstance(item, IngestError):
                yield failure(item.item, item.reason)
            else:
                yield from _read_one(item, config)
    except Exception as exc:  # walking a folder failed in a way no check foresaw
        yield failure(str(path), unexpected(exc))
