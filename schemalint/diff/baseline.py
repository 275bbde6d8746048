"""The version of the project that `schemalint diff` compares against.

`from_git` reads it from a git revision through `GitTreeFileSystem` (no checkout, no files
written); `from_directory` from a plain directory holding the old version of the project root.
Either way the ordinary discovery and parser run on it; a version with no schema file is a
baseline without a project ("every table is new").
"""

from __future__ import annotations

from pathlib import Path

from schemalint import files
from schemalint.diagnostics import UNEVALUABLE_EXPRESSION, ParserDiagnostic, Span
from schemalint.diff.git_files import GitTreeFileSystem, default_revision, repository_root, resolve_commit
from schemalint.discovery import DiscoveryError, ProjectLayout, discover
from schemalint.ir import Project
from schemalint.parser import parse_project
from schemalint.rules.base import Baseline


def from_git(layout: ProjectLayout, revision: str | None) -> tuple[Baseline, GitTreeFileSystem]:
    """The project at `revision` (default: the merge-base with the default branch, else HEAD),
    found at the same functions directory, and the file system it was read from."""
    repo = repository_root(layout.root)
    if revision is None:
        commit, label = default_revision(repo)
        suffix = f"@{commit[:10]}"
    else:
        commit, label, suffix = resolve_commit(repo, revision), revision, f"@{revision}"
    file_system = GitTreeFileSystem(repo, commit)
    with files.reading_from(file_system):
        project = _parse(layout.functions_dir, layout.schema_file, file_system)
        if project is None:
            # The functions directory may have moved (convex.json): ask the project root too.
            project = _parse(layout.root, layout.schema_file, file_system)
    return Baseline(project, label, span_suffix=suffix), file_system


def from_directory(layout: ProjectLayout, directory: Path, label: str | None = None) -> Baseline:
    """The project in `directory`, the old copy of `layout.root` (its functions directory is
    looked up at the same place relative to it)."""
    try:
        relative = layout.functions_dir.relative_to(layout.root)
    except ValueError:
        relative = Path("convex")
    try:
        schema = directory / layout.schema_file.relative_to(layout.root)
    except ValueError:
        schema = directory / "convex" / layout.schema_file.name
    return Baseline(_parse(directory / relative, schema, files.DISK), label or str(directory))


def _parse(given: Path, schema: Path, file_system: files.FileSystem) -> Project | None:
    """The project `given` (a functions directory) leads to on `file_system`; None when that
    version has no schema file (`schema` is where the current version's schema file would be)."""
    try:
        old_layout = discover(given)
    except DiscoveryError as exc:
        if not file_system.is_file(schema):
            return None
        # The schema file is there but discovery failed (e.g. an unreadable convex.json).
        diagnostic = ParserDiagnostic(UNEVALUABLE_EXPRESSION, str(exc), Span(str(schema), 1, 1, 1, 1))
        return Project(
            root=str(schema.parent.parent), schema_file=str(schema), schema=None, diagnostics=(diagnostic,)
        )
    return parse_project(old_layout)
