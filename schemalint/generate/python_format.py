"""Long expressions of generated Python split the way `ruff format` (and black) split them.

The generator writes expressions as strings (`_Conv(fields={"a": _INT64})`, `{"id": id}`,
`Literal["a", "b"]`). `lay_out` turns one into lines at a given indent: on one line if it fits
in 88 columns; else split at its last bracket with the contents on one indented line if they
fit (never for a display of several items: a dict or list literal); else one item per line,
each laid out the same way, with a trailing comma (none after a single item). String literals
are never split, nor are expressions that do not end in a bracket (`A | B`).
"""

from __future__ import annotations

import re

from schemalint.records import dataclass

LINE_LENGTH = 88
_PAIRS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True)
class Group:
    """`head` + `opener` + items separated by commas + closer (+ `rest`, e.g. nothing)."""

    head: str
    opener: str
    items: tuple[Expression, ...]
    closer: str


Expression = str | Group


def lay_out(text: str, indent: int, lead: str = "", trail: str = "") -> list[str]:
    """The lines of `lead + text + trail` at `indent` spaces, split as ruff format would."""
    one_line = f"{' ' * indent}{lead}{text.strip()}{trail}"
    if len(one_line) <= LINE_LENGTH:  # the common case: nothing to parse
        return [one_line]
    return _lines(parse(text), indent, lead, trail)


def parameter_lines(name: str, annotation: str, default: str | None, indent: int = 8) -> list[str]:
    """`name: annotation[ = default],` as a line of a parameter list; a union too long for the
    line is split before each `|` (no parentheses), each operand laid out in turn."""
    trail = f" = {default}," if default is not None else ","
    operands = split_union(annotation)
    one_line = f"{' ' * indent}{name}: {annotation}{trail}"
    if len(one_line) <= LINE_LENGTH or len(operands) == 1:
        return lay_out(annotation, indent, lead=f"{name}: ", trail=trail)
    lines = lay_out(operands[0], indent, lead=f"{name}: ")
    for operand in operands[1:-1]:
        lines += lay_out(operand, indent, lead="| ")
    return lines + lay_out(operands[-1], indent, lead="| ", trail=trail)


def definition_header(keyword: str, name: str, inside: str, after: str, indent: int) -> list[str]:
    """`class Name(Base):` or `def name(self) -> T:`, split after the parenthesis when too long
    (a parameter list gets a trailing comma, a base list does not)."""
    pad = " " * indent
    one_line = f"{pad}{keyword} {name}({inside}){after}"
    if len(one_line) <= LINE_LENGTH:
        return [one_line]
    comma = "," if keyword == "def" else ""
    return [f"{pad}{keyword} {name}(", f"{pad}    {inside}{comma}", f"{pad}){after}"]


# What the scanners below look at: a whole string literal, a bracket, a comma or a `|`; a quote
# matched alone opens a string that does not end (the character-by-character scan decides then).
_TOKENS = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[()\[\]{},|"']""", re.DOTALL)
_OPENERS = "([{"
_CLOSERS = ")]}"


def split_union(text: str) -> list[str]:
    """The operands of a top-level `A | B | C` (outside brackets and strings)."""
    if "|" not in text:  # the common case
        return [text.strip()]
    operands: list[str] = []
    depth, start = 0, 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in _OPENERS:
            depth += 1
        elif token in _CLOSERS:
            depth -= 1
        elif token == "|":
            if depth == 0:
                operands.append(text[start : match.start()].strip())
                start = match.end()
        elif len(token) == 1 and token in "\"'":
            return _split_union_by_characters(text)
    operands.append(text[start:].strip())
    return operands


def _split_union_by_characters(text: str) -> list[str]:
    """`split_union`, one character at a time (what the token scan is checked against)."""
    operands: list[str] = []
    depth, start, index = 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in ('"', "'"):
            end = _string_end(text, index)
            index = end + 1 if end >= 0 else len(text)
            continue
        if char in _PAIRS:
            depth += 1
        elif char in _PAIRS.values():
            depth -= 1
        elif char == "|" and depth == 0:
            operands.append(text[start:index].strip())
            start = index + 1
        index += 1
    operands.append(text[start:].strip())
    return operands


def parse(text: str) -> Expression:
    """`text` as a tree of bracket groups, when it ends with a bracket group whose items can be
    split; otherwise the text itself."""
    text = text.strip()
    if not text or text[-1] not in _PAIRS.values() or len(split_union(text)) > 1:
        return text
    start = _matching_open(text)
    if start is None:
        return text
    inner = text[start + 1 : -1]
    items = _split_items(inner)
    if items is None:
        return text
    return Group(head=text[:start], opener=text[start], items=tuple(parse(i) for i in items), closer=text[-1])


def flat(expression: Expression) -> str:
    if isinstance(expression, str):
        return expression
    inner = ", ".join(flat(item) for item in expression.items)
    return f"{expression.head}{expression.opener}{inner}{expression.closer}"


def parenthesized(lead: str, text: str, after: str, indent: int) -> list[str]:
    """`lead + text + after` (an annotation), or when too long and `text` is a union, the union
    in parentheses: `lead(`, the operands (on one line if they fit), `)after`."""
    pad = " " * indent
    if len(f"{pad}{lead}{text}{after}") <= LINE_LENGTH:  # the common case: as `lay_out` has it
        return [f"{pad}{lead}{text.strip()}{after}"]
    if len(split_union(text)) == 1:
        return lay_out(text, indent, lead=lead, trail=after)
    return [f"{pad}{lead}(", *lay_out(text, indent + 4), f"{pad}){after}"]


def _lines(expression: Expression, indent: int, lead: str, trail: str) -> list[str]:
    pad = " " * indent
    one_line = f"{pad}{lead}{flat(expression)}{trail}"
    if len(one_line) <= LINE_LENGTH:
        return [one_line]
    if isinstance(expression, str):
        operands = split_union(expression)
        if len(operands) == 1:
            return [one_line]
        # A union too long for its line: one operand per line, each after a leading `|`.
        lines = _lines(parse(operands[0]), indent, lead, "")
        for operand in operands[1:-1]:
            lines += _lines(parse(operand), indent, "| ", "")
        return lines + _lines(parse(operands[-1]), indent, "| ", trail)
    if not expression.items:
        return [one_line]
    head = f"{pad}{lead}{expression.head}{expression.opener}"
    tail = f"{pad}{expression.closer}{trail}"
    inner_pad = " " * (indent + 4)
    body = ", ".join(flat(item) for item in expression.items)
    explode = _is_display(expression) and len(expression.items) > 1  # black's should_split_line
    if not explode and len(inner_pad) + len(body) <= LINE_LENGTH:
        return [head, inner_pad + body, tail]
    if len(expression.items) == 1:
        return [head, *_lines(expression.items[0], indent + 4, "", ""), tail]
    lines = [head]
    for item in expression.items:
        lines.extend(_lines(item, indent + 4, "", ","))
    return [*lines, tail]


def _is_display(group: Group) -> bool:
    """A list, dict or tuple display (`{...}`, `key={...}`), not a call or a subscript."""
    return not group.head or not (group.head[-1].isalnum() or group.head[-1] in "_]).")


def _matching_open(text: str) -> int | None:
    """The index of the bracket that the last character of `text` closes."""
    depth = 0
    index = len(text) - 1
    while index >= 0:
        char = text[index]
        if char in ('"', "'"):
            index = _string_start(text, index)
            if index < 0:
                return None
        elif char in _PAIRS.values():
            depth += 1
        elif char in _PAIRS:
            depth -= 1
            if depth == 0:
                return index
        index -= 1
    return None


def _string_start(text: str, end: int) -> int:
    """The index of the quote opening the string literal whose closing quote is at `end`."""
    quote = text[end]
    index = end - 1
    while index >= 0:
        if text[index] == quote:
            backslashes = len(text[:index]) - len(text[:index].rstrip("\\"))
            if backslashes % 2 == 0:
                return index
        index -= 1
    return -1


def _split_items(inner: str) -> list[str] | None:
    """The comma-separated items of a bracket's contents (None if they cannot be told apart)."""
    items: list[str] = []
    depth, start = 0, 0
    for match in _TOKENS.finditer(inner):
        token = match.group()
        if token in _OPENERS:
            depth += 1
        elif token in _CLOSERS:
            depth -= 1
        elif token == ",":
            if depth == 0:
                items.append(inner[start : match.start()].strip())
                start = match.end()
        elif len(token) == 1 and token in "\"'":
            return None  # a string that does not end
    last = inner[start:].strip()
    if last:
        items.append(last)
    return items if depth == 0 and all(items) else None


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    index = start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            return index
        index += 1
    return -1
