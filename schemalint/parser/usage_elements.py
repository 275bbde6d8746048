"""Names that come from the elements of arrays and the values of objects: `for (const t of
TABLES)`, `["a", "b"].map((t) => ...)`, `INDEXES[key]`, `for (const { table } of [...])`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from schemalint.parser.usage_scope import BlockTables, find_declaration, is_reassigned, unwrap
from schemalint.parser.values import JSArray, JSObject, Prim, Value

if TYPE_CHECKING:
    from schemalint.parser.source import SourceText

Names = tuple[str, ...] | None
Elements = list["Node | Value"] | dict[str, "Node | Value"] | None


class ElementsMixin:
    """The array and object half of `NameResolver`."""

    if TYPE_CHECKING:
        source: SourceText
        blocks: BlockTables

        def names(self, node: Node | None, depth: int = 0) -> Names: ...
        def _evaluate_quietly(self, node: Node) -> object: ...

    def _subscript(self, node: Node, depth: int) -> Names:
        """`xs[i]` / `obj[key]` with a key that is not known: every element (or value)."""
        receiver = node.child_by_field_name("object")
        index = node.child_by_field_name("index")
        if receiver is None or index is None:
            return None
        keys = self.names(index, depth + 1)
        values = self._elements(receiver, depth)
        if values is None:
            return None
        if keys is not None and isinstance(values, dict):
            picked = [values[k] for k in keys if k in values]
            if len(picked) != len(keys):
                return None
            return self._union_of(picked, None, depth)
        return self._union_of(list(values.values()) if isinstance(values, dict) else values, None, depth)

    def _element_names(self, iterable: Node, key: str | None, depth: int) -> Names:
        """Every name an element of `iterable` (or its property `key`) may be."""
        elements = self._elements(iterable, depth)
        if elements is None or isinstance(elements, dict):
            return None
        return self._union_of(elements, key, depth)

    def _union_of(self, elements: list[Node | Value], key: str | None, depth: int) -> Names:
        found: list[str] = []
        for element in elements:
            names = self._member_of(element, key, depth)
            if names is None:
                return None
            found.extend(names)
        return tuple(dict.fromkeys(found)) if found else None

    def _member_of(self, element: Node | Value, key: str | None, depth: int) -> Names:
        if isinstance(element, Value):
            if key is not None:
                element = element.get(key) if isinstance(element, JSObject) else None  # type: ignore[assignment]
            return (element.value,) if isinstance(element, Prim) and isinstance(element.value, str) else None
        if key is None:
            return self.names(element, depth + 1)
        element = unwrap(element)
        if element.type != "object":
            return None
        for pair in element.named_children:
            pair_key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if pair_key is not None and self.source.text(pair_key).strip("\"'") == key:
                return self.names(pair.child_by_field_name("value"), depth + 1)
            if pair.type == "shorthand_property_identifier" and self.source.text(pair) == key:
                return self._identifier_value(pair, key, depth)
        return None

    def _identifier_value(self, node: Node, name: str, depth: int) -> Names:
        declaration = find_declaration(node, name, self.source, self.blocks)
        if declaration is None or declaration.kind != "variable" or declaration.key is not None:
            return None
        return self.names(declaration.node.child_by_field_name("value"), depth + 1)

    def _elements(self, node: Node, depth: int) -> Elements:
        """The elements of an array (or the values of an object, by key) that `node` is."""
        if depth > 24:
            return None
        node = unwrap(node)
        if node.type == "array":
            return (
                [c for c in node.named_children if c.type not in ("comment", "spread_element")]
                if not any(c.type == "spread_element" for c in node.named_children)
                else None
            )
        if node.type == "object":
            found: dict[str, Node | Value] = {}
            for pair in node.named_children:
                key = pair.child_by_field_name("key") if pair.type == "pair" else None
                value = pair.child_by_field_name("value") if pair.type == "pair" else None
                if key is None or value is None or key.type not in ("property_identifier", "string"):
                    return None
                found[self.source.text(key).strip("\"'")] = value
            return found
        if node.type == "identifier":
            declaration = find_declaration(node, self.source.text(node), self.source, self.blocks)
            if declaration is None:
                return self._module_elements(node)
            if (
                declaration.kind == "variable"
                and declaration.key is None
                and (declaration.const or not is_reassigned(declaration, self.source.text(node), self.source))
            ):
                value = declaration.node.child_by_field_name("value")
                return self._elements(value, depth + 1) if value is not None else None
        return None

    def _module_elements(self, node: Node) -> Elements:
        value = self._evaluate_quietly(node)
        if isinstance(value, JSArray):
            return list(value.items)
        if isinstance(value, JSObject) and not value.unknown_parts:
            return {k: p.value for k, p in value.props.items()}
        return None
