"""JSON with comments and trailing commas (tsconfig.json), read with the TypeScript grammar.

Plain JSON (most imported `.json` modules, many `package.json` and tsconfig files) is read by
the standard `json` module instead, with hooks making its answer the grammar reading's: every
number a float, a negative number refused (the grammar reading sees a unary expression there),
NaN and Infinity refused. Texts whose `\\u` escapes may form a UTF-16 surrogate pair (which `json`
joins and the grammar reading keeps apart), and anything `json` refuses, take the grammar path.
"""

from __future__ import annotations

import json
from typing import Any

from tree_sitter import Node

from schemalint.lazy_pattern import lazy_compile
from schemalint.parser.source import _parser, decode_escape

_SURROGATE_ESCAPE = lazy_compile(r"\\u[dD][89abAB]")


def parse_jsonc(text: str) -> Any:
    """Parse JSON with comments and trailing commas (tsconfig.json) using the TS grammar."""
    if "\\u" not in text or _SURROGATE_ESCAPE.search(text) is None:
        try:
            return json.loads(text, parse_int=_unsigned, parse_float=_unsigned, parse_constant=_refused)
        except (ValueError, RecursionError):
            pass  # not plain JSON (comments, trailing commas, ...): read it with the grammar
    return _parse_with_grammar(text)


def _unsigned(literal: str) -> float:
    if literal.startswith("-"):
        raise ValueError("a negative number")
    return float(literal)


def _refused(literal: str) -> float:
    raise ValueError(f"{literal} is not JSON")


def _parse_with_grammar(text: str) -> Any:
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
