"""Plain-text and markdown articles: optional header lines, a headline, then the body.

    Source: The Calder Basin Courier
    Date: 2026-08-12

    Headline on the first non-empty line

    The body, paragraphs separated by blank lines.

Lines wrapped inside a paragraph are joined with spaces. A body with no blank lines at all is
taken to hold one paragraph per line, except that a line not ending a sentence runs on.
"""

from __future__ import annotations

import re

from triangulate.ingest.article import clean_text, make_article
from triangulate.ingest.decode import decode_text
from triangulate.ingest.markdown import front_matter, strip_headline, strip_markdown
from triangulate.model import Article

_HEADER = re.compile(r"^\s*(source|date|published|url|author)\s*:(.*)$", re.I)
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")
_KEYS = {"published": "date", "link": "url"}


def split_headers(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The ``Key: value`` header lines at the top (first one wins), and the lines after them."""
    headers: dict[str, str] = {}
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    for index in range(start, len(lines)):
        match = _HEADER.match(lines[index])
        if not match:
            return headers, lines[index:] if headers else lines
        key = match.group(1).lower()
        headers.setdefault(_KEYS.get(key, key), match.group(2).strip())
    return headers, []


def _paragraph(block: list[str]) -> str:
    """One paragraph's lines joined; list items keep their own lines."""
    lines: list[list[str]] = []
    for line in block:
        if lines and not _LIST_ITEM.match(line):
            lines[-1].append(line)
        else:
            lines.append([line])
    return "\n".join(" ".join(words) for words in lines)


def join_paragraphs(lines: list[str]) -> str:
    """Body lines as paragraphs separated by ``\\n\\n``."""
    stripped = [line.strip() for line in lines]
    dense = "" not in "\n".join(stripped).strip("\n").split("\n")
    blocks: list[list[str]] = [[]]
    for line in stripped:
        if line:
            blocks[-1].append(line)
        if (not line or (dense and _SENTENCE_END.search(line))) and blocks[-1]:
            blocks.append([])
    return "\n\n".join(_paragraph(block) for block in blocks if block)


def _headline(lines: list[str], markdown: bool) -> tuple[str, list[str]]:
    """The first non-empty line (as a headline) and the lines after it."""
    for index, line in enumerate(lines):
        if line.strip():
            return (strip_headline(line) if markdown else line.strip()), lines[index + 1 :]
    return "", []


def parse_text(text: str, *, markdown: bool = False) -> dict[str, str]:
    """The fields of a text article: title, text, and whichever headers it has."""
    lines = clean_text(text).split("\n")
    meta, lines = front_matter(lines) if markdown else ({}, lines)
    headers, lines = split_headers(lines)
    fields = {_KEYS.get(key, key): value for key, value in meta.items()}
    fields = {**headers, **fields}
    title = fields.get("title", "")
    if not title:
        title, lines = _headline(lines, markdown)
    body = strip_markdown(lines) if markdown else lines
    return {**fields, "title": title, "text": join_paragraphs(body)}


def read_text(data: bytes, ref: str, *, markdown: bool = False, max_chars: int) -> Article:
    """One article from the bytes of a ``.txt`` or ``.md`` file."""
    fields = parse_text(decode_text(data), markdown=markdown)
    return make_article(
        title=fields["title"],
        text=fields["text"],
        source=fields.get("source", ""),
        published=fields.get("date"),
        url=fields.get("url", ""),
        author=fields.get("author", ""),
        ref=ref,
        path=ref,
        max_chars=max_chars,
    )
