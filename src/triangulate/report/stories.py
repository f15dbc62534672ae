"""The `triangulate stories` output: which articles form which story (JSON and terminal)."""

from __future__ import annotations

import json

from triangulate.api import Grouping
from triangulate.report.views import source_label


def stories_data(grouping: Grouping) -> dict[str, object]:
    return {
        "version": 1,
        "articles": [
            {
                "id": a.id,
                "ref": a.ref,
                "title": a.title,
                "source": a.source,
                "published": a.published.isoformat() if a.published else None,
            }
            for a in grouping.articles
        ],
        "stories": [{"id": s.id, "title": s.title, "articles": list(s.article_ids)} for s in grouping.stories],
    }


def render_stories_json(grouping: Grouping) -> str:
    return json.dumps(stories_data(grouping), ensure_ascii=False, indent=2) + "\n"


def render_stories_terminal(grouping: Grouping) -> str:
    by_id = {a.id: a for a in grouping.articles}
    lines = [f"{len(grouping.stories)} stories from {len(grouping.articles)} articles", ""]
    for story in sorted(grouping.stories, key=lambda s: -len(s.article_ids)):
        lines.append(f"{story.title}  [{story.id}, {len(story.article_ids)} articles]")
        for article_id in story.article_ids:
            article = by_id[article_id]
            lines.append(f"    {source_label(article)}: {article.title}  ({article.ref})")
        lines.append("")
    return "\n".join(lines)
