"""The watchlist: entities, keywords and outlets whose stories an analyst wants to hear about.

An **entity** matches a name the analysis found, spelling-insensitively ("Lee Seong Kweun" finds
"Lee Seong-kweun"); a **keyword** matches a whole word or phrase of a headline or text, ignoring
case; an **outlet** matches an article's source name, or its web address's host.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from triangulate.analyze.entities import entity_key, same_entity
from triangulate.errors import ConfigError
from triangulate.model import Analysis

KINDS = ("entity", "keyword", "outlet")
MAX_VALUE_CHARS = 200


@dataclass(frozen=True, slots=True)
class WatchItem:
    kind: str  # entity | keyword | outlet
    value: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ConfigError(f"watchlist kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if not self.value.strip() or len(self.value) > MAX_VALUE_CHARS:
            raise ConfigError(f"a watchlist value must have 1 to {MAX_VALUE_CHARS} characters, got {self.value!r}")


def watch_item(kind: str, value: str) -> WatchItem:
    """A validated item, its value on one line."""
    return WatchItem(kind.strip().lower(), " ".join(value.split()))


def story_matches(watchlist: Sequence[WatchItem], analyses: Iterable[Analysis]) -> list[WatchItem]:
    """The items of ``watchlist`` that some article of the story matches."""
    analyses = list(analyses)
    return [item for item in watchlist if any(matches(item, a) for a in analyses)]


def matches(item: WatchItem, analysis: Analysis) -> bool:
    article = analysis.article
    if item.kind == "keyword":
        pattern = _phrase(item.value)
        return bool(pattern.search(article.title) or pattern.search(article.text))
    if item.kind == "outlet":
        wanted = item.value.casefold()
        host = (urlsplit(article.url).hostname or "").casefold()
        return article.source.casefold() == wanted or (bool(host) and (host == wanted or host.endswith("." + wanted)))
    key = entity_key(item.value)
    return bool(key) and any(e.key == key or same_entity(e.key, key) for e in analysis.entities)


def _phrase(value: str) -> re.Pattern[str]:
    """A whole word or phrase, any case, any whitespace between its words."""
    words = [re.escape(w) for w in value.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.I)
