"""Attaching source comments to object properties (table and field descriptions for docs)."""

from __future__ import annotations

from tree_sitter import Node

from schemalint.parser.source import SourceText

_PROPERTY_TYPES = frozenset({"pair", "shorthand_property_identifier", "spread_element", "method_definition"})


def clean_comment(text: str) -> str:
    """The words of a `//` or `/* */` comment, without markers or leading `*`s."""
    if text.startswith("//"):
        return text[2:].strip()
    body = text[2:-2] if text.startswith("/*") and text.endswith("*/") else text
    if body.startswith("*"):
        body = body[1:]
    lines = [line.strip() for line in body.splitlines()]
    lines = [line[1:].strip() if line.startswith("*") else line for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def property_docs(obj: Node, source: SourceText) -> dict[int, str]:
    """Map each property node id of an object literal to its comment.

    A comment on the same line after a property (past its comma) describes that property;
    other comments describe the property that follows them.
    """
    docs: dict[int, list[str]] = {}
    pending: list[str] = []
    previous: Node | None = None
    previous_end_row = -1
    for child in obj.children:
        if child.type == "comment":
            text = clean_comment(source.text(child))
            if text.startswith("schemalint-"):
                continue  # a suppression directive, not a description
            if previous is not None and child.start_point[0] == previous_end_row:
                if text:
                    docs.setdefault(previous.id, []).append(text)
            elif text:
                pending.append(text)
            continue
        if child.type in _PROPERTY_TYPES:
            if pending:
                docs.setdefault(child.id, []).extend(pending)
                pending = []
            previous = child
            previous_end_row = child.end_point[0]
        elif child.type == "," and previous is not None:
            previous_end_row = (
                child.end_point[0] if child.start_point[0] == previous_end_row else previous_end_row
            )
    return {node_id: "\n".join(parts) for node_id, parts in docs.items()}
