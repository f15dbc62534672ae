"""The one place triangulate touches the network: a careful HTTP GET.

>>> result = fetch("https://news.example/feed.xml", FetchConfig())      # doctest: +SKIP
>>> result.content, result.etag, result.not_modified                     # doctest: +SKIP

:func:`fetch` accepts only ``http``/``https`` URLs; resolves the host itself and, unless
``allow_private``, refuses any address that is loopback, private, link-local, multicast,
reserved or unspecified (IPv4 and IPv6, IPv4-mapped included), then connects to the address it
checked, so a second DNS answer cannot swap it (TLS still verifies the host name). Redirects are
followed by hand, at most ``max_redirects``, each hop checked the same way. The body is streamed
and refused once it passes ``max_bytes`` (counted after decompression). Pass the ``etag`` and
``last_modified`` of an earlier result to make a conditional request; an unchanged resource comes
back as ``not_modified``. :func:`post_json` sends a webhook under the same checks. Every failure
is a :class:`~triangulate.errors.FetchError`.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx

from triangulate.errors import ConfigError, FetchError

__all__ = ["FetchConfig", "FetchResult", "Resolver", "fetch", "is_public_address", "post_json"]

Resolver = Callable[[str, int], Sequence[str]]
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """Network limits; every field is checked when the config is made.

    ``resolver(host, port)`` lists the host's addresses (default: the system resolver); tests
    replace it to point a made-up host name at their local server.
    """

    connect_timeout: float = 5.0
    read_timeout: float = 10.0  # the longest wait for the next bytes
    total_timeout: float = 30.0  # the longest a whole fetch may take, redirects included
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "triangulate/0.1 (news feed reader)"
    resolver: Resolver | None = None

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise ConfigError(f"{name} must be a positive number of seconds, got {value!r}")
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be a positive integer, got {self.max_bytes!r}")
        redirects = self.max_redirects
        if isinstance(redirects, bool) or not isinstance(redirects, int) or not 0 <= redirects <= 20:
            raise ConfigError(f"max_redirects must be an integer in [0, 20], got {redirects!r}")


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a fetch brought back. ``url`` is the final address, after redirects."""

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # a conditional request found the resource unchanged (304)

    @property
    def charset(self) -> str:
        """The charset the Content-Type header names, or ""."""
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset":
                return value.strip().strip('"')
        return ""


def fetch(
    url: str, config: FetchConfig | None = None, etag: str | None = None, last_modified: str | None = None
) -> FetchResult:
    """GET ``url`` within ``config``'s limits; raises :class:`FetchError` for any failure."""
    config = config or FetchConfig()
    deadline = time.monotonic() + config.total_timeout
    headers = _conditional_headers(etag, last_modified)
    current = _parse_url(url)
    with _client(config) as client:
        for _ in range(config.max_redirects + 1):
            response = _get(client, current, headers, config, deadline)
            location = response.headers.get("location")
            if response.status_code not in _REDIRECTS or location is None:
                return _result(str(current), response, etag, last_modified, config, deadline)
            response.close()
            current = _parse_url(str(current.join(location)))
    raise FetchError(url, f"more than {config.max_redirects} redirects")


def post_json(url: str, payload: Any, config: FetchConfig | None = None) -> int:
    """POST ``payload`` as JSON to ``url`` under the same checks as :func:`fetch` (redirects are
    not followed: a webhook that moved is an error). Returns the 2xx status; :class:`FetchError`
    otherwise."""
    config = config or FetchConfig()
    deadline = time.monotonic() + config.total_timeout
    target = _parse_url(url)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    with _client(config) as client:
        response = _send(client, "POST", target, {"Content-Type": "application/json"}, config, deadline, body)
        try:
            status = response.status_code
            if not 200 <= status < 300:
                raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip(), status=status)
            _read_body(url, response, config, deadline)  # drain it, within the limits
        finally:
            response.close()
    return status


def is_public_address(address: str) -> bool:
    """Whether an IP address may be fetched from without ``allow_private``."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address inside an IPv6 one is judged as itself: mapped, 6to4 (2002::/16, which a
        # 6to4 tunnel delivers to the embedded address, 127.0.0.1 included) and Teredo's server.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not is_public_address(str(embedded)):
            return False
        ip = ip.ipv4_mapped or ip
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _parse_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(str(url), f"not a valid URL ({exc})") from exc
    if parsed.scheme not in _SCHEMES:
        raise FetchError(url, f"refused: only http and https URLs are fetched, not {parsed.scheme or 'none'!r}")
    if not parsed.host:
        raise FetchError(url, "not a valid URL (no host)")
    return parsed


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


@cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying context for the process: building one loads the CA bundle, which is slow."""
    return ssl.create_default_context()


def _client(config: FetchConfig) -> httpx.Client:
    timeout = httpx.Timeout(config.read_timeout, connect=config.connect_timeout)
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        verify=_ssl_context(),
        trust_env=False,  # a proxy from the environment would bypass the address checks
        headers={"User-Agent": config.user_agent, "Accept-Encoding": "gzip, deflate"},
    )


def _resolve(url: httpx.URL, config: FetchConfig) -> str:
    """The address to connect to: the host's first address, each one checked unless allowed."""
    host, port = url.host, url.port or (443 if url.scheme == "https" else 80)
    try:
        addresses = list((config.resolver or _system_resolver)(host, port))
    except (OSError, UnicodeError) as exc:
        raise FetchError(str(url), f"cannot resolve {host}: {exc}") from exc
    if not addresses:
        raise FetchError(str(url), f"cannot resolve {host}: no address")
    if not config.allow_private:
        refused = [a for a in addresses if not is_public_address(a)]
        if refused:
            raise FetchError(str(url), f"refused: {host} resolves to a non-public address ({refused[0]})")
    return addresses[0]


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _get(
    client: httpx.Client, url: httpx.URL, headers: dict[str, str], config: FetchConfig, deadline: float
) -> httpx.Response:
    return _send(client, "GET", url, headers, config, deadline)


def _send(
    client: httpx.Client,
    method: str,
    url: httpx.URL,
    headers: dict[str, str],
    config: FetchConfig,
    deadline: float,
    content: bytes | None = None,
) -> httpx.Response:
    """Send one request to the checked address, keeping the host name for the Host header and TLS."""
    address = _resolve(url, config)
    pinned = url.copy_with(host=address)
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    host_header = url.netloc.decode("ascii")
    _check_deadline(url, deadline)
    request = client.build_request(
        method, pinned, headers={**headers, "Host": host_header}, content=content, extensions=extensions
    )
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise FetchError(str(url), f"timed out ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(str(url), f"request failed: {type(exc).__name__}: {exc}") from exc


def _result(
    url: str,
    response: httpx.Response,
    etag: str | None,
    last_modified: str | None,
    config: FetchConfig,
    deadline: float,
) -> FetchResult:
    try:
        status = response.status_code
        new_etag = response.headers.get("etag") or etag
        new_modified = response.headers.get("last-modified") or last_modified
        if status == 304:
            return FetchResult(url, status, etag=new_etag, last_modified=new_modified, not_modified=True)
        if status >= 400 or status < 200:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip(), status=status)
        body = _read_body(url, response, config, deadline)
        content_type = response.headers.get("content-type", "")
    finally:
        response.close()
    return FetchResult(url, status, body, content_type, new_etag, new_modified)


def _read_body(url: str, response: httpx.Response, config: FetchConfig, deadline: float) -> bytes:
    """The decoded body, refused as soon as it passes the cap or the deadline.

    Decompression is done here, bounded, rather than by httpx: a small gzip chunk can inflate to
    a thousand times its size, and the cap must hold before that memory is spent.
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > config.max_bytes:
        raise FetchError(url, f"too large: {declared} bytes declared, the limit is {config.max_bytes}")
    body = _Body(url, config.max_bytes, response.headers.get("content-encoding", ""))
    try:
        for chunk in response.iter_raw():
            body.feed(chunk)
            _check_deadline(httpx.URL(url), deadline)
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out reading the body ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"reading the body failed: {type(exc).__name__}: {exc}") from exc
    return body.finish()


class _Body:
    """A body being received: decompressed in bounded steps, refused past ``limit`` bytes."""

    def __init__(self, url: str, limit: int, encoding: str) -> None:
        self.url, self.limit = url, limit
        self.chunks: list[bytes] = []
        self.size = 0
        coding = encoding.strip().lower()
        if coding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(url, f"unsupported content encoding {coding!r}")
        # 32 + 15: zlib detects a gzip or zlib header; raw deflate gets its own decoder
        self.inflate = None if coding in ("", "identity") else zlib.decompressobj(32 + 15)
        self.raw_deflate = coding == "deflate"

    def feed(self, data: bytes) -> None:
        if self.inflate is None:
            self._keep(data)
            return
        while data:
            try:
                out = self.inflate.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                if not (self.raw_deflate and self.size == 0 and not self.chunks):
                    raise FetchError(self.url, f"bad compressed body ({exc})") from exc
                self.inflate, self.raw_deflate = zlib.decompressobj(-15), False
                continue
            self._keep(out)
            data = self.inflate.unconsumed_tail

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(self.url, f"too large: over {self.limit} bytes")
        self.chunks.append(data)

    def finish(self) -> bytes:
        if self.inflate is not None:
            self._keep(self.inflate.flush())
            if not self.inflate.eof:
                raise FetchError(self.url, "bad compressed body (truncated)")
        return b"".join(self.chunks)


def _check_deadline(url: httpx.URL, deadline: float) -> None:
    if time.monotonic() > deadline:
        raise FetchError(str(url), "timed out (total time limit)")
