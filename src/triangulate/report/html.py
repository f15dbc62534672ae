"""The HTML report: one self-contained file (inline CSS, no script, nothing fetched), where every
finding links to the highlighted words in each article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from jinja2 import Environment, PackageLoader, select_autoescape

from triangulate.api import StoryReport
from triangulate.report import views


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    anchor: str = ""  # id of a highlighted mention, "" for plain text
    relation: str = ""
    aliases: tuple[str, ...] = ()  # ids of mentions nested inside this one


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("triangulate.report", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(reports: Sequence[StoryReport]) -> str:
    template = _environment().get_template("report.html.j2")
    stories = [_story_view(r) for r in reports]
    return template.render(stories=stories)


def _story_view(report: StoryReport) -> dict[str, object]:
    labels = {a.id: views.source_label(a) for a in report.articles}
    return {
        "report": report,
        "labels": labels,
        "counts": views.counts(report),
        "rows": views.figure_rows(report),
        "uniques": views.unique_by_article(report),
        "timeline": views.timeline(report),
        "speakers": views.speakers(report),
        "texts": {a.id: segments(a.text, _marks(report, a.id)) for a in report.articles},
        "sentence": lambda aid, i: views.sentence_text(report, aid, i),
    }


def _marks(report: StoryReport, article_id: str) -> list[tuple[int, int, str, str]]:
    marks = []
    for finding in report.findings:
        for m in finding.mentions:
            if m.article_id == article_id:
                marks.append((m.start, m.end, f"m-{m.claim_id}", finding.relation.value))
    return marks


def segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[Segment]:
    """The text cut into plain and highlighted pieces; a mark inside another becomes its alias."""
    out: list[Segment] = []
    cursor = 0
    for start, end, anchor, relation in sorted(marks, key=lambda m: (m[0], -m[1])):
        if end > len(text):
            continue
        if start < cursor:
            host = next(i for i in range(len(out) - 1, -1, -1) if out[i].anchor)
            if anchor != out[host].anchor and anchor not in out[host].aliases:
                out[host] = replace(out[host], aliases=(*out[host].aliases, anchor))
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], anchor, relation))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out
