"""The file-system steps of `schemalint.generate.output`: reading only regular files, staging
temp files next to their targets, renaming them over the targets all-or-nothing, listing the
files a manifest does not know.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

TEMP_SUFFIX = ".schemalint-tmp"


class OutputError(Exception):
    """The files cannot be written (or checked) as asked. The message says why."""


def unlisted_files(out_dir: Path, names: set[str], listed: set[str], skip: frozenset[str]) -> list[str]:
    """The regular files (not symbolic links) directly in the directories that hold `names`,
    except the `listed` and `skip` names, by relative name (sorted)."""
    directories = {PurePosixPath(name).parent for name in names}
    found: list[str] = []
    for directory in sorted(directories):
        path = out_dir / directory
        if path.is_symlink() or not path.is_dir():
            continue
        with os.scandir(path) as entries:
            for entry in entries:
                name = (directory / entry.name).as_posix()
                if entry.is_file(follow_symlinks=False) and name not in listed and name not in skip:
                    found.append(name)
    return sorted(found)


def read_existing(out_dir: Path, name: str) -> bytes | None:
    """The bytes of `out_dir/name`, None if there is no such file; raises if it is not a file."""
    path = out_dir / name
    for parent in reversed(PurePosixPath(name).parents[:-1]):
        if (out_dir / parent).exists() and not (out_dir / parent).is_dir():
            raise OutputError(f"{out_dir / parent} is in the way: it is not a directory")
        if (out_dir / parent).is_symlink():
            raise OutputError(f"{out_dir / parent} is a symbolic link; it would lead outside {out_dir}")
    if path.is_symlink():
        # Reading through it would show (in a --check diff) a file outside the directory.
        raise OutputError(f"{path} is a symbolic link; schemalint writes only regular files")
    if not path.exists():
        return None
    if not path.is_file():
        raise OutputError(f"{path} is in the way: it is not a regular file")
    return read_regular(path)


def read_regular(path: Path) -> bytes:
    """The bytes of `path`, refusing anything but a regular file at the moment it is opened (a
    FIFO put there would block a plain read forever)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise OutputError(f"cannot read {path}: {exc}") from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"{path} is in the way: it is not a regular file")
        return stream.read()


@contextlib.contextmanager
def staged(out_dir: Path, files: Mapping[str, str]) -> Iterator[dict[str, Path]]:
    """Write each file to a temp file next to its target; yield `name -> temp path`.

    Temp files left over (after an error, or not renamed) are deleted on exit.
    """
    temps: dict[str, Path] = {}
    try:
        for name, content in sorted(files.items()):
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
            temps[name] = Path(temp)
            with os.fdopen(fd, "wb") as stream:
                stream.write(content.encode("utf-8"))
                # No fsync: renames keep readers and interrupted runs from seeing half-written files;
                # surviving a power cut is not worth one disk flush per file (1,000 tables: 6 s).
            os.chmod(temp, mode_for(target))
        yield temps
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc}") from None
    finally:
        for leftover in temps.values():
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def replace_all(out_dir: Path, temps: dict[str, Path], previous: Mapping[str, bytes]) -> None:
    """Rename every temp file over its target. If one rename fails, put back what was there
    before (from `previous`) and delete the files that did not exist, then re-raise."""
    done: list[str] = []
    try:
        for name, temp in sorted(temps.items()):
            os.replace(temp, out_dir / name)
            done.append(name)
    except OSError:
        restore(out_dir, done, previous)
        raise


def restore(out_dir: Path, names: list[str], previous: Mapping[str, bytes]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            old = previous.get(name)
            if old is None:
                (out_dir / name).unlink()
            else:
                (out_dir / name).write_bytes(old)


def mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0o666 minus the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
