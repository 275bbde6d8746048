"""The expression half of the evaluator: literals, objects, arrays, members, calls, operators."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, cast

from tree_sitter import Node

from schemalint.diagnostics import ParserDiagnostic, Span
from schemalint.ir import RuntimeAccessKind
from schemalint.parser import assignments, js, js_operators, validator_calls
from schemalint.parser.budget import MIN_STEPS, bounded_array, out_of_steps, step_limit
from schemalint.parser.comments import property_docs
from schemalint.parser.control import ThrowFlow, getter_effects
from schemalint.parser.js_members import get_member, has_member
from schemalint.parser.modules import Module
from schemalint.parser.scope import Scope
from schemalint.parser.source import SourceText, number_value, string_value, template_parts
from schemalint.parser.syntax import array_elements
from schemalint.parser.undefined_names import surely_undefined, validator_lacks
from schemalint.parser.values import (
    UNDEFINED,
    BigInt,
    Builtin,
    CallSite,
    Closure,
    JSArray,
    JSObject,
    LazySpans,
    LiteralPrim,
    NamespaceValue,
    OpaqueValue,
    Prim,
    Property,
    Shadowing,
    Unknown,
    ValidatorValue,
    Value,
)

MAX_EXPRESSION_DEPTH = 400

# The value of an optional chain cut short (`a?.b` with `a` nullish): `undefined`, and every
# member access or call chained onto it directly (`a?.b.c`, `a?.b()`) is cut short too.
SHORT_CIRCUIT = Prim(UNDEFINED)
_THROWN = js.Thrown
# A tuple, not `Unknown | Closure`: `isinstance` with a union builds the union at every call.
_UNKNOWN_OR_CLOSURE = (Unknown, Closure)
# The comments of an object's properties when they are not read (never written to).
_NO_DOCS: dict[int, str] = {}
_CHAIN = frozenset({"member_expression", "subscript_expression", "call_expression"})

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


class ExpressionsMixin:
    """Evaluates expression nodes for `Evaluator`."""

    steps = 0  # expressions evaluated so far
    step_limit = MIN_STEPS  # grows with the source read (`budget.step_limit`)
    steps_exhausted = False
    descriptions = True  # whether object properties get their comments (`Property.doc`)

    def _out_of_steps(self, node: Node, scope: Scope) -> Unknown | None:
        """The value of `node` when the step budget is used up (it grows as more source is
        read), else None. Running out is reported once, where it happens."""
        first = not self.steps_exhausted
        if first:
            self.step_limit = step_limit(self.loaded_sources)
            if self.steps <= self.step_limit:
                return None
            # Files still to be read while this run links its imports count too.
            self.step_limit = step_limit(list(self.program_sources()))
            if self.steps <= self.step_limit:
                return None
            self.steps_exhausted = True
        return out_of_steps(self.span(node, scope), self.step_limit, first, self.diagnostics)

    if TYPE_CHECKING:  # provided by the other parts of `Evaluator`
        _depth: int
        _method_receiver: tuple[Value | None, Value]
        diagnostics: list[ParserDiagnostic]
        catching: list[list[ParserDiagnostic]]
        loaded_sources: list[SourceText]

        def report_throw(self, message: str, span: Span | None) -> None: ...
        def program_sources(self) -> Iterator[SourceText]: ...

        def lookup(self, name: str, span: Span, scope: Scope) -> Value: ...
        def module_export(self, module: Module, name: str, span: Span | None) -> Value: ...
        def call(
            self, callee: Value, args: list[Value], site: CallSite, this: Value | None = None
        ) -> Value: ...
        def record_runtime(self, kind: RuntimeAccessKind, span: Span) -> None: ...
        def namespace_object(self, namespace: NamespaceValue) -> Value: ...

    def span(self, node: Node, scope: Scope) -> Span:
        source = scope.module.source
        assert source is not None
        return source.span(node)

    def eval(self, node: Node, scope: Scope) -> Value:
        """Evaluate an expression node to a value (never raises for user input)."""
        self.steps += 1
        depth = self._depth + 1
        if self.steps > self.step_limit or depth > MAX_EXPRESSION_DEPTH:
            stopped = self._stopped(node, scope, depth)
            if stopped is not None:
                return stopped
        self._depth = depth
        try:
            handler = _HANDLERS.get(node.type)
            result = handler(self, node, scope) if handler is not None else self._eval_other(node, scope)
        finally:
            self._depth = depth - 1
        if type(result) is _THROWN and not result.reported:
            result.reported = True
            self.report_throw(result.error, result.span or self.span(node, scope))
        return result

    def _stopped(self, node: Node, scope: Scope, depth: int) -> Unknown | None:
        """The value of `node` when the step budget is used up or it is nested too deeply."""
        if self.steps > self.step_limit:
            stopped = self._out_of_steps(node, scope)
            if stopped is not None:
                return stopped
        if depth > MAX_EXPRESSION_DEPTH:
            reason = f"expression nested more than {MAX_EXPRESSION_DEPTH} levels deep"
            return Unknown(reason, self.span(node, scope))
        return None

    def lookup_node(self, node: Node, scope: Scope) -> Value:
        """The value of an identifier node (its span is computed only when needed)."""
        source = scope.module.source
        assert source is not None
        raw = source.data[node.start_byte : node.end_byte]
        try:
            name = raw.decode()  # `source.text(node)`, inlined: every identifier comes here
        except UnicodeDecodeError:
            name = source.text(node)
        binding = scope.bindings.get(name)  # `scope.lookup(name)`, starting inline
        if binding is None and scope.parent is not None:
            binding = scope.parent.lookup(name)
        if binding is not None:
            ref = binding.ref
            if ref is None:
                value = binding.value
                if value is not None and not (isinstance(value, Unknown) and value.quiet):
                    return value
            else:
                module = ref.module
                exports = module.package_exports
                if module.package is not None and exports is not None and ref.name != "*":
                    value = exports.get(ref.name)  # `v`, `defineTable`: what `module_export` gives
                    if value is not None and not isinstance(value, Unknown):
                        return value
                value = self.module_export(module, ref.name, None)
                if not isinstance(value, Unknown):
                    return value  # the common case (shared constants): no span needed
        return self.lookup(name, source.span(node), scope)

    def _eval_string(self, node: Node, scope: Scope) -> Value:
        source = scope.module.source
        assert source is not None
        start, end = node.start_byte, node.end_byte
        raw = source.data[start:end]
        if len(raw) >= 2 and raw[0] == raw[-1] and b"\\" not in raw and raw.isascii():
            value = raw[1:-1].decode()  # no escape: the text between the quotes
        else:
            value = string_value(source, node)
        return LiteralPrim(value, source, start, end)  # its span computed only if it is read

    def _eval_number(self, node: Node, scope: Scope) -> Value:
        source = scope.module.source
        assert source is not None
        number = number_value(source.text(node))
        return Prim(BigInt(number) if isinstance(number, int) else number, source.span(node))

    def _eval_true(self, node: Node, scope: Scope) -> Value:
        return Prim(True, self.span(node, scope))

    def _eval_false(self, node: Node, scope: Scope) -> Value:
        return Prim(False, self.span(node, scope))

    def _eval_null(self, node: Node, scope: Scope) -> Value:
        return Prim(None, self.span(node, scope))

    def _eval_undefined(self, node: Node, scope: Scope) -> Value:
        return Prim(UNDEFINED, self.span(node, scope))

    def _eval_wrapped(self, node: Node, scope: Scope) -> Value:
        """`(x)`, `x as T`, `x satisfies T`, `x!`: the value of `x`."""
        named = node.named_children
        if not named:
            return Unknown("empty expression", self.span(node, scope))
        return self.eval(named[0], scope)

    def _eval_type_assertion(self, node: Node, scope: Scope) -> Value:
        """`<T>x`: the value of `x`."""
        named = node.named_children
        if not named:
            return Unknown("empty expression", self.span(node, scope))
        return self.eval(named[-1], scope)

    def _eval_function(self, node: Node, scope: Scope) -> Value:
        source = scope.module.source
        assert source is not None
        span = source.span(node)
        name_node = node.child_by_field_name("name")
        params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        body = node.child_by_field_name("body")
        if body is None:
            return Unknown("function without a body", span)
        return Closure(source.text(name_node) if name_node else "", params, body, scope.module, scope, span)

    def _eval_ternary(self, node: Node, scope: Scope) -> Value:
        span = self.span(node, scope)
        condition = node.child_by_field_name("condition")
        test = self.eval(condition, scope) if condition is not None else Unknown("no condition", span)
        truth = js.truthy(test)
        if truth is None:
            return js.unknown_from(test, "the condition cannot be evaluated")
        branch = node.child_by_field_name("consequence" if truth else "alternative")
        return self.eval(branch, scope) if branch is not None else Unknown("empty branch", span)

    def _eval_update(self, node: Node, scope: Scope) -> Value:
        return assignments.eval_update(cast("Evaluator", self), node, scope, self.span(node, scope))

    def _eval_sequence(self, node: Node, scope: Scope) -> Value:
        result: Value = Prim(UNDEFINED, self.span(node, scope))
        for child in node.named_children:
            result = self.eval(child, scope)
        return result

    def _eval_new(self, node: Node, scope: Scope) -> Value:
        source = scope.module.source
        assert source is not None
        span = source.span(node)
        constructor = node.child_by_field_name("constructor")
        name = source.text(constructor) if constructor is not None else "?"
        return Unknown(f"`new {name}(...)` cannot be evaluated", span)

    def _eval_await(self, node: Node, scope: Scope) -> Value:
        return Unknown("`await` cannot be evaluated", self.span(node, scope))

    def _eval_import(self, node: Node, scope: Scope) -> Value:
        span = self.span(node, scope)
        self.record_runtime("import()", span)
        return Unknown("dynamic `import()` cannot be evaluated", span)

    def _eval_error(self, node: Node, scope: Scope) -> Value:
        return Unknown("syntax error", self.span(node, scope), quiet=True)

    def _eval_this(self, node: Node, scope: Scope) -> Value:
        span = self.span(node, scope)
        binding = scope.lookup("this")  # bound by calls of non-arrow functions
        if binding is not None and binding.value is not None:
            return binding.value
        return Unknown("`this` cannot be evaluated", span)

    def _eval_other(self, node: Node, scope: Scope) -> Value:
        source = scope.module.source
        assert source is not None
        kind = node.type
        span = source.span(node)
        return Unknown(f"`{_short(source.text(node))}` ({kind.replace('_', ' ')}) cannot be evaluated", span)

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
            return js.to_string(value)
        return None

    def _eval_template(self, node: Node, scope: Scope) -> Value:
        span = self.span(node, scope)
        source = scope.module.source
        assert source is not None
        result: Value = Prim("", span)
        for part in template_parts(source, node):
            value = Prim(part, span) if isinstance(part, str) else js.to_primitive(self.eval(part, scope))
            if not isinstance(value, Prim | js.LongString):
                return js.unknown_from(value, "a template literal part cannot be evaluated")
            result = js_operators.binary("+", result, value, span)
            if not isinstance(result, Prim | js.LongString):
                return result
        return result

    def _eval_object(self, node: Node, scope: Scope) -> Value:
        span = self.span(node, scope)
        source = scope.module.source
        assert source is not None
        result = JSObject(span=span)
        docs = property_docs(node, source) if self.descriptions else _NO_DOCS
        fields = source.fields
        kinds = source.kinds  # `kind_id`s: cheaper to read and compare than `type`
        pair_kind = kinds.pair
        props = result.props
        for child in node.named_children:
            if child.kind_id == pair_kind:
                key_node = child.child_by_field_id(fields.key)
                value_node = child.child_by_field_id(fields.value)
                if key_node is None or value_node is None:
                    continue
                plain_key = key_node.kind_id == kinds.property_identifier
                if plain_key:
                    raw = source.data[key_node.start_byte : key_node.end_byte]
                    try:
                        key: str | None = raw.decode()  # `source.text(key_node)`, inlined
                    except UnicodeDecodeError:
                        key = source.text(key_node)
                else:
                    key = self.property_key(key_node, scope)
                if (
                    value_node.kind_id == kinds.call_expression
                    and self.steps < self.step_limit
                    and self._depth < MAX_EXPRESSION_DEPTH
                ):
                    # `self.eval(value_node, scope)` without the dispatch (`field: v.string()`).
                    self.steps += 1
                    self._depth += 1
                    try:
                        value = self._eval_call(value_node, scope)
                    finally:
                        self._depth -= 1
                    if type(value) is _THROWN and not value.reported:
                        value.reported = True
                        self.report_throw(value.error, value.span or source.span(value_node))
                else:
                    value = self.eval(value_node, scope)
                if key == "__proto__" and (plain_key or key_node.type == "string"):
                    # `{ __proto__: x }` sets the prototype: inherited members, not an own key.
                    if isinstance(value, JSObject | NamespaceValue | Unknown):
                        result.proto = value
                    elif isinstance(value, Prim) and value.value is None:
                        result.proto = None
                    continue
                if key is None:
                    result.unknown_parts.append(
                        Unknown("a computed key cannot be evaluated", source.span(key_node))
                    )
                    continue
                doc = docs.get(child.id) if docs else None  # most objects have no comment
                key_span, pair_span = source.key_and_pair_spans(child, key_node, value_node)
                prop = Property(value, key_span, pair_span, doc)
                existing = props.get(key)  # `js.put(result, key, prop)`, inlined
                if existing is not None:
                    result.shadowed.append(Shadowing(key, existing, prop))
                props[key] = prop
                continue
            kind = child.type
            if kind == "shorthand_property_identifier":
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
                if key is None:
                    unknown_key = Unknown("a computed key cannot be evaluated", source.span(child))
                    result.unknown_parts.append(unknown_key)
                elif body is not None:
                    closure = Closure(
                        key,
                        child.child_by_field_name("parameters"),
                        body,
                        scope.module,
                        scope,
                        source.span(child),
                    )
                    accessor = next((c.type for c in child.children if c.type in ("get", "set")), None)
                    member: Value = closure
                    if accessor == "get":  # read when the object is read (by Convex: at v.object())
                        member = self._getter_value(closure, source.span(child))
                        getter_effects(cast("Evaluator", self), child, scope)
                        result.getters = (result.getters or set()) | {key}
                    elif accessor == "set":
                        result.setters = {**(result.setters or {}), key: closure}
                        if key in result.props:
                            continue  # the getter defined with it gives the value
                        member = Prim(UNDEFINED, source.span(child))
                    js.put(
                        result,
                        key,
                        Property(member, source.span(name_node) if name_node else None, source.span(child)),
                    )
        return result

    def _getter_value(self, getter: Closure, span: Span) -> Value:
        """What reading a getter gives. It runs now, but a throw in it happens only if something
        reads the property: the value is then unknown, never a reported throw."""
        caught: list[ParserDiagnostic] = []
        self.catching.append(caught)
        try:
            this = Unknown("`this` in a getter cannot be evaluated", span)
            member = self.call(getter, [], CallSite(span, []), this)
        except ThrowFlow:
            caught.append(ParserDiagnostic("", "", span))
        finally:
            self.catching.pop()
        return Unknown("the getter may throw when it is read", span) if caught else member

    def _eval_array(self, node: Node, scope: Scope) -> Value:
        source = scope.module.source
        assert source is not None
        span = source.span(node)
        items: list[Value] = []
        kinds = source.kinds
        for child in array_elements(node, kinds):
            if child is None:  # a hole (`[1, , 3]`): JS arrays with holes are not modelled
                return Unknown("an array literal with a hole (an elision) cannot be evaluated", span)
            kind = child.kind_id
            if kind == kinds.string and self.steps < self.step_limit and self._depth < MAX_EXPRESSION_DEPTH:
                # `self.eval(child, scope)` without the dispatch (index fields: `["a", "b"]`); a
                # string literal neither throws nor nests.
                self.steps += 1
                items.append(self._eval_string(child, scope))
            elif kind == kinds.spread_element:
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
        return bounded_array(items, span)

    def _eval_member(self, node: Node, scope: Scope) -> Value:
        """`a.b`. Its span is computed only when the result needs one (the hot path is `v.string`)."""
        source = scope.module.source
        assert source is not None
        fields = source.fields
        object_node = node.child_by_field_id(fields.object)
        property_node = node.child_by_field_id(fields.property)
        if object_node is None or property_node is None:
            return Unknown("incomplete member expression", source.span(node))
        if (
            object_node.type == "identifier"
            and self.steps < self.step_limit
            and self._depth < MAX_EXPRESSION_DEPTH
        ):
            # `self.eval(object_node, scope)` without the dispatch (the `v` of `v.string`).
            self.steps += 1
            receiver = self.lookup_node(object_node, scope)
            if type(receiver) is _THROWN and not receiver.reported:
                receiver.reported = True
                self.report_throw(receiver.error, receiver.span or source.span(object_node))
        else:
            receiver = self.eval(object_node, scope)
        if receiver is SHORT_CIRCUIT and object_node.type in _CHAIN:
            return SHORT_CIRCUIT  # `a?.b.c` with `a` nullish: the whole chain is undefined
        raw = source.data[property_node.start_byte : property_node.end_byte]
        try:
            name = raw.decode()  # `source.text(property_node)`, inlined (the hot path)
        except UnicodeDecodeError:
            name = source.text(property_node)
        if type(receiver) is OpaqueValue:  # the hot path: `v.string` and the like
            member = receiver.members.get(name)
            if isinstance(member, Value) and not isinstance(member, _UNKNOWN_OR_CLOSURE):
                return member
        nullish = isinstance(receiver, Prim) and receiver.value in (None, UNDEFINED)
        if nullish and any(c.type == "optional_chain" for c in node.children):
            return SHORT_CIRCUIT
        # Globals such as `process` record where they were touched.
        needs_span = (
            nullish
            # A known member of `v` (or another modelled object) needs no span; others may.
            or (isinstance(receiver, OpaqueValue) and not isinstance(receiver.members.get(name), Value))
            or (isinstance(receiver, ValidatorValue) and validator_lacks(receiver.validator.kind, name))
        )
        span = source.span(node) if needs_span else None
        value = get_member(cast("Evaluator", self), receiver, name, span)
        if isinstance(value, Unknown) and value.span is None:
            value.span = source.span(node)
        elif isinstance(value, Closure):
            self._method_receiver = (value, receiver)  # `this` when it is called as `a.b()`
        return value

    def _eval_subscript(self, node: Node, scope: Scope) -> Value:
        span = self.span(node, scope)
        object_node = node.child_by_field_name("object")
        index_node = node.child_by_field_name("index")
        if object_node is None or index_node is None:
            return Unknown("incomplete subscript expression", span)
        receiver = self.eval(object_node, scope)
        if receiver is SHORT_CIRCUIT and object_node.type in _CHAIN:
            return SHORT_CIRCUIT
        if _optional_and_nullish(node, receiver):
            return SHORT_CIRCUIT
        index = self.eval(index_node, scope)
        key = js.to_string(index)
        if key is None:
            return js.unknown_from(index, "a computed property name cannot be evaluated")
        value = get_member(cast("Evaluator", self), receiver, key, span)
        if isinstance(value, Closure):
            self._method_receiver = (value, receiver)  # `this` when it is called as `a[k]()`
        return value

    def _eval_call(self, node: Node, scope: Scope) -> Value:
        source = scope.module.source
        assert source is not None
        span = source.span(node)
        fields = source.fields
        function_node = node.child_by_field_id(fields.function)
        arguments_node = node.child_by_field_id(fields.arguments)
        if function_node is None:
            return Unknown("incomplete call", span)
        function_type = function_node.type
        if function_type == "import":
            self.record_runtime("import()", span)
            return Unknown("dynamic `import()` cannot be evaluated", span)
        builtin: Builtin | None = None
        if (
            function_type == "member_expression"
            and self.steps + 2 <= self.step_limit
            and self._depth + 1 < MAX_EXPRESSION_DEPTH
            and validator_calls.ENABLED
        ):
            # `v.string` and the like, read without evaluating anything (as `_eval_member`
            # would read it, with its two steps), and the call itself when it is plain.
            builtin = validator_calls.modelled_member(function_node, source, scope)
            if builtin is not None:
                self.steps += 2
                if arguments_node is not None:
                    # Within the depth limit, and a few levels at most (`MAX_NESTING`).
                    room = MAX_EXPRESSION_DEPTH - self._depth
                    if room > validator_calls.MAX_NESTING:
                        room = validator_calls.MAX_NESTING
                    plain = validator_calls.plain_call(builtin, arguments_node, span, source, scope, room)
                    if plain is not None and self.steps + plain[1] <= self.step_limit:
                        self.steps += plain[1]
                        return plain[0]
        callee: Value
        if builtin is not None:
            callee = builtin
        elif (
            function_type == "member_expression"
            and self.steps < self.step_limit
            and self._depth < MAX_EXPRESSION_DEPTH
        ):
            # `self.eval(function_node, scope)` without the dispatch (`v.string` in `v.string()`).
            self.steps += 1
            self._depth += 1
            try:
                callee = self._eval_member(function_node, scope)
            finally:
                self._depth -= 1
            if type(callee) is _THROWN and not callee.reported:
                callee.reported = True
                self.report_throw(callee.error, callee.span or source.span(function_node))
        else:
            callee = self.eval(function_node, scope)
        if callee is SHORT_CIRCUIT and function_type in _CHAIN:
            return SHORT_CIRCUIT  # `a?.b()` with `a` nullish
        if isinstance(callee, Prim) and _optional_and_nullish(node, callee):
            return SHORT_CIRCUIT  # `maybe?.()`
        args: list[Value] = []
        arg_nodes: list[Span | Node | None] = []
        if arguments_node is not None:
            if arguments_node.type == "template_string":
                return Unknown("tagged templates cannot be evaluated", span)
            for child in arguments_node.named_children if arguments_node.named_child_count else ():
                child_type = child.type
                if child_type == "comment":
                    continue
                if child_type == "spread_element":
                    inner = child.named_children[0] if child.named_children else None
                    spread = self.eval(inner, scope) if inner is not None else Unknown("empty spread", span)
                    if isinstance(spread, JSArray):
                        args.extend(spread.items)
                        arg_nodes.extend(item.span or child for item in spread.items)
                        continue
                    return js.unknown_from(spread, "a spread argument cannot be evaluated")
                args.append(self.eval(child, scope))
                arg_nodes.append(child)
        arg_spans = LazySpans(source, arg_nodes) if arg_nodes else ()
        if function_type == "member_expression":
            site = CallSite(span, arg_spans, source, function_node)
        else:
            site = CallSite(span, arg_spans)
        if isinstance(callee, Builtin):
            return callee.impl(cast("Evaluator", self), site, args)
        this: Value | None = None
        if isinstance(callee, Closure):
            while function_type == "parenthesized_expression" and function_node.named_children:
                function_node = function_node.named_children[0]  # `(a.b)()` keeps `this` (not `(0, a.b)()`)
                function_type = function_node.type
            if function_type in ("member_expression", "subscript_expression"):
                called, receiver = self._method_receiver
                this = receiver if called is callee else Unknown("`this` cannot be evaluated", span)
        return self.call(callee, args, site, this)

    def _eval_unary(self, node: Node, scope: Scope) -> Value:
        span = self.span(node, scope)
        operator_node = node.child_by_field_name("operator")
        argument_node = node.child_by_field_name("argument")
        if operator_node is None or argument_node is None:
            return Unknown("incomplete unary expression", span)
        operator = operator_node.type
        if operator == "delete":
            return assignments.eval_delete(cast("Evaluator", self), argument_node, scope, span)
        if operator == "typeof" and argument_node.type == "identifier":
            name = scope.module.source.text(argument_node) if scope.module.source is not None else ""
            if scope.lookup(name) is None and surely_undefined(cast("Evaluator", self), name):
                return Prim("undefined", span)  # `typeof` of an undeclared name does not throw
        argument = self.eval(argument_node, scope)
        if operator == "typeof":
            return js.type_of(argument, span)
        if operator == "void":
            return Prim(UNDEFINED, span)
        if not isinstance(argument, Prim):
            return js.unknown_from(argument, f"`{operator}` cannot be applied here")
        return js_operators.unary(operator, argument, span)

    def _eval_binary(self, node: Node, scope: Scope) -> Value:
        span = self.span(node, scope)
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
        if operator == "in":
            return has_member(left, right, span)
        return js_operators.binary(operator, left, right, span)

    def _eval_assignment(self, node: Node, scope: Scope) -> Value:
        return assignments.eval_assignment(cast("Evaluator", self), node, scope, self.span(node, scope))


_Handler = Callable[[ExpressionsMixin, Node, Scope], Value]
# The evaluation of each expression node type (others: `_eval_other`).
_HANDLERS: dict[str, _Handler] = {
    "identifier": ExpressionsMixin.lookup_node,
    "member_expression": ExpressionsMixin._eval_member,
    "call_expression": ExpressionsMixin._eval_call,
    "string": ExpressionsMixin._eval_string,
    "number": ExpressionsMixin._eval_number,
    "true": ExpressionsMixin._eval_true,
    "false": ExpressionsMixin._eval_false,
    "null": ExpressionsMixin._eval_null,
    "undefined": ExpressionsMixin._eval_undefined,
    "template_string": ExpressionsMixin._eval_template,
    "parenthesized_expression": ExpressionsMixin._eval_wrapped,
    "as_expression": ExpressionsMixin._eval_wrapped,
    "satisfies_expression": ExpressionsMixin._eval_wrapped,
    "non_null_expression": ExpressionsMixin._eval_wrapped,
    "type_assertion": ExpressionsMixin._eval_type_assertion,
    "object": ExpressionsMixin._eval_object,
    "array": ExpressionsMixin._eval_array,
    "subscript_expression": ExpressionsMixin._eval_subscript,
    "arrow_function": ExpressionsMixin._eval_function,
    "function_expression": ExpressionsMixin._eval_function,
    "function": ExpressionsMixin._eval_function,
    "unary_expression": ExpressionsMixin._eval_unary,
    "binary_expression": ExpressionsMixin._eval_binary,
    "ternary_expression": ExpressionsMixin._eval_ternary,
    "assignment_expression": ExpressionsMixin._eval_assignment,
    "augmented_assignment_expression": ExpressionsMixin._eval_assignment,
    "update_expression": ExpressionsMixin._eval_update,
    "sequence_expression": ExpressionsMixin._eval_sequence,
    "new_expression": ExpressionsMixin._eval_new,
    "await_expression": ExpressionsMixin._eval_await,
    "import": ExpressionsMixin._eval_import,
    "ERROR": ExpressionsMixin._eval_error,
    "this": ExpressionsMixin._eval_this,
}


def _optional_and_nullish(node: Node, value: Value) -> bool:
    """Whether `node` is an optional link (`x?.[k]`, `f?.()`) applied to null or undefined."""
    if not (isinstance(value, Prim) and value.value in (None, UNDEFINED)):
        return False
    return any(c.type in ("optional_chain", "?.") for c in node.children)


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _no_span(module: Module) -> Span:
    return Span(str(module.path or module.display), 1, 1, 1, 1)
