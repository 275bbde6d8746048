"""The generated imports' sort key: its shortcut for names without digits is the general key."""

from __future__ import annotations

from schemalint.generate.python_model import _casing, _import_order, _natural, from_import

NAMES = ["", "a", "A", "AB", "Ab", "aB", "x2", "X10", "X2", "é", "É", "İd", "ǅx", "x\u0661", "ﬀ", "_a", "A_B"]


def test_the_shortcut_key_is_the_general_key() -> None:
    for name in NAMES:
        assert _import_order(name) == (_casing(name), _natural(name.lower()), _natural(name)), name


def test_names_are_imported_in_isort_order() -> None:
    assert from_import("m", ["b", "X10", "X2", "CONST", "a", "Ab"]).names == (
        "CONST",
        "X2",
        "X10",
        "Ab",
        "a",
        "b",
    )
