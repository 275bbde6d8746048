"""Packages whose source is in the repository: workspace packages and their package.json entries.

npm and yarn list workspaces in the root package.json (`"workspaces": [...]` or
`{"packages": [...]}`), pnpm in `pnpm-workspace.yaml`. A workspace package is imported by its
`name`; its entry points come from `exports` (subpath patterns and conditions), else `module`,
`main`, `types`, else `index`. A subpath that is a directory with its own package.json (a
`server/` entry of a package) is resolved through that package.json.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from schemalint import files

# Export conditions a Convex bundle may match, values before types.
_CONDITIONS = ("convex", "import", "module", "default", "require", "node", "browser", "worker")
_ENTRY_FIELDS = ("module", "main", "types", "typings")


def read_json(path: Path) -> Any:
    """The JSON document at `path`, or None when it is absent or not JSON."""
    try:
        text = files.read_text(path)
    except (OSError, UnicodeDecodeError):
        return None
    import json  # imported where a JSON file is met

    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _workspace_patterns(root: Path) -> list[str]:
    patterns: list[str] = []
    manifest = read_json(root / "package.json")
    workspaces = manifest.get("workspaces") if isinstance(manifest, dict) else None
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    if isinstance(workspaces, list):
        patterns += [p for p in workspaces if isinstance(p, str)]
    pnpm = root / "pnpm-workspace.yaml"
    if files.current().is_file(pnpm):
        import yaml

        try:
            document = yaml.safe_load(files.read_text(pnpm))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            document = None
        listed = document.get("packages") if isinstance(document, dict) else None
        if isinstance(listed, list):
            patterns += [p for p in listed if isinstance(p, str)]
    return patterns


def workspace_packages(root: Path) -> dict[str, Path]:
    """Package name → directory of every workspace package declared at `root` (only
    directories inside `root`; only on the real disk, where directories can be listed)."""
    if not files.on_disk():
        return {}
    patterns = _workspace_patterns(root)
    excluded = {d for p in patterns if p.startswith("!") for d in _directories(root, p[1:])}
    found: dict[str, Path] = {}
    for pattern in patterns:
        if pattern.startswith("!"):
            continue
        for directory in _directories(root, pattern):
            if directory in excluded:
                continue
            manifest = read_json(directory / "package.json")
            name = manifest.get("name") if isinstance(manifest, dict) else None
            if isinstance(name, str) and name not in found:
                found[name] = directory
    return found


def _directories(root: Path, pattern: str) -> Iterator[Path]:
    pattern = pattern.strip().removeprefix("./").rstrip("/")
    if not pattern or pattern.startswith("/") or ".." in Path(pattern).parts:
        return
    fs = files.current()
    for candidate in _glob(root, Path(pattern).parts):
        real = fs.realpath(candidate)
        if real.is_relative_to(root) and fs.is_file(real / "package.json"):
            yield real


_MAX_GLOB_DEPTH = 6


def _glob(directory: Path, parts: tuple[str, ...], depth: int = 0) -> Iterator[Path]:
    """Directories under `directory` matching the glob segments `parts` (`*`, `?`, `[...]`,
    `**`), never entering `node_modules` or hidden directories, at most a few levels deep."""
    if not parts:
        yield directory
        return
    head, rest = parts[0], parts[1:]
    if depth > _MAX_GLOB_DEPTH:
        return
    if head == "**":
        yield from _glob(directory, rest, depth)
        for child in _subdirectories(directory):
            yield from _glob(child, parts, depth + 1)
    elif any(c in head for c in "*?["):
        for child in _subdirectories(directory):
            if fnmatch.fnmatchcase(child.name, head):
                yield from _glob(child, rest, depth + 1)
    elif files.current().is_dir(directory / head):
        yield from _glob(directory / head, rest, depth + 1)


def _subdirectories(directory: Path) -> list[Path]:
    fs = files.current()
    try:
        names = fs.list_dir(directory)
    except OSError:
        return []
    return [
        directory / name
        for name in names
        if name != "node_modules" and not name.startswith(".") and fs.is_dir(directory / name)
    ]


def split_package_specifier(specifier: str) -> tuple[str, str]:
    """`("@scope/name", "sub/path")` for `@scope/name/sub/path`; `("name", "")` for `name`."""
    parts = specifier.split("/")
    count = 2 if specifier.startswith("@") else 1
    return "/".join(parts[:count]), "/".join(parts[count:])


def entry_candidates(package_dir: Path, subpath: str) -> list[Path]:
    """The files (as written: extensions may still be resolved) that `name/subpath` may name,
    best first, following the package's package.json."""
    manifest = read_json(package_dir / "package.json")
    manifest = manifest if isinstance(manifest, dict) else {}
    exports = manifest.get("exports")
    if exports is not None:
        targets = _export_targets(exports, "./" + subpath if subpath else ".")
        return [package_dir / target for target in targets]
    if not subpath:
        return [*_entry_fields(package_dir, manifest), package_dir / "index"]
    sub = package_dir / subpath
    nested = read_json(sub / "package.json") if files.current().is_dir(sub) else None
    nested_entries = _entry_fields(sub, nested) if isinstance(nested, dict) else []
    return [*nested_entries, sub]


def _entry_fields(directory: Path, manifest: dict[str, Any]) -> list[Path]:
    return [directory / manifest[f] for f in _ENTRY_FIELDS if isinstance(manifest.get(f), str)]


def _export_targets(exports: Any, key: str) -> list[str]:
    """The targets `exports` maps `key` ("." or "./sub") to, best condition first."""
    if isinstance(exports, dict) and exports and all(k.startswith(".") for k in exports):
        if key in exports:
            return _condition_targets(exports[key], "")
        best: tuple[int, str, Any] | None = None
        for pattern, value in exports.items():
            prefix, star, suffix = pattern.partition("*")
            fits = star and len(key) >= len(prefix + suffix) and key.startswith(prefix)
            fits = fits and key.endswith(suffix)
            if fits and (best is None or len(prefix) > best[0]):
                best = (len(prefix), key[len(prefix) : len(key) - len(suffix)], value)
        return _condition_targets(best[2], best[1]) if best is not None else []
    return _condition_targets(exports, "") if key == "." else []


def _condition_targets(value: Any, star: str) -> list[str]:
    if isinstance(value, str):
        return [value.replace("*", star)]
    if isinstance(value, list):
        return [target for item in value for target in _condition_targets(item, star)]
    if isinstance(value, dict):
        ordered = [k for k in value if k in _CONDITIONS] + [k for k in value if k in ("types", "typings")]
        return [target for k in ordered for target in _condition_targets(value[k], star)]
    return []
