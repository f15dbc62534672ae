"""Delivering stored alerts: to the caller (the terminal), a JSON Lines log and a webhook.

Every (alert, channel) pair is a row in ``alert_deliveries``, marked when it succeeds, so a
delivery cut short by a crash or a failing webhook is made on a later round. Delivery is at
least once (a crash between writing and marking repeats one line or POST); each payload carries
the alert's ``key`` so a receiver can drop a repeat. Alerts themselves fire exactly once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from triangulate.errors import FetchError
from triangulate.fetch import FetchConfig, post_json
from triangulate.watch.alerts import Alert
from triangulate.watch.config import WatchConfig
from triangulate.watch.state import WatchState

TERMINAL, JSONL, WEBHOOK = "terminal", "jsonl", "webhook"
Poster = Callable[[str, object, FetchConfig], int]
Sleep = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    delivered: int = 0
    failed: tuple[str, ...] = ()  # one line per delivery that failed this round


def deliver_due(
    state: WatchState,
    config: WatchConfig,
    now: datetime,
    sleep: Sleep,
    on_alert: Callable[[Alert], None] | None = None,
    poster: Poster = post_json,
) -> DeliveryReport:
    """Make every delivery that is due, through the channels configured now."""
    channels = config.channels + ((TERMINAL,) if on_alert else ())
    delivered, failed = 0, []
    for due in state.due_deliveries(channels, now, config.max_delivery_attempts):
        try:
            attempts = _send(due.alert, due.channel, due.attempts, config, sleep, on_alert, poster)
        except _Failed as exc:
            wait = config.webhook_backoff * 2.0 ** min(exc.attempts, 20)
            state.failed(due.alert.id, due.channel, exc.attempts, exc.reason, now + timedelta(seconds=wait))
            failed.append(f"alert {due.alert.id} via {due.channel}: {exc.reason} (try {exc.attempts})")
            continue
        state.delivered(due.alert.id, due.channel, attempts, now)
        delivered += 1
    return DeliveryReport(delivered, tuple(failed))


class _Failed(Exception):
    def __init__(self, reason: str, attempts: int) -> None:
        super().__init__(reason)
        self.reason, self.attempts = reason, attempts


def _send(
    alert: Alert,
    channel: str,
    attempts: int,
    config: WatchConfig,
    sleep: Sleep,
    on_alert: Callable[[Alert], None] | None,
    poster: Poster,
) -> int:
    """Deliver through one channel; the number of attempts so far, or :class:`_Failed`."""
    if channel == TERMINAL and on_alert is not None:
        on_alert(alert)
        return attempts + 1
    if channel == JSONL and config.jsonl is not None:
        return _append(config.jsonl, alert, attempts)
    if channel == WEBHOOK and config.webhook is not None:
        return _post(config.webhook, alert, attempts, config, sleep, poster)
    raise _Failed(f"channel {channel} is not configured", attempts)


def _append(path: Path, alert: Alert, attempts: int) -> int:
    line = json.dumps(alert.to_json(), ensure_ascii=False, sort_keys=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(line + "\n")
    except OSError as exc:
        raise _Failed(f"cannot write {path}: {exc.strerror or exc}", attempts + 1) from exc
    return attempts + 1


def _post(url: str, alert: Alert, attempts: int, config: WatchConfig, sleep: Sleep, poster: Poster) -> int:
    """POST with up to ``webhook_tries`` tries, waiting longer after each failure."""
    reason = ""
    for n in range(config.webhook_tries):
        if n:
            sleep(config.webhook_backoff * 2.0 ** (n - 1))
        attempts += 1
        try:
            poster(url, alert.to_json(), config.fetch)
            return attempts
        except FetchError as exc:
            reason = exc.reason
            if exc.status is not None and 400 <= exc.status < 500 and exc.status not in (408, 429):
                break  # the receiver refuses this payload: trying again at once will not help
    raise _Failed(reason, attempts)
