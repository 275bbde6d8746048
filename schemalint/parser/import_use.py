"""Whether esbuild keeps an import of a TypeScript file in the bundle.

esbuild (like `tsc`) drops an import from a `.ts`/`.tsx` file when none of the names it binds
is used as a value, since such names may be types: the imported file is then never resolved,
so an import of a file that does not exist fails type checking but not the bundle. A
`tsconfig.json` with `verbatimModuleSyntax` or `preserveValueImports` keeps every import.
"""

from __future__ import annotations

from tree_sitter import Node

from schemalint.parser.source import SourceText

_TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")

# Nodes below which an identifier names a type, not a value.
_TYPE_CONTEXTS = frozenset(
    {
        "type_annotation",
        "type_arguments",
        "type_parameters",
        "type_alias_declaration",
        "interface_declaration",
        "ambient_declaration",
        "implements_clause",
        "type_query",
        "nested_type_identifier",
        "abstract_method_signature",
        "function_signature",
        "index_signature",
    }
)
_VALUE_REFERENCES = frozenset({"identifier", "shorthand_property_identifier"})


def bound_names(statement: Node, source: SourceText) -> list[str]:
    """The local names an import statement binds as values (`type` specifiers left out)."""
    clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
    if clause is None:
        return []
    names: list[str] = []
    for part in clause.named_children:
        if part.type == "identifier":
            names.append(source.text(part))
        elif part.type == "namespace_import" and part.named_children:
            names.append(source.text(part.named_children[-1]))
        elif part.type == "named_imports":
            for spec in part.named_children:
                if spec.type != "import_specifier" or any(
                    c.type == "type" and not c.is_named for c in spec.children
                ):
                    continue
                local = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
                if local is not None:
                    names.append(source.text(local))
    return names


def dropped_by_bundler(statement: Node, source: SourceText) -> bool:
    """Whether esbuild drops this import statement of a TypeScript file (it binds names, and
    none of them is read as a value anywhere in the file). The caller checks the tsconfig."""
    if not source.path.endswith(_TS_SUFFIXES) or source.tree is None:
        return False
    clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
    if clause is None or not clause.named_children:
        return False  # `import "./x"`: run for its side effects
    names = set(bound_names(statement, source))
    return not any(_read_as_value(node, statement, source) for node in _references(source, names))


def _references(source: SourceText, names: set[str]) -> list[Node]:
    assert source.tree is not None
    found: list[Node] = []
    if not names:
        return found
    stack: list[Node] = [source.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in _VALUE_REFERENCES and source.text(node) in names:
            found.append(node)
        stack.extend(node.children)
    return found


def _read_as_value(node: Node, statement: Node, source: SourceText) -> bool:
    parent = node.parent
    while parent is not None:
        if parent == statement:
            return False
        if parent.type in _TYPE_CONTEXTS:
            return False
        parent = parent.parent
    return True
