"""Alerts: what a round of new articles changed that an analyst asked to hear about.

Three kinds: ``conflict`` (a new article takes part in a conflict not seen before), ``update`` (a
new article revises a tracked figure: old → new, with sources) and ``story`` (a new article opens
or joins a story that matches the watchlist). Each alert has a deterministic :attr:`Alert.key`;
the store keeps it UNIQUE, so an alert fires once, across restarts too.

A finding's identity, for "not seen before", is its relation, its story's first article, the
concept it counts and the set of values reported: another report repeating a known value is not
news, a new value is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from triangulate.model import Analysis, Article, Finding, Mention, Relation, Story
from triangulate.watch.watchlist import WatchItem, story_matches

CONFLICT, UPDATE, STORY = "conflict", "update", "story"
_TRACKED = {Relation.CONFLICT: CONFLICT, Relation.UPDATE: UPDATE}


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert; ``id`` and ``created_at`` are set once it is stored."""

    key: str
    kind: str  # conflict | update | story
    story_id: str
    title: str  # the story's title
    message: str  # one line for a person
    finding_id: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # mentions with their sentences, old/new, matches
    id: int = 0
    created_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "kind": self.kind,
            "story": {"id": self.story_id, "title": self.title},
            "finding": self.finding_id or None,
            "message": self.message,
            "created_at": self.created_at,
            **self.data,
        }


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The database as the detector sees it after a refresh."""

    stories: Sequence[Story]
    findings: Sequence[Finding]
    article: Callable[[str], Article | None]
    analysis: Callable[[str], Analysis | None]


def finding_key(finding: Finding, story: Story) -> str:
    """The identity of a conflict or update, stable while its story grows by repeated values."""
    anchor = story.article_ids[0] if story.article_ids else story.id
    concept = finding.what.split(":", 1)[0].strip()
    values = sorted({json.dumps([m.low, m.high, m.unit]) for m in finding.mentions})
    return _digest(finding.relation.value, anchor, concept, *values)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def tracked_keys(snapshot: Snapshot, excluding: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The keys of every conflict and update, but those with a mention from ``excluding``."""
    by_id = {s.id: s for s in snapshot.stories}
    return {
        finding_key(f, by_id[f.story_id])
        for f in snapshot.findings
        if f.relation in _TRACKED and f.story_id in by_id and not any(m.article_id in excluding for m in f.mentions)
    }


def detect(snapshot: Snapshot, new: set[str], known: set[str], watchlist: Sequence[WatchItem]) -> list[Alert]:
    """The alerts that the articles in ``new`` raise; ``known`` holds finding keys seen before."""
    alerts: list[Alert] = []
    by_story: dict[str, list[Finding]] = {}
    for finding in snapshot.findings:
        by_story.setdefault(finding.story_id, []).append(finding)
    for story in snapshot.stories:
        arrivals = [aid for aid in story.article_ids if aid in new]
        if not arrivals:
            continue
        for finding in by_story.get(story.id, []):
            if finding.relation in _TRACKED and any(m.article_id in new for m in finding.mentions):
                key = finding_key(finding, story)
                if key not in known:
                    alerts.append(_finding_alert(key, finding, story, snapshot))
        alerts += _story_alerts(story, arrivals, watchlist, snapshot)
    return alerts


def _finding_alert(key: str, finding: Finding, story: Story, snapshot: Snapshot) -> Alert:
    mentions = [{**_mention(m, snapshot), "position": i} for i, m in enumerate(finding.mentions)]
    data: dict[str, Any] = {"what": finding.what, "why": finding.why, "mentions": mentions}
    if finding.relation is Relation.UPDATE:
        ordered = sorted(mentions, key=lambda m: (m["published"] or "", m["position"]))
        data["old"], data["new"] = _value_of(ordered[0]), _value_of(ordered[-1])
        message = (
            f"Update in «{story.title}»: {finding.what} revised {ordered[0]['text']} → {ordered[-1]['text']}"
            f" ({_said_by(ordered[0])} → {_said_by(ordered[-1])})"
        )
    else:
        message = f"Conflict in «{story.title}»: {finding.what}: {finding.why}"
    kind = _TRACKED[finding.relation]
    return Alert(key, kind, story.id, story.title, message, finding.id, data)


def _value_of(mention: dict[str, Any]) -> dict[str, Any]:
    keys = ("text", "low", "high", "unit", "source", "published", "article", "attributed_to")
    return {k: mention[k] for k in keys}


def _said_by(mention: dict[str, Any]) -> str:
    when = f" {mention['published']}" if mention["published"] else ""
    return f"{mention['source'] or mention['article']}{when}"


def _mention(m: Mention, snapshot: Snapshot) -> dict[str, Any]:
    """A mention with what a reader needs: the outlet, the date and the whole sentence."""
    article = snapshot.article(m.article_id)
    analysis = snapshot.analysis(m.article_id)
    sentence = next((s.text for s in analysis.sentences if s.index == m.sentence), "") if analysis else ""
    published = article.published.isoformat() if article and isinstance(article.published, date) else None
    return {
        "article": m.article_id,
        "sentence": m.sentence,
        "sentence_text": sentence,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "low": m.low,
        "high": m.high,
        "unit": m.unit,
        "attributed_to": list(m.attributed_to),
        "source": article.source if article else "",
        "published": published,
        "url": article.url if article else "",
    }


def _story_alerts(
    story: Story, arrivals: Iterable[str], watchlist: Sequence[WatchItem], snapshot: Snapshot
) -> list[Alert]:
    """One alert per new article in a story that matches the watchlist."""
    if not watchlist:
        return []
    analyses = [a for a in (snapshot.analysis(aid) for aid in story.article_ids) if a is not None]
    matched = story_matches(watchlist, analyses)
    if not matched:
        return []
    arrivals = list(arrivals)
    opened = len(arrivals) == len(story.article_ids)  # nobody reported it before this round
    alerts = []
    for i, aid in enumerate(arrivals):
        article = snapshot.article(aid)
        outlet = article.source if article and article.source else aid
        event = "opened" if opened and i == 0 else "joined"
        verb = "New watched story from" if event == "opened" else "Watched story joined by"
        items = ", ".join(f"{w.kind} {w.value!r}" for w in matched)
        message = f"{verb} {outlet}: «{story.title}» (matches {items})"
        data = {
            "event": event,
            "article": {"id": aid, "title": article.title if article else "", "source": outlet},
            "matches": [{"kind": w.kind, "value": w.value} for w in matched],
        }
        # Keyed by the entry (its ref), not the content: an edited report is not a new arrival.
        identity = article.ref if article and article.ref else aid
        alerts.append(Alert(_digest(STORY, identity), STORY, story.id, story.title, message, "", data))
    return alerts
