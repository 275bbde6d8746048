"""Find a Convex project's root, functions directory and schema file, as the Convex CLI does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

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
    if config.is_file():
        try:
            data = json.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DiscoveryError(f"{config}: cannot read convex.json: {exc}") from None
        functions = data.get("functions") if isinstance(data, dict) else None
        if isinstance(functions, str) and functions.strip():
            return (root / functions).resolve()
    return (root / "convex").resolve()


def _schema_in(functions_dir: Path) -> Path | None:
    for name in SCHEMA_NAMES:
        candidate = functions_dir / name
        if candidate.is_file():
            return candidate
    return None


def _root_for_functions_dir(functions_dir: Path) -> Path:
    """The project root owning `functions_dir`: the nearest ancestor with convex.json, or the parent."""
    for ancestor in functions_dir.parents:
        config = ancestor / "convex.json"
        if config.is_file() and _functions_dir_of_root(ancestor) == functions_dir:
            return ancestor
    return functions_dir.parent


def discover(path: str | Path = ".") -> ProjectLayout:
    """Resolve PATH (a schema file, a functions directory or a project root) to a layout.

    Raises `DiscoveryError` when there is no schema to read.
    """
    given = Path(path)
    if not given.exists():
        raise DiscoveryError(f"{given}: no such file or directory")
    resolved = given.resolve()
    if resolved.is_file():
        functions_dir = resolved.parent
        return ProjectLayout(_root_for_functions_dir(functions_dir), functions_dir, resolved)

    schema = _schema_in(resolved)
    if schema is not None and not (resolved / "convex.json").is_file():
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
