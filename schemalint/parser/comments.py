"""Attaching source comments to object properties (table and field descriptions for docs)."""

from __future__ import annotations

from tree_sitter import Node

from schemalint.parser.source import SourceText


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
    other comments describe the property right below them. A comment separated from the next
    property by a blank line is a section banner and describes nothing.
    """
    data = source.data
    if data.find(b"/", obj.start_byte, obj.end_byte) == -1:
        return {}  # no comment inside (the common case for nested objects)
    docs: dict[int, list[str]] = {}
    pending: list[tuple[str, int, int]] = []  # (text, first row, last row)
    previous: Node | None = None
    # Where the previous property ends: a comment is on its line (after it and its comma, if
    # any) when no line break lies between. Commas and brackets are not named: not visited.
    previous_end = -1
    kinds = source.kinds  # `kind_id`s: cheaper than `type`
    comment = kinds.comment
    properties = (
        kinds.pair,
        kinds.shorthand_property_identifier,
        kinds.spread_element,
        kinds.method_definition,
    )
    for child in obj.named_children:
        kind = child.kind_id
        if kind == comment:
            text = clean_comment(source.text(child))
            if text.startswith("schemalint-"):
                continue  # a suppression directive, not a description
            if previous is not None and data.find(b"\n", previous_end, child.start_byte) == -1:
                if text:
                    docs.setdefault(previous.id, []).append(text)
            elif text:
                pending.append((text, child.start_point[0], child.end_point[0]))
            continue
        if kind in properties:
            if pending:
                attached = _adjacent_block(pending, child.start_point[0])
                if attached:
                    docs.setdefault(child.id, []).extend(attached)
                pending = []
            previous = child
            previous_end = child.end_byte
    return {node_id: "\n".join(parts) for node_id, parts in docs.items()}


def _adjacent_block(pending: list[tuple[str, int, int]], row: int) -> list[str]:
    """The comments directly above `row` with no blank line between them and it."""
    block: list[str] = []
    for text, first_row, last_row in reversed(pending):
        if last_row < row - 1:
            break
        block.append(text)
        row = first_row
    return list(reversed(block))
