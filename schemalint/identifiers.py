"""Convex's identifier grammar (docs/convex-facts.md, "Identifiers"): table, index and field names."""

from __future__ import annotations

import functools

MAX_IDENTIFIER_LEN = 64
_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_REST = _FIRST | frozenset("0123456789")


def plainly_valid(name: str) -> bool:
    """The common case, decided by three string tests (no regular expression to compile): allowed
    ASCII characters only (one byte each), a letter or underscore first, and not underscores
    alone; what `[A-Za-z][A-Za-z0-9_]*|_+[A-Za-z0-9][A-Za-z0-9_]*` matches in full."""
    return name.isascii() and name.isidentifier() and name.strip("_") != ""


def identifier_problem(name: str) -> str | None:
    """Why Convex rejects `name` as an identifier (its own wording), or None if it is valid."""
    if len(name) <= MAX_IDENTIFIER_LEN and plainly_valid(name):
        return None
    if not name:
        return "Identifier cannot be empty"
    size = _utf8_length(name)
    if size > MAX_IDENTIFIER_LEN:
        return f"Identifier is too long ({size} > maximum {MAX_IDENTIFIER_LEN})"
    if name[0] not in _FIRST:
        return (
            f"Invalid first character {name[0]!r} in {name}: "
            "Identifiers must start with an alphabetic character or underscore"
        )
    for char in name[1:]:
        if char not in _REST:
            return (
                f"Identifier {name} has invalid character {char!r}: "
                "Identifiers can only contain alphanumeric characters or underscores"
            )
    if set(name) == {"_"}:
        return f"Identifier {name} cannot have exclusively underscores"
    return None


@functools.lru_cache(maxsize=4096)  # asked about every field of every table; names repeat
def field_name_problem(name: str) -> str | None:
    """Why Convex rejects `name` as an object key in a schema, or None if it is valid."""
    if name.startswith("$"):
        return f"Field name {name} starts with '$', which is reserved."
    return identifier_problem(name)


def _utf8_length(name: str) -> int:
    """Bytes of `name` in UTF-8; a lone surrogate (JS strings may hold one) counts its 3 bytes
    instead of making the encoder raise."""
    return len(name.encode("utf-8", errors="surrogatepass"))


def is_identifier(name: str) -> bool:
    return identifier_problem(name) is None
