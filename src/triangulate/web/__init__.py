"""The web UI and HTTP API (``triangulate serve``): see ``docs/web.md``."""

from __future__ import annotations

from triangulate.web.app import create_app
from triangulate.web.state import WebConfig

__all__ = ["WebConfig", "create_app"]
