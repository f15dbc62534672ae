"""The HTML pages: stories, story, article, ingest and job progress."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from triangulate.web.api_routes import check_feed_url, uploads_of
from triangulate.web.catalog import Catalog, StoryQuery, search_stories
from triangulate.web.pageviews import article_view, story_view
from triangulate.web.security import check_same_origin, check_token
from triangulate.web.state import current_catalog, missing_story, state_of

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Query(max_length=200)]


def _day(value: str, name: str, problems: list[str]) -> date | None:
    """A date from a form field; a bad one is reported on the page rather than refused."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{name}: {value!r} is not a date (YYYY-MM-DD)")
        return None


@router.get("/")
async def stories_page(
    request: Request,
    q: Text = "",
    entity: Text = "",
    outlet: Text = "",
    since: Annotated[str, Query(max_length=40)] = "",
    until: Annotated[str, Query(max_length=40)] = "",
    disputed: bool = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Any:
    state = state_of(request)
    problems: list[str] = []
    query = StoryQuery(q, entity, outlet, _day(since, "from", problems), _day(until, "to", problems), disputed)
    catalog = await current_catalog(request)
    found = search_stories(catalog, query)
    size = state.config.page_size
    pages = max(1, math.ceil(len(found) / size))
    form = {"q": q, "entity": entity, "outlet": outlet, "since": since, "until": until, "disputed": disputed}
    return state.render(
        request,
        "stories.html.j2",
        {
            "stories": found[(page - 1) * size : page * size],
            "total": len(found),
            "all": len(catalog.stories),
            "articles": len(catalog.articles),
            "page": page,
            "pages": pages,
            "form": form,
            "problems": problems,
            "outlets": sorted({s for story in catalog.stories for s in story.sources}, key=str.casefold),
        },
    )


@router.get("/stories/{story_id}")
async def story_page(request: Request, story_id: str, left: Text = "", right: Text = "") -> Any:
    state = state_of(request)
    catalog = await current_catalog(request)
    summary = catalog.by_story.get(story_id)
    if summary is None:
        return missing_story(request, story_id)
    if left or right:
        return state.render(request, "story.html.j2", story_view(summary, catalog, left, right))
    return _memoized(
        catalog, f"story-page:{story_id}", lambda: state.render(request, "story.html.j2", story_view(summary, catalog))
    )


@router.get("/articles/{article_id}")
async def article_page(request: Request, article_id: str, finding: Text = "") -> Any:
    state = state_of(request)
    catalog = await current_catalog(request)
    article = catalog.articles.get(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    if finding:
        return state.render(request, "article.html.j2", article_view(article, catalog, finding))
    return _memoized(
        catalog,
        f"article-page:{article_id}",
        lambda: state.render(request, "article.html.j2", article_view(article, catalog)),
    )


def _memoized(catalog: Catalog, key: str, render: Callable[[], Any]) -> Any:
    """A page rendered once per snapshot: the snapshot never changes, so neither does the page.
    Only the plain form of each page is kept (one per story or article), so the memo stays as
    small as the database."""
    body = catalog.memo.get(key)
    if body is None:
        response = render()
        catalog.memo[key] = response.body
        return response
    return HTMLResponse(body)


@router.get("/ingest")
async def ingest_page(request: Request) -> Any:
    state = state_of(request)
    return state.render(request, "ingest.html.j2", {"jobs": state.jobs.recent(10)})


@router.post("/ingest")
async def ingest_form(
    request: Request,
    files: Annotated[list[UploadFile] | None, File()] = None,
    text: Annotated[str, Form(max_length=1_000_000)] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    source: Annotated[str, Form(max_length=200)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    token: Annotated[str, Form(max_length=200)] = "",
) -> Any:
    state = state_of(request)
    check_same_origin(request)
    check_token(request, state.token, token)
    uploads = await uploads_of(state, files or [], text, title, source, published, url)
    job = state.jobs.submit_ingest(uploads)
    return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)


@router.post("/ingest/feed")
def feed_form(
    request: Request,
    url: Annotated[str, Form(max_length=2000)] = "",
    token: Annotated[str, Form(max_length=200)] = "",
) -> Any:
    state = state_of(request)
    check_same_origin(request)
    check_token(request, state.token, token)
    job = state.jobs.submit_feed(check_feed_url(url))
    return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)


@router.get("/ingest/jobs/{job_id}")
async def job_page(request: Request, job_id: str) -> Any:
    state = state_of(request)
    job = state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return state.render(request, "job.html.j2", {"job": job.to_dict()})
