"""Mermaid `erDiagram` text whose every identifier and label parses, whatever the names.

Entities get generated ids (`t_users`) and show the table name as a quoted alias label.
Labels keep only characters that mean nothing to mermaid's lexer; the rest become `_`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from schemalint.records import dataclass

Cardinality = Literal["one", "optional", "many"]

# How many target documents one source document refers to → the relationship's markers.
_MARKERS: dict[Cardinality, str] = {"one": "}o--||", "optional": "}o--o|", "many": "}o--o{"}
# Not a letter, digit (`str.isalnum`; `\w` is exactly that plus `_`) or inert punctuation.
_UNSAFE_LABEL = re.compile(r"[^\w.,:/()\[\]@+=!?'-]")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_]")
_UNSAFE_WORD = re.compile(r"[^A-Za-z0-9_.\[\]]")
_ATTRIBUTE_KEYWORDS = frozenset({"pk", "fk", "uk"})


@dataclass(frozen=True, order=True)
class Relationship:
    """A `v.id` reference from a field of `source` to the table `target`."""

    source: str
    path: str
    target: str
    cardinality: Cardinality


@dataclass(frozen=True)
class Attribute:
    """One row of an entity box: `type name [PK|FK] "comment"`."""

    type: str
    name: str
    key: Literal["PK", "FK", ""] = ""
    comment: str = ""


def label(text: str) -> str:
    """`text` as a mermaid quoted-string body: letters, digits and inert punctuation; any other
    character (quotes, `#`, `%`, `<`, spaces, backticks...) becomes `_`."""
    return _UNSAFE_LABEL.sub("_", text) or "_"


def _word(text: str) -> str:
    word = _UNSAFE_WORD.sub("_", text)
    if not word or not (word[0].isalpha() or word[0] == "_"):
        word = "_" + word
    return word + "_" if word.lower() in _ATTRIBUTE_KEYWORDS else word


def entity_ids(names: Iterable[str]) -> dict[str, str]:
    """A distinct mermaid id for each table name (`users` → `t_users`), stable across runs.

    Ids also differ when compared case-insensitively, as mermaid's lexer does.
    """
    ordered = sorted(set(names), key=lambda n: (_UNSAFE_ID.search(n) is not None, n))
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in ordered:
        base = "t_" + _UNSAFE_ID.sub("_", name)
        candidate, n = base, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate.casefold())
        ids[name] = candidate
    return ids


def er_diagram(
    entities: Sequence[tuple[str, Sequence[Attribute]]],
    relationships: Iterable[Relationship],
    ids: dict[str, str],
) -> str:
    """An `erDiagram` of `entities` (table name, attributes) and `relationships`, one
    statement per line. Every table named in a relationship must have an id in `ids`."""
    lines = ["erDiagram"]
    for name, attributes in entities:
        head = f'    {ids[name]}["{label(name)}"]'
        if not attributes:
            lines.append(head)
            continue
        lines.append(head + " {")
        for attribute in attributes:
            parts = [_word(attribute.type), _word(attribute.name)]
            if attribute.key:
                parts.append(attribute.key)
            if attribute.comment:
                parts.append(f'"{label(attribute.comment)}"')
            lines.append("        " + " ".join(parts))
        lines.append("    }")
    for rel in relationships:
        lines.append(
            f'    {ids[rel.source]} {_MARKERS[rel.cardinality]} {ids[rel.target]} : "{label(rel.path)}"'
        )
    return "\n".join(lines)
