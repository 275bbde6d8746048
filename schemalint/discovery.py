"""Find a Convex project's root, functions directory and schema file, as the Convex CLI does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from schemalint import files

SCHEMA_NAMES = ("schema.ts", "schema.js")


class DiscoveryError(Exception):
    """The path given does not lead to a schema file. The message says why."""


@dataclass(frozen=True)
class ProjectLayout:
    root: Path
    functions_dir: Path
    schema_file: Path


def _functions_dir_of_root(root: Path) -> Path:
    config = root / "convex.json"
    if files.current().is_file(config):
        try:
            data = json.loads(files.read_text(config))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DiscoveryError(f"{config}: cannot read convex.json: {exc}") from None
        functions = data.get("functions") if isinstance(data, dict) else None
        if isinstance(functions, str) and functions.strip():
            return files.current().realpath(root / functions)
    return files.current().realpath(root / "convex")


def _schema_in(functions_dir: Path) -> Path | None:
    for name in SCHEMA_NAMES:
        candidate = functions_dir / name
        if files.current().is_file(candidate):
            return candidate
    return None


def _root_for_functions_dir(functions_dir: Path) -> Path:
    """The project root owning `functions_dir`: the nearest ancestor with convex.json, or the parent."""
    for ancestor in functions_dir.parents:
        config = ancestor / "convex.json"
        if files.current().is_file(config) and _functions_dir_of_root(ancestor) == functions_dir:
            return ancestor
    return functions_dir.parent


def discover(path: str | Path = ".") -> ProjectLayout:
    """Resolve PATH (a schema file, a functions directory or a project root) to a layout.

    Raises `DiscoveryError` when there is no schema to read.
    """
    given = Path(path)
    file_system = files.current()
    resolved = file_system.realpath(Path.cwd() / given)
    if not file_system.is_file(resolved) and not file_system.is_dir(resolved):
        raise DiscoveryError(f"{given}: no such file or directory")
    if file_system.is_file(resolved):
        functions_dir = resolved.parent
        return ProjectLayout(_root_for_functions_dir(functions_dir), functions_dir, resolved)

    schema = _schema_in(resolved)
    if schema is not None and not file_system.is_file(resolved / "convex.json"):
        # PATH is a functions directory (e.g. `convex/`).
        return ProjectLayout(_root_for_functions_dir(resolved), resolved, schema)

    functions_dir = _functions_dir_of_root(resolved)
    schema = _schema_in(functions_dir)
    if schema is None:
        shown = (
            functions_dir.relative_to(resolved) if functions_dir.is_relative_to(resolved) else functions_dir
        )
        raise DiscoveryError(
            f"{given}: no Convex schema found (looked for {' or '.join(SCHEMA_NAMES)} in "
            f"{shown}/); pass a schema file, a functions directory or a project root"
        )
    return ProjectLayout(resolved, functions_dir, schema)
