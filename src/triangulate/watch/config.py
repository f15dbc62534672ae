"""The options of ``watch``, in one object checked when it is made."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from triangulate.errors import ConfigError
from triangulate.fetch import FetchConfig
from triangulate.ingest import IngestConfig


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """How to poll, and where alerts go.

    A failing source waits ``interval * 2**failures`` seconds before its next try, at most
    ``max_backoff``. A webhook delivery is tried ``webhook_tries`` times in a round, waiting
    ``webhook_backoff * 2**n`` seconds in between, and again in later rounds until it has had
    ``max_delivery_attempts`` tries.
    """

    fetch: FetchConfig = field(default_factory=FetchConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    fetch_pages: bool = True  # fetch and extract the article page of a feed entry that has only a summary
    workers: int = 8  # feeds and pages fetched at the same time
    max_backoff: float = 6 * 3600.0
    on_schedule: bool = True  # False: poll every source now, but those backing off (one-shot runs)
    jsonl: Path | None = None  # append every alert to this JSON Lines file
    webhook: str | None = None  # POST every alert as JSON to this URL
    webhook_tries: int = 3
    webhook_backoff: float = 1.0
    max_delivery_attempts: int = 12

    def __post_init__(self) -> None:
        for name in ("workers", "webhook_tries", "max_delivery_attempts"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        for name in ("max_backoff", "webhook_backoff"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"{name} must be a number of seconds >= 0, got {value!r}")
        if self.webhook is not None and not self.webhook.lower().startswith(("http://", "https://")):
            raise ConfigError(f"webhook must be an http(s) URL, got {self.webhook!r}")

    @property
    def channels(self) -> tuple[str, ...]:
        """The delivery channels besides the caller's own (``terminal``)."""
        return (("jsonl",) if self.jsonl else ()) + (("webhook",) if self.webhook else ())
