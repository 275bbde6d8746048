"""`--watch`: run a command, then run it again whenever a file it depends on changes.

What a run depends on: the files it read (the schema's import closure, the function modules),
every module file under the project's functions directory (a new module is a new set of
functions), the project's `convex.json`, `tsconfig.json` and `package.json`, and the
configuration file (or one created nearer to the schema, up to the repository root). Change
notifications come from watchfiles (the operating system's file
events through Rust's `notify`: inotify, FSEvents, ReadDirectoryChangesW); a burst of changes,
such as an editor's save or a `git checkout`, is grouped into one re-run. This module is
imported only with --watch, so `schemalint check` itself never loads watchfiles.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import field
from pathlib import Path

import click
import watchfiles

from schemalint.config import CONFIG_FILE_NAMES
from schemalint.discovery import ProjectLayout, repository_root
from schemalint.records import dataclass

MODULE_SUFFIXES = frozenset({".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"})
PROJECT_FILES = ("convex.json", "tsconfig.json", "package.json")
_SKIPPED = frozenset({"_generated", "node_modules", ".git"})


@dataclass(frozen=True)
class Targets:
    """What a run depends on: exact `files`, and `trees` whose module files all count."""

    files: frozenset[Path] = frozenset()
    trees: frozenset[Path] = frozenset()

    def __or__(self, other: Targets) -> Targets:
        return Targets(self.files | other.files, self.trees | other.trees)

    def matters(self, path: Path) -> bool:
        """Whether a change to `path` can change the run's result."""
        if path in self.files:
            return True
        in_tree = any(path.is_relative_to(tree) for tree in self.trees)
        # a new directory in a functions directory may soon hold modules: watch it too
        return in_tree and (path.suffix in MODULE_SUFFIXES or path.is_dir())

    def directories(self) -> list[Path]:
        """The directories to watch (non-recursively): those holding `files`, and every
        directory of the `trees` (generated code, node_modules and .git left out)."""
        found = {path.parent for path in self.files}
        for tree in self.trees:
            for directory, subdirectories, _ in os.walk(tree):
                subdirectories[:] = [d for d in subdirectories if d not in _SKIPPED]
                found.add(Path(directory))
        return sorted(d for d in found if d.is_dir())


@dataclass(frozen=True)
class ProjectFiles:
    """One project's dependencies, as a run found them."""

    layout: ProjectLayout
    read: Iterable[str] = ()
    config: Path | None = None
    extra: tuple[Path, ...] = field(default=())


def targets_of(projects: Iterable[ProjectFiles]) -> Targets:
    """The targets of a run over `projects`."""
    files: set[Path] = set()
    trees: set[Path] = set()
    for project in projects:
        root = project.layout.root
        files.update(Path(path).resolve() for path in project.read)
        files.update(root / name for name in PROJECT_FILES)
        files.add(project.layout.schema_file)
        files.update(project.extra)
        if project.config is not None:
            files.add(project.config.resolve())
        # a configuration file created nearer to the schema than the current one takes over
        top = repository_root(root)
        schema_dir = project.layout.schema_file.parent
        for directory in (schema_dir, *schema_dir.parents):
            files.update(directory / name for name in CONFIG_FILE_NAMES)
            if directory == top or not directory.is_relative_to(top):
                break
        trees.add(project.layout.functions_dir)
    return Targets(frozenset(files), frozenset(trees))


def project_targets(path: Path) -> Targets | None:
    """The targets of a generator run on the project at `path` (None if it cannot be read)."""
    from schemalint.config import ConfigError, find_config_file
    from schemalint.discovery import DiscoveryError
    from schemalint.parser import parse_project
    from schemalint.workspace import find_one_project

    try:
        layout = find_one_project(path)
        project = parse_project(layout)
        config = find_config_file(layout.schema_file.parent)
    except (DiscoveryError, ConfigError, OSError):
        return None
    read = [project.schema_file, *(f.path for f in project.files)]
    return targets_of([ProjectFiles(layout, read, config)])


def watch(
    run: Callable[[], tuple[int, Targets | None]],
    *,
    clear: bool = False,
    stop_event: threading.Event | None = None,
) -> int:
    """Run `run`, then again after each change that matters, until interrupted (Ctrl-C) or
    `stop_event` is set; returns the last run's status. `run` returns its status and its
    targets (None: it failed before knowing them; the previous targets stay).

    One watcher stays open across runs while the directories to watch stay the same, so a
    change made during a run is not lost: it triggers the next run."""
    status, found = run()
    targets = found or Targets()
    try:
        while directories := targets.directories():
            outcome = _watch_directories(directories, targets, run, clear, stop_event)
            if outcome is None:
                return status
            status, found = outcome
            targets = found or targets
        return status
    except KeyboardInterrupt:
        return status


def _watch_directories(
    directories: list[Path],
    targets: Targets,
    run: Callable[[], tuple[int, Targets | None]],
    clear: bool,
    stop_event: threading.Event | None,
) -> tuple[int, Targets | None] | None:
    """Watch `directories`, re-running on relevant changes, until a run needs other
    directories (its result is returned) or the watch is stopped (None)."""
    announce = True
    for changes in watchfiles.watch(
        *directories,
        watch_filter=None,
        recursive=False,
        stop_event=stop_event,
        debounce=800,
        step=100,
        rust_timeout=250,
        yield_on_timeout=True,  # a first, empty batch says the watcher is ready
    ):
        if announce:
            noun = "directory" if len(directories) == 1 else "directories"
            click.echo(f"Watching {len(directories)} {noun} for changes (Ctrl-C to stop)...", err=True)
            announce = False
        relevant = {Path(path) for _, path in changes if targets.matters(Path(path))}
        if not relevant:
            continue
        if clear:
            click.clear()
        click.echo(f"Changed: {', '.join(sorted(_relative(path) for path in relevant))}", err=True)
        status, found = run()
        targets = found or targets
        if targets.directories() != directories:
            return status, targets
        announce = True
    return None


def _relative(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
