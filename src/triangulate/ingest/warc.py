"""Web archives: each HTML response is read as an HTML page; other records are skipped."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from functools import partial
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from triangulate.ingest.base import IngestResult, attempt, failure
from triangulate.ingest.html import extract_html

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 20
MAX_PAGE_BYTES = 20_000_000  # one page, decompressed: a ceiling over IngestConfig.max_record_bytes
DEFAULT_RATIO = 100  # IngestConfig.max_compression_ratio
BOMB_FLOOR = 8 << 20  # below this much output a high compression ratio is harmless


class TruncatedArchive(Exception):
    """A record ends before its declared length."""


class DecompressionBomb(Exception):
    """Compressed data that expands far beyond any real web archive."""


class Gunzip(io.RawIOBase):
    """The decompressed bytes of a (multi-member) gzip stream, read on demand.

    Raises :class:`TruncatedArchive` when the stream ends inside a member, and
    :class:`DecompressionBomb` when more than ``max_ratio`` bytes come out per byte read in.
    """

    def __init__(self, source: BinaryIO, max_ratio: int) -> None:
        super().__init__()
        self._source, self._max_ratio = source, max_ratio
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._input = b""
        self._in = self._out = 0
        self._in_member = False
        self.truncated = False  # whether the stream ended inside a member

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while True:
            if not self._input:
                self._input = self._source.read(CHUNK)
                self._in += len(self._input)
                if not self._input:
                    # Not raised here: a reader reading ahead must first get the records before.
                    self.truncated = self._in_member
                    return 0
            self._in_member = True
            out = self._inflater.decompress(self._input, len(view))
            if self._inflater.eof:
                self._input = self._inflater.unused_data
                self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
                self._in_member = False
            else:
                self._input = self._inflater.unconsumed_tail
            if out:
                self._out += len(out)
                if self._out > BOMB_FLOOR and self._out > self._max_ratio * self._in:
                    raise DecompressionBomb
                view[: len(out)] = out
                return len(out)


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


def _page_result(record: Any, path: str, max_chars: int, max_page: int) -> IngestResult:
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID") or ""
    ref = f"{path}#{uri}"
    payload = record.content_stream().read(max_page + 1)
    if len(payload) > max_page:
        return failure(ref, f"too large (more than {max_page} bytes)")
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise TruncatedArchive
    charset = _charset(_content_type(record))
    build = partial(extract_html, payload, ref=ref, path=path, url=uri, charset=charset)
    return attempt(ref, partial(build, max_chars=max_chars))


def _pages(
    handle: io.BufferedReader[Any], path: str, max_chars: int, max_page: int, max_ratio: int
) -> Iterator[IngestResult]:
    source: BinaryIO = handle
    gunzip = None
    if handle.peek(2)[:2] == GZIP_MAGIC:  # decompressed here, where a bomb can be stopped
        gunzip = Gunzip(handle, max_ratio)
        source = io.BufferedReader(gunzip, CHUNK)
    for record in _records(source):
        if record.format != "warc":
            raise ArchiveLoadFailed(f"not a WARC record ({record.format})")
        if record.rec_type is None:
            raise TruncatedArchive
        if _is_page(record):
            yield _page_result(record, path, max_chars, max_page)
    if gunzip is not None and gunzip.truncated:
        raise TruncatedArchive


def _records(source: BinaryIO) -> Iterator[Any]:
    """warcio's records; its own slips on malformed headers (a response without a target URI
    raises AttributeError) become :class:`ArchiveLoadFailed`."""
    records = iter(ArchiveIterator(source))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (AttributeError, TypeError, KeyError, IndexError) as exc:
            raise ArchiveLoadFailed(f"malformed record ({type(exc).__name__})") from exc
        yield record


def read_warc(data: bytes, path: str, max_chars: int) -> Iterator[IngestResult]:
    """The HTML pages of a WARC file held in memory (see :func:`stream_warc`)."""
    handle = io.BufferedReader(io.BytesIO(data))
    yield from stream_warc(handle, path, max_chars, MAX_PAGE_BYTES, DEFAULT_RATIO)


def stream_warc(
    handle: io.BufferedReader[Any], path: str, max_chars: int, max_page: int, max_ratio: int = DEFAULT_RATIO
) -> Iterator[IngestResult]:
    """The HTML pages of a WARC stream (gzipped or not), one record in memory at a time.

    A page larger than ``max_page`` bytes is an error for that page; a damaged archive, or one
    that decompresses more than ``max_ratio`` times its size, ends with an error for the file.
    """
    count = 0
    try:
        for result in _pages(handle, path, max_chars, min(max_page, MAX_PAGE_BYTES), max_ratio):
            count += 1
            yield result
    except TruncatedArchive:
        yield failure(path, "truncated archive")
        return
    except DecompressionBomb:
        yield failure(path, f"refused: decompression bomb (expands more than {max_ratio} times)")
        return
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
        yield failure(path, f"corrupt archive: {exc}")
        return
    if not count:
        yield failure(path, "no HTML pages in archive")
