"""What every report format shows, computed once from a :class:`StoryReport`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from triangulate.analyze.entities import canonical_names, entity_key
from triangulate.api import StoryReport
from triangulate.model import Article, Finding, Relation


@dataclass(frozen=True, slots=True)
class FigureRow:
    finding: Finding
    values: dict[str, str]  # article id -> what that article says ("" when silent)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    when: str  # ISO date or interval, or the expression when it cannot be dated
    sort_key: str
    text: str  # the sentence
    article_id: str
    claim_id: str


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    articles: dict[str, int]  # article id -> statements attributed
    via: tuple[str, ...]  # sources this speaker relays ("NIS")
    anonymous: bool


def source_label(article: Article) -> str:
    return article.source or article.title[:40] or article.id


def figure_rows(report: StoryReport) -> list[FigureRow]:
    """Findings seen in more than one report, each with every source's value."""
    rows = []
    for finding in report.findings:
        if finding.relation is Relation.UNIQUE or finding.kind == "statement":
            continue
        values: dict[str, list[str]] = defaultdict(list)
        for m in finding.mentions:
            if m.text not in values[m.article_id]:
                values[m.article_id].append(m.text)
        rows.append(FigureRow(finding, {a.id: "; ".join(values.get(a.id, [])) for a in report.articles}))
    return rows


def unique_by_article(report: StoryReport) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {a.id: [] for a in report.articles}
    for finding in report.findings:
        if finding.relation is Relation.UNIQUE:
            out.setdefault(finding.mentions[0].article_id, []).append(finding)
    return out


def sentence_text(report: StoryReport, article_id: str, index: int) -> str:
    for analysis in report.analyses:
        if analysis.article.id == article_id and 0 <= index < len(analysis.sentences):
            return analysis.sentences[index].text
    return ""


def timeline(report: StoryReport) -> list[TimelineEntry]:
    """Dated events, earliest first; a sentence appears once, at its most precise date."""
    entries: dict[tuple[str, int], TimelineEntry] = {}
    for analysis in report.analyses:
        for claim in analysis.claims:
            t = claim.time
            if claim.kind != "time" or t is None or claim.sentence == 0:
                continue
            if t.low is not None and t.high is not None:
                when = t.low.isoformat() if t.low == t.high else f"{t.low.isoformat()} – {t.high.isoformat()}"
                key = t.low.isoformat() + (t.high.isoformat())
            else:
                when, key = f"{t.text} (undated report)", "9999"
            entry = TimelineEntry(when, key, analysis.sentences[claim.sentence].text, claim.article_id, claim.id)
            slot = (claim.article_id, claim.sentence)
            if slot not in entries or _span_days(entry) < _span_days(entries[slot]):
                entries[slot] = entry
    return sorted(entries.values(), key=lambda e: (e.sort_key, e.article_id))


def _span_days(entry: TimelineEntry) -> int:
    return 0 if "–" not in entry.when else len(entry.when)


@dataclass
class _SpeakerTally:
    names: list[str] = field(default_factory=list)
    articles: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    via: list[str] = field(default_factory=list)
    anonymous: bool = False


def speakers(report: StoryReport) -> list[Speaker]:
    """Who is quoted, spelling variants merged ("Lee Seong-kweun" = "Lee Seong Kweun")."""
    attributions = [
        (claim.article_id, claim.attribution)
        for analysis in report.analyses
        for claim in analysis.claims
        if claim.kind == "statement" and claim.attribution and claim.attribution.chain
    ]
    names = [a.speaker for _, a in attributions] + [v for _, a in attributions for v in a.chain[1:]]
    canonical = canonical_names(entity_key(n) for n in names)
    tallies: dict[str, _SpeakerTally] = {}
    for article_id, attribution in attributions:
        tally = tallies.setdefault(canonical[entity_key(attribution.speaker)], _SpeakerTally())
        tally.names.append(attribution.speaker)
        tally.articles[article_id] += 1
        tally.anonymous = tally.anonymous or attribution.anonymous
        for source in attribution.chain[1:]:
            if all(canonical[entity_key(source)] != canonical[entity_key(v)] for v in tally.via):
                tally.via.append(source)
    out = [
        Speaker(
            max(sorted(set(t.names)), key=lambda n: (t.names.count(n), len(n))),
            dict(t.articles),
            tuple(t.via),
            t.anonymous,
        )
        for t in tallies.values()
    ]
    return sorted(out, key=lambda s: (-len(s.articles), -sum(s.articles.values()), s.name))


def counts(report: StoryReport) -> dict[str, int]:
    out = {r.value: 0 for r in Relation}
    for finding in report.findings:
        out[finding.relation.value] += 1
    return out
