"""The alerts `watch` raised: a page, a JSON list, and a live stream (server-sent events).

``GET /alerts`` lists the newest alerts; ``GET /api/v1/alerts?after=ID`` returns them as JSON,
oldest first; ``GET /alerts/stream`` sends each alert as an SSE event (``id`` is the alert id,
``event: alert``, ``data`` its JSON) and then every new one as ``watch`` stores it. A client that
reconnects with ``Last-Event-ID`` (browsers do) misses nothing. Alerts are read from the
database, so a ``watch`` running in another process feeds the stream.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from triangulate.store import Store
from triangulate.watch import Alert, WatchState
from triangulate.web.state import state_of

PAGE_SIZE = 100
BATCH = 100


def read_alerts(db_path: Path, after: int = 0, limit: int = BATCH, newest_first: bool = False) -> list[Alert]:
    with Store(db_path) as store:
        return WatchState(store).alerts(after, limit, newest_first)


def sse(alert: Alert) -> str:
    """One server-sent event; JSON has no raw newlines, so ``data`` is one line."""
    return f"id: {alert.id}\nevent: alert\ndata: {json.dumps(alert.to_json(), ensure_ascii=False)}\n\n"


async def alert_events(
    db_path: Path,
    after: int,
    limit: int | None,
    poll: float,
    heartbeat: float,
    gone: Callable[[], Awaitable[bool]],
) -> AsyncIterator[str]:
    """Events for the alerts after ``after``, then for new ones, until ``limit`` or the client goes."""
    sent, idle = 0, 0.0
    yield "retry: 3000\n\n"
    while limit is None or sent < limit:
        if await gone():
            return
        batch = await run_in_threadpool(read_alerts, db_path, after, BATCH if limit is None else limit - sent)
        for alert in batch:
            yield sse(alert)
            after, sent = alert.id, sent + 1
        if batch:
            idle = 0.0
            continue
        await asyncio.sleep(poll)
        idle += poll
        if idle >= heartbeat:  # a comment line keeps proxies from closing a quiet stream
            yield ": keep-alive\n\n"
            idle = 0.0


MAX_ID = 2**63 - 1  # SQLite's largest INTEGER: a larger id would fail the query, not match nothing


def _start(after: int | None, last_event_id: str | None) -> int:
    """Where a stream starts: a reconnecting browser's Last-Event-ID wins over the page's ``after``."""
    if last_event_id and last_event_id.isdigit():
        return min(int(last_event_id), MAX_ID)
    return after or 0


def make_router(poll: float = 2.0, heartbeat: float = 15.0) -> APIRouter:
    """The alert routes; the stream looks for new alerts every ``poll`` seconds."""
    router = APIRouter()

    @router.get("/alerts", include_in_schema=False)
    async def alerts_page(request: Request) -> Any:
        state = state_of(request)
        alerts = await run_in_threadpool(read_alerts, state.db_path, 0, PAGE_SIZE, True)
        latest = alerts[0].id if alerts else 0
        return state.render(request, "alerts.html.j2", {"alerts": alerts, "latest": latest, "nav": "alerts"})

    @router.get("/api/v1/alerts", tags=["alerts"])
    async def alerts_json(
        request: Request,
        after: Annotated[int, Query(ge=0, le=MAX_ID, description="only alerts with a larger id")] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = PAGE_SIZE,
    ) -> list[dict[str, Any]]:
        """Stored alerts, oldest first: conflicts, updates and watched stories."""
        alerts = await run_in_threadpool(read_alerts, state_of(request).db_path, after, limit)
        return [a.to_json() for a in alerts]

    @router.get("/alerts/stream", include_in_schema=False)
    async def alerts_stream(
        request: Request,
        after: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
        limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    ) -> StreamingResponse:
        start = _start(after, request.headers.get("last-event-id"))
        events = alert_events(state_of(request).db_path, start, limit, poll, heartbeat, request.is_disconnected)
        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(events, media_type="text/event-stream", headers=headers)

    return router


router = make_router()
