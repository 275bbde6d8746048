"""The files of one git revision as a read-only `schemalint.files.FileSystem`.

Everything is read from git objects (`git ls-tree`, `git cat-file`): nothing is checked out and
nothing is written. Paths are the working tree's (the repository's top level joined with the
path inside the revision), so the parser resolves imports, tsconfig.json and convex.json of
the old version exactly where they were.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from pathlib import Path, PurePosixPath

_REGULAR = ("100644", "100755")
_SYMLINK = "120000"
_MAX_LINKS = 16


class GitError(Exception):
    """A git command failed; the message says which and why."""


def git(args: list[str], cwd: Path) -> str:
    """The standard output of `git ARGS` run in `cwd`; GitError when it fails."""
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"cannot run git: {exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(f"`git {' '.join(args)}` failed: {message[-1] if message else 'no message'}")
    return result.stdout.decode("utf-8", errors="replace")


def repository_root(path: Path) -> Path:
    """The top level of the git work tree holding `path`; GitError outside one."""
    directory = path if path.is_dir() else path.parent
    return Path(os.path.realpath(git(["rev-parse", "--show-toplevel"], directory).strip()))


_DEFAULT_BRANCHES = ("origin/main", "origin/master", "main", "master")


def default_revision(repo: Path) -> tuple[str, str]:
    """`(commit, label)` of the default baseline: the merge-base of HEAD with the default
    branch (origin's HEAD, else main/master), or HEAD when there is no such branch.

    A default branch that exists but shares no history with HEAD here (a shallow clone) is an
    error, not a silent fall-back to HEAD, which would compare the change with itself.
    """
    candidates = list(_DEFAULT_BRANCHES)
    try:
        origin_head = git(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], repo).strip()
        candidates.insert(0, origin_head)
    except GitError:
        pass
    for branch in candidates:
        try:
            resolve_commit(repo, branch)
        except GitError:
            continue
        try:
            base = git(["merge-base", "HEAD", branch], repo).strip()
        except GitError:
            raise GitError(
                f"HEAD and {branch} have no common commit in this clone (a shallow clone?): fetch "
                f"more history (`git fetch --deepen=...` or `fetch-depth: 0`) or pass --against {branch}"
            ) from None
        return base, f"the merge-base with {branch} ({base[:10]})"
    return resolve_commit(repo, "HEAD"), "HEAD"


def resolve_commit(repo: Path, revision: str) -> str:
    """The full commit id `revision` names; GitError when it names none."""
    if revision.startswith("-"):
        raise GitError(f"{revision!r} is not a revision")
    return git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], repo
    ).strip()


class GitTreeFileSystem:
    """The regular files and symlinks of `commit`, mounted at the work tree `repo`."""

    def __init__(self, repo: Path, commit: str) -> None:
        self.repo = repo
        self.commit = commit
        self._entries: dict[str, tuple[str, str]] = {}
        # `.git` is listed so that discovery finds the repository root where it is.
        self._dirs: set[str] = {"", ".git"}
        listing = git(["ls-tree", "-r", "-z", "--full-tree", commit], repo)
        for record in listing.split("\0"):
            if not record:
                continue
            meta, _, name = record.partition("\t")
            mode, _kind, sha = meta.split(" ")
            self._entries[name] = (mode, sha)
            parent = posixpath.dirname(name)
            while parent not in self._dirs:
                self._dirs.add(parent)
                parent = posixpath.dirname(parent)
        self._blobs: dict[str, bytes] = {}

    # ----------------------------------------------------------------------------------------

    def _relative(self, path: Path) -> str | None:
        normal = os.path.normpath(path)
        try:
            relative = Path(normal).relative_to(self.repo)
        except ValueError:
            return None
        text = PurePosixPath(*relative.parts).as_posix()
        return "" if text == "." else text

    def _follow(self, name: str | None) -> str | None:
        """`name` with symlinks in the revision followed (None when it leaves the tree)."""
        for _ in range(_MAX_LINKS):
            if name is None:
                return None
            entry = self._entries.get(name)
            if entry is None or entry[0] != _SYMLINK:
                return name
            target = self._blob(entry[1]).decode("utf-8", errors="replace")
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            name = None if joined.startswith("../") or joined == ".." or target.startswith("/") else joined
        return None

    def _blob(self, sha: str) -> bytes:
        if sha not in self._blobs:
            try:
                result = subprocess.run(
                    ["git", "cat-file", "blob", sha],
                    cwd=self.repo,
                    capture_output=True,
                    check=False,
                    timeout=60,
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise OSError(f"cannot run git: {exc}") from None
            if result.returncode != 0:
                raise OSError(f"cannot read {sha} from git")
            self._blobs[sha] = result.stdout
        return self._blobs[sha]

    def _file(self, path: Path) -> tuple[str, str] | None:
        name = self._follow(self._relative(path))
        entry = self._entries.get(name) if name is not None else None
        return entry if entry is not None and entry[0] in _REGULAR else None

    # ---------------------------------------------------------------------- FileSystem API

    def is_file(self, path: Path) -> bool:
        return self._file(path) is not None

    def is_dir(self, path: Path) -> bool:
        name = self._follow(self._relative(path))
        return name is not None and name in self._dirs

    def read_bytes(self, path: Path) -> bytes:
        entry = self._file(path)
        if entry is None:
            raise FileNotFoundError(f"{path}: not in revision {self.commit[:10]}")
        return self._blob(entry[1])

    def file_size(self, path: Path) -> int:
        return len(self.read_bytes(path))

    def realpath(self, path: Path) -> Path:
        name = self._follow(self._relative(path))
        if name is None:
            return Path(os.path.normpath(path))
        return self.repo / name if name else self.repo

    def list_dir(self, path: Path) -> list[str]:
        name = self._follow(self._relative(path))
        if name is None or name not in self._dirs:
            raise NotADirectoryError(f"{path}: not a directory in revision {self.commit[:10]}")
        prefix = f"{name}/" if name else ""
        children = {
            entry[len(prefix) :].split("/", 1)[0]
            for entry in (*self._entries, *self._dirs)
            if entry.startswith(prefix) and entry != name and entry != ".git"
        }
        return sorted(children)
