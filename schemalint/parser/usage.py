"""The usage model: every database access written in the project's function code.

Reads the function modules and the local files they import (already loaded by the evaluator)
syntactically, with the evaluator for constants (`usage_names`), and follows each query chain
(`usage_chains`). Module-level constants come from the same evaluation that registered the
functions, so nothing is parsed twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tree_sitter import Node

from schemalint.diagnostics import UNEVALUABLE_EXPRESSION, ParserDiagnostic, Severity, Span
from schemalint.ir import AccessKind, DbAccess, Usage
from schemalint.lazy_pattern import lazy_compile
from schemalint.parser.evaluator import Evaluator
from schemalint.parser.modules import Module

_DB_METHODS = ("query", "get", "insert", "patch", "replace", "delete")
_METHODS = (*_DB_METHODS, "vectorSearch", "withIndex", "withSearchIndex")
# Quoted identifier-like strings, and the literal start of template strings (`by_${key}`).
_STRINGS = lazy_compile(rb"""["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]|`([A-Za-z_][A-Za-z0-9_]*)\$\{""")
_MARKERS = (
    b".query(",
    b".get(",
    b".insert(",
    b".patch(",
    b".replace(",
    b".delete(",
    b"vectorSearch",
    b"withIndex",
    b"withSearchIndex",
    b"getManyFrom",
    b"getOneFrom",
    b"getManyVia",
)


def may_access_database(data: bytes) -> bool:
    """Whether a file's text holds a call the usage analysis reads (a database access)."""
    return any(marker in data for marker in _MARKERS)


UNREADABLE = "a function module with syntax errors"
UNKNOWN_TABLE = "a query whose table cannot be narrowed to known names"
UNKNOWN_INDEX = "an index name that cannot be narrowed to known names"
# What each kind of unknown costs, for the notice `check` shows once per kind.
CONSEQUENCES = {
    UNREADABLE: "the rules that read function code do not see its queries, and unused-index is silent",
    UNKNOWN_TABLE: "unknown-index cannot check it and the rules that need every query of a table are "
    "silent where it may be",
    UNKNOWN_INDEX: "unknown-index and index-range-order cannot check it, and unused-index and "
    "redundant-index say nothing about use for the tables it may query",
}


def usage_notices(usage: Usage) -> list[ParserDiagnostic]:
    """One notice per kind of thing the usage model could not read, at its first place."""
    grouped: dict[str, list[Span]] = {}
    for reason, span in usage.unknown:
        grouped.setdefault(reason, []).append(span)
    notices = []
    for reason, spans in grouped.items():
        count = f" ({len(spans)} in all; this is the first)" if len(spans) > 1 else ""
        message = (
            f"function code: {reason}{count}: {CONSEQUENCES.get(reason, 'rules that read it are silent')}"
        )
        notices.append(
            ParserDiagnostic(
                UNEVALUABLE_EXPRESSION, message, spans[0], cause=f"usage:{reason}", severity=Severity.NOTICE
            )
        )
    return notices


def scan_usage(
    evaluator: Evaluator,
    modules: Iterable[Module],
    complete: bool = True,
    schema_only: frozenset[Path] = frozenset(),
    unreadable: Iterable[Span] = (),
) -> Usage:
    """The accesses in `modules`; `complete` is False when some function module could not be
    read (the caller knows). Strings written in `schema_only` files (the schema and what only
    it imports) are not collected: index names are written there by definition."""
    accesses: list[DbAccess] = []
    unknown: list[tuple[str, Span]] = [(UNREADABLE, span) for span in unreadable]
    strings: set[str] = set()
    for module in modules:
        source = module.source
        if source is None or not source.readable:
            continue
        for match in _STRINGS.finditer(source.data) if module.path not in schema_only else ():
            strings.add((match.group(1) or match.group(2)).decode())
        if may_access_database(source.data):
            accesses.extend(_scan_module(evaluator, module))
    for access in accesses:
        if access.kind in ("query", "vector-search", "helper") and access.tables is None and access.followed:
            unknown.append((UNKNOWN_TABLE, access.span))
        for index in access.indexes:
            if index.names is None:
                unknown.append((UNKNOWN_INDEX, index.span or access.span))
    accesses.sort(key=lambda a: (a.span.file, a.span.line, a.span.column))
    return Usage(
        accesses=tuple(accesses),
        complete=complete,
        unknown=tuple(unknown),
        string_literals=frozenset(strings),
    )


def _candidate_calls(data: bytes, root: Node) -> tuple[list[Node], list[Node]]:
    """The calls in a file (`data`, parsed into `root`) that the usage analysis reads: `x.m(...)`
    with `m` one of `_METHODS`, and `h(...)` with `h` one of the index helpers, each list in the
    order of the calls' starts, then ends (two calls starting at one place, as in
    `q.withIndex(..).withSearchIndex(..)`, are nested: the inner one first). Found from where
    the names are written, not by a tree-sitter query: compiling one costs more than the rest of
    a small project's check, and its order of calls starting at one place is its own."""
    from schemalint.parser.usage_chains import HELPER_INDEX_ARG

    calls = [
        call
        for name in _METHODS
        for node in _tokens(data, root, name.encode(), "property_identifier")
        if (member := node.parent) is not None
        and member.type == "member_expression"
        and _is_field(member, "property", node)
        and (call := member.parent) is not None
        and call.type == "call_expression"
        and _is_field(call, "function", member)
    ]
    helpers = [
        call
        for name in HELPER_INDEX_ARG
        for node in _tokens(data, root, name.encode(), "identifier")
        if (call := node.parent) is not None
        and call.type == "call_expression"
        and _is_field(call, "function", node)
    ]
    return sorted(calls, key=_extent), sorted(helpers, key=_extent)


def _extent(node: Node) -> tuple[int, int]:
    return node.start_byte, node.end_byte


def _tokens(data: bytes, root: Node, name: bytes, kind: str) -> Iterator[Node]:
    """The nodes of type `kind` whose text is exactly `name`."""
    start = data.find(name)
    while start != -1:
        end = start + len(name)
        node = root.descendant_for_byte_range(start, end)
        if node is not None and node.type == kind and node.start_byte == start and node.end_byte == end:
            yield node
        start = data.find(name, start + 1)


def _is_field(parent: Node, field: str, child: Node) -> bool:
    found = parent.child_by_field_name(field)
    return found is not None and found.id == child.id


def _scan_module(evaluator: Evaluator, module: Module) -> list[DbAccess]:
    # what reads the calls is imported only for a file that may access the database
    from schemalint.parser.usage_chains import ChainReader
    from schemalint.parser.usage_names import NameResolver

    source = module.source
    assert source is not None and source.tree is not None
    root = source.tree.root_node
    calls, helper_calls = _candidate_calls(source.data, root)
    resolver = NameResolver(evaluator, module)
    reader = ChainReader(resolver)
    found: list[DbAccess] = []
    consumed: set[int] = set()
    index_calls: list[tuple[Node, str]] = []
    for call in calls:
        function = call.child_by_field_name("function")
        assert function is not None
        prop = function.child_by_field_name("property")
        receiver = function.child_by_field_name("object")
        if prop is None or receiver is None:
            continue
        method = source.text(prop)
        if method in ("withIndex", "withSearchIndex"):
            index_calls.append((call, method))
            continue
        if method == "vectorSearch":
            found.append(reader.vector_search(call, _exported_function(call, root, source.text)))
            continue
        if not reader.is_db(receiver):
            continue
        owner = _exported_function(call, root, source.text)
        if method == "query":
            args = call.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            tables = resolver.names(first)
            if tables is not None and not all(t.isascii() and t.isidentifier() for t in tables):
                continue  # not a Convex table name: some other client's `query`
            access, used = reader.query(call, tables, owner)
            consumed |= used
            found.append(access)
        else:
            kind: AccessKind = method  # type: ignore[assignment]
            found.append(reader.simple(kind, call, owner))
    for call, method in index_calls:
        if call.id not in consumed:
            found.append(reader.orphan_index(call, method, _exported_function(call, root, source.text)))
    for call in helper_calls:
        function = call.child_by_field_name("function")
        assert function is not None
        found.append(reader.helper(source.text(function), call, _exported_function(call, root, source.text)))
    return found


def _exported_function(node: Node, root: Node, text: Callable[[Node], str]) -> str | None:
    """The name of the top-level `export const name = ...` that `node` is written in (`root`
    is the program node of its tree: the top-level statement holding `node` is found in one
    descent, where walking up `parent` by `parent` descends from the root at every step)."""
    statement = root.child_with_descendant(node) if root.type == "program" else None
    if statement is None or statement.type != "export_statement":
        return None
    declaration = statement.child_by_field_name("declaration")
    if declaration is not None:
        for declarator in declaration.named_children:
            name = declarator.child_by_field_name("name")
            if name is not None:
                return text(name)
    return None
