"""View models of the story and article pages, built from a :class:`Catalog` snapshot with the
same helpers as the file reports (:mod:`triangulate.report.views`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from triangulate.model import Analysis, Article, Finding, Relation
from triangulate.report import views
from triangulate.report.html import Segment, segments
from triangulate.web import charts
from triangulate.web.catalog import Catalog, StorySummary

SAFE_SCHEMES = ("http://", "https://")
DISPUTED = (Relation.CONFLICT, Relation.UPDATE)


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text: plain, or a highlighted claim that links to its finding."""

    text: str
    anchor: str = ""
    relation: str = ""
    finding: str = ""  # finding id
    number: int = 0  # the finding's number in a side-by-side view
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SentenceView:
    index: int
    pieces: tuple[Piece, ...]
    focus: bool
    gap: str  # the text between this sentence and the previous one (paragraph breaks)


def safe_url(url: str) -> str:
    """The article's address when it is a web address; anything else (``javascript:``) is not
    turned into a link."""
    return url if url.lower().startswith(SAFE_SCHEMES) else ""


def story_view(summary: StorySummary, catalog: Catalog, left: str = "", right: str = "") -> dict[str, Any]:
    report = summary.report
    ids = [a.id for a in report.articles]
    pair = (left, right) if left in ids and right in ids and left != right else _default_pair(ids)
    disputed = [f for f in report.findings if f.relation in DISPUTED]
    return {
        "summary": summary,
        "report": report,
        "labels": {a.id: views.source_label(a) for a in report.articles},
        "urls": {a.id: safe_url(a.url) for a in report.articles},
        "rows": views.figure_rows(report),
        "uniques": views.unique_by_article(report),
        "timeline": views.timeline(report),
        "speakers": views.speakers(report),
        "sentence": lambda aid, i: views.sentence_text(report, aid, i),
        "article_chart": charts.article_timeline(report.articles),
        "figure_charts": [c for c in (charts.figure_chart(f, report.articles) for f in disputed) if c],
        "pair": pair,
        "side_by_side": side_by_side(catalog, report.findings, *pair) if pair else None,
    }


def _default_pair(ids: list[str]) -> tuple[str, str] | None:
    return (ids[0], ids[1]) if len(ids) > 1 else None


def side_by_side(catalog: Catalog, findings: tuple[Finding, ...], left: str, right: str) -> dict[str, Any]:
    """Two reports' texts with the claims they share highlighted in both, numbered alike."""
    shared = [f for f in findings if {left, right} <= {m.article_id for m in f.mentions}]
    numbers = {f.id: n for n, f in enumerate(shared, 1)}
    columns = []
    for side, aid in (("l", left), ("r", right)):
        marks = [
            (m.start, m.end, f"{side}-{m.claim_id}", f.relation.value, f.id)
            for f in shared
            for m in f.mentions
            if m.article_id == aid
        ]
        analysis = catalog.analyses.get(aid)
        columns.append({"article": catalog.articles[aid], "sentences": _sentences(analysis, marks, numbers)})
    return {"columns": columns, "shared": shared, "numbers": numbers}


def article_view(article: Article, catalog: Catalog, focus: str = "") -> dict[str, Any]:
    story_id = catalog.story_of.get(article.id, "")
    summary = catalog.by_story.get(story_id)
    findings = summary.report.findings if summary else ()
    marks = [
        (m.start, m.end, f"m-{m.claim_id}", f.relation.value, f.id)
        for f in findings
        for m in f.mentions
        if m.article_id == article.id
    ]
    analysis = catalog.analyses.get(article.id)
    focused = catalog.findings.get(focus)
    focus_sentences = {m.sentence for m in focused.mentions if m.article_id == article.id} if focused else set()
    return {
        "article": article,
        "url": safe_url(article.url),
        "summary": summary,
        "analysis": analysis,
        "focused": focused,
        "sentence_views": _sentences(analysis, marks, {}, focus_sentences) if analysis else None,
        "plain_pieces": _pieces(article.text, marks, {}) if analysis is None else (),
        "claims": len(analysis.claims) if analysis else 0,
    }


def _sentences(
    analysis: Analysis | None,
    marks: list[tuple[int, int, str, str, str]],
    numbers: dict[str, int],
    focus: set[int] | None = None,
) -> list[SentenceView]:
    """The article cut into sentences, each cut into plain and highlighted pieces; a mark that
    crosses a sentence boundary is kept with the sentence it starts in."""
    if analysis is None:
        return []
    text = analysis.article.text
    out = []
    cursor = 0
    for sentence in analysis.sentences:
        inside = [m for m in marks if sentence.start <= m[0] < sentence.end]
        end = max([sentence.end, *(min(m[1], len(text)) for m in inside)])
        start = max(sentence.start, cursor)
        shifted = [(s - start, e - start, *rest) for s, e, *rest in inside if s >= start]
        out.append(
            SentenceView(
                sentence.index,
                tuple(_pieces(text[start:end], shifted, numbers)),
                sentence.index in (focus or set()),
                text[cursor:start],
            )
        )
        cursor = max(cursor, end)
    return out


def _pieces(text: str, marks: list[Any], numbers: dict[str, int]) -> list[Piece]:
    finding_of = {anchor: finding for _, _, anchor, _, finding in marks}
    cut: list[Segment] = segments(text, [(s, e, anchor, rel) for s, e, anchor, rel, _ in marks])
    return [
        Piece(
            seg.text,
            seg.anchor,
            seg.relation,
            finding_of.get(seg.anchor, ""),
            numbers.get(finding_of.get(seg.anchor, ""), 0),
            seg.aliases,
        )
        for seg in cut
    ]
