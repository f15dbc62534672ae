"""Watching feeds and folders, and alerting on what changed.

>>> from triangulate.watch import Hooks, WatchConfig, parse_sources, run_round   # doctest: +SKIP
>>> sources = parse_sources(["https://news.example/feed.xml", "inbox/"], interval=600)
>>> report = run_round(store, sources, WatchConfig(), now, Hooks(sleep=time.sleep))

One round polls the due sources (:mod:`~triangulate.watch.poller`), refreshes the database
through :func:`triangulate.api.refresh`, raises alerts (:mod:`~triangulate.watch.alerts`) for new
conflicts, revised figures and watched stories, stores each exactly once and delivers it
(:mod:`~triangulate.watch.deliver`). State lives in the workspace database
(:mod:`~triangulate.watch.state`). See ``docs/watch.md``.
"""

from __future__ import annotations

from triangulate.watch.alerts import Alert
from triangulate.watch.config import WatchConfig
from triangulate.watch.loop import Hooks, RoundReport, run_round, run_watch
from triangulate.watch.sources import Source, parse_interval, parse_sources, read_opml
from triangulate.watch.state import WatchState
from triangulate.watch.watchlist import KINDS, WatchItem, watch_item

__all__ = [
    "KINDS",
    "Alert",
    "Hooks",
    "RoundReport",
    "Source",
    "WatchConfig",
    "WatchItem",
    "WatchState",
    "parse_interval",
    "parse_sources",
    "read_opml",
    "run_round",
    "run_watch",
    "watch_item",
]
