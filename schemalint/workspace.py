"""The Convex projects that command-line PATHs name: a project itself, or every project below a
directory that is not one (a monorepo root).

Below such a directory a project is a directory holding `convex.json` (whose functions directory
has a schema) or `convex/schema.ts` / `convex/schema.js`. The search skips `node_modules`,
version-control directories and whatever `.gitignore` files exclude (read with pathspec, which
implements git's own matching rules), follows no symlinked directory, and does not look inside a
project it found.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from schemalint import files
from schemalint.discovery import (
    SCHEMA_NAMES,
    DiscoveryError,
    OutsideRepositoryError,
    ProjectLayout,
    discover,
    repository_root,
)
from schemalint.lazy_pattern import lazy_compile

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

SKIPPED_DIRECTORIES = frozenset({"node_modules", ".git", ".hg", ".svn", ".jj", ".bzr"})


def find_projects(paths: Sequence[Path]) -> list[ProjectLayout]:
    """The projects PATHs lead to, each once, in the order given (a directory's projects sorted
    by path). Raises `DiscoveryError` for a PATH that leads to none."""
    found: dict[Path, ProjectLayout] = {}
    for path in paths:
        for layout in _projects_of(path):
            found.setdefault(layout.schema_file, layout)
    return list(found.values())


def find_one_project(path: Path) -> ProjectLayout:
    """The single project PATH leads to; raises `DiscoveryError` naming the candidates when a
    directory holds several (commands such as `export` work on one project)."""
    layouts = find_projects([path])
    if len(layouts) > 1:
        names = ", ".join(_shown(layout.root) for layout in layouts)
        raise DiscoveryError(f"{path}: {len(layouts)} Convex projects found ({names}); pass one of them")
    return layouts[0]


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return str(path)


def _projects_of(path: Path) -> list[ProjectLayout]:
    try:
        return [discover(path)]
    except DiscoveryError as not_a_project:
        directory = Path.cwd() / path
        fs = files.current()
        if not fs.is_dir(directory) or fs.is_file(directory / "convex.json"):
            raise
        files.note_unrecorded()  # the search lists directories directly: not cacheable
        found = sorted(_search(directory.resolve()), key=lambda layout: layout.root)
        if not found:
            raise DiscoveryError(
                f"{path}: no Convex schema found here or below it (looked for {' or '.join(SCHEMA_NAMES)} "
                "in convex/ and for convex.json); pass a schema file, a functions directory, a "
                "project root or a directory holding projects"
            ) from not_a_project
        return found


def _project_at(directory: Path) -> ProjectLayout | None:
    if (directory / "convex.json").is_file():
        try:
            return discover(directory)
        except OutsideRepositoryError:
            raise  # a boundary violation is never skipped silently
        except DiscoveryError:
            return None  # a Convex project without a schema: nothing to check
    for name in SCHEMA_NAMES:
        if (directory / "convex" / name).is_file():
            return discover(directory)
    return None


def _search(start: Path) -> Iterable[ProjectLayout]:
    ignores = _ignore_files_above(start)
    stack: list[tuple[Path, tuple[tuple[Path, GitIgnoreSpec], ...]]] = [(start, ignores)]
    while stack:
        directory, active = stack.pop()
        layout = _project_at(directory)
        if layout is not None:
            yield layout
            continue
        active = (*active, *_ignore_file(directory))
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            if entry.name in SKIPPED_DIRECTORIES or not entry.is_dir(follow_symlinks=False):
                continue
            child = Path(entry.path)
            if not _ignored(child, active):
                stack.append((child, active))


def _ignore_file(directory: Path) -> tuple[tuple[Path, GitIgnoreSpec], ...]:
    gitignore = directory / ".gitignore"
    if not gitignore.is_file():
        return ()
    from pathspec import GitIgnoreSpec

    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ()
    return ((directory, GitIgnoreSpec.from_lines(_STAR_RUN.sub("**", line) for line in lines)),)


# Git treats any run of two or more `*` alike (wildmatch skips the rest of the run), so
# `***...*` is `**`; pathspec would turn each `*` of the run into its own `[^/]*`, a regex that
# backtracks for minutes on one hostile line (`*` x 50 + `a` + `*` x 50 + `!`).
_STAR_RUN = lazy_compile(r"\*{3,}")


def _ignore_files_above(start: Path) -> tuple[tuple[Path, GitIgnoreSpec], ...]:
    """The `.gitignore` files of `start`'s ancestors up to its repository root, outermost first."""
    top = repository_root(start)
    if top == start or not start.is_relative_to(top):
        return ()
    ancestors = [p for p in reversed(start.parents) if p.is_relative_to(top)]
    return tuple(spec for directory in ancestors for spec in _ignore_file(directory))


def _ignored(directory: Path, active: Sequence[tuple[Path, GitIgnoreSpec]]) -> bool:
    """Whether git ignores `directory`: the deepest `.gitignore` with a matching pattern decides."""
    for base, spec in reversed(active):
        relative = directory.relative_to(base).as_posix() + "/"
        include = spec.check_file(relative).include
        if include is not None:
            return include
    return False
