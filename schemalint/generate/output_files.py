"""The file-system steps of `schemalint.generate.output`: reading only regular files, staging
temp files next to their targets, renaming them over the targets all-or-nothing, listing the
files a manifest does not know.

Each step asks the disk as little as it can: one `lstat` to learn whether a target exists and
what it is; a temp file is created with its final permissions, written with one `write` and
renamed, nothing more (a thousand-file run spends most of its writing time in the kernel).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

TEMP_SUFFIX = ".schemalint-tmp"

# How temp files are created: never through a symbolic link, never over an existing file.
_TEMP_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
# New files get the usual permissions: 0o666 less what the umask (or a default ACL) takes away.
_NEW_FILE_MODE = 0o666
# Names a temp file may try before giving up (each taken one means a leftover of another run).
_TEMP_ATTEMPTS = 100


class OutputError(Exception):
    """The files cannot be written (or checked) as asked. The message says why."""


def unlisted_files(out_dir: Path, names: set[str], listed: set[str], skip: frozenset[str]) -> list[str]:
    """The regular files (not symbolic links) directly in the directories that hold `names`,
    except the `listed` and `skip` names, by relative name (sorted)."""
    directories = {name.rpartition("/")[0] for name in names}
    found: list[str] = []
    for directory in sorted(directories):
        path = out_dir / directory if directory else out_dir
        if path.is_symlink() or not path.is_dir():
            continue
        prefix = directory + "/" if directory else ""
        with os.scandir(path) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_file(follow_symlinks=False) and name not in listed and name not in skip:
                    found.append(name)
    return sorted(found)


def read_existing(out_dir: Path, name: str) -> bytes | None:
    """The bytes of `out_dir/name`, None if there is no such file; raises if it is not a file."""
    if "/" in name:
        _check_parents(out_dir, name)
    target = os.path.join(out_dir, name)
    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISLNK(mode):
        # Reading through it would show (in a --check diff) a file outside the directory.
        raise OutputError(f"{out_dir / name} is a symbolic link; schemalint writes only regular files")
    if not stat.S_ISREG(mode):
        raise OutputError(f"{out_dir / name} is in the way: it is not a regular file")
    return read_regular(out_dir / name)


def _check_parents(out_dir: Path, name: str) -> None:
    """Raise unless each directory on the way to `out_dir/name` is a real directory or absent."""
    parts = name.split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        parent = out_dir.joinpath(*parts[:depth])
        try:
            if stat.S_ISDIR(os.lstat(parent).st_mode):
                continue
        except (FileNotFoundError, NotADirectoryError):
            continue
        # Not a directory (or it changed under us): the checks the messages are made of.
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"{parent} is in the way: it is not a directory")
        if parent.is_symlink():
            raise OutputError(f"{parent} is a symbolic link; it would lead outside {out_dir}")


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
def staged(
    out_dir: Path, files: Mapping[str, str], *, existing: Collection[str] = ()
) -> Iterator[dict[str, str]]:
    """Write each file to a temp file next to its target; yield `name -> temp path`.

    A target named in `existing` keeps its permissions (the others are new files). Temp files
    still in the yielded mapping on exit (after an error, or not renamed) are deleted.
    """
    temps: dict[str, str] = {}
    made: set[str] = set()
    token = os.urandom(4).hex()
    try:
        for name, content in sorted(files.items()):
            directory, _, base = name.rpartition("/")
            if directory not in made:
                (out_dir / directory).mkdir(parents=True, exist_ok=True)
                made.add(directory)
            target = os.path.join(out_dir, name)
            for _attempt in range(_TEMP_ATTEMPTS):
                temp = os.path.join(out_dir, directory, f".{base}.{token}{TEMP_SUFFIX}")
                try:
                    fd = os.open(temp, _TEMP_FLAGS, _NEW_FILE_MODE)
                    break
                except FileExistsError:  # left by another run: try another name
                    token = os.urandom(4).hex()
            else:
                raise FileExistsError(f"no free temp file name next to {target}")
            temps[name] = temp
            try:
                _write_all(fd, content.encode("utf-8"))
                # No fsync: renames keep readers and interrupted runs from seeing half-written files;
                # surviving a power cut is not worth one disk flush per file (1,000 tables: 6 s).
                if name in existing:
                    _keep_mode(fd, temp, target)
            finally:
                os.close(fd)
        yield temps
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc}") from None
    finally:
        for leftover in temps.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _keep_mode(fd: int, temp: str, target: str) -> None:
    """Give the temp file the permissions of the file it will replace (if that still exists)."""
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        return
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # pragma: no cover - Windows before Python 3.13
        os.chmod(temp, mode)


def replace_all(out_dir: Path, temps: dict[str, str], previous: Mapping[str, bytes]) -> None:
    """Rename every temp file over its target, dropping it from `temps` once renamed (so
    `staged` has nothing left to delete). If one rename fails, put back what was there before
    (from `previous`) and delete the files that did not exist, then re-raise."""
    done: list[str] = []
    try:
        for name, temp in sorted(temps.items()):
            os.replace(temp, os.path.join(out_dir, name))
            del temps[name]
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
