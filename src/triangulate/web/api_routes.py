"""The JSON API under ``/api/v1``: the same snapshot the pages read, in the shapes of the JSON
report contract (``docs/json.md``), with offset/limit pagination and filters."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from triangulate.model import Finding
from triangulate.report.json_report import article_data, to_json_data
from triangulate.web import schemas
from triangulate.web.catalog import Catalog, StoryQuery, StorySummary, search_stories
from triangulate.web.jobs import Upload
from triangulate.web.security import check_same_origin, check_token
from triangulate.web.state import WebState, current_catalog, missing_story, state_of

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorOut, "description": text}
    for code, text in ((400, "bad request"), (404, "not found"), (422, "invalid parameters"))
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": schemas.ErrorOut, "description": "token missing or wrong"},
    403: {"model": schemas.ErrorOut, "description": "cross-origin write"},
    413: {"model": schemas.ErrorOut, "description": "body too large"},
}

router = APIRouter(prefix="/api/v1", responses=ERRORS)
Text = Annotated[str, Query(max_length=200)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=200)]
# A string with a pattern rather than a date: pydantic would also take a number as a timestamp.
Day = Annotated[
    str,
    Query(description="ISO date, YYYY-MM-DD", pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}),
]


def day(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date") from None


def writer(request: Request) -> WebState:
    """The state, for requests that change the database: same origin, and the token if set."""
    state = state_of(request)
    check_same_origin(request)
    check_token(request, state.token)
    return state


def summary_data(s: StorySummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "articles": list(s.report.story.article_ids),
        "sources": list(s.sources),
        "first_published": s.first.isoformat() if s.first else None,
        "last_published": s.last.isoformat() if s.last else None,
        "counts": s.counts,
    }


def story_document(catalog: Catalog, s: StorySummary) -> dict[str, Any]:
    """The story's JSON report, made once per snapshot (the snapshot never changes)."""
    key = f"story-json:{s.id}"
    if key not in catalog.memo:
        document = to_json_data([s.report])
        for finding in document["stories"][0]["findings"]:
            finding["story"] = s.id
        catalog.memo[key] = document
    data: dict[str, Any] = catalog.memo[key]
    return data


def finding_data(f: Finding, catalog: Catalog) -> dict[str, Any]:
    for item in story_document(catalog, catalog.by_story[f.story_id])["stories"][0]["findings"]:
        if item["id"] == f.id:
            return dict(item)
    raise HTTPException(404, f"no finding {f.id}")


def page(items: list[Any], offset: int, limit: int) -> dict[str, Any]:
    return {"total": len(items), "offset": offset, "limit": limit, "items": items[offset : offset + limit]}


@router.get("/stories", response_model=schemas.Page[schemas.StorySummaryOut])
async def list_stories(
    request: Request,
    q: Text = "",
    entity: Text = "",
    outlet: Text = "",
    since: Day = "",
    until: Day = "",
    disputed: bool = False,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Any:
    """Stories, newest first, filtered by words, a named entity, an outlet and a date range."""
    query = StoryQuery(q, entity, outlet, day(since, "since"), day(until, "until"), disputed)
    found = search_stories(await current_catalog(request), query)
    return JSONResponse(page([summary_data(s) for s in found], offset, limit))


@router.get("/stories/{story_id}", response_model=schemas.ReportOut)
async def get_story(request: Request, story_id: str) -> Any:
    """One story as a JSON report document: its articles, and its findings in report order."""
    catalog = await current_catalog(request)
    summary = catalog.by_story.get(story_id)
    if summary is None:
        return missing_story(request, story_id)
    key = f"story-json-bytes:{story_id}"
    if key not in catalog.memo:  # serialising a large story costs more than the rest of the request
        catalog.memo[key] = JSONResponse(story_document(catalog, summary)).body
    return Response(catalog.memo[key], media_type="application/json")


@router.get("/articles", response_model=schemas.Page[schemas.ArticleOut])
async def list_articles(
    request: Request,
    q: Text = "",
    source: Text = "",
    story: Text = "",
    since: Day = "",
    until: Day = "",
    offset: Offset = 0,
    limit: Limit = 50,
) -> Any:
    """Articles in the order they were stored, filtered by title words, outlet, story and date."""
    catalog = await current_catalog(request)
    words = q.casefold().split()
    first, last = day(since, "since"), day(until, "until")
    low, high = first or date.min, last or date.max
    found = [
        a
        for a in catalog.articles.values()
        if all(w in a.title.casefold() for w in words)
        and source.casefold() in a.source.casefold()
        and (not story or catalog.story_of.get(a.id) == story)
        and ((first is None and last is None) or (a.published is not None and low <= a.published <= high))
    ]
    return JSONResponse(page([article_data(a) for a in found], offset, limit))


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail)
async def get_article(request: Request, article_id: str) -> Any:
    """One article with its text, its sentences' offsets and its story."""
    catalog = await current_catalog(request)
    article = catalog.articles.get(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    analysis = catalog.analyses.get(article_id)
    return JSONResponse(
        {
            **article_data(article),
            "author": article.author,
            "text": article.text,
            "story": catalog.story_of.get(article_id),
            "analysed": analysis is not None,
            "sentences": [[s.start, s.end] for s in analysis.sentences] if analysis else [],
        }
    )


@router.delete("/articles/{article_id}", status_code=202, response_model=schemas.JobOut, responses=WRITE_ERRORS)
def delete_article(article_id: str, state: Annotated[WebState, Depends(writer)]) -> Any:
    """Delete an article; its stories are regrouped in the background (a job)."""
    if article_id not in state.catalog().articles:
        raise HTTPException(404, f"no article {article_id}")
    return JSONResponse(state.jobs.submit_delete(article_id).to_dict(), status_code=202)


@router.get("/findings", response_model=schemas.Page[schemas.FindingOut])
async def list_findings(
    request: Request,
    story: Text = "",
    article: Text = "",
    relation: schemas.RelationName | None = None,
    kind: schemas.KindName | None = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Any:
    """Findings, conflicts first within each story, filtered by story, article, relation, kind."""
    catalog = await current_catalog(request)
    stories = [catalog.by_story[story]] if story in catalog.by_story else [] if story else list(catalog.stories)
    found = [
        f
        for s in stories
        for f in story_document(catalog, s)["stories"][0]["findings"]
        if (relation is None or f["relation"] == relation)
        and (kind is None or f["kind"] == kind)
        and (not article or any(m["article"] == article for m in f["mentions"]))
    ]
    return JSONResponse(page(found, offset, limit))


@router.get("/findings/{finding_id}", response_model=schemas.FindingOut)
async def get_finding(request: Request, finding_id: str) -> Any:
    catalog = await current_catalog(request)
    finding = catalog.findings.get(finding_id)
    if finding is None:
        raise HTTPException(404, f"no finding {finding_id}")
    return JSONResponse(finding_data(finding, catalog))


@router.get("/search", response_model=schemas.SearchOut)
async def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20) -> Any:
    """Stories whose articles contain every word, and articles whose title does."""
    catalog = await current_catalog(request)
    words = q.casefold().split()
    stories = search_stories(catalog, StoryQuery(text=q))[:limit]
    articles = [a for a in catalog.articles.values() if words and all(w in a.title.casefold() for w in words)]
    return JSONResponse(
        {
            "query": q,
            "stories": [summary_data(s) for s in stories],
            "articles": [article_data(a) for a in articles[:limit]],
        }
    )


@router.post("/ingest", status_code=202, response_model=schemas.JobOut, responses=WRITE_ERRORS)
async def ingest(
    state: Annotated[WebState, Depends(writer)],
    files: Annotated[list[UploadFile] | None, File(description="article files of any supported kind")] = None,
    text: Annotated[str, Form(max_length=1_000_000)] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    source: Annotated[str, Form(max_length=200)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
) -> Any:
    """Upload files and/or pasted text; they are stored and analysed in the background."""
    uploads = await uploads_of(state, files or [], text, title, source, published, url)
    return JSONResponse(state.jobs.submit_ingest(uploads).to_dict(), status_code=202)


@router.get("/ingest", response_model=list[schemas.JobOut])
async def list_jobs(request: Request) -> Any:
    """The most recent ingest and delete jobs."""
    return JSONResponse([j.to_dict() for j in state_of(request).jobs.recent(20)])


@router.get("/ingest/{job_id}", response_model=schemas.JobOut)
async def get_job(request: Request, job_id: str) -> Any:
    job = state_of(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return JSONResponse(job.to_dict())


@router.post("/feeds", status_code=202, response_model=schemas.JobOut, responses=WRITE_ERRORS)
def add_feed(feed: schemas.FeedIn, state: Annotated[WebState, Depends(writer)]) -> Any:
    """Fetch an RSS or Atom feed and ingest its items, in the background (a job). Only public
    http(s) addresses are fetched."""
    return JSONResponse(state.jobs.submit_feed(check_feed_url(feed.url)).to_dict(), status_code=202)


def check_feed_url(url: str) -> str:
    """A well-formed http(s) address, or a 400; whether the host is public is checked by the
    fetcher when it resolves it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HTTPException(400, "a feed address must be an http:// or https:// URL")
    return url.strip()


async def uploads_of(
    state: WebState, files: list[UploadFile], text: str, title: str, source: str, published: str, url: str
) -> list[Upload]:
    if len(files) > state.config.max_files:
        raise HTTPException(400, f"at most {state.config.max_files} files per request")
    uploads = [Upload(f.filename or f"file-{i}.txt", await f.read()) for i, f in enumerate(files, 1) if f.filename]
    if text.strip():
        uploads.append(Upload("pasted.txt", pasted_article(title, text, source, published, url).encode()))
    if not uploads:
        raise HTTPException(400, "nothing to ingest: send files, or text with a title")
    return uploads


def pasted_article(title: str, text: str, source: str, published: str, url: str) -> str:
    """Pasted text as a ``.txt`` article; header values lose their line breaks, so a field can
    never smuggle in another header or the headline."""
    headers = {"Source": source, "Date": published, "URL": url}
    lines = [f"{k}: {' '.join(v.split())}" for k, v in headers.items() if v.strip()]
    headline = " ".join(title.split())
    if not headline:
        first, _, rest = text.strip().partition("\n")
        headline, text = first.strip(), rest
    return "\n".join([*lines, "", headline, "", text.strip(), ""])
