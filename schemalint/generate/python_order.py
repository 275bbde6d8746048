"""The order ruff wants generated names in: isort's for the names of an import, RUF022's for
`__all__`. Both sort by casing (CONSTANT_CASE, CamelCase, the rest), then "naturally": runs of
digits by their value (`X2` before `X10`).

`natural` is the key as a tuple of parts. Comparing thousands of such tuples costs more than
making them, so `sorted_for_import` and `sorted_for_all` sort ASCII names by `natural_text`, a
string that orders exactly as the tuple does (a test compares them), and fall back to the tuples
for anything else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_DIGITS = re.compile(r"(\d+)")
# `natural_text` marks each part: a run of digits sorts before text at the same place, as the
# tuple's `(0, number)` before `(1, text)`. The string keys put `_END` after a natural key that
# another key follows: it sorts before both marks, as a tuple item that ends before another.
_END, _NUMBER, _TEXT = "\x00", "\x01", "\x02"

NaturalKey = tuple[tuple[int, int | str], ...]


def sorted_for_import(names: Iterable[str]) -> list[str]:
    """The distinct `names` in the order ruff's isort rule wants in `from m import ...`."""
    distinct = set(names)
    if _all_plain(distinct):
        return sorted(distinct, key=_import_text_key)
    return sorted(distinct, key=import_order)


def sorted_for_all(names: Iterable[str]) -> list[str]:
    """The distinct `names` in the order ruff wants in `__all__` (RUF022)."""
    distinct = set(names)
    if _all_plain(distinct):
        return sorted(distinct, key=_all_text_key)
    return sorted(distinct, key=_all_key)


def import_order(name: str) -> tuple[int, NaturalKey, NaturalKey]:
    """isort's key of `name` (with `natural`'s tuples)."""
    if _DIGITS.search(name) is None and name:  # the common case, as `natural` has it
        return (casing(name), ((1, name.lower()),), ((1, name),))
    return (casing(name), natural(name.lower()), natural(name))


def casing(name: str) -> int:
    """0 for CONSTANT_CASE, 1 for CamelCase, 2 for anything else (isort's order by type)."""
    if len(name) > 1 and name.isupper():
        return 0
    return 1 if name[:1].isupper() else 2


@functools.lru_cache(maxsize=65536)  # each name is sorted in `__all__` and in an import
def natural(text: str) -> NaturalKey:
    """A key ordering runs of digits by their value (`X2` before `X10`)."""
    if _DIGITS.search(text) is None:  # the common case: one run of text
        return ((1, text),) if text else ()
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part)


@functools.lru_cache(maxsize=65536)  # each name is sorted in `__all__` and in an import
def natural_text(text: str) -> str:
    """`natural(text)` as a string that sorts the same way, for printable ASCII `text`: text
    parts (an empty one between a run of digits and the start or end, too) are `_TEXT` and the
    text, runs of digits `_NUMBER`, their length without leading zeros and those digits (a
    longer number is a larger one; equal numbers are equal). Both marks sort before every
    printable character, so a part that ends sorts first, as in the tuple."""
    parts = _DIGITS.split(text)  # text, digits, text, ..., text
    if len(parts) == 1:  # the common case
        return _TEXT + text
    for index in range(1, len(parts), 2):
        digits = parts[index].lstrip("0")
        parts[index] = f"{_NUMBER}{chr(len(digits) + 1)}{digits}{_TEXT}"
    return _TEXT + "".join(parts)


def _all_plain(names: set[str]) -> bool:
    """Whether every name is printable ASCII (what `natural_text` is exact for)."""
    return all(name.isascii() and name.isprintable() for name in names)


def _import_text_key(name: str) -> str:
    """`import_order(name)` as one string (for printable ASCII names)."""
    return f"{chr(casing(name))}{natural_text(name.lower())}{_END}{natural_text(name)}"


def _all_text_key(name: str) -> str:
    """`(casing(name), natural(name))` as one string (for printable ASCII names)."""
    return chr(casing(name)) + natural_text(name)


def _all_key(name: str) -> tuple[int, NaturalKey]:
    return (casing(name), natural(name))
