"""What one running app holds: its database, snapshot cache, job runner, templates and token."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from triangulate.errors import ConfigError
from triangulate.fetch import FetchConfig
from triangulate.web.catalog import Catalog, CatalogCache
from triangulate.web.jobs import JobRunner


@dataclass(frozen=True, slots=True)
class WebConfig:
    """Limits of the web app; every field is checked when the config is made."""

    max_body_bytes: int = 25_000_000  # one request: uploads included
    max_files: int = 200  # per upload request
    page_size: int = 25  # stories per page
    max_page_size: int = 200  # the API's largest ``limit``
    catalog_min_age: float = 1.0  # seconds between snapshot rebuilds while the database changes
    fetch: FetchConfig | None = None  # limits for feed URLs (default: public addresses only)
    analysis_process: bool = True  # analyse in a child process (False: in the job thread)

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_files", "page_size", "max_page_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        if self.catalog_min_age < 0:
            raise ConfigError(f"catalog_min_age must be >= 0, got {self.catalog_min_age!r}")


class WebState:
    def __init__(self, db_path: Path, token: str | None, config: WebConfig) -> None:
        self.db_path = db_path
        self.token = token
        self.config = config
        self.cache = CatalogCache(db_path, config.catalog_min_age)
        self.jobs = JobRunner(
            db_path,
            on_change=self.cache.invalidate,
            fetch_config=config.fetch,
            analysis_process=config.analysis_process,
        )
        self.templates = Jinja2Templates(env=_environment())

    def catalog(self) -> Catalog:
        return self.cache.get()

    def render(self, request: Request, name: str, context: dict[str, Any], status: int = 200) -> Any:
        context = {"token_required": self.token is not None, **context}
        return self.templates.TemplateResponse(request, name, context, status_code=status)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("triangulate.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["iso"] = lambda d: d.isoformat() if d else "undated"
    env.filters["replace_page"] = _replace_page
    return env


def _replace_page(params: Any, page: int) -> str:
    """The query string of the same search on another page."""
    pairs = [(k, v) for k, v in params.multi_items() if k != "page"]
    return urlencode([*pairs, ("page", str(page))])


def state_of(request: Request) -> WebState:
    return cast(WebState, request.app.state.triangulate)


async def current_catalog(request: Request) -> Catalog:
    """The snapshot, from the event loop when it is fresh; a rebuild (SQLite reads) runs in a
    worker thread so that it never stalls the other requests."""
    state = state_of(request)
    fresh = state.cache.peek()
    if fresh is not None:
        return fresh
    rebuilt: Catalog = await run_in_threadpool(state.catalog)
    return rebuilt


def missing_story(request: Request, story_id: str) -> Any:
    """The answer for a story id the catalogue lacks: a 308 to the story's current id when it is
    an older id of it (an article joined since), so links from alerts and bookmarks lead on;
    else a 404."""
    from fastapi import HTTPException
    from fastapi.responses import RedirectResponse

    from triangulate.store import Store

    with Store(state_of(request).db_path) as store:
        current = store.current_story_id(story_id)
    if current is None or current == story_id:
        raise HTTPException(404, f"no story {story_id}")
    moved = request.url.path.removesuffix(story_id) + current
    return RedirectResponse(str(request.url.replace(path=moved)), status_code=308)
