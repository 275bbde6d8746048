"""Scopes in function code, read from the syntax: where a local name is declared (a variable,
a parameter, a `for ... of` loop variable), whether it is assigned again, and which array a
callback parameter iterates."""

from __future__ import annotations

from tree_sitter import Node

from schemalint.parser.source import SourceText
from schemalint.records import dataclass

_WRAPPERS = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"}
)
FUNCTION_NODES = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function_declaration",
        "generator_function_declaration",
        "method_definition",
        "function",
    }
)
_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})


@dataclass(frozen=True)
class Declaration:
    """Where a local name is bound: a variable declarator, or a function parameter.

    For a parameter, `index` is its position and `key` the property it was destructured from
    (`{ sortKey }` → "sortKey"), if any.
    """

    kind: str  # "variable" | "parameter" | "function" | "loop"
    node: Node  # the declarator, the parameter, or the function declaration
    scope: Node  # the block or function the name lives in
    const: bool = False
    index: int = 0
    key: str | None = None
    function: Node | None = None


def unwrap(node: Node) -> Node:
    """`node` without parentheses, `as`, `satisfies` and `!`."""
    while node.type in _WRAPPERS and node.named_children:
        node = node.named_children[0]
    return node


def _pattern_binds(pattern: Node, name: str, source: SourceText) -> tuple[bool, str | None]:
    """Whether `pattern` binds `name`, and the top-level key it is read from (for objects)."""
    if pattern.type == "identifier":
        return source.text(pattern) == name, None
    if pattern.type != "object_pattern":
        return False, None
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern" and source.text(child) == name:
            return True, name
        if child.type == "object_assignment_pattern":
            left = child.child_by_field_name("left")
            if left is not None and source.text(left) == name:
                return True, name
        if child.type == "pair_pattern":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if (
                key is not None
                and value is not None
                and value.type == "identifier"
                and source.text(value) == name
            ):
                return True, source.text(key)
    return False, None


def _parameters(function: Node) -> list[Node]:
    params = function.child_by_field_name("parameters")
    if params is None:
        single = function.child_by_field_name("parameter")
        return [single] if single is not None else []
    return [p for p in params.named_children if p.type in ("required_parameter", "optional_parameter")]


BlockTables = dict[int, dict[str, "Declaration"]]


def find_declaration(
    node: Node, name: str, source: SourceText, blocks: BlockTables | None = None
) -> Declaration | None:
    """The local declaration of `name` visible at `node`; None when it is module-level or global.

    `blocks` caches, per block, the names it declares (pass the same dict for one module: a
    long function body is then read once, not once per lookup)."""
    current: Node | None = node.parent
    while current is not None and current.type != "program":
        if current.type == "for_in_statement":
            left = current.child_by_field_name("left")
            if left is not None:
                binds, key = _pattern_binds(left, name, source)
                if binds:
                    return Declaration("loop", current, current, key=key)
        if current.type == "statement_block" or current.type == "for_statement":
            if blocks is None:
                found = _declared_in_block(current, source).get(name)
            else:
                table = blocks.get(current.id)
                if table is None:
                    table = blocks[current.id] = _declared_in_block(current, source)
                found = table.get(name)
            if found is not None:
                return found
        if current.type in FUNCTION_NODES:
            for index, param in enumerate(_parameters(current)):
                pattern = param.child_by_field_name("pattern") if param.type != "identifier" else param
                if pattern is None:
                    continue
                binds, key = _pattern_binds(pattern, name, source)
                if binds:
                    return Declaration("parameter", param, current, index=index, key=key, function=current)
        current = current.parent
    return None


def _declared_in_block(block: Node, source: SourceText) -> dict[str, Declaration]:
    """Every name the statements of `block` declare (the first declaration of each)."""
    table: dict[str, Declaration] = {}
    children = list(block.named_children)
    if block.type in ("for_statement", "for_in_statement"):
        children = [c for c in children if c.type in _DECLARATIONS]
    for statement in children:
        if statement.type in _DECLARATIONS:
            keyword = statement.child(0)
            const = keyword is not None and source.text(keyword) == "const"
            for declarator in statement.named_children:
                pattern = declarator.child_by_field_name("name")
                if pattern is None:
                    continue
                for bound, key in _bound_names(pattern, source):
                    table.setdefault(bound, Declaration("variable", declarator, block, const=const, key=key))
        elif statement.type == "function_declaration":
            name_node = statement.child_by_field_name("name")
            if name_node is not None:
                table.setdefault(source.text(name_node), Declaration("function", statement, block))
    return table


def _bound_names(pattern: Node, source: SourceText) -> list[tuple[str, str | None]]:
    """`(name, key)` for each name a declarator pattern binds (as `_pattern_binds` reads them)."""
    if pattern.type == "identifier":
        return [(source.text(pattern), None)]
    if pattern.type != "object_pattern":
        return []
    found: list[tuple[str, str | None]] = []
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            found.append((source.text(child), source.text(child)))
        elif child.type == "object_assignment_pattern":
            left = child.child_by_field_name("left")
            if left is not None:
                found.append((source.text(left), source.text(left)))
        elif child.type == "pair_pattern":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is not None and value is not None and value.type == "identifier":
                found.append((source.text(value), source.text(key)))
    return found


def is_reassigned(declaration: Declaration, name: str, source: SourceText) -> bool:
    """Whether `name` is assigned again (`x = ...`, `x += ...`) inside its scope."""
    stack = [declaration.scope]
    while stack:
        node = stack.pop()
        if node.type in ("assignment_expression", "augmented_assignment_expression"):
            left = node.child_by_field_name("left")
            if left is not None and left.type == "identifier" and source.text(left) == name:
                return True
        stack.extend(node.named_children)
    return False


_ARRAY_METHODS = frozenset({"map", "forEach", "flatMap", "filter", "some", "every", "find"})


def iterated_by_callback(declaration: Declaration, source: SourceText) -> Node | None:
    """The array whose elements the first parameter of `xs.map(x => ...)` (and friends) takes."""
    function = declaration.function
    if function is None or declaration.index != 0:
        return None
    arguments = function.parent
    call = arguments.parent if arguments is not None else None
    if arguments is None or call is None or arguments.type != "arguments" or call.type != "call_expression":
        return None
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return None
    method = callee.child_by_field_name("property")
    if method is None or source.text(method) not in _ARRAY_METHODS:
        return None
    return callee.child_by_field_name("object")


def has_local_identifier(node: Node, source: SourceText, blocks: BlockTables | None = None) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier" and find_declaration(current, source.text(current), source, blocks):
            return True
        if current.type == "member_expression":
            receiver = current.child_by_field_name("object")
            if receiver is not None:
                stack.append(receiver)
            continue
        stack.extend(current.named_children)
    return False
