"""Simple markdown markup removed, leaving the words: headings, emphasis, links, quotes."""

from __future__ import annotations

import re

# Spans are bounded so that unmatched markers cost linear, not quadratic, time.
_INLINE = (
    (re.compile(r"!\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)"), r"\1"),  # images: alt text
    (re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\n]{0,2000}\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\[\]\n]{1,500})\]\[[^\[\]\n]{0,500}\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^<>\s]{1,2000})>"), r"\1"),  # <https://...>
    (re.compile(r"`([^`\n]{1,500})`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.{1,300}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.{1,300}?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.{1,300}?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[*+-]\s+")
_RULE = re.compile(r"^\s*([-*_=])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")


def strip_inline(text: str) -> str:
    """``text`` without emphasis, code, link and image markup."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def strip_headline(line: str) -> str:
    """A headline line without its leading ``#`` marks and inline markup."""
    return strip_inline(line.strip().lstrip("#").strip())


def _heading_text(text: str) -> str:
    """A heading's text without the optional closing ``#`` marks."""
    text = text.strip()
    bare = text.rstrip("#")
    return bare.strip() if bare != text and (not bare or bare[-1].isspace()) else text


def _block(line: str) -> list[str]:
    """One body line as plain lines; a heading becomes a paragraph of its own."""
    if _RULE.match(line) or _FENCE.match(line) or _REF_DEFINITION.match(line):
        return []
    line = _QUOTE.sub("", line)
    heading = _HEADING.match(line)
    if heading:
        return ["", strip_inline(_heading_text(line[heading.end() :])), ""]
    return [strip_inline(_BULLET.sub("- ", line))]


def strip_markdown(lines: list[str]) -> list[str]:
    """Body lines without markdown markup; list items keep a ``- `` marker."""
    return [plain for line in lines for plain in _block(line)]


def front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """``key: value`` pairs of a leading ``---`` block, and the lines after it."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            pairs = (item.partition(":") for item in lines[1:end])
            meta = {k.strip().lower(): v.strip().strip("\"'") for k, sep, v in pairs if sep}
            return meta, lines[end + 1 :]
    return {}, lines
