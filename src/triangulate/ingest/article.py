"""Building :class:`Article` records: text cleaning, date parsing and content ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from dateutil import parser as dateparser

from triangulate.errors import IngestError
from triangulate.ingest.base import printable
from triangulate.model import Article

MIN_YEAR, MAX_YEAR = 1800, 2200
MAX_DATE_CHARS = 100
CUT_BACKOFF = 200  # how far back a cut may move to end on whitespace

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # category Cc but \t and \n
_SURROGATES = re.compile(r"[\ud800-\udfff]")  # JSON "\ud800" escapes: not encodable, so not storable
_NO_YEAR = datetime(1, 1, 1)  # dateutil's default: a parse with no year lands before MIN_YEAR


def normalize(text: str) -> str:
    """NFC, every whitespace run as one space, stripped: the form ids are computed on."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(title: str, text: str) -> str:
    """A stable content id: 16 hex chars of sha256 over the normalized title and text."""
    payload = normalize(title) + "\n" + normalize(text)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def clean_text(text: str) -> str:
    """``\\n`` newlines, no control characters but ``\\n``/``\\t``, NFC, tidy blank lines."""
    text = _NEWLINES.sub("\n", text).replace("\ufeff", "")
    text = _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def clean_title(title: str) -> str:
    """A headline on one line."""
    return normalize(clean_text(title))


def parse_published(value: date | str | None) -> date | None:
    """A publication date from a date, a datetime or a string; None when unusable."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value if MIN_YEAR <= value.year <= MAX_YEAR else None
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_DATE_CHARS:
        return None
    try:
        parsed = dateparser.parse(value.strip(), default=_NO_YEAR)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if MIN_YEAR <= parsed.year <= MAX_YEAR else None


def _split_title(title: str, body: str) -> tuple[str, str]:
    """Take the headline from the body when there is none; drop a body line repeating it."""
    first, _, rest = body.partition("\n")
    if not title:
        return clean_title(first), rest.strip()
    if normalize(first) == title:
        return title, rest.strip()
    return title, body


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` chars, on whitespace when there is some near the end."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    return (head[:space] if space >= limit - CUT_BACKOFF else head).rstrip()


def make_article(
    *,
    title: str,
    text: str,
    source: str = "",
    published: date | str | None = None,
    url: str = "",
    author: str = "",
    ref: str = "",
    path: str = "",
    max_chars: int | None = None,
) -> Article:
    """An :class:`Article` whose text is the headline, a blank line, then the body.

    Raises :class:`IngestError` (``ref``, "no text") when the body is empty after cleaning.
    """
    body = clean_text(text)
    if not body:
        raise IngestError(ref, "no text")
    title, body = _split_title(clean_title(title), body)
    full = f"{title}\n\n{body}" if body else title
    if max_chars is not None and len(full) > max_chars:
        full = _cut(full, max_chars)
        title = _cut(title, max_chars)
        body = full[len(title) + 2 :] if len(full) > len(title) else ""
    return Article(
        id=article_id(title, body),
        title=title,
        text=full,
        source=clean_title(source),
        published=parse_published(published),
        url=printable(url.strip()),
        author=clean_title(author),
        ref=printable(ref),
        path=printable(path),
    )
