"""Input paths to files: folders expanded in sorted order, files read within limits."""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from triangulate.errors import IngestError

_REASONS = {
    errno.ENOENT: "not found",
    errno.ENOTDIR: "not found",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "symlink loop",
    errno.ENAMETOOLONG: "name too long",
}


def os_reason(exc: OSError) -> str:
    """A short reason for an operating-system error."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; :class:`IngestError` otherwise."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(str(path), "not a regular file")
        if info.st_size > limit:
            raise IngestError(str(path), f"too large ({info.st_size} bytes > {limit})")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IngestError(str(path), os_reason(exc)) from exc
    except ValueError as exc:  # a NUL byte in the name
        raise IngestError(str(path), "invalid path") from exc
    if len(data) > limit:
        raise IngestError(str(path), f"too large (more than {limit} bytes)")
    return data


def open_file(path: Path) -> io.BufferedReader[Any]:
    """A regular file opened for streaming (no size limit); :class:`IngestError` otherwise."""
    try:
        # Non-blocking, so that a named pipe is refused instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise IngestError(str(path), "not a regular file")
        handle = os.fdopen(fd, "rb")
    except OSError as exc:
        raise IngestError(str(path), os_reason(exc)) from exc
    except ValueError as exc:  # a NUL byte in the name
        raise IngestError(str(path), "invalid path") from exc
    return handle


def _listing(folder: str) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _dir_key(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def walk_folder(root: Path, wanted: Callable[[str], bool], follow: bool) -> Iterator[Path | IngestError]:
    """The wanted files under ``root``, depth first in name order; errors for unreadable folders.

    Hidden entries are skipped; symlinks too unless ``follow``, and a folder already visited
    (a symlink loop) is never entered twice.
    """
    try:
        seen = {_dir_key(str(root))}
        stack = [iter(_listing(str(root)))]
    except OSError as exc:
        yield IngestError(str(root), os_reason(exc))
        return
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            if entry.name.startswith(".") or (entry.is_symlink() and not follow):
                continue
            if entry.is_dir(follow_symlinks=follow):
                key = _dir_key(entry.path)
                if key not in seen:
                    seen.add(key)
                    stack.append(iter(_listing(entry.path)))
            elif entry.is_file(follow_symlinks=follow) and wanted(entry.name):
                yield Path(entry.path)
        except OSError as exc:
            if exc.errno != errno.ELOOP:  # a symlink loop is skipped like any other cycle
                yield IngestError(entry.path, os_reason(exc))
