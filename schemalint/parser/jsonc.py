"""JSON with comments and trailing commas (tsconfig.json), read with the TypeScript grammar."""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from schemalint.parser.source import _parser, decode_escape


def parse_jsonc(text: str) -> Any:
    """Parse JSON with comments and trailing commas (tsconfig.json) using the TS grammar."""
    data = f"({text}\n)".encode()
    tree = _parser(False).parse(data)
    root = tree.root_node
    statement = root.named_children[0] if root.named_children else None
    if root.has_error or statement is None or statement.type != "expression_statement":
        raise ValueError("not a JSON document")
    expression = statement.named_children[0]
    while expression.type == "parenthesized_expression":
        expression = expression.named_children[0]
    return _json_value(expression, data)


def _json_value(node: Node, data: bytes) -> Any:
    kind = node.type
    if kind == "object":
        result: dict[str, Any] = {}
        for pair in node.named_children:
            if pair.type != "pair":
                continue
            key_node = pair.child_by_field_name("key")
            value_node = pair.child_by_field_name("value")
            if key_node is None or value_node is None:
                continue
            key = (
                _json_value(key_node, data)
                if key_node.type == "string"
                else data[key_node.start_byte : key_node.end_byte].decode()
            )
            result[str(key)] = _json_value(value_node, data)
        return result
    if kind == "array":
        return [_json_value(c, data) for c in node.named_children if c.type != "comment"]
    if kind == "string":
        parts = []
        for child in node.named_children:
            text = data[child.start_byte : child.end_byte].decode()
            parts.append(decode_escape(text) if child.type == "escape_sequence" else text)
        return "".join(parts)
    if kind == "number":
        return float(data[node.start_byte : node.end_byte].decode())
    if kind in ("true", "false"):
        return kind == "true"
    if kind == "null":
        return None
    raise ValueError(f"unexpected {kind} in JSON")
