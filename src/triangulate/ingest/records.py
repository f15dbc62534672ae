"""JSON and JSON Lines: one article per object, each read on its own.

Fields: ``title``; ``text`` (or ``body``/``content``); ``source``; ``date`` (or ``published``);
``url``; ``author``; ``id`` (or ``guid``), which names the record in its ref ``path#id``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from functools import partial
from typing import Any

from triangulate.errors import IngestError
from triangulate.ingest.article import make_article
from triangulate.ingest.base import IngestResult, attempt, failure
from triangulate.ingest.decode import decode_text, sniff_bom
from triangulate.model import Article

TEXT_KEYS = ("text", "body", "content")
FIELDS = {"title": ("title",), "source": ("source",), "date": ("date", "published")}
FIELDS |= {"url": ("url", "link"), "author": ("author",)}
WRAPPER_KEYS = ("articles", "items", "records", "entries", "data")
CHUNK = 1 << 16  # how much of an over-long line is skipped at a time


def _value(record: dict[str, Any], keys: tuple[str, ...], name: str) -> str:
    """The first of ``keys`` present and not null, which must be a string."""
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, list) and name == "author" and all(isinstance(v, str) for v in value):
            return ", ".join(value)
        if not isinstance(value, str):
            raise IngestError("", f'"{key}" must be a string, not {type(value).__name__}')
        return value
    return ""


def record_name(record: object, number: int) -> str:
    """What names a record in its ref: its id, guid or url, else its number ("" for 0)."""
    if isinstance(record, dict):
        for key in ("id", "guid", "url"):
            value = record.get(key)
            if isinstance(value, int | str) and not isinstance(value, bool) and str(value).strip():
                return " ".join(str(value).split())
    return str(number) if number else ""


def record_article(record: object, *, ref: str, path: str, max_chars: int) -> Article:
    """One article from one decoded JSON value."""
    if not isinstance(record, dict):
        raise IngestError(ref, f"expected an object, not {type(record).__name__}")
    if all(record.get(key) is None for key in TEXT_KEYS):
        raise IngestError(ref, 'missing "text"')
    fields = {name: _value(record, keys, name) for name, keys in FIELDS.items()}
    return make_article(
        title=fields["title"],
        text=_value(record, TEXT_KEYS, "text"),
        source=fields["source"],
        published=fields["date"] or None,
        url=fields["url"],
        author=fields["author"],
        ref=ref,
        path=path,
        max_chars=max_chars,
    )


def _one(record: object, path: str, number: int, label: str, max_chars: int) -> IngestResult:
    name = record_name(record, number)
    ref = f"{path}#{name}" if name else path
    build = partial(record_article, record, ref=ref, path=path, max_chars=max_chars)
    return attempt(ref, build, label)


def _unwrap(value: object) -> object:
    """The list inside ``{"articles": [...]}`` and similar wrappers; else ``value``."""
    if isinstance(value, dict) and all(value.get(key) is None for key in TEXT_KEYS):
        lists = [value[key] for key in WRAPPER_KEYS if isinstance(value.get(key), list)]
        if len(lists) == 1:
            return lists[0]
    return value


def read_json(data: bytes, path: str, max_chars: int) -> Iterator[IngestResult]:
    """The articles of a ``.json`` file: one object, or a list of objects."""
    try:
        value = _unwrap(json.loads(decode_text(data)))
    except json.JSONDecodeError as exc:
        yield failure(path, f"invalid JSON on line {exc.lineno}: {exc.msg}")
        return
    except RecursionError:
        yield failure(path, "invalid JSON: nested too deeply")
        return
    except ValueError:  # an integer of more digits than Python converts
        yield failure(path, "invalid JSON: a number with too many digits")
        return
    if not isinstance(value, list):
        yield _one(value, path, 0, "", max_chars)
    elif not value:
        yield failure(path, "no records")
    for number, record in enumerate(value if isinstance(value, list) else [], start=1):
        yield _one(record, path, number, f"record {number}", max_chars)


def read_jsonl(data: bytes, path: str, max_chars: int) -> Iterator[IngestResult]:
    """The articles of a ``.jsonl`` file held in memory (see :func:`stream_jsonl`)."""
    yield from stream_jsonl(io.BufferedReader(io.BytesIO(data)), path, max_chars, max(len(data), 1))


def stream_jsonl(handle: io.BufferedReader[Any], path: str, max_chars: int, max_line: int) -> Iterator[IngestResult]:
    """The articles of a JSON Lines stream, one object per line, read a line at a time.

    Memory is bounded by ``max_line`` bytes whatever the file's size; a longer line is an error
    for that line. Blank lines are skipped; a file in UTF-16/32 (a BOM) is read whole.
    """
    bom = sniff_bom(handle.peek(4)[:4])
    if bom is not None and bom[0] != "utf-8":
        data = handle.read(max_line + 1)
        if len(data) > max_line:
            yield failure(path, f"too large (more than {max_line} bytes)")
            return
        lines: Iterator[bytes | None] = (line.encode() for line in decode_text(data).split("\n"))
    else:
        lines = _raw_lines(handle, max_line)
    records = 0
    for number, line in enumerate(lines, start=1):
        if line is None:
            yield failure(f"{path}#{number}", f"line {number} too long (more than {max_line} bytes)")
            records += 1
        elif line.strip():
            try:
                text = decode_text(line)
            except IngestError as exc:
                if not records:  # the first line already is not text: the whole file is not
                    yield failure(path, exc.reason)
                    return
                yield failure(f"{path}#{number}", f"line {number}: {exc.reason}")
                continue
            records += 1
            yield _jsonl_record(text, path, number, max_chars)
    if not records:
        yield failure(path, "empty file")


def _raw_lines(handle: io.BufferedReader[Any], limit: int) -> Iterator[bytes | None]:
    """The lines of ``handle`` as bytes; None for a line longer than ``limit`` (skipped)."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit or (len(line) == limit + 1 and line.endswith(b"\n")):
            yield line
            continue
        while (rest := handle.readline(CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield None


def _jsonl_record(line: str, path: str, number: int, max_chars: int) -> IngestResult:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return failure(f"{path}#{number}", f"invalid JSON on line {number}: {exc.msg}")
    except RecursionError:
        return failure(f"{path}#{number}", f"invalid JSON on line {number}: nested too deeply")
    except ValueError:  # an integer of more digits than Python converts
        return failure(f"{path}#{number}", f"invalid JSON on line {number}: a number with too many digits")
    return _one(record, path, number, f"line {number}", max_chars)
