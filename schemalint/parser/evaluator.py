"""The static evaluator: runs the schema module and its imports over `values`, never executing code.

It models the slice of JavaScript that schemas use (constants, objects, arrays, spreads,
templates, simple functions, `.map`, `Object.*`) and delegates Convex calls to `convex_values`,
`convex_tables` and `convex_server`. Whatever it cannot compute becomes an `Unknown` value that
records why; the lowering step reports Unknowns that reach the schema.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from schemalint import files
from schemalint.diagnostics import EVALUATION_ERROR, UNRESOLVED_IMPORT, ParserDiagnostic, Severity, Span
from schemalint.discovery import repository_root
from schemalint.ir import RuntimeAccess, RuntimeAccessKind
from schemalint.parser import js
from schemalint.parser.control import BreakSignal, ContinueSignal, ThrowFlow, UnknownFlow, unknown_call
from schemalint.parser.expressions import ExpressionsMixin
from schemalint.parser.js_globals import global_value
from schemalint.parser.modules import (
    TYPE_ONLY,
    ImportRef,
    Module,
    ModuleLinker,
    export_names,
    star_providers,
)
from schemalint.parser.resolve import Resolver
from schemalint.parser.scope import Binding, ReturnSignal, Scope
from schemalint.parser.source import SourceText
from schemalint.parser.statements import StatementsMixin
from schemalint.parser.undefined_names import DeclaredNames, call_missing_member
from schemalint.parser.values import (
    UNDEFINED,
    Builtin,
    CallSite,
    Closure,
    JSObject,
    NamespaceValue,
    Prim,
    Property,
    Unknown,
    Value,
)

MAX_CALL_DEPTH = 48


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a program is evaluated.

    Evaluation allocates many small objects that all live until it ends; the collector's full
    passes over them cost more than all the rules together on big schemas (and free nothing).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Evaluator(StatementsMixin, ExpressionsMixin):
    """Evaluates the modules of one project, collecting diagnostics and runtime accesses."""

    def __init__(self, root: Path, *, descriptions: bool = True, usage: bool = True) -> None:
        self.root = root
        # Whether object properties get their comments (`Property.doc`: the table and field
        # descriptions of the IR), and whether the usage analysis may read this evaluation's
        # trees later (`usage`); `export` needs neither.
        self.descriptions = descriptions  # (declared in `ExpressionsMixin`)
        self.usage = usage
        self.diagnostics: list[ParserDiagnostic] = []
        # Imports and tsconfig may lead anywhere in the repository (a monorepo), never outside.
        self.resolver = Resolver(root, repository_root(root), self.diagnostics.append)
        self.linker = ModuleLinker(self)
        self.runtime_accesses: list[RuntimeAccess] = []
        self.loaded_sources: list[SourceText] = []
        self._depth = 0
        self._call_depth = 0
        self._json_modules: dict[Path, Module] = {}
        # `export_names(module, values_only=...)` by (module id, values_only), found while
        # nothing was being linked (every module's exports are then final): a name looked up
        # through a barrel of `export *` asks about every star, and every module importing from
        # the barrel asks for all of its names.
        self._export_names: dict[tuple[int, bool], tuple[Module, set[str] | None]] = {}
        # Names each loaded file declares anywhere (see `undefined_names`).
        self.declared_names = DeclaredNames()
        # Throws recorded inside `try` blocks being run (innermost last): they are caught.
        self.catching: list[list[ParserDiagnostic]] = []
        # `undefined` read as a member an object surely lacks (`v.strng`), by id: calling it throws.
        self.missing_members: dict[int, tuple[Prim, ParserDiagnostic]] = {}
        self._runtime_seen: set[RuntimeAccess] = set()
        self._method_receiver: tuple[Value | None, Value] = (None, Prim(UNDEFINED))
        self._run: _EagerRun | None = None

    # ---------------------------------------------------------------------------- modules

    def display_path(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def new_module_scope(self, module: Module) -> Scope:
        return Scope(module)

    def run_module(self, path: Path) -> Module:
        """Load `path` and everything it imports, then evaluate them in ES module order.

        The linker walks the imports depth first, so a module's imports are all linked and
        evaluated when its own linking ends: it is evaluated then (the order ES gives) and its
        tree released, so a big schema never holds every file's tree at once. An import cycle
        (a module whose import is still being linked) ends this for the rest of the run: what is
        left is evaluated once everything is linked. The diagnostics keep the order of linking
        everything first: those of linking, then those of named imports, then evaluation's.
        """
        run = self._run = _EagerRun(path)
        already_loaded = len(self.linker.by_path)
        try:
            module = self.linker.load_file(path)
        finally:
            self._run = None
            self._check_named_imports(run.named, already_loaded)
            self.diagnostics.extend(run.evaluated)
        self.evaluate_module(module)
        return module

    def module_linked(self, module: Module) -> None:
        """Evaluate `module` now that it is linked, if everything it imports is evaluated."""
        run = self._run
        if run is None or not run.eager:
            return
        if any(dependency.state != "evaluated" for dependency in module.dependencies):
            run.eager = False  # an import cycle: the rest waits until everything is linked
            return
        diagnostics = self.diagnostics
        mark = len(diagnostics)
        self._check_imports_of(module)
        run.named[module] = diagnostics[mark:]
        del diagnostics[mark:]
        try:
            self.evaluate_module(module)
        finally:
            run.evaluated.extend(diagnostics[mark:])
            del diagnostics[mark:]
        source = module.source
        if module.path != run.root and source is not None and not (self.usage and _read_by_usage(source)):
            module.body = []
            source.release_tree()

    def program_sources(self) -> Iterator[SourceText]:
        """Every source this parse has read, then those the modules being linked will still
        read (a module evaluated before its importer is linked sees the whole program)."""
        yield from self.loaded_sources
        if self.linker.linking:
            yield from self.linker.look_ahead()

    def evaluate_module(self, module: Module) -> None:
        if module.state != "linked":
            return
        module.state = "evaluating"
        for dependency in module.dependencies:
            self.evaluate_module(dependency)
        assert module.scope is not None
        for statement in module.body:
            try:
                self.exec_statement(statement, module.scope)
            except ThrowFlow as thrown:
                # The module throws (reported): nothing after it runs or is initialised.
                for binding in module.scope.bindings.values():
                    if binding.value is None and binding.ref is None:
                        binding.value = Unknown(
                            "the module throws before this", thrown.unknown.span, quiet=True
                        )
                break
            except UnknownFlow:
                continue  # what the statement writes is already marked unknown
            except (BreakSignal, ContinueSignal, ReturnSignal):
                continue  # not valid at module level (a syntax error esbuild reports)
        module.state = "evaluated"

    def _check_named_imports(self, checked: dict[Module, list[ParserDiagnostic]], first: int) -> None:
        """Report named imports that their module does not export, module by module in the
        order they were loaded (`checked`: the reports of modules already checked).

        Only the modules this run loaded (`by_path` from position `first` on) are visited:
        an earlier run checked the others and emptied their `named_imports`, and `checked`
        holds this run's modules only, so visiting them again would add nothing (with one run
        per function module, doing so made this quadratic in the number of files)."""
        for module in list(islice(self.linker.by_path.values(), first, None)):
            self.diagnostics.extend(checked.get(module, ()))
            self._check_imports_of(module)

    def _check_imports_of(self, module: Module) -> None:
        # Each target's export names, found once: a module may import many names from one
        # module (a barrel of `export *` is walked whole for each), and nothing is linked here.
        names_of: dict[int, set[str] | None] = {}
        for target, name, span, statement in module.named_imports:
            if target.source is not None and target.source.diagnostics:
                continue  # its syntax error (reported) may hide the export: not a second error
            if id(target) in names_of:
                names = names_of[id(target)]
            else:
                names = names_of[id(target)] = self._export_names_once(target, False)
            if names is not None and name not in names:
                message = f"`{target.display}` has no export named `{name}`"
                severity = None
                if statement is not None and self.linker.dropped_by_bundler(module, statement):
                    message, severity = message + TYPE_ONLY, Severity.WARNING
                self.diagnostics.append(
                    ParserDiagnostic(UNRESOLVED_IMPORT, message, span or _no_span(module), severity=severity)
                )
        module.named_imports = []

    def value_export_names(self, module: Module) -> set[str] | None:
        """`export_names(module, values_only=True)`, found once per module (`_export_names_once`)."""
        return self._export_names_once(module, True)

    def _export_names_once(self, module: Module, values_only: bool) -> set[str] | None:
        """`export_names(module, values_only=values_only)`, found once per module when nothing
        is being linked (while linking, exports may still be added)."""
        if self.linker.linking:
            return export_names(module, values_only=values_only)
        key = (id(module), values_only)
        known = self._export_names.get(key)
        if known is not None and known[0] is module:
            return known[1]
        names = export_names(module, values_only=values_only)
        self._export_names[key] = (module, names)
        return names

    def release(self) -> None:
        """Break the reference cycles that tie the evaluation's values together (a module and
        its scope, a function and the scope it closes over), so that they are freed as soon as
        the parse no longer needs them: `check` and `export` run with the cyclic garbage
        collector off, which would otherwise keep every value until the process ends."""
        modules = [*self.linker.by_path.values(), *self._json_modules.values()]
        for module in modules:
            if module.scope is not None:
                module.scope.bindings.clear()
                module.scope = None
            module.exports.clear()
            module.star_exports.clear()
            module.dependencies.clear()
            module.body = []
        self.linker.by_path.clear()
        self._json_modules.clear()
        self._export_names.clear()
        self.loaded_sources.clear()
        self.declared_names.clear()

    def json_module(self, path: Path, span: Span) -> Module:
        existing = self._json_modules.get(path)
        if existing is not None:
            return existing
        from schemalint.parser.jsonc import parse_jsonc  # only for an imported JSON file

        try:
            data = parse_jsonc(files.read_text(path))
            value: Value = js.from_python(data, span)
        except (OSError, UnicodeDecodeError, ValueError):
            value = Unknown(f"cannot read JSON module `{self.display_path(path)}`", span)
        module = Module(
            display=self.display_path(path), package_exports={"default": value}, state="evaluated"
        )
        module.package = str(path)
        self._json_modules[path] = module
        return module

    def module_export(
        self, module: Module, name: str, span: Span | None, seen: frozenset[int] = frozenset()
    ) -> Value:
        """The current value of export `name` of `module` (a live binding)."""
        if id(module) in seen:
            return Unknown(f"circular re-export of `{name}`", span)
        if name == "*":
            return NamespaceValue(module, span)
        if module.package is not None:
            exports = module.package_exports
            if exports is None:
                return Unknown(
                    f"`{name}` comes from the package `{module.display}`, which schemalint cannot evaluate",
                    span,
                )
            value = exports.get(name)
            if value is None:
                return Unknown(f"`{module.display}` exports no `{name}` that schemalint knows", span)
            return value
        if module.commonjs:
            return Unknown(
                f"`{module.display}` is a CommonJS module (`module.exports`, `exports.x`): "
                f"schemalint does not read its exports (here `{name}`)",
                span,
            )
        entry = module.exports.get(name)
        if isinstance(entry, ImportRef):
            return self.module_export(entry.module, entry.name, span, seen | {id(module)})
        if isinstance(entry, str):
            assert module.scope is not None
            binding = module.scope.bindings.get(entry)
            if binding is None:
                return Unknown(f"`{module.display}` exports `{name}` but never defines it", span)
            return self._binding_value(entry, binding, span, module)
        if name != "default":
            providers = star_providers(module, name, self.value_export_names)
            if len(providers) > 1:
                found_in = ", ".join(f"`{p.display}`" for p in providers)
                return Unknown(
                    f"`{name}` is exported by several `export *` of `{module.display}` ({found_in}): "
                    "JavaScript exports none of them",
                    span,
                )
            if providers:
                return self.module_export(providers[0], name, span, seen | {id(module)})
        return Unknown(f"`{module.display}` has no export named `{name}`", span, quiet=True)

    def namespace_object(self, namespace: NamespaceValue) -> Value:
        """A module namespace as a plain object (its keys sorted, as JS namespace objects are)."""
        names = export_names(namespace.module, values_only=True)
        if names is None:
            return Unknown(f"the exports of `{namespace.module.display}` are not known", namespace.span)
        result = JSObject(span=namespace.span)
        for name in sorted(names, key=lambda n: n.encode("utf-16-be")):
            value = self.module_export(namespace.module, name, namespace.span)
            result.props[name] = Property(value, value.span, value.span)
        return result

    def _binding_value(self, name: str, binding: Binding, span: Span | None, module: Module) -> Value:
        if binding.ref is not None:
            return self.module_export(binding.ref.module, binding.ref.name, span)
        if binding.value is None:
            reason = (
                f"`{name}` ({module.display}) is used before it is initialised; "
                "this usually means an import cycle (Convex would see `undefined` here)"
            )
            return Unknown(reason, span)
        return binding.value

    def lookup(self, name: str, span: Span, scope: Scope) -> Value:
        binding = scope.lookup(name)
        if binding is not None:
            value = self._binding_value(name, binding, span, scope.module)
            if isinstance(value, Unknown) and value.quiet and binding.ref is None:
                # Already reported where it arose (e.g. an unresolved import): say what it costs here.
                return Unknown(value.reason, span)
            return value
        return global_value(self, name, span)

    def report_throw(self, message: str, span: Span | None, unknowns_before: int | None = None) -> None:
        """Convex itself throws here while evaluating the schema modules: the push fails.

        Inside a `try` block the throw is caught instead: this raises `ThrowFlow` to leave the
        block (`unknowns_before`: the count of Unknowns made before the throwing code began)."""
        created = Unknown.created if unknowns_before is None else unknowns_before
        where = span or Span("<unknown>", 1, 1, 1, 1)
        diagnostic = ParserDiagnostic(EVALUATION_ERROR, f"Convex throws here: {message}", where)
        if not self.catching:
            self.diagnostics.append(diagnostic)
            return
        self.catching[-1].append(diagnostic)
        raise ThrowFlow(Unknown(f"Convex throws here: {message}", where, quiet=True), created)

    def record_runtime(self, kind: RuntimeAccessKind, span: Span) -> None:
        access = RuntimeAccess(kind=kind, span=span)
        if access not in self._runtime_seen:  # a loop or a helper may run the same code twice
            self._runtime_seen.add(access)
            self.runtime_accesses.append(access)

    def call(self, callee: Value, args: list[Value], site: CallSite, this: Value | None = None) -> Value:
        """Call a function value with evaluated arguments (`this`: the receiver of `a.b()`)."""
        if isinstance(callee, Builtin):
            return callee.impl(self, site, args)
        if isinstance(callee, Closure):
            return self._call_closure(callee, args, site, this)
        if isinstance(callee, Prim) and self.missing_members:
            thrown = call_missing_member(self, callee)
            if thrown is not None:
                return thrown
        if isinstance(callee, Unknown):
            unknown_call(self, args, site, callee)
            return Unknown(callee.reason, callee.span, callee.quiet)
        return Unknown(f"{callee.describe()} is not a function", site.span)

    def _call_closure(
        self, closure: Closure, args: list[Value], site: CallSite, this: Value | None = None
    ) -> Value:
        if self._call_depth >= MAX_CALL_DEPTH:
            return Unknown(f"calls nested more than {MAX_CALL_DEPTH} deep (recursion?)", site.span)
        self._call_depth += 1
        try:
            scope = Scope(closure.module, closure.scope)
            parent = closure.body.parent
            if parent is not None and parent.type != "arrow_function":
                # Strict mode: a plain call has `this` undefined; an arrow function keeps its own.
                scope.bindings["this"] = Binding(this if this is not None else Prim(UNDEFINED, site.span))
            self._bind_parameters(closure, args, scope)
            body = closure.body
            if body.type != "statement_block":
                return self.eval(body, scope)
            try:
                for statement in body.named_children:
                    self.exec_statement(statement, scope)
            except ReturnSignal as returned:
                return returned.value
            except UnknownFlow as flow:
                if isinstance(flow, ThrowFlow) and self.catching:
                    raise  # a `try` around the call catches it
                return Unknown(flow.unknown.reason, flow.unknown.span, quiet=flow.unknown.quiet)
            except (BreakSignal, ContinueSignal):
                return Unknown("`break`/`continue` outside a loop", site.span)
            return Prim(UNDEFINED, site.span)
        finally:
            self._call_depth -= 1


class _EagerRun:
    """One `run_module`: its root, whether modules are still evaluated as soon as they are
    linked, and the diagnostics held back to keep the order of linking everything first."""

    __slots__ = ("eager", "evaluated", "named", "root")

    def __init__(self, root: Path) -> None:
        self.root = root
        self.eager = True
        self.named: dict[Module, list[ParserDiagnostic]] = {}
        self.evaluated: list[ParserDiagnostic] = []


def _read_by_usage(source: SourceText) -> bool:
    """Whether the usage analysis may read this file's tree later (it holds a database call):
    such a tree is kept, so the analysis sees the nodes the evaluator saw."""
    from schemalint.parser.usage import may_access_database

    return may_access_database(source.data)


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _no_span(module: Module) -> Span:
    return Span(str(module.path or module.display), 1, 1, 1, 1)
