"""Resolving import specifiers to files, as esbuild (Convex's bundler) does.

Relative specifiers, `index.*` files, `.js` specifiers naming `.ts` files (an existing `.js`
file wins), tsconfig.json `baseUrl` / `paths` aliases (`extends` chains and arrays; a matching
alias whose targets do not exist falls back to package resolution), and workspace packages by
name. Anything else is a package.

The repository root (see `discovery.repository_root`) is a boundary: no file outside it is
read, not even configuration. An import, `extends`, `baseUrl` or `paths` entry leading outside
is refused with a notice.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import field
from pathlib import Path

from schemalint import files
from schemalint.diagnostics import UNRESOLVED_IMPORT, ParserDiagnostic, Severity, Span
from schemalint.parser.package_json import entry_candidates, split_package_specifier, workspace_packages
from schemalint.records import dataclass

# esbuild's default resolve order.
EXTENSIONS = (".tsx", ".ts", ".jsx", ".js", ".mts", ".cts", ".mjs", ".cjs", ".json")
_JS_TO_TS = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
_MAX_EXTENDS_DEPTH = 8


@dataclass(frozen=True)
class Resolution:
    """Where a specifier leads: `kind` is "file", "package", "missing" or "outside"."""

    kind: str
    path: Path | None = None
    package: str | None = None
    detail: str = ""


@dataclass
class TsConfig:
    """The module-resolution options of one tsconfig.json (baseUrl, paths)."""

    directory: Path
    base_url: Path | None = None
    paths: dict[str, list[str]] = field(default_factory=dict)
    paths_base: Path | None = None
    # The file that defines `paths` (diagnostics about them point there).
    paths_file: Path | None = None
    # `verbatimModuleSyntax`, `preserveValueImports` or `importsNotUsedAsValues: "preserve"`:
    # esbuild keeps imports whose names are never read as values.
    keeps_unused_imports: bool = False


def _is_within(path: Path, root: Path) -> bool:
    return path.is_relative_to(root)


def _normal(path: Path) -> Path:
    """`path` normalised lexically (`..` removed) without touching the file system."""
    return Path(os.path.normpath(path))


class Resolver:
    """Resolves specifiers for the files of one project, reading only within `boundary`
    (the repository root; by default the project root itself)."""

    def __init__(
        self,
        root: Path,
        boundary: Path | None = None,
        report: Callable[[ParserDiagnostic], None] | None = None,
    ) -> None:
        # One parse asks the same paths again and again (every module imports `_generated/server`;
        # a realpath is ~140 k instructions): each path and each relative import is asked once.
        self._realpaths: dict[Path, Path] = {}
        self._relative: dict[tuple[Path, str], Resolution] = {}
        self.root = self.realpath(Path(boundary if boundary is not None else root))
        self._report = report
        self._tsconfigs: dict[Path, TsConfig | None] = {}
        self._workspace: dict[str, Path] | None = None
        self._refused: set[tuple[Path, str]] = set()

    def realpath(self, path: Path) -> Path:
        """`files.current().realpath(path)`, asked of the file system once per path."""
        known = self._realpaths.get(path)
        if known is None:
            known = self._realpaths[path] = files.current().realpath(path)
        return known

    def resolve(self, specifier: str, importer: Path) -> Resolution:
        if specifier.startswith(("./", "../", "/")) or specifier in (".", ".."):
            base = (importer.parent / specifier) if not specifier.startswith("/") else Path(specifier)
            key = (base, specifier)
            known = self._relative.get(key)
            if known is None:
                known = self._relative[key] = self._file_or_missing(base, specifier)
            return known
        config = self._tsconfig_for(importer.parent)
        if config is not None:
            aliased = self._resolve_alias(specifier, config)
            if aliased is not None:
                return aliased
        in_workspace = self._resolve_workspace_package(specifier)
        if in_workspace is not None:
            return in_workspace
        return Resolution("package", package=specifier)

    # ----------------------------------------------------------------------------------------

    def _outside(self, specifier: str, where: Path) -> Resolution:
        return Resolution(
            "outside",
            detail=f"`{specifier}` resolves to {where}, outside the repository root {self.root}; "
            "schemalint does not read it",
        )

    def _file_or_missing(self, base: Path, specifier: str) -> Resolution:
        if not _is_within(_normal(base), self.root) and not _is_within(
            _normal(self.realpath(base.parent) / base.name), self.root
        ):
            return self._outside(specifier, _normal(base))
        found = self._find_file(base)
        if found is None:
            return Resolution("missing", detail=f"cannot resolve `{specifier}`: no such file")
        real = self.realpath(found)
        if not _is_within(real, self.root):
            return self._outside(specifier, real)
        return Resolution("file", path=real)

    def _find_file(self, base: Path) -> Path | None:
        fs = files.current()
        if base.suffix in EXTENSIONS and fs.is_file(base):
            return base  # an existing `x.js` wins over `x.ts`, as in esbuild
        if base.suffix in _JS_TO_TS:
            for ts_suffix in _JS_TO_TS[base.suffix]:
                candidate = base.with_suffix(ts_suffix)
                if fs.is_file(candidate):
                    return candidate
        for extension in EXTENSIONS:
            candidate = base.with_name(base.name + extension)
            if fs.is_file(candidate):
                return candidate
        if fs.is_dir(base):
            for extension in EXTENSIONS:
                candidate = base / f"index{extension}"
                if fs.is_file(candidate):
                    return candidate
        return None

    def _resolve_workspace_package(self, specifier: str) -> Resolution | None:
        if self._workspace is None:
            self._workspace = workspace_packages(self.root)
        name, subpath = split_package_specifier(specifier)
        directory = self._workspace.get(name)
        if directory is None:
            return None
        candidates = entry_candidates(directory, subpath)
        for candidate in candidates:
            found = self._file_or_missing(candidate, specifier)
            if found.kind == "file" and found.path is not None and not found.path.name.endswith(".d.ts"):
                return found
        for candidate in candidates:  # build output not committed: its source, as tsc maps it
            source = self._source_of_build_output(directory, candidate)
            from_source = self._file_or_missing(source, specifier) if source is not None else None
            if from_source is not None and from_source.kind == "file":
                return from_source
        return None  # not built and no source found: a package schemalint does not read

    def _source_of_build_output(self, package_dir: Path, built: Path) -> Path | None:
        """The source file that the package's tsconfig (`outDir` → `rootDir`) compiles to
        `built`, e.g. `dist/constants/x.js` → `src/constants/x`."""
        from schemalint.parser.jsonc import parse_jsonc

        for name in ("tsconfig.build.json", "tsconfig.json"):
            try:
                data = parse_jsonc(files.read_text(package_dir / name))
            except (OSError, UnicodeDecodeError, ValueError, RecursionError):
                continue
            options = data.get("compilerOptions") if isinstance(data, dict) else None
            out_dir = options.get("outDir") if isinstance(options, dict) else None
            if not isinstance(out_dir, str):
                continue
            root_dir = options.get("rootDir") if isinstance(options, dict) else None
            try:
                relative = _normal(built).relative_to(_normal(package_dir / out_dir))
            except ValueError:
                return None
            stem = relative.as_posix().removesuffix(".d.ts").removesuffix(".js").removesuffix(".mjs")
            return _normal(package_dir / (root_dir if isinstance(root_dir, str) else ".") / stem)
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
                candidate = _normal(base_dir / target.replace("*", matched))
                if not _is_within(candidate, self.root):
                    self._refuse(config.paths_file, "paths", f"`paths` target `{target}`", candidate)
                    continue
                found = self._file_or_missing(candidate, specifier)
                if found.kind != "missing":
                    return found
            # TypeScript and esbuild fall back to normal package resolution.
        if config.base_url is not None:
            found = self._file_or_missing(config.base_url / specifier, specifier)
            if found.kind == "file":
                return found
        return None

    def keeps_unused_imports(self, importer: Path) -> bool:
        """Whether the tsconfig that governs `importer` makes esbuild keep unused imports."""
        config = self._tsconfig_for(importer.parent)
        return config is not None and config.keeps_unused_imports

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
        from schemalint.parser.jsonc import parse_jsonc  # only where there is a tsconfig

        try:
            data = parse_jsonc(files.read_text(path))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        config = TsConfig(directory=path.parent)
        extends = data.get("extends")
        parents = [extends] if isinstance(extends, str) else extends if isinstance(extends, list) else []
        for spec in parents:
            parent_path = self._extends_path(spec, path) if isinstance(spec, str) else None
            parent = self._load_tsconfig(parent_path, depth + 1) if parent_path is not None else None
            if parent is None or depth >= _MAX_EXTENDS_DEPTH:
                continue
            if parent.base_url is not None:
                config.base_url = parent.base_url
            if parent.paths:
                config.paths, config.paths_base = parent.paths, parent.paths_base
                config.paths_file = parent.paths_file
            config.keeps_unused_imports = config.keeps_unused_imports or parent.keeps_unused_imports
        options = data.get("compilerOptions")
        if isinstance(options, dict):
            if options.get("verbatimModuleSyntax") is True or options.get("preserveValueImports") is True:
                config.keeps_unused_imports = True
            if options.get("importsNotUsedAsValues") == "preserve":
                config.keeps_unused_imports = True
            base_url = options.get("baseUrl")
            if isinstance(base_url, str):
                where = _normal(path.parent / base_url)
                if _is_within(where, self.root):
                    config.base_url = self.realpath(where)
                else:
                    self._refuse(path, "baseUrl", f"`baseUrl` `{base_url}`", where)
            paths = options.get("paths")
            if isinstance(paths, dict):
                config.paths = {
                    k: [t for t in v if isinstance(t, str)] for k, v in paths.items() if isinstance(v, list)
                }
                config.paths_base = config.base_url or path.parent
                config.paths_file = path
        return config

    def _extends_path(self, spec: str, tsconfig: Path) -> Path | None:
        """The file an `extends` entry names, or None (refused when it leads outside the root;
        a package that is not installed inside the root is skipped)."""
        if spec.startswith((".", "/")):
            target = _normal(tsconfig.parent / spec)
            if not _is_within(target, self.root):
                self._refuse(tsconfig, "extends", f"`extends` `{spec}`", target)
                return None
            candidates = [target] if target.suffix == ".json" else [target.with_name(target.name + ".json")]
        else:
            candidates = []
            for directory in (tsconfig.parent, *tsconfig.parent.parents):
                if not _is_within(directory, self.root):
                    break
                base = directory / "node_modules" / spec
                candidates += [base, base.with_name(base.name + ".json"), base / "tsconfig.json"]
        fs = files.current()
        for candidate in candidates:
            if fs.is_file(candidate) and _is_within(self.realpath(candidate), self.root):
                return self.realpath(candidate)
        return None

    def _refuse(self, config_file: Path | None, key: str, what: str, where: Path) -> None:
        """Report, once, a configuration entry leading outside the repository root."""
        if config_file is None or (config_file, what) in self._refused:
            return
        self._refused.add((config_file, what))
        if self._report is not None:
            message = (
                f"{what} in {config_file.name} leads to {where}, outside the repository root {self.root}; "
                "schemalint does not read it (imports it would resolve are unknown)"
            )
            span = _key_span(config_file, key)
            self._report(ParserDiagnostic(UNRESOLVED_IMPORT, message, span, severity=Severity.NOTICE))


def _key_span(path: Path, key: str) -> Span:
    """Where `"key"` is written in the JSON file `path` (its start if it cannot be found)."""
    try:
        text = files.read_text(path)
    except (OSError, UnicodeDecodeError):
        return Span(str(path), 1, 1, 1, 1)
    offset = max(text.find(f'"{key}"'), 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Span(str(path), line, column, line, column + len(key) + 2)
