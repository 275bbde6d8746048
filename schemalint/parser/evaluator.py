"""The static evaluator: runs the schema module and its imports over `values`, never executing code.

It models the slice of JavaScript that schemas use (constants, objects, arrays, spreads,
templates, simple functions, `.map`, `Object.*`) and delegates Convex calls to `convex_values`,
`convex_tables` and `convex_server`. Whatever it cannot compute becomes an `Unknown` value that
records why; the lowering step reports Unknowns that reach the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from schemalint.diagnostics import UNRESOLVED_IMPORT, ParserDiagnostic, Span
from schemalint.ir import RuntimeAccess, RuntimeAccessKind
from schemalint.parser import js
from schemalint.parser.comments import property_docs
from schemalint.parser.js_globals import global_value
from schemalint.parser.js_members import get_member
from schemalint.parser.modules import ImportRef, Module, ModuleLinker, export_names
from schemalint.parser.resolve import Resolver, parse_jsonc
from schemalint.parser.source import SourceText, decode_escape, number_value, string_value
from schemalint.parser.values import (
    UNDEFINED,
    BigInt,
    Builtin,
    CallSite,
    Closure,
    JSArray,
    JSObject,
    NamespaceValue,
    Prim,
    Property,
    Unknown,
    Value,
)

MAX_EXPRESSION_DEPTH = 400
MAX_CALL_DEPTH = 48


@dataclass(eq=False)
class Binding:
    value: Value | None = None  # None: declared but not initialised yet (TDZ)
    ref: ImportRef | None = None


@dataclass(eq=False)
class Scope:
    module: Module
    parent: Scope | None = None
    bindings: dict[str, Binding] = field(default_factory=dict)

    def declare(self, name: str) -> None:
        self.bindings.setdefault(name, Binding())

    def set(self, name: str, value: Value) -> None:
        binding = self.bindings.get(name)
        if binding is None:
            self.bindings[name] = Binding(value)
        else:
            binding.value = value

    def bind_import(self, name: str, ref: ImportRef) -> None:
        self.bindings[name] = Binding(ref=ref)

    def bind_unknown(self, name: str, reason: str, span: Span | None) -> None:
        self.bindings[name] = Binding(Unknown(reason, span, quiet=True))

    def lookup(self, name: str) -> Binding | None:
        scope: Scope | None = self
        while scope is not None:
            binding = scope.bindings.get(name)
            if binding is not None:
                return binding
            scope = scope.parent
        return None


class _Return(Exception):
    def __init__(self, value: Value) -> None:
        self.value = value


class Evaluator:
    """Evaluates the modules of one project, collecting diagnostics and runtime accesses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.resolver = Resolver(root)
        self.linker = ModuleLinker(self)
        self.diagnostics: list[ParserDiagnostic] = []
        self.runtime_accesses: list[RuntimeAccess] = []
        self.loaded_sources: list[SourceText] = []
        self._depth = 0
        self._call_depth = 0
        self._json_modules: dict[Path, Module] = {}

    # ---------------------------------------------------------------------------- modules

    def display_path(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def new_module_scope(self, module: Module) -> Scope:
        return Scope(module)

    def run_module(self, path: Path) -> Module:
        """Load `path` and everything it imports, then evaluate them in ES module order."""
        module = self.linker.load_file(path)
        self._check_named_imports()
        self.evaluate_module(module)
        return module

    def evaluate_module(self, module: Module) -> None:
        if module.state != "linked":
            return
        module.state = "evaluating"
        for dependency in module.dependencies:
            self.evaluate_module(dependency)
        assert module.scope is not None
        for statement in module.body:
            self.exec_statement(statement, module.scope)
        module.state = "evaluated"

    def _check_named_imports(self) -> None:
        for module in list(self.linker.by_path.values()):
            for target, name, span in module.named_imports:
                names = export_names(target)
                if names is not None and name not in names:
                    message = f"`{target.display}` has no export named `{name}`"
                    self.diagnostics.append(
                        ParserDiagnostic(UNRESOLVED_IMPORT, message, span or _no_span(module))
                    )
            module.named_imports = []

    def json_module(self, path: Path, span: Span) -> Module:
        existing = self._json_modules.get(path)
        if existing is not None:
            return existing
        try:
            data = parse_jsonc(path.read_text(encoding="utf-8"))
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
            for star in module.star_exports:
                names = export_names(star)
                if names is None or name in names:
                    return self.module_export(star, name, span, seen | {id(module)})
        return Unknown(f"`{module.display}` has no export named `{name}`", span, quiet=True)

    def namespace_object(self, namespace: NamespaceValue) -> Value:
        """A module namespace as a plain object (its keys sorted, as JS namespace objects are)."""
        names = export_names(namespace.module)
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

    # ---------------------------------------------------------------------------- declarations

    def declare(self, node: Node, module: Module) -> list[str]:
        """Create the bindings a top-level declaration introduces (hoisting functions)."""
        scope = module.scope
        assert scope is not None and module.source is not None
        kind = node.type
        if kind in ("lexical_declaration", "variable_declaration"):
            names: list[str] = []
            for declarator in node.named_children:
                if declarator.type == "variable_declarator":
                    pattern = declarator.child_by_field_name("name")
                    if pattern is not None:
                        names.extend(self._pattern_names(pattern, module.source))
            for name in names:
                scope.declare(name)
            return names
        if kind in ("function_declaration", "generator_function_declaration", "function_signature"):
            name_node = node.child_by_field_name("name")
            if name_node is None:
                return []
            name = module.source.text(name_node)
            body = node.child_by_field_name("body")
            if body is not None:
                params = node.child_by_field_name("parameters")
                scope.set(name, Closure(name, params, body, module, scope, module.source.span(node)))
            return [name]
        if kind in ("class_declaration", "abstract_class_declaration", "enum_declaration"):
            name_node = node.child_by_field_name("name")
            if name_node is None:
                return []
            name = module.source.text(name_node)
            if kind == "enum_declaration":
                scope.declare(name)
            else:
                scope.set(name, Unknown(f"class `{name}` cannot be evaluated", module.source.span(node)))
            return [name]
        if kind == "expression_statement":
            return []
        return []

    def declare_default(self, node: Node, module: Module) -> None:
        assert module.scope is not None
        module.scope.declare("*default*")

    def _pattern_names(self, pattern: Node, source: SourceText) -> list[str]:
        if pattern.type == "identifier":
            return [source.text(pattern)]
        names: list[str] = []
        for child in pattern.named_children:
            if child.type in ("shorthand_property_identifier_pattern", "identifier"):
                names.append(source.text(child))
            elif child.type == "pair_pattern":
                value = child.child_by_field_name("value")
                if value is not None:
                    names.extend(self._pattern_names(value, source))
            elif child.type in (
                "object_pattern",
                "array_pattern",
                "rest_pattern",
                "assignment_pattern",
                "object_assignment_pattern",
            ):
                target = child.child_by_field_name("left") or child
                if target is child:
                    names.extend(
                        self._pattern_names(child, source)
                        if child.type != "rest_pattern"
                        else [source.text(c) for c in child.named_children if c.type == "identifier"]
                    )
                else:
                    names.extend(self._pattern_names(target, source))
        return names

    # ---------------------------------------------------------------------------- statements

    def exec_statement(self, node: Node, scope: Scope) -> None:
        """Run one statement. `return` raises `_Return` (only inside function bodies)."""
        kind = node.type
        source = scope.module.source
        assert source is not None
        if kind in ("lexical_declaration", "variable_declaration"):
            for declarator in node.named_children:
                if declarator.type != "variable_declarator":
                    continue
                pattern = declarator.child_by_field_name("name")
                value_node = declarator.child_by_field_name("value")
                value: Value = (
                    self.eval(value_node, scope)
                    if value_node is not None
                    else Prim(UNDEFINED, source.span(declarator))
                )
                if pattern is not None:
                    self.bind_pattern(pattern, value, scope)
        elif kind == "expression_statement":
            for child in node.named_children:
                self.eval(child, scope)
        elif kind == "export_statement":
            value_node = node.child_by_field_name("value")
            if value_node is not None:
                scope.set("*default*", self.eval(value_node, scope))
        elif kind == "enum_declaration":
            self._exec_enum(node, scope)
        elif kind == "return_statement":
            expression = node.named_children[0] if node.named_children else None
            raise _Return(self.eval(expression, scope) if expression is not None else Prim(UNDEFINED))
        elif kind == "function_declaration":
            self.declare(node, scope.module) if scope.parent is None else self._declare_local_function(
                node, scope
            )
        elif kind == "if_statement":
            self._exec_if(node, scope)
        elif kind == "statement_block":
            inner = Scope(scope.module, scope)
            for child in node.named_children:
                self.exec_statement(child, inner)
        elif kind in (
            "comment",
            "empty_statement",
            "type_alias_declaration",
            "interface_declaration",
            "import_statement",
            "class_declaration",
            "ambient_declaration",
        ):
            return
        elif scope.parent is not None:
            raise _Return(Unknown(f"a `{kind}` in a function body cannot be evaluated", source.span(node)))

    def _declare_local_function(self, node: Node, scope: Scope) -> None:
        source = scope.module.source
        assert source is not None
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name_node is not None and body is not None:
            name = source.text(name_node)
            scope.set(
                name,
                Closure(
                    name, node.child_by_field_name("parameters"), body, scope.module, scope, source.span(node)
                ),
            )

    def _exec_if(self, node: Node, scope: Scope) -> None:
        condition = node.child_by_field_name("condition")
        consequence = node.child_by_field_name("consequence")
        alternative = node.child_by_field_name("alternative")
        test = self.eval(condition, scope) if condition is not None else Prim(True)
        truth = js.truthy(test)
        if truth is None:
            if scope.parent is not None:
                raise _Return(Unknown("a condition in a function body cannot be evaluated", test.span))
            return
        branch = consequence if truth else alternative
        if branch is None:
            return
        if branch.type == "else_clause":
            branch = branch.named_children[0] if branch.named_children else None
            if branch is None:
                return
        self.exec_statement(branch, scope)

    def _exec_enum(self, node: Node, scope: Scope) -> None:
        source = scope.module.source
        assert source is not None
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name_node is None or body is None:
            return
        result = JSObject(span=source.span(node))
        counter: float | None = 0.0
        for member in body.named_children:
            if member.type == "property_identifier":
                key, value_node = source.text(member), None
            elif member.type == "enum_assignment":
                key_node = member.child_by_field_name("name")
                value_node = member.child_by_field_name("value")
                if key_node is None:
                    continue
                key = string_value(source, key_node) if key_node.type == "string" else source.text(key_node)
            else:
                continue
            if value_node is not None:
                value = self.eval(value_node, scope)
            elif counter is not None:
                value = Prim(counter, source.span(member))
            else:
                value = Unknown(f"enum member `{key}` has no constant value", source.span(member))
            counter = value.value + 1 if isinstance(value, Prim) and isinstance(value.value, float) else None
            result.props[key] = Property(value, source.span(member), source.span(member))
        scope.set(source.text(name_node), result)

    def bind_pattern(self, pattern: Node, value: Value, scope: Scope) -> None:
        source = scope.module.source
        assert source is not None
        kind = pattern.type
        if kind == "identifier":
            scope.set(source.text(pattern), value)
            return
        if kind in ("assignment_pattern", "object_assignment_pattern"):
            left = pattern.child_by_field_name("left")
            right = pattern.child_by_field_name("right")
            if isinstance(value, Prim) and value.value is UNDEFINED and right is not None:
                value = self.eval(right, scope)
            if left is not None:
                if left.type == "shorthand_property_identifier_pattern":
                    scope.set(source.text(left), value)
                else:
                    self.bind_pattern(left, value, scope)
            return
        if kind == "object_pattern":
            used: set[str] = set()
            for child in pattern.named_children:
                if child.type == "shorthand_property_identifier_pattern":
                    name = source.text(child)
                    used.add(name)
                    scope.set(name, get_member(self, value, name, source.span(child)))
                elif child.type == "object_assignment_pattern":
                    left = child.child_by_field_name("left")
                    if left is not None:
                        name = source.text(left)
                        used.add(name)
                        self.bind_pattern(child, get_member(self, value, name, source.span(child)), scope)
                elif child.type == "pair_pattern":
                    key_node = child.child_by_field_name("key")
                    target = child.child_by_field_name("value")
                    if key_node is None or target is None:
                        continue
                    key = self.property_key(key_node, scope)
                    if key is None:
                        self.bind_pattern(
                            target, Unknown("computed destructuring key", source.span(key_node)), scope
                        )
                        continue
                    used.add(key)
                    self.bind_pattern(target, get_member(self, value, key, source.span(child)), scope)
                elif child.type == "rest_pattern":
                    rest_target = child.named_children[0] if child.named_children else None
                    if rest_target is None:
                        continue
                    if isinstance(value, JSObject):
                        rest = JSObject(
                            {k: p for k, p in value.props.items() if k not in used}, span=value.span
                        )
                        self.bind_pattern(rest_target, rest, scope)
                    else:
                        self.bind_pattern(rest_target, js.unknown_from(value, "cannot destructure"), scope)
            return
        if kind == "array_pattern":
            items = value.items if isinstance(value, JSArray) else None
            for index, child in enumerate(pattern.named_children):
                if child.type == "rest_pattern":
                    rest_target = child.named_children[0] if child.named_children else None
                    if rest_target is not None:
                        rest_value: Value = (
                            JSArray(items[index:], value.span)
                            if items is not None
                            else js.unknown_from(value, "cannot destructure")
                        )
                        self.bind_pattern(rest_target, rest_value, scope)
                    break
                element: Value
                if items is not None:
                    element = items[index] if index < len(items) else Prim(UNDEFINED)
                else:
                    element = js.unknown_from(value, "cannot destructure")
                self.bind_pattern(child, element, scope)
            return
        for name in self._pattern_names(pattern, source):
            scope.set(name, Unknown("unsupported destructuring pattern", source.span(pattern)))

    # ---------------------------------------------------------------------------- expressions

    def span(self, node: Node, scope: Scope) -> Span:
        source = scope.module.source
        assert source is not None
        return source.span(node)

    def eval(self, node: Node, scope: Scope) -> Value:
        """Evaluate an expression node to a value (never raises for user input)."""
        self._depth += 1
        try:
            if self._depth > MAX_EXPRESSION_DEPTH:
                return Unknown(
                    f"expression nested more than {MAX_EXPRESSION_DEPTH} levels deep", self.span(node, scope)
                )
            return self._eval(node, scope)
        finally:
            self._depth -= 1

    def _eval(self, node: Node, scope: Scope) -> Value:
        source = scope.module.source
        assert source is not None
        kind = node.type
        if kind == "identifier":
            return self.lookup_node(node, scope)
        span = source.span(node)
        if kind == "string":
            return Prim(string_value(source, node), span)
        if kind == "number":
            number = number_value(source.text(node))
            return Prim(BigInt(number) if isinstance(number, int) else number, span)
        if kind == "true" or kind == "false":
            return Prim(kind == "true", span)
        if kind == "null":
            return Prim(None, span)
        if kind == "undefined":
            return Prim(UNDEFINED, span)
        if kind == "template_string":
            return self._eval_template(node, scope, span)
        if kind in (
            "parenthesized_expression",
            "as_expression",
            "satisfies_expression",
            "non_null_expression",
        ):
            inner = node.named_children[0] if node.named_children else None
            return self.eval(inner, scope) if inner is not None else Unknown("empty expression", span)
        if kind == "type_assertion":
            inner = node.named_children[-1] if node.named_children else None
            return self.eval(inner, scope) if inner is not None else Unknown("empty expression", span)
        if kind == "object":
            return self._eval_object(node, scope, span)
        if kind == "array":
            return self._eval_array(node, scope, span)
        if kind == "member_expression":
            return self._eval_member(node, scope, span)
        if kind == "subscript_expression":
            return self._eval_subscript(node, scope, span)
        if kind == "call_expression":
            return self._eval_call(node, scope, span)
        if kind in ("arrow_function", "function_expression", "function"):
            name_node = node.child_by_field_name("name")
            params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
            body = node.child_by_field_name("body")
            if body is None:
                return Unknown("function without a body", span)
            return Closure(
                source.text(name_node) if name_node else "", params, body, scope.module, scope, span
            )
        if kind == "unary_expression":
            return self._eval_unary(node, scope, span)
        if kind == "binary_expression":
            return self._eval_binary(node, scope, span)
        if kind == "ternary_expression":
            condition = node.child_by_field_name("condition")
            test = self.eval(condition, scope) if condition is not None else Unknown("no condition", span)
            truth = js.truthy(test)
            if truth is None:
                return js.unknown_from(test, "the condition cannot be evaluated")
            branch = node.child_by_field_name("consequence" if truth else "alternative")
            return self.eval(branch, scope) if branch is not None else Unknown("empty branch", span)
        if kind == "assignment_expression":
            return self._eval_assignment(node, scope, span)
        if kind == "sequence_expression":
            result: Value = Prim(UNDEFINED, span)
            for child in node.named_children:
                result = self.eval(child, scope)
            return result
        if kind == "new_expression":
            constructor = node.child_by_field_name("constructor")
            name = source.text(constructor) if constructor is not None else "?"
            return Unknown(f"`new {name}(...)` cannot be evaluated", span)
        if kind == "await_expression":
            return Unknown("`await` cannot be evaluated", span)
        if kind == "import":
            self.record_runtime("import()", span)
            return Unknown("dynamic `import()` cannot be evaluated", span)
        if kind == "ERROR":
            return Unknown("syntax error", span, quiet=True)
        if kind == "this":
            return Unknown("`this` cannot be evaluated", span)
        return Unknown(f"`{_short(source.text(node))}` ({kind.replace('_', ' ')}) cannot be evaluated", span)

    def lookup_node(self, node: Node, scope: Scope) -> Value:
        """The value of an identifier node (its span is computed only when needed)."""
        source = scope.module.source
        assert source is not None
        name = source.text(node)
        binding = scope.lookup(name)
        if binding is not None and binding.ref is None and binding.value is not None:
            value = binding.value
            if not (isinstance(value, Unknown) and value.quiet):
                return value
        elif binding is not None and binding.ref is not None:
            value = self.module_export(binding.ref.module, binding.ref.name, None)
            if not isinstance(value, Unknown):
                return value  # the common case (`v`, `defineTable`, shared constants): no span needed
        return self.lookup(name, source.span(node), scope)

    def lookup(self, name: str, span: Span, scope: Scope) -> Value:
        binding = scope.lookup(name)
        if binding is not None:
            value = self._binding_value(name, binding, span, scope.module)
            if isinstance(value, Unknown) and value.quiet and binding.ref is None:
                # Already reported where it arose (e.g. an unresolved import): say what it costs here.
                return Unknown(value.reason, span)
            return value
        return global_value(self, name, span)

    def record_runtime(self, kind: RuntimeAccessKind, span: Span) -> None:
        self.runtime_accesses.append(RuntimeAccess(kind=kind, span=span))

    def property_key(self, node: Node, scope: Scope) -> str | None:
        """The string key of a property name node, or None when it cannot be computed."""
        source = scope.module.source
        assert source is not None
        kind = node.type
        if kind in ("property_identifier", "identifier", "private_property_identifier"):
            return source.text(node)
        if kind == "string":
            return string_value(source, node)
        if kind == "number":
            number = number_value(source.text(node))
            return js.to_string(Prim(float(number) if isinstance(number, float) else BigInt(number)))
        if kind == "computed_property_name":
            inner = node.named_children[0] if node.named_children else None
            if inner is None:
                return None
            value = self.eval(inner, scope)
            return js.to_string(value) if isinstance(value, Prim) else None
        return None

    def _eval_template(self, node: Node, scope: Scope, span: Span) -> Value:
        source = scope.module.source
        assert source is not None
        parts: list[str] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(source.text(child))
            elif child.type == "escape_sequence":
                parts.append(decode_escape(source.text(child)))
            elif child.type == "template_substitution":
                inner = child.named_children[0] if child.named_children else None
                value = self.eval(inner, scope) if inner is not None else Unknown("empty substitution", span)
                text = js.to_string(value) if isinstance(value, Prim) else None
                if text is None:
                    return js.unknown_from(value, "a template literal part cannot be evaluated")
                parts.append(text)
        return Prim("".join(parts), span)

    def _eval_object(self, node: Node, scope: Scope, span: Span) -> Value:
        source = scope.module.source
        assert source is not None
        result = JSObject(span=span)
        docs = property_docs(node, source)
        for child in node.named_children:
            kind = child.type
            if kind == "pair":
                key_node = child.child_by_field_name("key")
                value_node = child.child_by_field_name("value")
                if key_node is None or value_node is None:
                    continue
                key = self.property_key(key_node, scope)
                value = self.eval(value_node, scope)
                if key is None:
                    result.unknown_parts.append(
                        Unknown("a computed key cannot be evaluated", source.span(key_node))
                    )
                    continue
                js.put(
                    result,
                    key,
                    Property(value, source.span(key_node), source.span(child), docs.get(child.id)),
                )
            elif kind == "shorthand_property_identifier":
                key = source.text(child)
                child_span = source.span(child)
                js.put(
                    result,
                    key,
                    Property(self.lookup(key, child_span, scope), child_span, child_span, docs.get(child.id)),
                )
            elif kind == "spread_element":
                inner = child.named_children[0] if child.named_children else None
                if inner is None:
                    continue
                spread = self.eval(inner, scope)
                if isinstance(spread, NamespaceValue):
                    spread = self.namespace_object(spread)
                js.spread_into(result, spread, source.span(child), "..." + _short(source.text(inner), 60))
            elif kind == "method_definition":
                name_node = child.child_by_field_name("name")
                body = child.child_by_field_name("body")
                key = self.property_key(name_node, scope) if name_node is not None else None
                if key is not None and body is not None:
                    closure = Closure(
                        key,
                        child.child_by_field_name("parameters"),
                        body,
                        scope.module,
                        scope,
                        source.span(child),
                    )
                    js.put(
                        result,
                        key,
                        Property(closure, source.span(name_node) if name_node else None, source.span(child)),
                    )
        return result

    def _eval_array(self, node: Node, scope: Scope, span: Span) -> Value:
        items: list[Value] = []
        for child in node.named_children:
            if child.type == "comment":
                continue
            if child.type == "spread_element":
                inner = child.named_children[0] if child.named_children else None
                if inner is None:
                    continue
                spread = self.eval(inner, scope)
                if isinstance(spread, JSArray):
                    items.extend(spread.items)
                elif isinstance(spread, Prim) and isinstance(spread.value, str):
                    items.extend(Prim(ch, spread.span) for ch in spread.value)
                else:
                    return js.unknown_from(spread, "a spread in an array literal cannot be evaluated")
            else:
                items.append(self.eval(child, scope))
        return JSArray(items, span)

    def _eval_member(self, node: Node, scope: Scope, span: Span) -> Value:
        source = scope.module.source
        assert source is not None
        object_node = node.child_by_field_name("object")
        property_node = node.child_by_field_name("property")
        if object_node is None or property_node is None:
            return Unknown("incomplete member expression", span)
        receiver = self.eval(object_node, scope)
        optional_chain = any(c.type == "optional_chain" for c in node.children)
        if optional_chain and isinstance(receiver, Prim) and receiver.value in (None, UNDEFINED):
            return Prim(UNDEFINED, span)
        return get_member(self, receiver, source.text(property_node), span)

    def _eval_subscript(self, node: Node, scope: Scope, span: Span) -> Value:
        object_node = node.child_by_field_name("object")
        index_node = node.child_by_field_name("index")
        if object_node is None or index_node is None:
            return Unknown("incomplete subscript expression", span)
        receiver = self.eval(object_node, scope)
        index = self.eval(index_node, scope)
        key = js.to_string(index) if isinstance(index, Prim) else None
        if key is None:
            return js.unknown_from(index, "a computed property name cannot be evaluated")
        return get_member(self, receiver, key, span)

    def _eval_call(self, node: Node, scope: Scope, span: Span) -> Value:
        function_node = node.child_by_field_name("function")
        arguments_node = node.child_by_field_name("arguments")
        if function_node is None:
            return Unknown("incomplete call", span)
        if function_node.type == "import":
            self.record_runtime("import()", span)
            return Unknown("dynamic `import()` cannot be evaluated", span)
        callee = self.eval(function_node, scope)
        args: list[Value] = []
        arg_spans: list[Span | None] = []
        if arguments_node is not None:
            if arguments_node.type == "template_string":
                return Unknown("tagged templates cannot be evaluated", span)
            for child in arguments_node.named_children:
                if child.type == "comment":
                    continue
                if child.type == "spread_element":
                    inner = child.named_children[0] if child.named_children else None
                    spread = self.eval(inner, scope) if inner is not None else Unknown("empty spread", span)
                    if isinstance(spread, JSArray):
                        args.extend(spread.items)
                        arg_spans.extend(item.span or self.span(child, scope) for item in spread.items)
                        continue
                    return js.unknown_from(spread, "a spread argument cannot be evaluated")
                args.append(self.eval(child, scope))
                arg_spans.append(self.span(child, scope))
        method_span = None
        if function_node.type == "member_expression":
            property_node = function_node.child_by_field_name("property")
            if property_node is not None:

                def method_span() -> Span:
                    assert property_node is not None
                    start = self.span(property_node, scope)
                    return Span(span.file, start.line, start.column, span.end_line, span.end_column)

        return self.call(callee, args, CallSite(span, arg_spans, method_span))

    def call(self, callee: Value, args: list[Value], site: CallSite) -> Value:
        """Call a function value with evaluated arguments."""
        if isinstance(callee, Builtin):
            return callee.impl(self, site, args)
        if isinstance(callee, Closure):
            return self._call_closure(callee, args, site)
        if isinstance(callee, Unknown):
            return Unknown(callee.reason, callee.span, callee.quiet)
        return Unknown(f"{callee.describe()} is not a function", site.span)

    def _call_closure(self, closure: Closure, args: list[Value], site: CallSite) -> Value:
        if self._call_depth >= MAX_CALL_DEPTH:
            return Unknown(f"calls nested more than {MAX_CALL_DEPTH} deep (recursion?)", site.span)
        self._call_depth += 1
        try:
            scope = Scope(closure.module, closure.scope)
            self._bind_parameters(closure, args, scope)
            body = closure.body
            if body.type != "statement_block":
                return self.eval(body, scope)
            try:
                for statement in body.named_children:
                    self.exec_statement(statement, scope)
            except _Return as returned:
                return returned.value
            return Prim(UNDEFINED, site.span)
        finally:
            self._call_depth -= 1

    def _bind_parameters(self, closure: Closure, args: list[Value], scope: Scope) -> None:
        params = closure.params
        if params is None:
            return
        if params.type == "identifier":
            self.bind_pattern(params, args[0] if args else Prim(UNDEFINED), scope)
            return
        index = 0
        for param in params.named_children:
            if param.type not in ("required_parameter", "optional_parameter"):
                continue
            pattern = param.child_by_field_name("pattern")
            default = param.child_by_field_name("value")
            if pattern is None:
                continue
            if pattern.type == "rest_pattern":
                target = pattern.named_children[0] if pattern.named_children else None
                if target is not None:
                    self.bind_pattern(target, JSArray(args[index:]), scope)
                break
            value = args[index] if index < len(args) else Prim(UNDEFINED)
            if default is not None and isinstance(value, Prim) and value.value is UNDEFINED:
                value = self.eval(default, scope)
            self.bind_pattern(pattern, value, scope)
            index += 1

    def _eval_unary(self, node: Node, scope: Scope, span: Span) -> Value:
        operator_node = node.child_by_field_name("operator")
        argument_node = node.child_by_field_name("argument")
        if operator_node is None or argument_node is None:
            return Unknown("incomplete unary expression", span)
        operator = operator_node.type
        argument = self.eval(argument_node, scope)
        if operator == "typeof":
            return js.type_of(argument, span)
        if operator == "void":
            return Prim(UNDEFINED, span)
        if not isinstance(argument, Prim):
            return js.unknown_from(argument, f"`{operator}` cannot be applied here")
        value = argument.value
        if operator == "!":
            truth = js.truthy(argument)
            return Prim(not truth, span) if truth is not None else Unknown("cannot evaluate `!`", span)
        if operator in ("-", "+"):
            if isinstance(value, BigInt):
                return Prim(BigInt(-value.value if operator == "-" else value.value), span)
            number = js.to_number(argument)
            if number is None:
                return Unknown(f"`{operator}` of {argument.describe()} cannot be evaluated", span)
            return Prim(-number if operator == "-" else number, span)
        return Unknown(f"`{operator}` cannot be evaluated", span)

    def _eval_binary(self, node: Node, scope: Scope, span: Span) -> Value:
        operator_node = node.child_by_field_name("operator")
        left_node = node.child_by_field_name("left")
        right_node = node.child_by_field_name("right")
        if operator_node is None or left_node is None or right_node is None:
            return Unknown("incomplete binary expression", span)
        operator = operator_node.type
        left = self.eval(left_node, scope)
        if operator in ("&&", "||", "??"):
            if operator == "??":
                if not isinstance(left, Prim):
                    return left
                return self.eval(right_node, scope) if left.value in (None, UNDEFINED) else left
            truth = js.truthy(left)
            if truth is None:
                return js.unknown_from(left, f"the left side of `{operator}` cannot be evaluated")
            if (operator == "&&") == truth:
                return self.eval(right_node, scope)
            return left
        right = self.eval(right_node, scope)
        return js.binary(operator, left, right, span)

    def _eval_assignment(self, node: Node, scope: Scope, span: Span) -> Value:
        source = scope.module.source
        assert source is not None
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return Unknown("incomplete assignment", span)
        value = self.eval(right, scope)
        if left.type == "identifier":
            name = source.text(left)
            binding = scope.lookup(name)
            if binding is not None and binding.ref is None:
                binding.value = value
        elif left.type == "member_expression":
            object_node = left.child_by_field_name("object")
            property_node = left.child_by_field_name("property")
            if object_node is not None and property_node is not None:
                target = self.eval(object_node, scope)
                if isinstance(target, JSObject):
                    key = source.text(property_node)
                    existing = target.props.get(key)
                    target.props[key] = Property(
                        value, source.span(property_node), span, existing.doc if existing else None
                    )
        return value


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _no_span(module: Module) -> Span:
    return Span(str(module.path or module.display), 1, 1, 1, 1)
