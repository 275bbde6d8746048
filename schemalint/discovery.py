"""Find a Convex project's root, functions directory and schema file, as the Convex CLI does.

The Convex CLI reads `convex.json` at the project root; its `"functions"` key names the functions
directory (default `convex/`), see https://docs.convex.dev/production/project-configuration.
schemalint never reads outside the repository that holds the project (`repository_root`): a
`"functions"` path leading out of it is refused with an error naming the file and position.
"""

from __future__ import annotations

from pathlib import Path

from schemalint import files
from schemalint.records import dataclass

SCHEMA_NAMES = ("schema.ts", "schema.js")
# A directory holding one of these is the root of a repository or a JS workspace (monorepo).
_REPOSITORY_MARKERS = (".git", ".hg", ".jj", "pnpm-workspace.yaml")


class DiscoveryError(Exception):
    """The path given does not lead to a schema file. The message says why."""


class OutsideRepositoryError(DiscoveryError):
    """Project configuration points outside the repository holding the project."""


@dataclass(frozen=True)
class ProjectLayout:
    """Where a Convex project's root, functions directory and schema file are."""

    root: Path
    functions_dir: Path
    schema_file: Path


def repository_root(project_root: Path) -> Path:
    """The directory schemalint may read within for the project at `project_root`: the nearest
    ancestor (or itself) that is a repository or workspace root (`.git`, `.hg`, `.jj`,
    `pnpm-workspace.yaml`, a package.json with `workspaces`), else `project_root` itself."""
    file_system = files.current()
    start = file_system.realpath(project_root)
    for directory in (start, *start.parents):
        for marker in _REPOSITORY_MARKERS:
            if file_system.is_dir(directory / marker) or file_system.is_file(directory / marker):
                return directory
        if _declares_workspaces(directory / "package.json"):
            return directory
    return start


def _declares_workspaces(package_json: Path) -> bool:
    if not files.current().is_file(package_json):
        return False
    import json  # imported where a JSON file is met

    try:
        data = json.loads(files.read_text(package_json))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return isinstance(data, dict) and "workspaces" in data


def _position(text: str, key: str) -> str:
    """`line:col` of the first `"key"` in a JSON text (1:1 if absent)."""
    offset = max(text.find(f'"{key}"'), 0)
    line_start = text.rfind("\n", 0, offset) + 1
    return f"{text.count(chr(10), 0, offset) + 1}:{offset - line_start + 1}"


def _functions_dir_of_root(root: Path) -> Path:
    config = root / "convex.json"
    given, text = "convex", None
    if files.current().is_file(config):
        import json  # imported where a JSON file is met

        try:
            text = files.read_text(config)
            data = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise DiscoveryError(f"{config}: cannot read convex.json: {exc}") from None
        functions = data.get("functions") if isinstance(data, dict) else None
        if isinstance(functions, str) and functions.strip():
            given = functions
    resolved = files.current().realpath(root / given)
    boundary = repository_root(root)
    if not resolved.is_relative_to(boundary):
        import json

        where = f'{config}:{_position(text, "functions")}: "functions": ' if text is not None else f"{root}: "
        raise OutsideRepositoryError(
            f"{where}{json.dumps(given)} leads to {resolved}, outside {boundary} "
            "(the repository holding the project); schemalint does not read it"
        )
    return resolved


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
        if not files.current().is_file(config):
            continue
        try:
            if _functions_dir_of_root(ancestor) == functions_dir:
                return ancestor
        except DiscoveryError:
            continue  # an unrelated convex.json further up
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
