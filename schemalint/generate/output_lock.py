"""An advisory lock on a generator's output directory, so two `schemalint generate` runs
writing (or one writing and one checking) the same `--out` take turns instead of interleaving.

The lock is `flock` on the directory itself (nothing is created for it). It is advisory: it
orders schemalint runs, not other programs. Where `fcntl` does not exist (Windows) runs are not
ordered.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# How long a run waits for another one to finish with the directory.
LOCK_TIMEOUT_SECONDS = 60.0
_POLL_SECONDS = 0.02


class LockTimeout(Exception):
    """Another run held the directory for longer than `LOCK_TIMEOUT_SECONDS`."""


@contextlib.contextmanager
def directory_lock(directory: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the lock on `directory` (which must exist): exclusive for writing, shared for
    reading. Raises `LockTimeout` when it cannot be had in time, `OSError` when the directory
    cannot be opened."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"{directory}: another `schemalint generate` has been using it for "
                        f"{LOCK_TIMEOUT_SECONDS:.0f} s; try again when it has finished"
                    ) from None
                time.sleep(_POLL_SECONDS)
        yield
    finally:
        os.close(fd)  # releases the lock
