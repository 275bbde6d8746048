"""The file system that discovery and the parser read through.

By default that is the real disk. `schemalint diff` swaps in another one (the files of a git
revision, read from git objects) for the duration of one parse with `reading_from(...)`, so the
same discovery, resolver and evaluator read an old version of the project without it ever being
checked out or written anywhere. `schemalint check` reads through a `RecordingFileSystem`: every
question it asked the disk (a file's content, whether a path is a file, a directory listing...)
and the answer, so that its result cache (`schemalint.result_cache`) can tell whether a cached
result still holds by asking the same questions again.
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

    def list_dir(self, path: Path) -> list[str]:
        """The names in the directory `path`, sorted; raises OSError when it cannot be listed."""
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

    def list_dir(self, path: Path) -> list[str]:
        return sorted(os.listdir(path))


# A recorded question: (operation, path[, argument]); its answer is JSON-able (see `_ask`).
Probe = tuple[str, ...]


def _ask(probe: Probe) -> object:
    """The disk's answer to `probe` now, in the form a `RecordingFileSystem` records it."""
    op, path = probe[0], Path(probe[1])
    try:
        if op == "is_file":
            return path.is_file()
        if op == "is_dir":
            return path.is_dir()
        if op == "read":
            return _digest(path.read_bytes())
        if op == "size":
            return path.stat().st_size
        if op == "realpath":
            return os.path.realpath(path)
        if op == "list":
            return sorted(os.listdir(path))
        if op == "stat":
            stat = path.stat()
            return [stat.st_size, stat.st_mtime_ns]
    except (OSError, ValueError):
        return None
    raise ValueError(f"unknown probe {op!r}")


def _digest(data: bytes) -> str:
    import hashlib  # only a recording run (the result cache) digests what it reads

    return hashlib.blake2b(data, digest_size=20).hexdigest()  # as schemalint.fastpath.digest


class RecordingFileSystem:
    """The real disk, remembering every question asked of it and the first answer.

    `complete` turns False when something read the disk around it (`note_unrecorded`), or when
    the same question got two different answers (a file changed during the run): such a run's
    result must not be cached."""

    def __init__(self) -> None:
        self.probes: dict[Probe, object] = {}
        self.complete = True

    def _record(self, probe: Probe, answer: object) -> None:
        previous = self.probes.setdefault(probe, answer)
        if previous != answer:
            self.complete = False

    def is_file(self, path: Path) -> bool:
        answer = path.is_file()
        self._record(("is_file", str(path)), answer)
        return answer

    def is_dir(self, path: Path) -> bool:
        answer = path.is_dir()
        self._record(("is_dir", str(path)), answer)
        return answer

    def read_bytes(self, path: Path) -> bytes:
        try:
            data = path.read_bytes()
        except OSError:
            self._record(("read", str(path)), None)
            raise
        self._record(("read", str(path)), _digest(data))
        return data

    def file_size(self, path: Path) -> int:
        try:
            size = path.stat().st_size
        except OSError:
            self._record(("size", str(path)), None)
            raise
        self._record(("size", str(path)), size)
        return size

    def realpath(self, path: Path) -> Path:
        answer = os.path.realpath(path)
        self._record(("realpath", str(path)), answer)
        return Path(answer)

    def note_installed(self, path: Path) -> None:
        """Record the size and modification time of an installed file the result depends on
        (the parser's compiled grammar: an upgrade changes what a file parses to)."""
        try:
            stat = path.stat()
        except OSError:
            self._record(("stat", str(path)), None)
            return
        self._record(("stat", str(path)), [stat.st_size, stat.st_mtime_ns])

    def list_dir(self, path: Path) -> list[str]:
        try:
            names = sorted(os.listdir(path))
        except OSError:
            self._record(("list", str(path)), None)
            raise
        self._record(("list", str(path)), names)
        return names


def unchanged(probes: list[tuple[Probe, object]]) -> bool:
    """Whether the disk still gives every recorded answer."""
    try:
        return all(_ask(probe) == answer for probe, answer in probes)
    except (ValueError, TypeError, IndexError):
        return False  # a malformed record is never trusted


DISK = DiskFileSystem()
_CURRENT: ContextVar[FileSystem] = ContextVar("schemalint_file_system", default=DISK)


def current() -> FileSystem:
    """The file system reads go to now (the disk unless inside `reading_from`)."""
    return _CURRENT.get()


def on_disk() -> bool:
    """Whether reads go to the real disk (possibly recorded)."""
    fs = current()
    return fs is DISK or isinstance(fs, RecordingFileSystem)


def note_unrecorded() -> None:
    """Say that the disk was read around the current file system (a recorded run stops being
    cacheable)."""
    fs = current()
    if isinstance(fs, RecordingFileSystem):
        fs.complete = False


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
