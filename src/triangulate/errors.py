"""Errors, as a tree::

    TriangulateError
    ├── ConfigError   a bad option or a missing model
    ├── IngestError   one input item could not be read (carries the item's name)
    ├── StoreError    the database refused an operation
    └── FetchError    a URL could not be fetched (carries the URL, and the HTTP status if any)

One bad item is reported with its name and the batch goes on; only the CLI turns errors into
messages and exit codes.
"""

from __future__ import annotations


class TriangulateError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(TriangulateError):
    pass


class StoreError(TriangulateError):
    pass


class IngestError(TriangulateError):
    """One input item failed; ``item`` names it (a path, or ``path#record``)."""

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class FetchError(TriangulateError):
    """A URL could not be fetched: refused, unreachable, too slow, too big, or an HTTP error."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
