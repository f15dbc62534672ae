"""RSS and Atom feeds: one article per entry, through feedparser.

XML that declares entities is refused before parsing (entity expansion, external entities).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from functools import partial
from typing import Any

import feedparser

from triangulate.ingest.article import make_article
from triangulate.ingest.base import IngestResult, attempt, failure
from triangulate.ingest.html import fragment_text
from triangulate.model import Article

_ENTITY = re.compile(rb"<!\s*ENTITY", re.I)
_WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def declares_entities(data: bytes) -> bool:
    """Whether ``data`` holds an ``<!ENTITY`` declaration, in any encoding of the XML family."""
    if _ENTITY.search(data):
        return True
    if b"\x00" not in data:
        return False
    wide = (data.decode(codec, "ignore").encode("utf-8", "ignore") for codec in _WIDE)
    return any(_ENTITY.search(text) for text in wide)


def _text(value: Any) -> str:
    return fragment_text(value) if isinstance(value, str) else ""


def _entry_text(entry: Any) -> str:
    """An entry's full content when it has some, else its summary, as plain text."""
    for content in entry.get("content") or []:
        text = _text(content.get("value"))
        if text.strip():
            return text
    return _text(entry.get("summary"))


def _entry_date(entry: Any) -> date | str | None:
    """The date as written (published, else updated), else as feedparser read it."""
    for key in ("published", "updated", "created"):
        if isinstance(entry.get(key), str) and entry[key].strip():
            return str(entry[key])
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(*parsed[:3]) if parsed else None


def entry_article(entry: Any, *, source: str, ref: str, path: str, max_chars: int) -> Article:
    """One article from one feed entry."""
    return make_article(
        title=_text(entry.get("title")),
        text=_entry_text(entry),
        source=source,
        published=_entry_date(entry),
        url=entry.get("link") or "",
        author=entry.get("author") or "",
        ref=ref,
        path=path,
        max_chars=max_chars,
    )


def _entry_ref(entry: Any, path: str, number: int) -> str:
    name = next((entry[k] for k in ("id", "link") if isinstance(entry.get(k), str)), "")
    return f"{path}#{' '.join(name.split()) or number}"


def read_feed(data: bytes, path: str, max_chars: int) -> Iterator[IngestResult]:
    """The entries of an RSS or Atom feed, as articles."""
    if not data.strip():
        yield failure(path, "empty file")
        return
    if declares_entities(data):
        yield failure(path, "refused: XML entity declarations")
        return
    # Tags are stripped here, so feedparser's slow HTML sanitizing and URI rewriting are off.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.bozo else None
        yield failure(path, f"not a feed: {problem}" if problem else "no entries in feed")
        return
    source = _text(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        ref = _entry_ref(entry, path, number)
        build = partial(entry_article, entry, source=source, ref=ref, path=path)
        yield attempt(ref, partial(build, max_chars=max_chars))
