"""The shapes of the JSON API, for its OpenAPI document. Articles, stories, findings and mentions
are those of the JSON report (``docs/json.md``), with fields only added, never renamed."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")
RelationName = Literal["agree", "compatible", "conflict", "update", "unique"]
KindName = Literal["quantity", "time", "statement"]


class ArticleOut(BaseModel):
    id: str
    ref: str
    path: str
    title: str
    source: str
    published: str | None
    url: str


class ArticleDetail(ArticleOut):
    author: str
    text: str
    story: str | None
    analysed: bool
    sentences: list[tuple[int, int]]  # (start, end) of each sentence; index 0 is the headline


class MentionOut(BaseModel):
    article: str
    sentence: int
    text: str
    start: int
    end: int
    low: float | str | None
    high: float | str | None
    unit: str
    approx: str
    attributed_to: list[str]
    hedged: bool
    hedge: str


class FindingOut(BaseModel):
    id: str
    relation: RelationName
    kind: KindName
    what: str
    why: str
    mentions: list[MentionOut]
    story: str


class StoryOut(BaseModel):
    id: str
    title: str
    articles: list[str]
    findings: list[FindingOut]


class Counts(BaseModel):
    agree: int
    compatible: int
    conflict: int
    update: int
    unique: int


class StorySummaryOut(BaseModel):
    id: str
    title: str
    articles: list[str]
    sources: list[str]
    first_published: str | None
    last_published: str | None
    counts: Counts


class ReportOut(BaseModel):
    """One story as a JSON report document (``docs/json.md``)."""

    version: int
    articles: list[ArticleOut]
    stories: list[StoryOut]


class Page(BaseModel, Generic[T]):
    total: int
    offset: int
    limit: int
    items: list[T]


class SearchOut(BaseModel):
    query: str
    stories: list[StorySummaryOut]
    articles: list[ArticleOut]


class FileCounts(BaseModel):
    total: int
    read: int


class ArticleCounts(BaseModel):
    new: int
    duplicate: int
    failed: int
    analysed: int


class JobItem(BaseModel):
    ref: str
    status: Literal["new", "duplicate", "failed"]
    error: str
    article: str
    title: str


class JobOut(BaseModel):
    id: str
    kind: Literal["ingest", "feed", "delete"]
    state: Literal["queued", "fetching", "reading", "analysing", "finishing", "done", "failed"]
    files: FileCounts
    articles: ArticleCounts
    items: list[JobItem]
    message: str
    started: float
    finished: float | None


class ErrorBody(BaseModel):
    status: int
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


class FeedIn(BaseModel):
    url: str = Field(max_length=2000)
