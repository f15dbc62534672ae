"""Bytes to text: BOMs, UTF-8, then cp1252/latin-1; binary and empty files are refused."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from triangulate.errors import IngestError

MAX_CONTROL_RATIO = 0.05
MIN_UTF16_ZEROS = 0.8  # share of high bytes that are NUL in UTF-16 of Latin-script text
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # category Cc but \t\n\f\r
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def sniff_bom(data: bytes) -> tuple[str, bytes] | None:
    """The encoding a byte-order mark names, and the data after it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None


def meta_charset(data: bytes) -> str:
    """The charset an HTML ``<meta>`` tag declares near the top, or ""."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else ""


def _usable(encoding: str) -> bool:
    """A declared charset worth trying: known, and a superset of ASCII."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return not name.startswith(("utf-16", "utf-32"))


def sniff_utf16(data: bytes) -> str | None:
    """ "utf-16-le"/"-be" for BOM-less UTF-16 of mostly Latin text (every other byte NUL), else None."""
    sample = data[:4096]
    if len(sample) < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= MIN_UTF16_ZEROS * len(zeros) and not other.count(0):
            return encoding
    return None


def _decode_plain(data: bytes, hints: Iterable[str]) -> str:
    """Decode bytes with no BOM: the hints, UTF-8, cp1252, then latin-1 (which never fails)."""
    if b"\x00" in data:
        wide = sniff_utf16(data)
        if wide is None:
            raise IngestError("", "binary file")
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise IngestError("", "binary file") from exc
    for encoding in (*[h for h in hints if h and _usable(h)], "utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    return len(_CONTROLS.findall(text)) > MAX_CONTROL_RATIO * len(text)


def decode_text(data: bytes, hints: Iterable[str] = ()) -> str:
    """The text in ``data``; raises :class:`IngestError` with "" as item for bad input."""
    bom = sniff_bom(data)
    if bom is None:
        text = _decode_plain(data, hints)
    else:
        try:
            text = bom[1].decode(bom[0])
        except UnicodeDecodeError as exc:
            raise IngestError("", f"invalid {bom[0].upper()} text") from exc
    if not text.strip():
        raise IngestError("", "empty file")
    if _looks_binary(text):
        raise IngestError("", "binary file")
    return text
