"""Web archives: each HTML response is read as an HTML page; other records are skipped."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from functools import partial
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from triangulate.ingest.base import IngestResult, attempt, failure
from triangulate.ingest.html import extract_html

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 20
MAX_PAGE_BYTES = 20_000_000  # one page, decompressed


class TruncatedArchive(Exception):
    """A record ends before its declared length."""


def gzip_complete(data: bytes) -> bool:
    """Whether every gzip member in ``data`` ends properly (checked without keeping output)."""
    rest = data
    while rest:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = rest
        while not inflater.eof:
            produced = inflater.decompress(pending, CHUNK)
            pending = inflater.unconsumed_tail
            if not produced and not pending:
                return False
        rest = inflater.unused_data
    return True


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    return str(headers.get_header("Content-Type") or "") if headers else ""


def _is_page(record: Any) -> bool:
    """Whether a record holds a successfully fetched HTML page."""
    if record.rec_type not in ("response", "resource") or "html" not in _content_type(record):
        return False
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    return str(status).startswith("2")


def _charset(content_type: str) -> str:
    _, _, charset = content_type.lower().partition("charset=")
    return charset.split(";")[0].strip().strip("\"'")


def _page_result(record: Any, path: str, max_chars: int) -> IngestResult:
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID") or ""
    ref = f"{path}#{uri}"
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(payload) > MAX_PAGE_BYTES:
        return failure(ref, f"too large (more than {MAX_PAGE_BYTES} bytes)")
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise TruncatedArchive
    charset = _charset(_content_type(record))
    build = partial(extract_html, payload, ref=ref, path=path, url=uri, charset=charset)
    return attempt(ref, partial(build, max_chars=max_chars))


def _pages(data: bytes, path: str, max_chars: int) -> Iterator[IngestResult]:
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.format != "warc":
            raise ArchiveLoadFailed(f"not a WARC record ({record.format})")
        if record.rec_type is None:
            raise TruncatedArchive
        if _is_page(record):
            yield _page_result(record, path, max_chars)
    if data.startswith(GZIP_MAGIC) and not gzip_complete(data):
        raise TruncatedArchive


def read_warc(data: bytes, path: str, max_chars: int) -> Iterator[IngestResult]:
    """The HTML pages of a WARC file; a damaged archive ends with an error for the file."""
    count = 0
    try:
        for result in _pages(data, path, max_chars):
            count += 1
            yield result
    except TruncatedArchive:
        yield failure(path, "truncated archive")
        return
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
        yield failure(path, f"corrupt archive: {exc}")
        return
    if not count:
        yield failure(path, "no HTML pages in archive")
