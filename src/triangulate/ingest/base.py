"""The ingest stage's shared types: its options, one item of its output, and error helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from triangulate.errors import ConfigError, IngestError
from triangulate.model import Article

MAX_REASON_CHARS = 200
# Control characters, line separators and lone surrogates (undecodable bytes of a file name).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """Limits for reading inputs; every field is checked when the config is made."""

    max_bytes: int = 20_000_000  # per input file read whole; a bigger file is an error
    max_article_chars: int = 1_000_000  # a longer article text is cut, not refused
    follow_symlinks: bool = False  # inside folders; a path named explicitly is always followed
    # JSONL and WARC files are streamed, so their size is not limited; each record is.
    max_record_bytes: int = 20_000_000  # one JSONL line, one WARC page (decompressed)
    max_compression_ratio: int = 100  # decompressed/compressed beyond this is a decompression bomb

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_article_chars", "max_record_bytes", "max_compression_ratio"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        if not isinstance(self.follow_symlinks, bool):
            got = self.follow_symlinks
            raise ConfigError(f"follow_symlinks must be true or false, got {got!r}")


@dataclass(frozen=True, slots=True)
class IngestResult:
    """One item of the ingest stream: an article, or why ``ref`` gave none."""

    ref: str  # the item's name: a path, or ``path#record``
    article: Article | None
    error: str = ""  # a one-line reason when ``article`` is None

    @property
    def ok(self) -> bool:
        return self.article is not None


DEFAULT_CONFIG = IngestConfig()


def one_line(reason: str) -> str:
    """``reason`` on one line, short enough to print."""
    text = " ".join(reason.split())
    return text if len(text) <= MAX_REASON_CHARS else text[: MAX_REASON_CHARS - 1] + "…"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii") if char > "\x7f" or char < " " else f"\\x{ord(char):02x}"


def printable(name: str) -> str:
    """``name`` as one printable, UTF-8-encodable line (odd characters escaped), for refs."""
    return _UNPRINTABLE.sub(_escape, name)


def failure(ref: str, reason: str) -> IngestResult:
    return IngestResult(ref=printable(ref), article=None, error=one_line(printable(reason)) or "unknown error")


def attempt(ref: str, build: Callable[[], Article], label: str = "") -> IngestResult:
    """Run ``build``; an :class:`IngestError` becomes a failed result for ``ref``."""
    try:
        return IngestResult(ref=printable(ref), article=build())
    except IngestError as exc:
        return failure(ref, f"{label}: {exc.reason}" if label else exc.reason)


def unexpected(exc: BaseException) -> str:
    """The reason given for an exception that no reader anticipated."""
    detail = str(exc)
    name = type(exc).__name__
    return f"unreadable: {name}: {detail}" if detail else f"unreadable: {name}"
