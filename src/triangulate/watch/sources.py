"""What ``watch`` follows: feed URLs, the feeds an OPML file lists, and folders of files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from triangulate.errors import ConfigError
from triangulate.ingest.feeds import declares_entities

FEED, FOLDER = "feed", "folder"
MAX_OPML_BYTES = 5_000_000
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.I)


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to poll: a feed URL or a folder, each with its own interval in seconds."""

    kind: str  # feed | folder
    location: str  # the URL, or the folder's path
    interval: float

    def __post_init__(self) -> None:
        if self.kind not in (FEED, FOLDER):
            raise ConfigError(f"source kind must be {FEED!r} or {FOLDER!r}, got {self.kind!r}")
        if not self.interval > 0:
            raise ConfigError(f"interval must be positive, got {self.interval!r}")


def parse_interval(text: str) -> float:
    """Seconds from ``90``, ``30s``, ``10m``, ``1.5h`` or ``1d``; :class:`ConfigError` otherwise."""
    match = _DURATION.fullmatch(text.strip().lower())
    if match is None or float(match.group(1)) <= 0:
        raise ConfigError(f"not an interval: {text!r} (write e.g. 90, 30s, 10m, 1h)")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def parse_sources(items: Iterable[str], interval: float) -> list[Source]:
    """Sources from command-line words: URLs, OPML files and folders, in order, without repeats."""
    found: dict[tuple[str, str], Source] = {}
    for item in items:
        for source in _sources_of(item, interval):
            found.setdefault((source.kind, source.location), source)
    return list(found.values())


def _sources_of(item: str, interval: float) -> list[Source]:
    if is_url(item):
        return [Source(FEED, item.strip(), interval)]
    path = Path(item)
    if path.is_dir():
        return [Source(FOLDER, str(path), interval)]
    if path.is_file():
        return [Source(FEED, url, interval) for url in read_opml(path)]
    raise ConfigError(f"not a feed URL, an OPML file or a folder: {item}")


def read_opml(path: Path) -> list[str]:
    """The feed URLs (``xmlUrl``) of an OPML file's outlines, nested ones included."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_OPML_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_OPML_BYTES:
        raise ConfigError(f"{path}: OPML file over {MAX_OPML_BYTES} bytes")
    # No DTDs at all: OPML needs none, and entity declarations can expand without bound.
    if declares_entities(data) or _DOCTYPE.search(data):
        raise ConfigError(f"{path}: refused: OPML with a DOCTYPE or entity declarations")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ConfigError(f"{path}: not an OPML file ({exc})") from exc
    if root.tag.lower() != "opml":
        raise ConfigError(f"{path}: not an OPML file (the root element is <{root.tag}>)")
    urls = [url.strip() for outline in root.iter("outline") if (url := outline.get("xmlUrl") or "").strip()]
    bad = [url for url in urls if not is_url(url)]
    if bad:
        raise ConfigError(f"{path}: not an http(s) feed URL: {bad[0]}")
    return list(dict.fromkeys(urls))
