"""The Markdown report: one section per story, tables a reader can paste anywhere."""

from __future__ import annotations

from collections.abc import Sequence

from triangulate.api import StoryReport
from triangulate.report import views


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def render_markdown(reports: Sequence[StoryReport]) -> str:
    lines = ["# triangulate report", ""]
    for report in reports:
        lines += _story(report)
    return "\n".join(lines).rstrip() + "\n"


def _story(report: StoryReport) -> list[str]:
    labels = {a.id: views.source_label(a) for a in report.articles}
    c = views.counts(report)
    out = [
        f"## {report.story.title}",
        "",
        f"{len(report.articles)} sources · {c['conflict']} conflicts · {c['update']} updates · "
        f"{c['compatible']} compatible · {c['agree']} agree · {c['unique']} unique",
        "",
        "### Sources",
        "",
    ]
    for a in report.articles:
        date = a.published.isoformat() if a.published else "undated"
        out.append(f"- **{_cell(labels[a.id])}** ({date}): {_cell(a.title)} `{a.id}`")
    rows = views.figure_rows(report)
    if rows:
        out += [
            "",
            "### Figures and dates",
            "",
            "| what | " + " | ".join(_cell(labels[a.id]) for a in report.articles) + " | verdict | why |",
            "|---" * (len(report.articles) + 3) + "|",
        ]
        for row in rows:
            cells = [_cell(row.values[a.id]) or "—" for a in report.articles]
            out.append(
                f"| {_cell(row.finding.what)} | "
                + " | ".join(cells)
                + f" | **{row.finding.relation.value}** | {_cell(row.finding.why)} |"
            )
    out += ["", "### Only one source reports", ""]
    for article_id, findings in views.unique_by_article(report).items():
        if not findings:
            continue
        out.append(f"**{_cell(labels.get(article_id, article_id))}**")
        out.append("")
        for f in findings:
            m = f.mentions[0]
            text = views.sentence_text(report, m.article_id, m.sentence)
            label = f"{_cell(f.what)}: " if f.kind != "statement" else ""  # _cell strips the space
            out.append(f"- {label}“{_cell(text)}”")
        out.append("")
    entries = views.timeline(report)
    if entries:
        out += ["### Timeline", ""]
        for e in entries:
            out.append(f"- **{e.when}** ({_cell(labels[e.article_id])}): {_cell(e.text)}")
        out.append("")
    speakers = views.speakers(report)
    if speakers:
        out += ["### Who is quoted", "", "| speaker | sources | citing |", "|---|---|---|"]
        for s in speakers:
            where = ", ".join(f"{_cell(labels[a])} ({n})" for a, n in s.articles.items())
            name = s.name + (" (anonymous)" if s.anonymous else "")
            out.append(f"| {_cell(name)} | {where} | {_cell(', '.join(s.via)) or '—'} |")
        out.append("")
    return out
