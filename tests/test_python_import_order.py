"""The generated imports' and `__all__`'s order: the shortcut key for names without digits is
the general key, and the string key of ASCII names orders exactly as the tuple key."""

from __future__ import annotations

import itertools

from schemalint.generate.python_model import exported_names, from_import
from schemalint.generate.python_order import (
    _all_text_key,
    _import_text_key,
    casing,
    import_order,
    natural,
    natural_text,
    sorted_for_all,
    sorted_for_import,
)

NAMES = ["", "a", "A", "AB", "Ab", "aB", "x2", "X10", "X2", "é", "É", "İd", "ǅx", "x\u0661", "ﬀ", "_a", "A_B"]
# Printable ASCII names where the string key could go wrong: leading zeros, long numbers, a
# part that ends where another goes on, digits first, spaces and marks' neighbours.
ASCII_NAMES = [
    "", "a", "ab", "abc", "a1", "a01", "a001", "a10", "a2", "a2b", "a2b3", "a02b3", "a2b03", "a2bc",
    "a10b", "ab1", "ab10", "1", "01", "0", "00", "10", "2a", "x" + "9" * 40, "x1" + "0" * 40,
    "x" + "9" * 39, "X", "X1", "XY", "Xy", "_", "_1", "a b", "a~", "a!", " ", "9a", "a0", "a00b",
]  # fmt: skip


def test_the_shortcut_key_is_the_general_key() -> None:
    for name in NAMES:
        assert import_order(name) == (casing(name), natural(name.lower()), natural(name)), name


def test_the_string_key_orders_as_the_tuple_key() -> None:
    for left, right in itertools.product(ASCII_NAMES, repeat=2):
        for a, b in ((left, right), (left.lower(), right.lower())):
            expected = (natural(a) > natural(b)) - (natural(a) < natural(b))
            got = (natural_text(a) > natural_text(b)) - (natural_text(a) < natural_text(b))
            assert got == expected, (a, b)


def _sign(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


def test_the_one_string_keys_order_as_the_tuple_keys() -> None:
    names = [*ASCII_NAMES, "Ab1", "AB1", "aB01", "A", "CONST", "CONST2", "Const"]
    for a, b in itertools.product(names, repeat=2):
        assert _sign(_import_text_key(a), _import_text_key(b)) == _sign(import_order(a), import_order(b)), (
            a,
            b,
        )
        all_a, all_b = (casing(a), natural(a)), (casing(b), natural(b))
        assert _sign(_all_text_key(a), _all_text_key(b)) == _sign(all_a, all_b), (a, b)


def test_ascii_and_other_names_sort_as_with_the_tuple_key() -> None:
    for names in (ASCII_NAMES, NAMES, [n for n in ASCII_NAMES if n] + ["é"]):
        distinct = list(dict.fromkeys(names))
        # (names whose keys tie keep their input order in both: compare on tie-free inputs)
        by_import = {import_order(n): n for n in distinct}
        by_all = {(casing(n), natural(n)): n for n in distinct}
        assert sorted_for_import(by_import.values()) == sorted(by_import.values(), key=import_order)
        assert sorted_for_all(by_all.values()) == sorted(
            by_all.values(), key=lambda n: (casing(n), natural(n))
        )


def test_names_are_imported_in_isort_order() -> None:
    assert from_import("m", ["b", "X10", "X2", "CONST", "a", "Ab"]).names == (
        "CONST",
        "X2",
        "X10",
        "Ab",
        "a",
        "b",
    )


def test_names_are_exported_in_ruff_order() -> None:
    assert exported_names(["b", "X10", "X2", "CONST", "a", "Ab", "C2", "C10"]) == [
        "C2",
        "C10",
        "CONST",
        "X2",
        "X10",
        "Ab",
        "a",
        "b",
    ]
