"""fetch: limits, redirects, conditional requests and the address guard, against a local server."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

import pytest

from tests.feedserver import FeedServer, serve
from triangulate.errors import ConfigError, FetchError, TriangulateError
from triangulate.fetch import FetchConfig, fetch, is_public_address

LOCAL = FetchConfig(allow_private=True, connect_timeout=2, read_timeout=2, total_timeout=5)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serve() as running:
        yield running


def test_fetch_returns_body_type_and_validators(server: FeedServer) -> None:
    server.set("/feed", "<rss/>", etag='"v1"', last_modified="Sun, 22 Nov 2026 10:00:00 GMT")
    result = fetch(server.url("/feed"), LOCAL)
    assert (result.status, result.content, result.not_modified) == (200, b"<rss/>", False)
    assert result.etag == '"v1"' and result.last_modified == "Sun, 22 Nov 2026 10:00:00 GMT"
    assert result.charset == "utf-8"
    assert result.url == server.url("/feed")


def test_fetch_etag_makes_a_conditional_request(server: FeedServer) -> None:
    server.set("/etag", "<rss/>", etag='"v1"')
    first = fetch(server.url("/etag"), LOCAL)
    again = fetch(server.url("/etag"), LOCAL, etag=first.etag)
    assert again.not_modified and again.status == 304 and again.content == b""
    assert again.etag == '"v1"'
    assert server.seen_headers[-1]["if-none-match"] == '"v1"'
    server.set("/etag", "<rss>new</rss>", etag='"v2"')
    changed = fetch(server.url("/etag"), LOCAL, etag=first.etag)
    assert not changed.not_modified and changed.content == b"<rss>new</rss>" and changed.etag == '"v2"'


def test_fetch_last_modified_makes_a_conditional_request(server: FeedServer) -> None:
    stamp = "Sun, 22 Nov 2026 09:00:00 GMT"
    server.set("/modified", "<rss/>", last_modified=stamp)
    result = fetch(server.url("/modified"), LOCAL, last_modified=stamp)
    assert result.not_modified and result.last_modified == stamp
    assert server.seen_headers[-1]["if-modified-since"] == stamp


def test_fetch_follows_relative_redirects(server: FeedServer) -> None:
    server.set("/old", status=301, headers={"Location": "/hop"})
    server.set("/hop", status=307, headers={"Location": server.url("/new")})
    server.set("/new", "moved here")
    result = fetch(server.url("/old"), LOCAL)
    assert result.content == b"moved here" and result.url == server.url("/new")


def test_fetch_stops_after_max_redirects(server: FeedServer) -> None:
    for i in range(7):
        server.set(f"/loop{i}", status=302, headers={"Location": f"/loop{i + 1}"})
    server.set("/loop7", "end")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(server.url("/loop0"), LOCAL)
    server.hits.clear()
    assert fetch(server.url("/loop3"), LOCAL).content == b"end"  # four hops are fine


def test_fetch_checks_the_scheme_of_every_hop(server: FeedServer) -> None:
    server.set("/to-file", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="only http and https"):
        fetch(server.url("/to-file"), LOCAL)


def test_fetch_checks_the_address_of_every_hop(server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first hop passes the guard; the redirect to a private address is refused at its hop."""
    import triangulate.fetch as fetch_module

    # Count the local server as public, so that only the second hop's address is non-public.
    monkeypatch.setattr(fetch_module, "is_public_address", lambda address: address == "127.0.0.1")
    names = {"feeds.test": ["127.0.0.1"], "inside.test": ["10.1.2.3"]}
    config = FetchConfig(resolver=lambda host, port: names[host], connect_timeout=1)
    server.set("/jump", status=302, headers={"Location": "http://inside.test/secret"})
    server.hits.clear()
    with pytest.raises(FetchError, match=r"refused: inside\.test resolves to a non-public address \(10\.1\.2\.3\)"):
        fetch(f"http://feeds.test:{server.port}/jump", config)
    assert server.hits["/jump"] == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.8.0.1:8080/",
        "http://10.0.0.7/",
        "http://172.16.3.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://localhost/",
    ],
)
def test_fetch_guard_refuses_non_public_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="refused") as caught:
        fetch(url, FetchConfig(connect_timeout=0.5))
    assert isinstance(caught.value, TriangulateError) and caught.value.url == url


def test_fetch_guard_refuses_a_name_resolving_to_loopback(server: FeedServer) -> None:
    server.hits.clear()
    server.set("/inside", "secret")
    config = FetchConfig(resolver=lambda host, port: ["93.184.215.14", "127.0.0.1"])  # one bad answer is enough
    with pytest.raises(FetchError, match=r"rebind\.test resolves to a non-public address \(127\.0\.0\.1\)"):
        fetch(f"http://rebind.test:{server.port}/inside", config)
    assert server.hits["/inside"] == 0


def test_fetch_connects_to_the_checked_address_with_the_original_host(server: FeedServer) -> None:
    server.set("/pinned", "ok")
    config = FetchConfig(resolver=lambda host, port: ["127.0.0.1"], allow_private=True)
    assert fetch(f"http://news.test:{server.port}/pinned", config).content == b"ok"
    assert server.seen_headers[-1]["host"] == f"news.test:{server.port}"


@pytest.mark.parametrize(
    ("address", "public"),
    [("93.184.215.14", True), ("2606:4700:4700::1111", True), ("100.64.0.1", False), ("::", False)],
)
def test_fetch_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x", "not a url", ""])
def test_fetch_refuses_other_schemes_and_junk(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, LOCAL)


def test_fetch_refuses_a_declared_oversized_body(server: FeedServer) -> None:
    server.set("/big", b"x" * 5000)
    with pytest.raises(FetchError, match="too large: 5000 bytes declared"):
        fetch(server.url("/big"), FetchConfig(allow_private=True, max_bytes=4000))


def test_fetch_refuses_a_streamed_oversized_body(server: FeedServer) -> None:
    server.set("/stream", b"y" * 200_000, chunked=True)
    with pytest.raises(FetchError, match="too large: over 100000 bytes"):
        fetch(server.url("/stream"), FetchConfig(allow_private=True, max_bytes=100_000))
    assert len(fetch(server.url("/stream"), LOCAL).content) == 200_000


def test_fetch_caps_the_body_after_decompression(server: FeedServer) -> None:
    server.set("/bomb", b"\0" * 5_000_000, gzip=True)  # about 5 KB on the wire
    with pytest.raises(FetchError, match="too large: over 1000000 bytes"):
        fetch(server.url("/bomb"), FetchConfig(allow_private=True, max_bytes=1_000_000))
    server.set("/small", "<rss>compressed</rss>", gzip=True)
    assert fetch(server.url("/small"), LOCAL).content == b"<rss>compressed</rss>"


@pytest.mark.parametrize("wrap", [zlib.compress, lambda data: zlib.compress(data)[2:-4]])
def test_fetch_reads_deflate_with_or_without_zlib_header(server: FeedServer, wrap: object) -> None:
    body = wrap(b"<rss>deflated</rss>")  # type: ignore[operator]
    server.set("/deflate", body, headers={"Content-Encoding": "deflate"})
    assert fetch(server.url("/deflate"), LOCAL).content == b"<rss>deflated</rss>"


def test_fetch_refuses_a_corrupt_gzip_body(server: FeedServer) -> None:
    server.set("/corrupt", gzip.compress(b"hello")[:8] + b"garbage!", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="bad compressed body"):
        fetch(server.url("/corrupt"), LOCAL)


def test_fetch_times_out_on_a_slow_server(server: FeedServer) -> None:
    server.set("/slow", "late", delay=0.6)
    with pytest.raises(FetchError, match="timed out"):
        fetch(server.url("/slow"), FetchConfig(allow_private=True, read_timeout=0.1))


def test_fetch_http_errors_carry_the_status(server: FeedServer) -> None:
    server.set("/broken", "oops", status=500)
    with pytest.raises(FetchError, match="HTTP 500") as caught:
        fetch(server.url("/broken"), LOCAL)
    assert caught.value.status == 500
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server.url("/missing"), LOCAL)


def test_fetch_connection_refused_is_a_fetch_error(server: FeedServer) -> None:
    with pytest.raises(FetchError, match="request failed"):
        fetch("http://127.0.0.1:9/", FetchConfig(allow_private=True, connect_timeout=0.5))


@pytest.mark.parametrize(
    "kwargs",
    [{"connect_timeout": 0}, {"read_timeout": -1}, {"max_bytes": 0}, {"max_redirects": 21}, {"total_timeout": True}],
)
def test_fetch_config_rejects_bad_limits(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        FetchConfig(**kwargs)  # type: ignore[arg-type]


def test_fetch_public_surface_is_small() -> None:
    import triangulate.fetch as fetch_module

    assert sorted(fetch_module.__all__) == [
        "FetchConfig",
        "FetchResult",
        "Resolver",
        "fetch",
        "is_public_address",
        "post_json",
    ]
    assert all(hasattr(fetch_module, name) for name in fetch_module.__all__)
