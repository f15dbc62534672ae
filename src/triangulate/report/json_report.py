"""The JSON report: a public contract, versioned, with a JSON Schema (``schema/report.json``)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from triangulate.api import StoryReport
from triangulate.model import Article, Finding, Mention

VERSION = 1


def to_json_data(reports: Sequence[StoryReport]) -> dict[str, Any]:
    articles: dict[str, dict[str, Any]] = {}
    for report in reports:
        for a in report.articles:
            articles[a.id] = article_data(a)
    return {
        "version": VERSION,
        "articles": list(articles.values()),
        "stories": [_story(r) for r in reports],
    }


def article_data(a: Article) -> dict[str, Any]:
    """An article as the JSON contract (docs/json.md) writes it, here and in the web API."""
    return {
        "id": a.id,
        "ref": a.ref,
        "path": a.path,
        "title": a.title,
        "source": a.source,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url,
    }


def render_json(reports: Sequence[StoryReport]) -> str:
    return json.dumps(to_json_data(reports), ensure_ascii=False, indent=2) + "\n"


def _story(report: StoryReport) -> dict[str, Any]:
    return {
        "id": report.story.id,
        "title": report.story.title,
        "articles": list(report.story.article_ids),
        "findings": [_finding(f) for f in report.findings],
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "relation": f.relation.value,
        "kind": f.kind,
        "what": f.what,
        "why": f.why,
        "mentions": [_mention(m) for m in f.mentions],
    }


def _mention(m: Mention) -> dict[str, Any]:
    return {
        "article": m.article_id,
        "sentence": m.sentence,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "low": _number(m.low),
        "high": _number(m.high),
        "unit": m.unit,
        "approx": m.approx,
        "attributed_to": list(m.attributed_to),
        "hedged": bool(m.hedged),
        "hedge": m.hedged,
    }


def _number(value: str | float | None) -> str | float | int | None:
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    return value
