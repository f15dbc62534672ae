"""Alert delivery: the JSONL log, the webhook with retries and backoff, the terminal, restarts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, serve
from triangulate.errors import ConfigError, FetchError
from triangulate.fetch import FetchConfig, post_json
from triangulate.store import MEMORY, Store
from triangulate.watch import Alert, WatchConfig, WatchState
from triangulate.watch.deliver import deliver_due

NOW = datetime(2026, 6, 9, 12, 0, tzinfo=UTC)
LOCAL = FetchConfig(allow_private=True, read_timeout=1, total_timeout=2)


@pytest.fixture()
def store() -> Iterator[Store]:
    with Store(MEMORY) as opened:
        yield opened


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serve() as running:
        yield running


def stored(store: Store, channels: list[str], count: int = 1) -> list[Alert]:
    alerts = [Alert(f"k{i}", "conflict", "s", "Quarry", f"alert {i}", "f", {"what": "people"}) for i in range(count)]
    return WatchState(store).commit_alerts(alerts, channels, [], [], NOW)


class FlakyPoster:
    """Fails ``failures`` times with ``status``, then accepts."""

    def __init__(self, failures: int, status: int | None = 503) -> None:
        self.failures, self.status = failures, status
        self.calls: list[dict[str, object]] = []

    def __call__(self, url: str, payload: object, config: FetchConfig) -> int:
        assert isinstance(payload, dict)
        self.calls.append(payload)
        if len(self.calls) <= self.failures:
            raise FetchError(url, f"HTTP {self.status}", status=self.status)
        return 204


def test_watch_jsonl_gets_each_alert_once_across_runs(store: Store, tmp_path: Path) -> None:
    log = tmp_path / "logs" / "alerts.jsonl"
    config = WatchConfig(jsonl=log)
    stored(store, ["jsonl"], count=2)
    report = deliver_due(WatchState(store), config, NOW, sleep=lambda _: None)
    assert report.delivered == 2
    deliver_due(WatchState(store), config, NOW + timedelta(minutes=1), sleep=lambda _: None)
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(x["id"], x["key"], x["kind"], x["story"]["title"], x["what"]) for x in lines] == [
        (1, "k0", "conflict", "Quarry", "people"),
        (2, "k1", "conflict", "Quarry", "people"),
    ]


def test_watch_webhook_retries_with_backoff_then_succeeds(store: Store) -> None:
    waits: list[float] = []
    poster = FlakyPoster(failures=2)
    config = WatchConfig(webhook="https://hooks.example/alerts", webhook_tries=3, webhook_backoff=0.5)
    stored(store, ["webhook"])
    report = deliver_due(WatchState(store), config, NOW, sleep=waits.append, poster=poster)
    assert (report.delivered, waits, len(poster.calls)) == (1, [0.5, 1.0], 3)
    assert poster.calls[0]["key"] == "k0"
    assert WatchState(store).delivery_rows()[0][:3] == (1, "webhook", 3)


def test_watch_webhook_that_keeps_failing_is_retried_in_later_rounds(store: Store) -> None:
    poster = FlakyPoster(failures=4)
    config = WatchConfig(webhook="https://hooks.example/alerts", webhook_tries=2, webhook_backoff=10)
    stored(store, ["webhook"])
    state = WatchState(store)
    first = deliver_due(state, config, NOW, sleep=lambda _: None, poster=poster)
    assert first.delivered == 0 and "HTTP 503 (try 2)" in first.failed[0]
    # the next try waits webhook_backoff * 2**attempts = 40 s
    assert deliver_due(state, config, NOW + timedelta(seconds=39), sleep=lambda _: None, poster=poster).failed == ()
    second = deliver_due(state, config, NOW + timedelta(seconds=40), sleep=lambda _: None, poster=poster)
    assert second.failed and len(poster.calls) == 4
    third = deliver_due(state, config, NOW + timedelta(seconds=200), sleep=lambda _: None, poster=poster)
    assert third.delivered == 1 and state.delivery_rows()[0][2] == 5


def test_watch_webhook_gives_up_after_max_attempts(store: Store) -> None:
    poster = FlakyPoster(failures=100)
    config = WatchConfig(webhook="https://hooks.example/a", webhook_tries=2, webhook_backoff=0, max_delivery_attempts=4)
    stored(store, ["webhook"])
    state = WatchState(store)
    for minute in range(5):
        deliver_due(state, config, NOW + timedelta(minutes=minute), sleep=lambda _: None, poster=poster)
    assert len(poster.calls) == 4 and state.delivery_rows()[0][3] is None


def test_watch_webhook_refused_payload_is_not_retried_at_once(store: Store) -> None:
    poster = FlakyPoster(failures=1, status=400)
    config = WatchConfig(webhook="https://hooks.example/a", webhook_tries=3, webhook_backoff=0)
    stored(store, ["webhook"])
    deliver_due(WatchState(store), config, NOW, sleep=lambda _: None, poster=poster)
    assert len(poster.calls) == 1


def test_watch_webhook_posts_json_to_a_real_server(store: Store, server: FeedServer) -> None:
    server.set("/hook", "ok", status=200)
    config = WatchConfig(webhook=server.url("/hook"), fetch=LOCAL)
    stored(store, ["webhook"])
    assert deliver_due(WatchState(store), config, NOW, sleep=lambda _: None).delivered == 1
    path, body = server.posts[-1]
    assert path == "/hook" and json.loads(body)["message"] == "alert 0"


def test_watch_post_json_checks_status_and_address(server: FeedServer) -> None:
    server.set("/down", "no", status=502)
    with pytest.raises(FetchError, match="HTTP 502") as caught:
        post_json(server.url("/down"), {"a": 1}, LOCAL)
    assert caught.value.status == 502
    with pytest.raises(FetchError, match="refused"):
        post_json(server.url("/hook"), {"a": 1}, FetchConfig())


def test_watch_terminal_channel_and_unconfigured_channels(store: Store) -> None:
    heard: list[Alert] = []
    stored(store, ["terminal", "webhook"])
    report = deliver_due(WatchState(store), WatchConfig(), NOW, sleep=lambda _: None, on_alert=heard.append)
    assert [a.message for a in heard] == ["alert 0"] and report.delivered == 1
    rows = WatchState(store).delivery_rows()
    assert [(channel, delivered is not None) for _, channel, _, delivered, _ in rows] == [
        ("terminal", True),
        ("webhook", False),  # waits for a run with a webhook configured
    ]


@pytest.mark.parametrize(
    "kwargs", [{"workers": 0}, {"webhook": "ftp://x"}, {"webhook_backoff": -1}, {"max_delivery_attempts": True}]
)
def test_watch_config_rejects_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        WatchConfig(**kwargs)  # type: ignore[arg-type]
