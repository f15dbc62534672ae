"""HTML pages: the main text and metadata through trafilatura; nothing is fetched or run."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import trafilatura

from triangulate.errors import IngestError
from triangulate.ingest.article import make_article
from triangulate.ingest.decode import decode_text, meta_charset
from triangulate.model import Article

_DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2200-12-31"}
_HIDDEN = frozenset({"script", "style"})
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre", "ul"}
    | {"ol", "li", "dl", "dt", "dd", "table", "tr", "figure", "figcaption", "hr", "title"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
_TITLE = re.compile(r"<title[^<>]{0,200}>([^<]{0,2000})</title\s*>", re.I)
_SPACES = re.compile(r"\s+")


def _extract(markup: str, url: str) -> dict[str, Any]:
    """trafilatura's main text and metadata, as a dict ({} when it finds nothing)."""
    found = trafilatura.extract(
        markup,
        url=url or None,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    doc = json.loads(found) if found else {}
    return doc if isinstance(doc, dict) else {}


def _title_tag(markup: str) -> str:
    """The text of the page's ``<title>``, or ""."""
    match = _TITLE.search(markup)
    return fragment_text(match.group(1)) if match else ""


def _field(doc: dict[str, Any], *keys: str) -> str:
    """The first of ``keys`` that holds a non-empty string."""
    return next((v for k in keys if isinstance(v := doc.get(k), str) and v.strip()), "")


def extract_html(data: bytes, *, ref: str, path: str, max_chars: int, url: str = "", charset: str = "") -> Article:
    """One article from an HTML page; :class:`IngestError` when it has no main text."""
    markup = decode_text(data, hints=(charset, meta_charset(data)))
    doc = _extract(markup, url)
    text = _field(doc, "text")
    if not text:
        raise IngestError(ref, "no article text found")
    return make_article(
        title=_field(doc, "title") or _title_tag(markup),
        text="\n\n".join(text.split("\n")),
        source=_field(doc, "source-hostname", "hostname"),
        published=_field(doc, "date") or None,
        url=_field(doc, "source") or url,
        author=_field(doc, "author"),
        ref=ref,
        path=path,
        max_chars=max_chars,
    )


class _TextCollector(HTMLParser):
    """Collects the text of HTML, with paragraph breaks at block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        self.handle_startendtag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(_SPACES.sub(" ", data))


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment (a feed entry's content), paragraphs on their own lines."""
    if "<" not in markup and "&" not in markup:
        return markup
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "\n".join(line.strip() for line in "".join(collector.parts).split("\n"))
