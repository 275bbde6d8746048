"""Name checks written without regular expressions answer as the expressions they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from schemalint.usagequery import _named_one_off

ONE_OFF = re.compile(r"migrat|seed|sample|fixture", re.IGNORECASE)
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")  # a table name, in the usage analysis

_PIECES = [
    "migrat",
    "MIGRATIONS",
    "Seed",
    "seeD",
    "\u017feed",
    "sample",
    "FIXTURE",
    "fiXture",
    "-",
    "_",
    "1",
    "é",
    "K",
    " ",
]


@settings(max_examples=max(10, settings.default.max_examples // 40))
@given(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join) | st.text(max_size=12))
def test_one_off_names_as_the_expression(name: str) -> None:
    assert _named_one_off(name) == (ONE_OFF.search(name) is not None)


@settings(max_examples=max(10, settings.default.max_examples // 40))
@given(st.text(alphabet="aZ_09-$ é\n", max_size=6) | st.text(max_size=6))
def test_table_names_as_the_expression(name: str) -> None:
    assert (name.isascii() and name.isidentifier()) == (IDENTIFIER.match(name) is not None)


def test_one_off_examples() -> None:
    assert _named_one_off("seedData.ts") and _named_one_off("2024_Migrations")
    assert _named_one_off("\u017feed")  # folds onto `seed` when case is ignored
    assert not _named_one_off("tasks.ts")
