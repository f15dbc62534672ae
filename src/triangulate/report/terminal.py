"""The terminal report, drawn with rich: the story, its sources, the figures table, what only
one source says, the timeline, and who is quoted."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from triangulate.api import StoryReport
from triangulate.report import views

STYLE = {
    "conflict": "bold red",
    "update": "bold yellow",
    "compatible": "green",
    "agree": "bold green",
    "unique": "cyan",
}


def render_terminal(reports: Sequence[StoryReport], width: int = 120, color: bool = False) -> str:
    console = Console(
        width=width, record=True, force_terminal=color, color_system="standard" if color else None, file=io.StringIO()
    )
    for report in reports:
        console.print(_story(report))
    return console.export_text(styles=color)


def _story(report: StoryReport) -> Panel:
    labels = {a.id: views.source_label(a) for a in report.articles}
    c = views.counts(report)
    parts: list[RenderableType] = [
        Text(
            f"{len(report.articles)} sources · {c['conflict']} conflicts · {c['update']} updates · "
            f"{c['compatible']} compatible · {c['agree']} agree · {c['unique']} unique",
            style="dim",
        )
    ]
    sources = Table(title="Sources", show_header=False, box=None, title_justify="left")
    for a in report.articles:
        sources.add_row(labels[a.id], a.published.isoformat() if a.published else "undated", a.title)
    parts.append(sources)
    rows = views.figure_rows(report)
    if rows:
        table = Table(title="Figures and dates", title_justify="left", show_lines=True, expand=True)
        table.add_column("what", ratio=2)
        for a in report.articles:
            table.add_column(labels[a.id], ratio=2)
        table.add_column("verdict", no_wrap=True)
        table.add_column("why", ratio=5)
        for row in rows:
            relation = row.finding.relation.value
            table.add_row(
                row.finding.what,
                *[row.values[a.id] or "—" for a in report.articles],
                Text(relation, style=STYLE[relation]),
                row.finding.why,
            )
        parts.append(table)
    uniques = Table(title="Only one source reports", title_justify="left", show_header=False, box=None)
    for article_id, findings in views.unique_by_article(report).items():
        for f in findings:
            m = f.mentions[0]
            label = f"{f.what}: " if f.kind != "statement" else ""
            uniques.add_row(
                labels.get(article_id, article_id), label + views.sentence_text(report, m.article_id, m.sentence)
            )
    parts.append(uniques)
    entries = views.timeline(report)
    if entries:
        timeline = Table(title="Timeline", title_justify="left", show_header=False, box=None)
        for e in entries:
            timeline.add_row(e.when, labels[e.article_id], e.text)
        parts.append(timeline)
    speakers = views.speakers(report)
    if speakers:
        quoted = Table(title="Who is quoted", title_justify="left")
        quoted.add_column("speaker")
        quoted.add_column("sources")
        quoted.add_column("citing")
        for s in speakers:
            quoted.add_row(
                s.name + (" (anonymous)" if s.anonymous else ""),
                ", ".join(f"{labels[a]} ({n})" for a, n in s.articles.items()),
                ", ".join(s.via) or "—",
            )
        parts.append(quoted)
    return Panel(Group(*parts), title=f"[bold]{report.story.title}", title_align="left")
