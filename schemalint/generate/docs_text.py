"""Descriptions for the docs, from the source comments the parser attached to tables and fields.

The parser attaches every comment above a property to it, so a table's `doc` may start with a
section banner (`// ---- Users ----`) or carry tool directives (`eslint-disable-next-line`).
Those are not descriptions; this module drops them and joins soft-wrapped lines.
"""

from __future__ import annotations

import re

# A line drawn with punctuation (`-----`, `=====`, `/////`, `# ---`), possibly around a title.
_RULE = re.compile(r"^[\s\-=*#~_/+.]{3,}$")
_TITLED_RULE = re.compile(r"^[\-=*#~_/+]{3,}\s*\S.*?\s*[\-=*#~_/+]{3,}$")
_DIRECTIVE = re.compile(
    r"^(eslint[-\s]|@ts-|prettier-ignore|biome-ignore|schemalint-|istanbul\s|c8\s|deno-lint-ignore|"
    r"tslint:|#(end)?region\b|global\s)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(\[])")


def description_blocks(doc: str | None) -> tuple[str, ...]:
    """The descriptive text of a comment as blocks of one line each (soft wraps joined)."""
    if not doc:
        return ()
    lines = [line.strip() for line in doc.splitlines()]
    lines = [line for line in lines if not _DIRECTIVE.match(line)]
    lines = _after_banner(lines)
    blocks: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                blocks.append(current)
            current = ""
        elif current and _continues(current, line):
            current = f"{current} {line}"
        else:
            if current:
                blocks.append(current)
            current = line
    if current:
        blocks.append(current)
    return tuple(blocks)


def summary(doc: str | None) -> str:
    """The first sentence of the description, or "" when there is none."""
    blocks = description_blocks(doc)
    if not blocks:
        return ""
    return _SENTENCE_END.split(blocks[0], maxsplit=1)[0]


def _is_rule(line: str) -> bool:
    return bool(_RULE.match(line)) or _is_titled_rule(line)


def _is_titled_rule(line: str) -> bool:
    return bool(_TITLED_RULE.match(line)) and any(char.isalnum() for char in line)


def _after_banner(lines: list[str]) -> list[str]:
    """The lines after the last section banner: a rule line, with the title line it
    introduces (`---` / `Users` / text) or closes (`---` / `Tickets` / `---`)."""
    rules = [i for i, line in enumerate(lines) if _is_rule(line)]
    if not rules:
        return lines
    last = rules[-1]
    rest = lines[last + 1 :]
    closes_title = last >= 2 and _is_rule(lines[last - 2]) and not _is_rule(lines[last - 1])
    titled = _is_titled_rule(lines[last])
    if not closes_title and not titled and rest:
        rest = rest[1:]  # the banner's title
    return rest


def _continues(current: str, line: str) -> bool:
    """Whether `line` is a soft-wrapped continuation of `current` (not a new statement)."""
    return not current.endswith((".", ":", ";", "!", "?")) and line[:1].islower()
