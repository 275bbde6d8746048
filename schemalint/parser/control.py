"""Control flow: `if`, loops (`for`, `for…of`, `for…in`, `while`, `do`), `switch`, `try`,
labels, `break`/`continue` and `throw`, run statically where every condition is known.

What cannot be run (a condition or an iterable schemalint cannot evaluate, a loop longer than
the budget, a caught throw) is never skipped silently: `unmodelled` marks everything the
statement may write as unknown and reports it once, at the statement.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tree_sitter import Node

from schemalint.diagnostics import UNEVALUABLE_EXPRESSION, ParserDiagnostic, Severity, Span
from schemalint.parser import js, js_operators
from schemalint.parser.assignments import assign_name, assign_pattern
from schemalint.parser.mutation import poison
from schemalint.parser.scope import Binding, ReturnSignal, Scope
from schemalint.parser.source import SourceText
from schemalint.parser.values import (
    UNDEFINED,
    CallSite,
    Closure,
    JSArray,
    JSObject,
    Prim,
    SchemaValue,
    TableDefValue,
    Unknown,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator

MAX_LOOP_ITERATIONS = 10_000
_FUNCTIONS = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function",
        "function_declaration",
        "generator_function",
        "generator_function_declaration",
        "method_definition",
        "class_declaration",
        "class",
        "abstract_class_declaration",
    }
)
_LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})


class BreakSignal(Exception):
    def __init__(self, label: str | None) -> None:
        self.label = label


class ContinueSignal(Exception):
    def __init__(self, label: str | None) -> None:
        self.label = label


class UnknownFlow(Exception):
    """Control flow schemalint cannot follow (a `return`/`break` inside an unmodelled statement,
    a throw): the enclosing loop or function result is unknown. Its writes are already marked."""

    def __init__(self, unknown: Unknown) -> None:
        self.unknown = unknown


class ThrowFlow(UnknownFlow):
    """A throw that surely happens: a `throw` statement, or Convex throwing inside a `try`
    block (reported where Convex would throw, unless caught). `unknowns_before` is how many
    Unknowns were made before it (a `try` tells whether something earlier may have thrown)."""

    def __init__(self, unknown: Unknown, unknowns_before: int) -> None:
        super().__init__(unknown)
        self.unknowns_before = unknowns_before


# ---------------------------------------------------------------------------------- unmodelled


def unmodelled(ev: Evaluator, node: Node, scope: Scope, why: str) -> None:
    """Mark what `node` may write as unknown, record the runtime globals it reads, and report
    it once; raises `UnknownFlow` when it may also return, break or continue."""
    source = scope.module.source
    assert source is not None
    span = source.span(node)
    written: list[str] = []
    unknown = Unknown(f"{why}, so what it changes is unknown", span)
    _Marker(ev, source, unknown, written).walk(node, scope)
    _report_written(ev, why, span, unknown, written)
    if _has_jump(node):
        raise UnknownFlow(unknown)


class _Marker:
    """Walks a statement (and the project functions it calls) for what it may write."""

    def __init__(self, ev: Evaluator, source: SourceText, unknown: Unknown, written: list[str]) -> None:
        self.ev = ev
        self.source = source
        self.unknown = unknown
        self.written = written
        self.visited: set[int] = set()

    def walk(self, node: Node, scope: Scope) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            kind = current.type
            if kind in _FUNCTIONS and current is not node:
                continue
            if kind in ("assignment_expression", "augmented_assignment_expression"):
                left = current.child_by_field_name("left")
                right = current.child_by_field_name("right")
                if left is not None:
                    self.target(left, scope)
                if right is not None and right.type in ("identifier", "member_expression"):
                    self.mark(right, scope)  # now also reachable through what it was assigned to
            elif kind == "update_expression" or (
                kind == "unary_expression" and current.children and current.children[0].type == "delete"
            ):
                argument = current.child_by_field_name("argument")
                if argument is not None:
                    self.target(argument, scope)
            elif kind == "for_in_statement":
                left = current.child_by_field_name("left")
                if left is not None and current.child_by_field_name("kind") is None:
                    self.target(left, scope)
            elif kind == "variable_declaration":  # `var` is scoped to the function or module
                for declarator in current.named_children:
                    name = declarator.child_by_field_name("name")
                    if name is not None:
                        self.target(name, scope)
            elif kind == "call_expression":
                self.call(current, scope)
            elif kind == "member_expression":
                self.runtime_member(current, scope)
            stack.extend(reversed(current.named_children))

    def _value(self, node: Node, scope: Scope) -> Value | None:
        """The value a plain path (`a`, `a.b`, `a["b"]`) names now, without side effects."""
        probe = node
        while probe.type in ("member_expression", "subscript_expression", "parenthesized_expression"):
            if probe.type == "subscript_expression":
                index = probe.child_by_field_name("index")
                if index is None or index.type not in ("string", "number"):
                    return None
            inner = probe.child_by_field_name("object")
            if inner is None and probe.named_children:
                inner = probe.named_children[0]
            if inner is None:
                return None
            probe = inner
        if probe.type != "identifier" or scope.lookup(self.source.text(probe)) is None:
            return None
        if node.type == "identifier":  # read directly: works even when the step budget ran out
            return self.ev.lookup(self.source.text(node), self.source.span(node), scope)
        return self.ev.eval(node, scope)

    def target(self, node: Node, scope: Scope) -> None:
        while node.type in ("parenthesized_expression", "non_null_expression", "as_expression"):
            if not node.named_children:
                return
            node = node.named_children[0]
        if node.type == "identifier":
            self.target_name(self.source.text(node), scope)
            return
        if node.type in ("object_pattern", "array_pattern"):
            for name in self.ev.pattern_names(node, self.source):
                self.target_name(name, scope)
            return
        if node.type in ("member_expression", "subscript_expression"):
            object_node = node.child_by_field_name("object")
            if object_node is not None:
                self.mark(object_node, scope)

    def target_name(self, name: str, scope: Scope) -> None:
        binding = scope.lookup(name)
        if binding is not None and binding.ref is None:
            if binding.value is not None:  # what it held may be written through it afterwards
                poison(binding.value, Unknown(self.unknown.reason, self.unknown.span))
            binding.value = Unknown(self.unknown.reason, self.unknown.span)
            self.written.append(f"`{name}`")

    def mark(self, node: Node, scope: Scope) -> None:
        """Mark the value `node` names (an object that may be changed) as unknown."""
        value = self._value(node, scope)
        if isinstance(value, JSObject | JSArray | TableDefValue | SchemaValue):
            poison(value, Unknown(self.unknown.reason, self.unknown.span))
            self.written.append(f"`{_short(self.source.text(node))}`")

    def call(self, node: Node, scope: Scope) -> None:
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is None:
            return
        self.runtime_call(function, node, scope)
        if function.type == "member_expression":
            receiver = function.child_by_field_name("object")
            if receiver is not None:
                self.mark(receiver, scope)
        for argument in arguments.named_children if arguments is not None else []:
            if argument.type in ("identifier", "member_expression", "subscript_expression"):
                self.mark(argument, scope)
        callee = self._value(function, scope)
        if isinstance(callee, Closure) and id(callee.body) not in self.visited:
            self.visited.add(id(callee.body))
            source = callee.module.source
            if source is not None:
                _Marker(self.ev, source, self.unknown, self.written).walk_closure(callee, self.visited)

    def walk_closure(self, closure: Closure, visited: set[int]) -> None:
        self.visited = visited
        self.walk(closure.body, closure.scope)

    def runtime_member(self, node: Node, scope: Scope) -> None:
        object_node = node.child_by_field_name("object")
        property_node = node.child_by_field_name("property")
        if object_node is None or property_node is None or object_node.type != "identifier":
            return
        name, member = self.source.text(object_node), self.source.text(property_node)
        if name == "process" and member == "env" and scope.lookup(name) is None:
            self.ev.record_runtime("process.env", self.source.span(node))

    def runtime_call(self, function: Node, node: Node, scope: Scope) -> None:
        if function.type == "import":
            self.ev.record_runtime("import()", self.source.span(node))
            return
        if function.type != "member_expression":
            return
        object_node = function.child_by_field_name("object")
        property_node = function.child_by_field_name("property")
        if object_node is None or property_node is None or object_node.type != "identifier":
            return
        label = f"{self.source.text(object_node)}.{self.source.text(property_node)}"
        if label in ("Math.random", "Date.now") and scope.lookup(self.source.text(object_node)) is None:
            self.ev.record_runtime(label, self.source.span(node))  # type: ignore[arg-type]


def getter_effects(ev: Evaluator, node: Node, scope: Scope) -> None:
    """A getter in an object literal is run once, when the object is made; JS runs it at every
    read. What it may write (through assignments, updates or calls) therefore depends on how
    often it is read: mark it unknown, and say so once."""
    source = scope.module.source
    assert source is not None
    span = source.span(node)
    why = "a getter that may change other values runs at each read, which schemalint does not count"
    unknown = Unknown(f"{why}, so what it changes is unknown", span)
    written: list[str] = []
    body = node.child_by_field_name("body")
    if body is None:
        return
    _Marker(ev, source, unknown, written).walk(body, scope)
    _report_written(ev, why, span, unknown, written)


def unknown_call(ev: Evaluator, args: list[Value], site: CallSite, callee: Unknown) -> None:
    """A call of a function schemalint cannot evaluate may call the project functions passed to
    it and change the objects passed to it: mark what they may write as unknown (and say so
    once for what the functions write)."""
    if not any(isinstance(a, Closure | JSObject | JSArray | TableDefValue | SchemaValue) for a in args):
        return
    why = f"a call schemalint cannot evaluate ({callee.reason})"
    unknown = Unknown(f"{why}, so what it changes is unknown", site.span)
    written: list[str] = []
    for arg in args:
        if isinstance(arg, Closure):
            source = arg.module.source
            if source is not None:
                _Marker(ev, source, unknown, written).walk_closure(arg, {id(arg.body)})
        elif isinstance(arg, JSObject | JSArray | TableDefValue | SchemaValue):
            # Reported where it matters: when the object reaches the schema (often it is a
            # fresh literal, as in `z.object({...})`, and nothing is lost).
            poison(arg, Unknown(unknown.reason, unknown.span))
    if written and site.span is not None:
        names = ", ".join(dict.fromkeys(written))
        ev.diagnostics.append(
            ParserDiagnostic(
                UNEVALUABLE_EXPRESSION,
                f"{why}: {names} may be changed by it and unknown from here on",
                site.span,
                cause=unknown.reason,
                severity=Severity.NOTICE,
            )
        )


def _has_jump(node: Node) -> bool:
    """Whether `node` contains a `return`, `break` or `continue` (outside nested functions)."""
    stack = list(node.named_children)
    while stack:
        current = stack.pop()
        if current.type in ("return_statement", "break_statement", "continue_statement"):
            return True
        if current.type not in _FUNCTIONS:
            stack.extend(current.named_children)
    return False


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ---------------------------------------------------------------------------------- statements


def _label(node: Node, source: SourceText) -> str | None:
    label = node.child_by_field_name("label")
    return source.text(label) if label is not None else None


def exec_class(ev: Evaluator, node: Node, scope: Scope) -> None:
    """A class declaration: its value is unknown (classes are not evaluated), but its `extends`
    clause, static fields and static blocks run now: what they may write becomes unknown."""
    body = node.child_by_field_name("body")
    parts = [c for c in node.named_children if c.type == "class_heritage"]
    for member in body.named_children if body is not None else []:
        is_static = any(c.type == "static" for c in member.children)
        if member.type == "class_static_block" or (member.type == "public_field_definition" and is_static):
            parts.append(member)
    for part in parts:
        unmodelled(ev, part, scope, "a class's static initializer schemalint does not evaluate")


def exec_if(ev: Evaluator, node: Node, scope: Scope) -> None:
    condition = node.child_by_field_name("condition")
    test = ev.eval(condition, scope) if condition is not None else Prim(True)
    truth = js.truthy(test)
    if truth is None:
        unmodelled(ev, node, scope, "an `if` whose condition cannot be evaluated")
        return
    branch = node.child_by_field_name("consequence" if truth else "alternative")
    if branch is not None and branch.type == "else_clause":
        branch = branch.named_children[0] if branch.named_children else None
    if branch is not None:
        ev.exec_statement(branch, scope)


def exec_block(ev: Evaluator, node: Node, scope: Scope) -> None:
    inner = Scope(scope.module, scope, block=True)
    for child in node.named_children:
        ev.exec_statement(child, inner)


def exec_labeled(ev: Evaluator, node: Node, scope: Scope) -> None:
    source = scope.module.source
    assert source is not None
    label = _label(node, source)
    body = node.child_by_field_name("body")
    if body is None:
        return
    try:
        if body.type in _LOOPS:
            exec_loop(ev, body, scope, label)
        else:
            ev.exec_statement(body, scope)
    except BreakSignal as signal:
        if signal.label != label:
            raise


def exec_loop(ev: Evaluator, node: Node, scope: Scope, label: str | None = None) -> None:
    """Run a loop statement; `label` is the label it carries (for `continue label`)."""
    try:
        if node.type == "for_in_statement":
            _exec_for_in(ev, node, scope, label)
        elif node.type == "for_statement":
            _exec_for(ev, node, scope, label)
        else:
            _exec_while(ev, node, scope, label)
    except BreakSignal as signal:
        if signal.label is not None:
            raise
    except _Bail as bail:
        unmodelled(ev, node, scope, bail.why)


class _Bail(Exception):
    def __init__(self, why: str) -> None:
        self.why = why


def _run_body(ev: Evaluator, body: Node, scope: Scope, label: str | None) -> None:
    """One iteration; `continue` ends it. Raises `_Bail` when its control flow is unknown."""
    try:
        ev.exec_statement(body, scope)
    except ContinueSignal as signal:
        if signal.label is not None and signal.label != label:
            raise
    except ThrowFlow:
        raise  # a throw leaves the loop (reported, or caught by a `try`)
    except UnknownFlow:
        raise _Bail("a loop whose body cannot be evaluated") from None


def _iterable_items(ev: Evaluator, value: Value, of: bool) -> list[Value] | None:
    if of:
        if isinstance(value, JSArray) and value.unknown is None:
            return list(value.items)
        if isinstance(value, Prim) and isinstance(value.value, str):
            return [Prim(ch, value.span) for ch in value.value]
        return None
    if isinstance(value, JSObject) and not value.unknown_parts and value.proto is None:
        return [Prim(key, value.span) for key, _ in value.ordered_items()]
    if isinstance(value, JSArray) and value.unknown is None:
        return [Prim(str(i), value.span) for i in range(len(value.items))]
    if isinstance(value, Prim) and value.value in (None, UNDEFINED):
        return []
    return None


def _exec_for_in(ev: Evaluator, node: Node, scope: Scope, label: str | None) -> None:
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    body = node.child_by_field_name("body")
    operator = node.child_by_field_name("operator")
    declared = node.child_by_field_name("kind") is not None
    if left is None or right is None or body is None or operator is None:
        raise _Bail("an incomplete `for` loop")
    of = operator.type == "of"
    iterable = ev.eval(right, scope)
    items = _iterable_items(ev, iterable, of)
    if items is None:
        raise _Bail(f"a `for…{'of' if of else 'in'}` over a value that cannot be evaluated")
    for item in _live(iterable, items, of):
        iteration = Scope(scope.module, scope, block=True)
        if declared:
            ev.bind_pattern(left, item, iteration)
        else:
            _assign(ev, left, item, scope)
        _run_body(ev, body, iteration, label)


def _live(iterable: Value, items: list[Value], of: bool) -> Iterator[Value]:
    """The items as JS visits them: `for…of` reads a live array (the body may push to it), and
    `for…in` skips keys deleted before their turn."""
    if of and isinstance(iterable, JSArray):
        index = 0
        while index < len(iterable.items):
            if iterable.unknown is not None:
                raise _Bail("a `for…of` over an array that became unknown")
            if index >= MAX_LOOP_ITERATIONS:
                raise _Bail(f"a loop of more than {MAX_LOOP_ITERATIONS} iterations")
            yield iterable.items[index]
            index += 1
        return
    if len(items) > MAX_LOOP_ITERATIONS:
        raise _Bail(f"a loop of more than {MAX_LOOP_ITERATIONS} iterations")
    for item in items:
        if isinstance(iterable, JSObject) and isinstance(item, Prim) and item.value not in iterable.props:
            continue
        yield item


def _assign(ev: Evaluator, left: Node, item: Value, scope: Scope) -> None:
    if left.type != "identifier":
        assign_pattern(ev, left, item, scope)
        return
    source = scope.module.source
    assert source is not None
    assign_name(ev, scope, source.text(left), item, source.span(left))


def _test(ev: Evaluator, condition: Node | None, scope: Scope) -> bool:
    if condition is None or condition.type == ";":
        return True
    if condition.type == "expression_statement":
        condition = condition.named_children[0] if condition.named_children else None
        if condition is None:
            return True
    truth = js.truthy(ev.eval(condition, scope))
    if truth is None:
        raise _Bail("a loop whose condition cannot be evaluated")
    return truth


def _exec_for(ev: Evaluator, node: Node, scope: Scope, label: str | None) -> None:
    loop_scope = Scope(scope.module, scope, block=True)
    initializer = node.child_by_field_name("initializer")
    if initializer is not None:
        if initializer.type in ("lexical_declaration", "variable_declaration", "expression_statement"):
            ev.exec_statement(initializer, loop_scope)
        elif initializer.type != ";":
            ev.eval(initializer, loop_scope)
    condition = node.child_by_field_name("condition")
    increment = node.child_by_field_name("increment")
    body = node.child_by_field_name("body")
    if body is None:
        raise _Bail("an incomplete `for` loop")
    # `let` declared in the head is a fresh binding each iteration (closures made in the body
    # keep their own): copied before the first test and again before each update.
    fresh = initializer is not None and initializer.type == "lexical_declaration"
    iteration = _next_iteration(loop_scope, scope) if fresh else loop_scope
    for _ in range(MAX_LOOP_ITERATIONS):
        if not _test(ev, condition, iteration):
            return
        _run_body(ev, body, Scope(scope.module, iteration, block=True), label)
        if fresh:
            iteration = _next_iteration(iteration, scope)
        if increment is not None:
            ev.eval(increment, iteration)
    raise _Bail(f"a loop of more than {MAX_LOOP_ITERATIONS} iterations")


def _next_iteration(current: Scope, outer: Scope) -> Scope:
    """A copy of the loop head's bindings (the spec's CreatePerIterationEnvironment)."""
    copy = Scope(outer.module, outer, block=True)
    for name, binding in current.bindings.items():
        copy.bindings[name] = Binding(binding.value, binding.ref)
    return copy


def _exec_while(ev: Evaluator, node: Node, scope: Scope, label: str | None) -> None:
    condition = node.child_by_field_name("condition")
    body = node.child_by_field_name("body")
    if body is None:
        raise _Bail("an incomplete loop")
    first = node.type == "do_statement"
    for _ in range(MAX_LOOP_ITERATIONS):
        if not first and not _test(ev, condition, scope):
            return
        first = False
        _run_body(ev, body, Scope(scope.module, scope, block=True), label)
    raise _Bail(f"a loop of more than {MAX_LOOP_ITERATIONS} iterations")


def exec_switch(ev: Evaluator, node: Node, scope: Scope) -> None:
    value_node = node.child_by_field_name("value")
    body = node.child_by_field_name("body")
    if value_node is None or body is None:
        return
    discriminant = ev.eval(value_node, scope)
    if not isinstance(discriminant, Prim | JSObject | JSArray):
        unmodelled(ev, node, scope, "a `switch` on a value that cannot be evaluated")
        return
    cases = [c for c in body.named_children if c.type in ("switch_case", "switch_default")]
    start = None
    for index, case in enumerate(cases):
        if case.type == "switch_default":
            continue
        test_node = case.child_by_field_name("value")
        test = ev.eval(test_node, scope) if test_node is not None else Unknown("empty case")
        equal = js_operators.binary("===", discriminant, test, ev.span(case, scope))
        if not isinstance(equal, Prim):
            unmodelled(ev, node, scope, "a `switch` whose cases cannot be evaluated")
            return
        if equal.value is True:
            start = index
            break
    if start is None:
        start = next((i for i, c in enumerate(cases) if c.type == "switch_default"), None)
    if start is None:
        return
    inner = Scope(scope.module, scope, block=True)
    try:
        for case in cases[start:]:
            for statement in case.children_by_field_name("body"):
                ev.exec_statement(statement, inner)
    except BreakSignal as signal:
        if signal.label is not None:
            raise
    except ThrowFlow:
        raise
    except UnknownFlow:
        unmodelled(ev, node, scope, "a `switch` whose body cannot be evaluated")


def exec_try(ev: Evaluator, node: Node, scope: Scope) -> None:
    """`try`: its block runs; when it may throw (Convex would throw there, or it computed
    something unknown), whatever the `catch` block writes becomes unknown."""
    body = node.child_by_field_name("body")
    handler = node.child_by_field_name("handler")
    finalizer = node.child_by_field_name("finalizer")
    caught: list[ParserDiagnostic] = []
    ev.catching.append(caught)
    before = Unknown.created
    interrupted = False
    thrown: ThrowFlow | None = None
    leaving: Exception | None = None
    try:
        if body is not None:
            exec_block(ev, body, scope)
    except ThrowFlow as flow:
        thrown = flow
    except UnknownFlow:
        interrupted = True
    except (BreakSignal, ContinueSignal, ReturnSignal) as jump:
        leaving = jump
    finally:
        ev.catching.pop()
    if leaving is not None:
        _run_finally(ev, finalizer, scope)  # `finally` runs on the way out
        raise leaving
    if thrown is not None and thrown.unknowns_before == before and handler is not None:
        # It surely throws there, and nothing before could have: the `catch` block runs.
        _run_catch(ev, handler, scope, thrown)
        _run_finally(ev, finalizer, scope)
        return
    may_throw = interrupted or thrown is not None or bool(caught) or Unknown.created != before
    if (interrupted or caught or thrown is not None) and body is not None:
        unmodelled(ev, body, scope, "a `try` block that throws")
    if handler is not None and may_throw:
        unmodelled(ev, handler, scope, "a `catch` block that may run")
    _run_finally(ev, finalizer, scope)


def _run_catch(ev: Evaluator, handler: Node, scope: Scope, thrown: ThrowFlow) -> None:
    inner = Scope(scope.module, scope, block=True)
    parameter = handler.child_by_field_name("parameter")
    if parameter is not None:
        error = Unknown("the caught error cannot be evaluated", thrown.unknown.span)
        ev.bind_pattern(parameter, error, inner)
    block = handler.child_by_field_name("body")
    if block is not None:
        exec_block(ev, block, inner)


def _run_finally(ev: Evaluator, finalizer: Node | None, scope: Scope) -> None:
    block = finalizer.child_by_field_name("body") if finalizer is not None else None
    if block is not None:
        exec_block(ev, block, scope)


def exec_throw(ev: Evaluator, node: Node, scope: Scope) -> None:
    argument = node.named_children[0] if node.named_children else None
    created = Unknown.created  # (whatever the argument is, evaluating it ends in a throw)
    value = ev.eval(argument, scope) if argument is not None else Prim(UNDEFINED)
    span = ev.span(node, scope)
    detail = "" if isinstance(value, Unknown) else f": {_short(value.describe())}"
    ev.report_throw(f"the module throws when it is loaded{detail}", span, created)
    raise ThrowFlow(Unknown("the code throws", span, quiet=True), created)


def _report_written(ev: Evaluator, why: str, span: Span, unknown: Unknown, written: list[str]) -> None:
    """One notice naming what unevaluated code may have changed (nothing when it wrote nothing)."""
    if not written:
        return
    names = ", ".join(dict.fromkeys(written))
    verb = "is" if len(set(written)) == 1 else "are"
    ev.diagnostics.append(
        ParserDiagnostic(
            UNEVALUABLE_EXPRESSION,
            f"{why}: {names} may be changed by it and {verb} unknown from here on",
            span,
            cause=unknown.reason,
            severity=Severity.NOTICE,
        )
    )
