"""Following one database access through the syntax of a module.

A query starts at `<db>.query(table)` and goes on through method calls on the result, through
variables it is stored in (`let q = ...; q = q.withIndex(...)`) and through `for await`.
`<db>` is `ctx.db` (any `x.db`), a variable named `db`, a variable set from one of those or
destructured from `ctx`, a parameter typed as a database, or a convex-helpers
`stream(db, schema)` / `paginator(db, schema)`.
"""

from __future__ import annotations

from dataclasses import field

from tree_sitter import Node

from schemalint.ir import AccessKind, DbAccess, FilterUse, IndexUse, IndexUseKind
from schemalint.parser.source import SourceText
from schemalint.parser.usage_names import NameResolver, Names
from schemalint.parser.usage_ranges import RANGE_OPS, SEARCH_OPS, filter_use, index_range, method_span
from schemalint.parser.usage_scope import find_declaration, unwrap
from schemalint.records import dataclass

TERMINALS = frozenset({"collect", "first", "unique", "take", "paginate", "count"})
_PASS_THROUGH = frozenset(
    {
        "await_expression",
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
    }
)
DB_WRAPPERS = frozenset({"stream", "paginator", "wrapDatabaseReader", "wrapDatabaseWriter"})
HELPER_INDEX_ARG = {  # convex-helpers relationships: (table argument, index argument)
    "getManyFrom": (1, 2),
    "getOneFrom": (1, 2),
    "getOneFromOrThrow": (1, 2),
    "getManyVia": (1, 3),
    "getManyViaOrThrow": (1, 3),
}


@dataclass
class Chain:
    """The steps found for one query while following it."""

    indexes: list[IndexUse] = field(default_factory=list)
    filters: list[FilterUse] = field(default_factory=list)
    order: str | None = None
    terminal: str | None = None
    escapes: bool = False
    consumed: set[int] = field(default_factory=set)  # ids of the call nodes read as steps


class ChainReader:
    """Reads the accesses of one module."""

    def __init__(self, resolver: NameResolver) -> None:
        self.resolver = resolver
        self.source = resolver.source
        # Identifier nodes by name, per scope node: one walk of a scope serves all its variables.
        self._identifier_index: dict[int, dict[bytes, list[Node]]] = {}

    # ------------------------------------------------------------------ what is a database

    def is_db(self, node: Node, depth: int = 0) -> bool:
        """Whether `node` evaluates to the database (`ctx.db` and its aliases)."""
        node = unwrap(node)
        if depth > 8:
            return False
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            return prop is not None and self.source.text(prop) == "db"
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            return function is not None and self.source.text(function) in DB_WRAPPERS
        if node.type != "identifier":
            return False
        name = self.source.text(node)
        declaration = find_declaration(node, name, self.source, self.resolver.blocks)
        if declaration is None:
            # A module-level `db` (an import, a client) is never Convex's: that comes from ctx.
            scope = self.resolver.module.scope
            return name == "db" and (scope is None or scope.lookup(name) is None)
        if declaration.key == "db":
            return True
        if declaration.kind == "variable" and declaration.key is None:
            value = declaration.node.child_by_field_name("value")
            return value is not None and self.is_db(value, depth + 1)
        if declaration.kind == "parameter":
            type_node = declaration.node.child_by_field_name("type")
            if type_node is not None and "Database" in self.source.text(type_node):
                return True
            return name == "db"
        return False

    # ------------------------------------------------------------------ queries

    def query(self, call: Node, tables: Names, function: str | None) -> tuple[DbAccess, set[int]]:
        """The access starting at `<db>.query(table)`; also the ids of the calls it consumed."""
        chain = Chain()
        self._follow(call, chain, set())
        access = DbAccess(
            kind="query",
            tables=tables,
            span=self.source.span(call),
            indexes=tuple(chain.indexes),
            filters=tuple(chain.filters),
            order=chain.order,
            terminal=chain.terminal,
            escapes=chain.escapes,
            function=function,
        )
        return access, chain.consumed

    def _follow(self, node: Node, chain: Chain, visited: set[int]) -> None:
        while True:
            parent = node.parent
            if parent is None:
                chain.escapes = True
                return
            if parent.type in _PASS_THROUGH:
                node = parent
                continue
            if parent.type == "member_expression" and _same(parent.child_by_field_name("object"), node):
                prop = parent.child_by_field_name("property")
                call = parent.parent
                method = self.source.text(prop) if prop is not None else ""
                if (
                    call is None
                    or call.type != "call_expression"
                    or not _same(call.child_by_field_name("function"), parent)
                ):
                    chain.escapes = True
                    return
                if not self._step(method, call, chain):
                    return
                node = call
                continue
            self._end(node, parent, chain, visited)
            return

    def _step(self, method: str, call: Node, chain: Chain) -> bool:
        """Record one method call of the chain; False when the chain ends with it."""
        chain.consumed.add(call.id)
        args = _arguments(call)
        if method in ("withIndex", "withSearchIndex"):
            name_node = args[0] if args else None
            kind: IndexUseKind = "db" if method == "withIndex" else "search"
            chain.indexes.append(
                IndexUse(
                    kind=kind,
                    names=self.resolver.names(name_node) if name_node is not None else None,
                    range=index_range(
                        args[1] if len(args) > 1 else None,
                        self.resolver,
                        RANGE_OPS if kind == "db" else SEARCH_OPS,
                    ),
                    span=method_span(call, self.resolver),
                    name_span=self.source.span(name_node) if name_node is not None else None,
                )
            )
            return True
        if method == "filter":
            chain.filters.append(filter_use(args[0] if args else None, self.resolver, call))
            return True
        if method == "order":
            names = self.resolver.names(args[0]) if args else None
            chain.order = names[0] if names is not None and len(names) == 1 else "unknown"
            return True
        if method == "fullTableScan":
            return True
        chain.terminal = chain.terminal or (method if method in TERMINALS else f"other:{method}")
        return False

    def _end(self, node: Node, parent: Node, chain: Chain, visited: set[int]) -> None:
        """The query builder `node` is used by `parent`: stored, iterated, or handed away."""
        if parent.type == "variable_declarator" and _same(parent.child_by_field_name("value"), node):
            target = parent.child_by_field_name("name")
            if target is not None and target.type == "identifier":
                self._follow_variable(target, chain, visited)
                return
        if parent.type == "assignment_expression" and _same(parent.child_by_field_name("right"), node):
            target = parent.child_by_field_name("left")
            if target is not None and target.type == "identifier":
                self._follow_variable(target, chain, visited)
                return
        if parent.type == "for_in_statement":
            chain.terminal = chain.terminal or "iterate"
            return
        if parent.type == "expression_statement":
            return
        chain.escapes = True

    def _follow_variable(self, target: Node, chain: Chain, visited: set[int]) -> None:
        name = self.source.text(target)
        declaration = find_declaration(target, name, self.source, self.resolver.blocks)
        if declaration is None or declaration.kind != "variable":
            chain.escapes = True
            return
        if declaration.node.id in visited:
            return
        visited.add(declaration.node.id)
        scope = declaration.scope
        index = self._identifier_index.get(scope.id)
        if index is None:
            index = self._identifier_index[scope.id] = _identifiers(scope, self.source)
        for reference in index.get(name.encode(), ()):
            parent = reference.parent
            if parent is None:
                continue
            if parent.type == "assignment_expression" and _same(
                parent.child_by_field_name("left"), reference
            ):
                continue
            if parent.type in ("variable_declarator", "shorthand_property_identifier_pattern"):
                continue
            own = find_declaration(reference, name, self.source, self.resolver.blocks)
            if own is None or own.node.id != declaration.node.id:
                continue  # a different variable of the same name (e.g. the `q` of a callback)
            self._follow(reference, chain, visited)

    # ------------------------------------------------------------------ other accesses

    def simple(self, kind: AccessKind, call: Node, function: str | None) -> DbAccess:
        """`db.get/patch/replace/delete/insert(...)`: the table when it is given as a name."""
        args = _arguments(call)
        tables: Names = None
        if (kind == "insert" and args) or (
            len(args) >= 2 and unwrap(args[0]).type in ("string", "template_string")
        ):
            tables = self.resolver.names(args[0])
        return DbAccess(kind=kind, tables=tables, span=self.source.span(call), function=function)

    def vector_search(self, call: Node, function: str | None) -> DbAccess:
        args = _arguments(call)
        name_node = args[1] if len(args) > 1 else None
        index = IndexUse(
            kind="vector",
            names=self.resolver.names(name_node) if name_node is not None else None,
            range=None,
            span=self.source.span(call),
            name_span=self.source.span(name_node) if name_node is not None else None,
        )
        return DbAccess(
            kind="vector-search",
            tables=self.resolver.names(args[0]) if args else None,
            span=self.source.span(call),
            indexes=(index,),
            terminal="vectorSearch",
            function=function,
        )

    def helper(self, name: str, call: Node, function: str | None) -> DbAccess:
        """convex-helpers `getManyFrom(db, table, index, value)` and friends."""
        args = _arguments(call)
        table_at, index_at = HELPER_INDEX_ARG[name]
        name_node = args[index_at] if len(args) > index_at else None
        index = IndexUse(
            kind="db",
            names=self.resolver.names(name_node) if name_node is not None else None,
            range=None,
            span=self.source.span(call),
            name_span=self.source.span(name_node) if name_node is not None else None,
        )
        return DbAccess(
            kind="helper",
            tables=self.resolver.names(args[table_at]) if len(args) > table_at else None,
            span=self.source.span(call),
            indexes=(index,),
            terminal=name,
            function=function,
        )

    def orphan_index(self, call: Node, method: str, function: str | None) -> DbAccess:
        """A `.withIndex(...)` on a builder that was not followed here (its table is unknown)."""
        chain = Chain()
        self._step(method, call, chain)
        return DbAccess(
            kind="query",
            tables=None,
            span=self.source.span(call),
            indexes=tuple(chain.indexes),
            escapes=True,
            function=function,
            followed=False,
        )


def _same(a: Node | None, b: Node) -> bool:
    return a is not None and a.id == b.id


def _arguments(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    return [a for a in arguments.named_children if a.type != "comment"]


def _identifiers(scope: Node, source: SourceText) -> dict[bytes, list[Node]]:
    """Every identifier node under `scope`, by name, in source order."""
    found: dict[bytes, list[Node]] = {}
    stack = [scope]
    while stack:
        node = stack.pop()
        if node.type == "identifier":
            found.setdefault(source.data[node.start_byte : node.end_byte], []).append(node)
            continue
        stack.extend(reversed(node.named_children))
    return found
