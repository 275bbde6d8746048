"""Modules: linking a file's imports and exports, and evaluating modules in ES order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from tree_sitter import Node

from schemalint import files
from schemalint.diagnostics import UNRESOLVED_IMPORT, ParserDiagnostic, Severity, Span
from schemalint.parser.source import SourceText, load_source, string_value
from schemalint.parser.values import Value
from schemalint.records import dataclass

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator
    from schemalint.parser.scope import Scope


@dataclass(eq=False)
class ImportRef:
    """A binding imported from another module (ES live binding)."""

    module: Module
    name: str  # "*" for a namespace import
    span: Span | None


@dataclass(eq=False)
class Module:
    """One module of the program: a project file, or a package schemalint knows (or doesn't)."""

    display: str
    path: Path | None = None
    source: SourceText | None = None
    package: str | None = None
    # For package modules: the exports schemalint models (None: an unknown package).
    package_exports: dict[str, Value] | None = None
    state: str = "new"  # new → linked → evaluating → evaluated
    scope: Scope | None = None
    # export name → local binding name, or ImportRef for re-exports.
    exports: dict[str, str | ImportRef] = field(default_factory=dict)
    star_exports: list[Module] = field(default_factory=list)
    dependencies: list[Module] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    # Names exported only as types (`export interface X`, `export type {...}`): erased at runtime.
    type_exports: set[str] = field(default_factory=set)
    # `export type * from "..."`: it exports type names that are not listed anywhere.
    has_type_star_export: bool = False
    # (target, imported name, span, import statement or None for a re-export) for checking that
    # named imports exist.
    named_imports: list[tuple[Module, str, Span | None, Node | None]] = field(default_factory=list)
    # A CommonJS file (`module.exports = ...`, `exports.f = ...`, no `export`): esbuild accepts
    # importing it; schemalint does not model its exports, so each is unknown.
    commonjs: bool = False

    @property
    def is_file(self) -> bool:
        return self.source is not None


# Said of a missing import that esbuild drops (its names are unused or used only as types).
TYPE_ONLY = (
    " (its names are never read as values, so esbuild drops the import and the bundle builds; "
    "type checking with `tsc` fails)"
)

_TYPE_DECLARATIONS = frozenset({"interface_declaration", "type_alias_declaration", "ambient_declaration"})
_UNTYPED_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx")


def _specifiers(clause: Node, kind: str) -> Iterator[tuple[Node, Node, Node]]:
    """`(specifier, name, alias)` for each value specifier (`a` or `a as b`) of an import or
    export clause; type-only specifiers (`type X`) are erased at runtime and skipped."""
    for spec in clause.named_children:
        if spec.type != kind or _has_type_keyword(spec):
            continue
        name_node = spec.child_by_field_name("name")
        alias_node = spec.child_by_field_name("alias") or name_node
        if name_node is not None and alias_node is not None:
            yield spec, name_node, alias_node


def _has_type_keyword(node: Node) -> bool:
    """True for `import type ...` / `export type {...}` / `{ type X }` (erased at runtime)."""
    return any(child.type == "type" and not child.is_named for child in node.children)


class ModuleLinker:
    """Loads files reachable through imports and records each module's imports/exports."""

    def __init__(self, evaluator: Evaluator) -> None:
        self.evaluator = evaluator
        self.by_path: dict[Path, Module] = {}
        self.by_package: dict[str, Module] = {}
        # The modules being linked (each waits for the imports it is loading), innermost last.
        self.linking: list[Module] = []
        # Files read ahead of their turn by `look_ahead`, by path.
        self._read_ahead: dict[Path, SourceText] = {}

    def load_file(self, path: Path) -> Module:
        existing = self.by_path.get(path)
        if existing is not None:
            return existing
        ev = self.evaluator
        source = self._read_ahead.pop(path, None) or load_source(path)
        module = Module(display=ev.display_path(path), path=path, source=source)
        self.by_path[path] = module
        ev.loaded_sources.append(source)
        ev.diagnostics.extend(source.diagnostics)
        module.scope = ev.new_module_scope(module)
        if source.tree is not None:
            self.linking.append(module)
            try:
                self._link(module, source)
            finally:
                self.linking.pop()
        module.state = "linked"
        ev.module_linked(module)
        return module

    def look_ahead(self) -> list[SourceText]:
        """The files that the modules being linked will still load (their imports, and theirs),
        read now; `load_file` takes them from here when their turn comes."""
        pending = [(m.path, m.source) for m in self.linking if m.path is not None and m.source is not None]
        pending.extend(self._read_ahead.items())
        scanned = {path for path, _ in pending}
        while pending:
            importer, source = pending.pop()
            for target in self._file_imports(importer, source):
                if target in self.by_path or target in scanned:
                    continue
                scanned.add(target)
                read = self._read_ahead[target] = load_source(target)
                pending.append((target, read))
        return list(self._read_ahead.values())

    def _file_imports(self, importer: Path, source: SourceText) -> Iterator[Path]:
        """The project files `source`'s import and re-export statements load (as `_link` does)."""
        tree = source.tree
        if tree is None:
            return
        for statement in tree.root_node.named_children:
            if statement.type not in ("import_statement", "export_statement") or _has_type_keyword(statement):
                continue
            source_node = statement.child_by_field_name("source")
            if source_node is None:
                continue
            resolution = self.evaluator.resolver.resolve(string_value(source, source_node), importer)
            target = resolution.path
            if resolution.kind == "file" and target is not None and target.suffix != ".json":
                yield target

    def package_module(self, name: str) -> Module:
        existing = self.by_package.get(name)
        if existing is not None:
            return existing
        from schemalint.parser.packages import package_exports

        module = Module(display=name, package=name, package_exports=package_exports(name), state="evaluated")
        self.by_package[name] = module
        return module

    # ----------------------------------------------------------------------------------------

    def _resolve(self, importer: Module, source_node: Node, statement: Node | None = None) -> Module | None:
        assert importer.source is not None and importer.path is not None
        specifier = string_value(importer.source, source_node)
        resolution = self.evaluator.resolver.resolve(specifier, importer.path)
        span = importer.source.span(source_node)
        if resolution.kind == "package":
            return self.package_module(specifier)
        if resolution.kind == "missing" and "_generated/" in specifier:
            # `convex/_generated/` is written by `npx convex dev` and often not committed.
            from schemalint.parser.packages import GENERATED_SERVER

            generated = specifier.rstrip("/").rsplit("_generated/", 1)[1]
            for extension in (".js", ".mjs", ".ts", ".d.ts"):  # `./_generated/server.js` (ESM style)
                generated = generated.removesuffix(extension)
            return self.package_module(
                GENERATED_SERVER if generated == "server" else f"convex/_generated/{generated}"
            )
        if resolution.kind == "file" and resolution.path is not None:
            if resolution.path.suffix == ".json":
                return self.evaluator.json_module(resolution.path, span)
            return self.load_file(resolution.path)
        refused = resolution.kind == "outside"  # schemalint's limit, not the bundler's
        severity = Severity.NOTICE if refused else None
        message = resolution.detail
        if not refused and statement is not None and self.dropped_by_bundler(importer, statement):
            severity = Severity.WARNING
            message += TYPE_ONLY
        self.evaluator.diagnostics.append(
            ParserDiagnostic(UNRESOLVED_IMPORT, message, span, severity=severity)
        )
        return None

    def dropped_by_bundler(self, importer: Module, statement: Node) -> bool:
        """Whether esbuild drops `statement`, an import of `importer` (names used only as types)."""
        from schemalint.parser.import_use import dropped_by_bundler

        source = importer.source
        if source is None or importer.path is None or not dropped_by_bundler(statement, source):
            return False
        return not self.evaluator.resolver.keeps_unused_imports(importer.path)

    def _link(self, module: Module, source: SourceText) -> None:
        assert source.tree is not None
        for statement in source.tree.root_node.named_children:
            kind = statement.type
            if kind == "import_statement":
                self._link_import(module, statement)
            elif kind == "export_statement":
                self._link_export(module, statement)
            elif kind in (
                "lexical_declaration",
                "variable_declaration",
                "expression_statement",
                "enum_declaration",
            ):
                self.evaluator.declare(statement, module)
                module.body.append(statement)
            elif kind == "function_declaration":
                self.evaluator.declare(statement, module)
            elif kind in ("class_declaration", "abstract_class_declaration"):
                self.evaluator.declare(statement, module)
                module.body.append(statement)  # its static initializers run with the module
            elif kind not in _NOT_RUN:
                # `if`, loops, blocks, `switch`, `try`, labels, `throw`...: the evaluator runs
                # them, or marks what they may write as unknown and says so; never skipped.
                module.body.append(statement)
        if not module.exports and not module.star_exports and not module.type_exports:
            module.commonjs = _uses_commonjs(source, module)

    def _link_import(self, module: Module, statement: Node) -> None:
        if _has_type_keyword(statement):
            return
        source_node = statement.child_by_field_name("source")
        if source_node is None:
            return
        target = self._resolve(module, source_node, statement)
        if target is not None and target not in module.dependencies:
            module.dependencies.append(target)
        clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
        if clause is None:
            return
        assert module.source is not None and module.scope is not None
        for part in clause.named_children:
            if part.type == "identifier":
                self._bind_import(module, module.source.text(part), target, "default", part, statement)
            elif part.type == "namespace_import":
                namespace_node = part.named_children[-1]
                self._bind_import(
                    module, module.source.text(namespace_node), target, "*", namespace_node, statement
                )
            elif part.type == "named_imports":
                for spec, name_node, alias_node in _specifiers(part, "import_specifier"):
                    imported = self._module_export_name(module, name_node)
                    self._bind_import(
                        module, module.source.text(alias_node), target, imported, spec, statement
                    )

    def _module_export_name(self, module: Module, node: Node) -> str:
        assert module.source is not None
        return string_value(module.source, node) if node.type == "string" else module.source.text(node)

    def _bind_import(
        self, module: Module, local: str, target: Module | None, name: str, node: Node, statement: Node
    ) -> None:
        assert module.source is not None and module.scope is not None
        span = module.source.span(node)
        if target is None:
            module.scope.bind_unknown(local, f"`{local}` comes from an import that cannot be resolved", span)
            return
        module.scope.bind_import(local, ImportRef(target, name, span))
        if name != "*":
            module.named_imports.append((target, name, span, statement))

    def _link_export(self, module: Module, statement: Node) -> None:
        assert module.source is not None
        if _has_type_keyword(statement):
            if statement.start_byte in module.source.type_star_exports:
                module.has_type_star_export = True
            self._record_type_exports(module, statement)
            return
        source_node = statement.child_by_field_name("source")
        declaration = statement.child_by_field_name("declaration")
        value = statement.child_by_field_name("value")
        is_default = any(c.type == "default" for c in statement.children)
        if source_node is not None:
            target = self._resolve(module, source_node)
            if target is not None and target not in module.dependencies:
                module.dependencies.append(target)
            self._link_reexport(module, statement, target)
            return
        if declaration is not None and declaration.type in _TYPE_DECLARATIONS:
            name_node = declaration.child_by_field_name("name")
            if name_node is not None:
                module.type_exports.add(module.source.text(name_node))
            return
        if declaration is not None:
            names = self.evaluator.declare(declaration, module)
            if declaration.type in (
                "lexical_declaration",
                "variable_declaration",
                "enum_declaration",
                "class_declaration",
                "abstract_class_declaration",
                "internal_module",  # `export namespace N {...}`: its body runs (marked unmodelled)
            ):
                module.body.append(declaration)
            if is_default:
                module.exports["default"] = names[0] if names else "*default*"
            else:
                for name in names:
                    module.exports[name] = name
            return
        if is_default and value is not None:
            self.evaluator.declare_default(value, module)
            module.body.append(statement)
            module.exports["default"] = "*default*"
            return
        clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
        if clause is not None:
            for _, name_node, alias_node in _specifiers(clause, "export_specifier"):
                module.exports[self._module_export_name(module, alias_node)] = module.source.text(name_node)

    def _record_type_exports(self, module: Module, statement: Node) -> None:
        assert module.source is not None
        clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
        if clause is None:
            return
        for spec in clause.named_children:
            alias_node = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
            if alias_node is not None:
                module.type_exports.add(self._module_export_name(module, alias_node))

    def _link_reexport(self, module: Module, statement: Node, target: Module | None) -> None:
        assert module.source is not None
        clause = next(
            (c for c in statement.named_children if c.type in ("export_clause", "namespace_export")), None
        )
        span = module.source.span(statement)
        if clause is None:
            if target is not None:
                module.star_exports.append(target)
            return
        if clause.type == "namespace_export":
            namespace_node = clause.named_children[-1]
            if target is not None:
                module.exports[self._module_export_name(module, namespace_node)] = ImportRef(
                    target, "*", span
                )
            return
        for spec, name_node, alias_node in _specifiers(clause, "export_specifier"):
            imported = self._module_export_name(module, name_node)
            exported = self._module_export_name(module, alias_node)
            if target is None:
                module.exports[exported] = ImportRef(
                    Module(display="?", state="evaluated", package_exports={}), imported, span
                )
                continue
            module.exports[exported] = ImportRef(target, imported, module.source.span(spec))
            module.named_imports.append((target, imported, module.source.span(spec), None))


# Top-level statements that have no run-time effect schemalint must follow.
_NOT_RUN = frozenset(
    {
        "comment",
        "empty_statement",
        "type_alias_declaration",
        "interface_declaration",
        "ambient_declaration",
        "generator_function_declaration",
        "function_signature",
        "hash_bang_line",
    }
)


def _uses_commonjs(source: SourceText, module: Module) -> bool:
    """Whether the file writes `module.exports` or `exports.x` (with neither name declared)."""
    assert source.tree is not None and module.scope is not None
    if "exports" not in source.text(source.tree.root_node):
        return False
    if {"module", "exports"} & module.scope.bindings.keys():
        return False
    stack = [source.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "member_expression":
            target = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if target is not None and target.type == "identifier":
                name = source.text(target)
                if name == "exports" or (
                    name == "module" and prop is not None and source.text(prop) == "exports"
                ):
                    return True
        stack.extend(node.named_children)
    return False


def export_names(
    module: Module, seen: set[int] | None = None, *, values_only: bool = False
) -> set[str] | None:
    """Every name `module` exports, or None when it cannot be known (unknown package).

    With `values_only`, the names that exist at run time: no type-only exports, and no name two
    `export *` provide from different origins (JavaScript leaves such an ambiguous name out).
    """
    if module.package is not None:
        return None  # a package's full export list is not known without node_modules
    if module.commonjs:
        return None
    if module.path is not None and module.path.suffix in _UNTYPED_SUFFIXES:
        # A JavaScript module's types live in a `.d.ts` beside it (e.g. `_generated/server`).
        declarations = module.path.with_name(module.path.name.rsplit(".", 1)[0] + ".d.ts")
        if files.current().is_file(declarations):
            return None
    if module.has_type_star_export and not values_only:
        return None
    seen = seen if seen is not None else set()
    if id(module) in seen:
        return set()
    seen.add(id(module))
    own = set(module.exports) | (set() if values_only else module.type_exports)
    from_stars: dict[str, list[Module]] = {}
    for star in module.star_exports:
        star_names = export_names(star, seen, values_only=values_only)
        if star_names is None:
            return None
        for name in star_names - {"default"} - own:
            from_stars.setdefault(name, []).append(star)
    names = set(own)
    for name, providers in from_stars.items():
        if not values_only or len({_origin(p, name) for p in providers}) == 1:
            names.add(name)
    return names


def star_providers(
    module: Module, name: str, value_names: Callable[[Module], set[str] | None] | None = None
) -> list[Module]:
    """The modules `export *`-ed by `module` that provide `name`, one per distinct origin of it
    (more than one: the name is ambiguous and JavaScript does not export it). `value_names`
    gives `export_names(star, values_only=True)` (a caller may remember the answers)."""
    providers: dict[tuple[int, str], Module] = {}
    for star in module.star_exports:
        names = export_names(star, values_only=True) if value_names is None else value_names(star)
        if names is None or name in names:
            providers.setdefault(_origin(star, name), star)
    return list(providers.values())


def _origin(module: Module, name: str, depth: int = 0) -> tuple[int, str]:
    """The module and local name an export finally comes from (following re-exports)."""
    entry = module.exports.get(name)
    if depth > 32:
        return (id(module), name)
    if isinstance(entry, str) and module.scope is not None:
        binding = module.scope.bindings.get(entry)
        if binding is not None and binding.ref is not None:
            entry = binding.ref  # `import { x } from "./a"; export { x }`: x comes from ./a
    if isinstance(entry, ImportRef):
        return _origin(entry.module, entry.name, depth + 1) if entry.name != "*" else (id(entry.module), "*")
    if entry is not None or module.package is not None:
        return (id(module), name)
    for star in module.star_exports:
        names = export_names(star, values_only=True)
        if names is None or name in names:
            return _origin(star, name, depth + 1)
    return (id(module), name)
