"""A local HTTP server for the fetch and watch tests: routes a test can change between requests."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering: a slow feed
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False
    chunked: bool = False  # no Content-Length: the body's size is only known by reading it


@dataclass
class FeedServer:
    host: str
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    seen_headers: list[dict[str, str]] = field(default_factory=list)
    posts: list[tuple[str, bytes]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def set(self, path: str, body: bytes | str = b"", **options: object) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)  # type: ignore[arg-type]
        self.routes[path] = route
        return route


def http_date(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # the tests read no logs
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            server.hits[path] += 1
            server.seen_headers.append({k.lower(): v for k, v in self.headers.items()})
            route = server.routes.get(path)
            if route is None:
                self._send(404, b"not found", {"Content-Type": "text/plain"})
                return
            if route.delay:
                time.sleep(route.delay)
            if self._unchanged(route):
                self._send(304, b"", self._validators(route))
                return
            self._answer(route)

        def do_POST(self) -> None:
            path = self.path.split("?", 1)[0]
            server.hits[path] += 1
            length = int(self.headers.get("Content-Length") or 0)
            server.posts.append((path, self.rfile.read(length)))
            route = server.routes.get(path, Route(status=404))
            self._send(route.status, route.body, {"Content-Type": "text/plain"})

        def _unchanged(self, route: Route) -> bool:
            if route.status != 200:
                return False
            match = self.headers.get("If-None-Match")
            if match is not None and route.etag is not None:
                return match == route.etag
            since = self.headers.get("If-Modified-Since")
            return since is not None and route.last_modified is not None and since == route.last_modified

        def _validators(self, route: Route) -> dict[str, str]:
            found = {"ETag": route.etag, "Last-Modified": route.last_modified}
            return {k: v for k, v in found.items() if v is not None}

        def _answer(self, route: Route) -> None:
            body = gzip.compress(route.body) if route.gzip else route.body
            headers = {"Content-Type": route.content_type, **self._validators(route), **route.headers}
            if route.gzip:
                headers["Content-Encoding"] = "gzip"
            self._send(route.status, body, headers, chunked=route.chunked)

        def _send(self, status: int, body: bytes, headers: dict[str, str], chunked: bool = False) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for start in range(0, len(body), 65536):
                    piece = body[start : start + 65536]
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up on a slow answer is part of the tests, not a fault


@contextmanager
def serve() -> Iterator[FeedServer]:
    """A running server on a free local port, stopped on exit."""
    state = FeedServer("127.0.0.1", 0)
    httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
