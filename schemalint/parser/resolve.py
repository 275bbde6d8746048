"""Resolving import specifiers to files, as esbuild (Convex's bundler) does.

Relative specifiers, `index.*` files, `.js` specifiers naming `.ts` files, and tsconfig.json
`baseUrl` / `paths` aliases. Anything else is a package. Files outside the project root are
never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tree_sitter import Node

from schemalint import files
from schemalint.parser.source import _parser, decode_escape

# esbuild's default resolve order.
EXTENSIONS = (".tsx", ".ts", ".jsx", ".js", ".mts", ".cts", ".mjs", ".cjs", ".json")
_JS_TO_TS = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}


@dataclass(frozen=True)
class Resolution:
    """Where a specifier leads: `kind` is "file", "package", "missing" or "outside"."""

    kind: str
    path: Path | None = None
    package: str | None = None
    detail: str = ""


@dataclass
class TsConfig:
    directory: Path
    base_url: Path | None = None
    paths: dict[str, list[str]] = field(default_factory=dict)
    paths_base: Path | None = None


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


class Resolver:
    """Resolves specifiers for files under one project root."""

    def __init__(self, root: Path) -> None:
        self.root = files.current().realpath(Path(root))
        self._tsconfigs: dict[Path, TsConfig | None] = {}

    def resolve(self, specifier: str, importer: Path) -> Resolution:
        if specifier.startswith(("./", "../", "/")) or specifier in (".", ".."):
            base = (importer.parent / specifier) if not specifier.startswith("/") else Path(specifier)
            return self._file_or_missing(base, specifier)
        config = self._tsconfig_for(importer.parent)
        if config is not None:
            aliased = self._resolve_alias(specifier, config)
            if aliased is not None:
                return aliased
        return Resolution("package", package=specifier)

    # ----------------------------------------------------------------------------------------

    def _file_or_missing(self, base: Path, specifier: str) -> Resolution:
        found = self._find_file(base)
        if found is None:
            return Resolution("missing", detail=f"cannot resolve `{specifier}`: no such file")
        real = files.current().realpath(found)
        if not _is_within(real, self.root):
            return Resolution(
                "outside", detail=f"`{specifier}` resolves to {real}, outside the project root {self.root}"
            )
        return Resolution("file", path=real)

    def _find_file(self, base: Path) -> Path | None:
        if base.suffix in _JS_TO_TS:
            for ts_suffix in _JS_TO_TS[base.suffix]:
                candidate = base.with_suffix(ts_suffix)
                if files.current().is_file(candidate):
                    return candidate
        if files.current().is_file(base) and base.suffix in EXTENSIONS:
            return base
        for extension in EXTENSIONS:
            candidate = base.with_name(base.name + extension)
            if files.current().is_file(candidate):
                return candidate
        if files.current().is_dir(base):
            for extension in EXTENSIONS:
                candidate = base / f"index{extension}"
                if files.current().is_file(candidate):
                    return candidate
        return None

    def _resolve_alias(self, specifier: str, config: TsConfig) -> Resolution | None:
        best: tuple[int, str, list[str]] | None = None
        for pattern, targets in config.paths.items():
            if "*" in pattern:
                prefix, _, suffix = pattern.partition("*")
                if (
                    specifier.startswith(prefix)
                    and specifier.endswith(suffix)
                    and len(specifier) >= len(prefix) + len(suffix)
                ):
                    matched = specifier[len(prefix) : len(specifier) - len(suffix)]
                    if best is None or len(prefix) > best[0]:
                        best = (len(prefix), matched, targets)
            elif pattern == specifier:
                best = (len(pattern) + 1, "", targets)
                break
        base_dir = config.paths_base or config.directory
        if best is not None:
            _, matched, targets = best
            for target in targets:
                found = self._file_or_missing(base_dir / target.replace("*", matched), specifier)
                if found.kind != "missing":
                    return found
            return Resolution("missing", detail=f"cannot resolve `{specifier}` through tsconfig paths")
        if config.base_url is not None:
            found = self._file_or_missing(config.base_url / specifier, specifier)
            if found.kind != "missing":
                return found
        return None

    def _tsconfig_for(self, directory: Path) -> TsConfig | None:
        chain: list[Path] = []
        current = directory
        while True:
            if current in self._tsconfigs:
                result = self._tsconfigs[current]
                break
            chain.append(current)
            candidate = current / "tsconfig.json"
            if files.current().is_file(candidate):
                result = self._load_tsconfig(candidate, depth=0)
                break
            if current == self.root or current.parent == current or not _is_within(current, self.root):
                result = None
                break
            current = current.parent
        for visited in chain:
            self._tsconfigs[visited] = result
        return result

    def _load_tsconfig(self, path: Path, depth: int) -> TsConfig | None:
        try:
            data = parse_jsonc(files.read_text(path))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        config = TsConfig(directory=path.parent)
        extends = data.get("extends")
        if isinstance(extends, str) and extends.startswith(".") and depth < 8:
            parent_path = files.current().realpath(path.parent / extends)
            if parent_path.suffix != ".json":
                parent_path = parent_path.with_name(parent_path.name + ".json")
            if files.current().is_file(parent_path):
                parent = self._load_tsconfig(parent_path, depth + 1)
                if parent is not None:
                    config.base_url, config.paths, config.paths_base = (
                        parent.base_url,
                        parent.paths,
                        parent.paths_base,
                    )
        options = data.get("compilerOptions")
        if isinstance(options, dict):
            base_url = options.get("baseUrl")
            if isinstance(base_url, str):
                config.base_url = files.current().realpath(path.parent / base_url)
            paths = options.get("paths")
            if isinstance(paths, dict):
                config.paths = {
                    k: [t for t in v if isinstance(t, str)] for k, v in paths.items() if isinstance(v, list)
                }
                config.paths_base = config.base_url or path.parent
        return config


def parse_jsonc(text: str) -> Any:
    """Parse JSON with comments and trailing commas (tsconfig.json) using the TS grammar."""
    data = f"({text}\n)".encode()
    tree = _parser(False).parse(data)
    root = tree.root_node
    statement = root.named_children[0] if root.named_children else None
    if root.has_error or statement is None or statement.type != "expression_statement":
        raise ValueError("not a JSON document")
    expression = statement.named_children[0]
    while expression.type == "parenthesized_expression":
        expression = expression.named_children[0]
    return _json_value(expression, data)


def _json_value(node: Node, data: bytes) -> Any:
    kind = node.type
    if kind == "object":
        result: dict[str, Any] = {}
        for pair in node.named_children:
            if pair.type != "pair":
                continue
            key_node = pair.child_by_field_name("key")
            value_node = pair.child_by_field_name("value")
            if key_node is None or value_node is None:
                continue
            key = (
                _json_value(key_node, data)
                if key_node.type == "string"
                else data[key_node.start_byte : key_node.end_byte].decode()
            )
            result[str(key)] = _json_value(value_node, data)
        return result
    if kind == "array":
        return [_json_value(c, data) for c in node.named_children if c.type != "comment"]
    if kind == "string":
        parts = []
        for child in node.named_children:
            text = data[child.start_byte : child.end_byte].decode()
            parts.append(decode_escape(text) if child.type == "escape_sequence" else text)
        return "".join(parts)
    if kind == "number":
        return float(data[node.start_byte : node.end_byte].decode())
    if kind in ("true", "false"):
        return kind == "true"
    if kind == "null":
        return None
    raise ValueError(f"unexpected {kind} in JSON")
