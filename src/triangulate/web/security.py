"""What stands between untrusted articles, untrusted clients and the analyst's browser.

- Every response carries a strict Content-Security-Policy: scripts, styles and images only from
  this server, no inline script, no plugins, no framing. Article text is escaped by Jinja's
  autoescape; the policy is the second fence should an escape ever be missed.
- Request bodies are capped before they are read (:class:`BodyLimit`).
- Writing requests must come from this server's own pages (an ``Origin`` naming another host is
  refused, which stops a web page from posting to ``127.0.0.1`` behind the analyst's back) and,
  when a token is set, carry it.
"""

from __future__ import annotations

import hmac
import json
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
TOKEN_HEADER = "x-triangulate-token"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def needs_token(host: str) -> bool:
    """Writes need a token unless the server only listens on the loopback interface."""
    return host not in LOOPBACK


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` with a 413 JSON error, whether the client
    declares the length or streams the body in chunks."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {"error": {"status": 413, "message": f"request body larger than {self.max_bytes} bytes"}}
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def check_same_origin(request: Request) -> None:
    """A browser names the page a write comes from; it must be one of ours."""
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and request.headers.get("sec-fetch-site") == "same-origin"):
        return
    host = request.headers.get("host", "")
    if urlsplit(origin).netloc != host:
        raise HTTPException(403, "cross-origin writes are refused")


def check_token(request: Request, expected: str | None, form_token: str = "") -> None:
    if expected is None:
        return
    offered = request.headers.get(TOKEN_HEADER, "")
    bearer = request.headers.get("authorization", "")
    if not offered and bearer.lower().startswith("bearer "):
        offered = bearer[7:].strip()
    offered = offered or form_token
    if not offered or not hmac.compare_digest(offered.encode(), expected.encode()):
        raise HTTPException(401, f"this server needs its token for writes (header {TOKEN_HEADER} or form field token)")
