"""The ASGI app: pages, the JSON API, static assets and the security layers, over one database.

Extension point: :func:`create_app` takes extra routers (``extra_routers``), and every router
reads the app's :class:`~triangulate.web.state.WebState` with ``state_of(request)``; see
``docs/web.md``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from triangulate.errors import TriangulateError
from triangulate.store import Store
from triangulate.web import alerts, api_routes, pages
from triangulate.web.security import BodyLimit, SecurityHeaders
from triangulate.web.state import WebConfig, WebState, state_of

API_PREFIX = "/api/v1"


def create_app(
    db_path: str | Path,
    token: str | None = None,
    config: WebConfig | None = None,
    extra_routers: Iterable[APIRouter] = (),
) -> FastAPI:
    """The app for the database at ``db_path`` (created if missing). With a ``token``, every
    writing request must carry it."""
    path = Path(db_path)
    with Store(path):  # creates the file and runs migrations now, not on the first request
        pass
    state = WebState(path, token, config or WebConfig())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.jobs.stop()

    app = FastAPI(
        title="triangulate",
        version="1",
        summary="What news reports of one story agree on, where their figures differ, and who says what.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # the interactive docs load their scripts from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.triangulate = state
    app.include_router(api_routes.router)
    app.include_router(pages.router)
    app.include_router(alerts.router)  # the alerts `watch` raises: page, JSON, live stream
    for router in extra_routers:
        app.include_router(router)
    app.mount("/static", StaticFiles(packages=[("triangulate.web", "static")]), name="static")
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=state.config.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {"Allow": ", ".join(_allowed_methods(app, request))}
        return _error(request, exc.status_code, str(exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(_problem(e) for e in exc.errors())
        return _error(request, 422, problems or "invalid request")

    @app.exception_handler(TriangulateError)
    async def library_error(request: Request, exc: TriangulateError) -> Response:
        return _error(request, 500, f"{type(exc).__name__}: {exc}")


def _allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route accepts at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in app.routes:
        if isinstance(route, APIRoute) and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods or set()
    return sorted(methods)


def _problem(error: Any) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
    return f"{where or 'request'}: {error.get('msg', 'invalid')}"


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith(API_PREFIX) or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)
    return state_of(request).render(request, "error.html.j2", {"status": status, "message": message}, status)  # type: ignore[no-any-return]
