"""HTML pages: the main text and metadata through trafilatura; nothing is fetched or run."""

from __future__ import annotations

import json
import re
from html import unescape
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
_BLANK_RUNS = re.compile(r"\n{3,}")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*>|<[!?/][^<>]*>")


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


def _without_comments(markup: str) -> str:
    """``markup`` without ``<!-- -->`` comments; an unclosed one runs to the end."""
    out: list[str] = []
    pos = 0
    while (start := markup.find("<!--", pos)) >= 0:
        out.append(markup[pos:start])
        end = markup.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        pos = end + 3
    out.append(markup[pos:])
    return "".join(out)


def _break(tag: re.Match[str]) -> str:
    """What a tag leaves in the text: a paragraph break, a line break, or nothing."""
    name = (tag.group(2) or "").lower()
    return "\n\n" if name in _BLOCKS else "\n" if name == "br" else ""


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment (a feed entry's content), paragraphs on their own lines.

    A linear scan of tags, not a parser: it cannot be made slow or made to run anything.
    """
    if "<" not in markup and "&" not in markup:
        return markup
    text = _without_comments(markup)
    lower = text.lower()
    parts: list[str] = []
    pos = 0
    while (tag := _TAG.search(text, pos)) is not None:
        parts += [unescape(_SPACES.sub(" ", text[pos : tag.start()])), _break(tag)]
        pos = tag.end()
        name = (tag.group(2) or "").lower()
        if name in _HIDDEN and not tag.group(1):
            end = lower.find(f"</{name}", pos)
            pos = len(text) if end < 0 else end
    parts.append(unescape(_SPACES.sub(" ", text[pos:])))
    lines = "\n".join(line.strip() for line in "".join(parts).split("\n"))
    return _BLANK_RUNS.sub("\n\n", lines).strip()
