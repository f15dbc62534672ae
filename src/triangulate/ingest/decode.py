"""Bytes to text: BOMs, UTF-8, then cp1252/latin-1; binary and empty files are refused."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from triangulate.errors import IngestError

MAX_CONTROL_RATIO = 0.05
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


def _decode_plain(data: bytes, hints: Iterable[str]) -> str:
    """Decode bytes with no BOM: the hints, UTF-8, cp1252, then latin-1 (which never fails)."""
    if b"\x00" in data:
        raise IngestError("", "binary file")
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
