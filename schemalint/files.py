"""The file system that discovery and the parser read through.

By default that is the real disk. `schemalint diff` swaps in another one (the files of a git
revision, read from git objects) for the duration of one parse with `reading_from(...)`, so the
same discovery, resolver and evaluator read an old version of the project without it ever being
checked out or written anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Protocol


class FileSystem(Protocol):
    """What the parser asks of a file system. Paths are absolute."""

    def is_file(self, path: Path) -> bool:
        """Whether `path` is a regular file (following symlinks)."""
        ...

    def is_dir(self, path: Path) -> bool:
        """Whether `path` is a directory (following symlinks)."""
        ...

    def read_bytes(self, path: Path) -> bytes:
        """The contents of the file `path`; raises OSError when it cannot be read."""
        ...

    def file_size(self, path: Path) -> int:
        """The size of the file `path` in bytes; raises OSError when it cannot be read."""
        ...

    def realpath(self, path: Path) -> Path:
        """`path` made absolute, normalised, with symlinks resolved where the file system has them."""
        ...


class DiskFileSystem:
    """The real file system."""

    def is_file(self, path: Path) -> bool:
        return path.is_file()

    def is_dir(self, path: Path) -> bool:
        return path.is_dir()

    def read_bytes(self, path: Path) -> bytes:
        return path.read_bytes()

    def file_size(self, path: Path) -> int:
        return path.stat().st_size

    def realpath(self, path: Path) -> Path:
        return Path(os.path.realpath(path))


DISK = DiskFileSystem()
_CURRENT: ContextVar[FileSystem] = ContextVar("schemalint_file_system", default=DISK)


def current() -> FileSystem:
    """The file system reads go to now (the disk unless inside `reading_from`)."""
    return _CURRENT.get()


def read_text(path: Path) -> str:
    """The UTF-8 text of `path` on the current file system (OSError / UnicodeDecodeError)."""
    return current().read_bytes(path).decode("utf-8")


@contextmanager
def reading_from(file_system: FileSystem) -> Iterator[None]:
    """Make discovery and the parser read from `file_system` inside the `with` block."""
    token = _CURRENT.set(file_system)
    try:
        yield
    finally:
        _CURRENT.reset(token)
