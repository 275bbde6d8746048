"""Long lines of the generated Python split as `ruff format` splits them
(`schemalint.generate.python_format`): each case is an expression in and the lines out, and one
`ruff format --check` over all of them proves ruff would leave them as they are."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from schemalint.generate.python_format import (
    _split_items,
    _split_union_by_characters,
    _string_end,
    definition_header,
    lay_out,
    parameter_lines,
    parenthesized,
    split_union,
)

LONG_A = "ConversationMembersStatusInvited"
LONG_B = "ConversationMembersStatusWalkingOver"
LONG_C = "ConversationMembersStatusParticipating"
SORTS = '"relevance", "downloads", "stars", "installs", "rating", "votes"'
SLOTS = '"headgear", "armwear", "chestwear", "legwear", "footwear", "mainHand", "offHand", "accessories"'


def test_an_expression_that_fits_stays_on_one_line() -> None:
    assert lay_out('_Conv(fields={"a": _INT64})', 16, trail=",") == ['                _Conv(fields={"a": _INT64}),']


def test_a_call_hugs_its_arguments_and_a_dict_explodes() -> None:
    shape = '_Conv(fields={"settings": _Conv(fields={"notifications": _Conv(fields={"digest": _INT64})})})'
    assert lay_out(shape, 16, trail=",") == [
        "                _Conv(",
        "                    fields={",
        '                        "settings": _Conv(',
        '                            fields={"notifications": _Conv(fields={"digest": _INT64})}',
        "                        )",
        "                    }",
        "                ),",
    ]
    arguments = "{" + ", ".join(f'"{name}": {name}' for name in ("userId", "prompt", "model", "sourceClipId")) + "}"
    assert lay_out(arguments, 40, trail=",")[0] == " " * 40 + "{"


def test_a_literal_alias_keeps_its_members_on_one_indented_line_when_they_fit() -> None:
    assert lay_out(f"Literal[{SORTS}, \"recent\"]", 0, lead="SortBy: TypeAlias = ") == [
        "SortBy: TypeAlias = Literal[",
        f'    {SORTS}, "recent"',
        "]",
    ]


def test_a_long_union_parameter_splits_before_each_bar_without_parentheses() -> None:
    assert parameter_lines("sortBy", f"Literal[{SORTS}] | Omitted", "OMITTED") == [
        "        sortBy: Literal[",
        f"            {SORTS}",
        "        ]",
        "        | Omitted = OMITTED,",
    ]
    assert parameter_lines("slot", f"Literal[{SLOTS}]", None)[-1] == "        ],"


def test_long_headers_and_annotations() -> None:
    assert definition_header("class", "X" * 80, "TypedDict", ":", 0) == [f"class {'X' * 80}(", "    TypedDict", "):"]
    assert parenthesized("status: ", f"{LONG_A} | {LONG_B} | {LONG_C}", "", 4) == [
        "    status: (",
        f"        {LONG_A}",
        f"        | {LONG_B}",
        f"        | {LONG_C}",
        "    )",
    ]
    assert parenthesized(") -> ", f"Subscription[{LONG_A} | {LONG_B} | {LONG_C} | None]", ":", 4) == [
        "    ) -> Subscription[",
        f"        {LONG_A}",
        f"        | {LONG_B}",
        f"        | {LONG_C}",
        "        | None",
        "    ]:",
    ]


def test_ruff_format_leaves_every_layout_as_it_is(tmp_path: Path) -> None:
    shape = '_Conv(fields={"after": _INT64, "tags": _Conv(items=_INT64), "counters": _Conv(values=_INT64), "source": _Conv(tag="kind", variants={"bot": _Conv(fields={"version": _INT64})})})'
    lines = [
        *lay_out(f"Literal[{SORTS}, \"recent\"]", 0, lead="SortBy: TypeAlias = "),
        "",
        "",
        *definition_header("class", "X" * 80, "TypedDict", ":", 0),
        *parenthesized("status: ", f"{LONG_A} | {LONG_B} | {LONG_C}", "", 4),
        "",
        "",
        "class Api:",
        "    def f(",
        "        self,",
        "        *,",
        *parameter_lines("sortBy", f"Literal[{SORTS}] | Omitted", "OMITTED"),
        *parameter_lines("slot", f"Literal[{SLOTS}]", None),
        *parenthesized(") -> ", f"Subscription[{LONG_A} | {LONG_B} | {LONG_C} | None]", ":", 4),
        "        return self._call(",
        *lay_out(shape, 12, trail=","),
        "        )",
        "",
        *definition_header("def", "subscribe_" + "y" * 70, "self", " -> Subscription[list[int]]:", 4),
        "        return g(",
        *lay_out(f"{LONG_A} | {LONG_B} | {LONG_C}", 12, trail=","),
        "        )",
    ]
    module = tmp_path / "layouts.py"
    module.write_text(textwrap.dedent("\n".join(lines)) + "\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "--no-cache", "--diff", str(module)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


# ------------------------------------------------------------------- token scans vs characters

_PAIRS = {"(": ")", "[": "]", "{": "}"}


def _split_items_by_characters(inner: str) -> list[str] | None:
    """What `_split_items` returned when it went one character at a time (the oracle)."""
    items: list[str] = []
    depth = 0
    current: list[str] = []
    index = 0
    while index < len(inner):
        char = inner[index]
        if char in ('"', "'"):
            end = _string_end(inner, index)
            if end < 0:
                return None
            current.append(inner[index : end + 1])
            index = end + 1
            continue
        if char in _PAIRS:
            depth += 1
        elif char in _PAIRS.values():
            depth -= 1
        if char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    last = "".join(current).strip()
    if last:
        items.append(last)
    return items if depth == 0 and all(items) else None


# Mostly the characters the scans look at, so that random text has brackets, strings and escapes.
EXPRESSION_TEXT = st.text(alphabet=st.sampled_from('()[]{},|"\'\\ aZ_\n'), max_size=40)


@settings(max_examples=300)
@given(EXPRESSION_TEXT)
def test_the_token_scans_split_exactly_as_the_character_scans(text: str) -> None:
    assert split_union(text) == _split_union_by_characters(text)
    assert _split_items(text) == _split_items_by_characters(text)


def test_the_token_scans_handle_strings_escapes_and_strings_that_do_not_end() -> None:
    for text in ('Literal["a|b", \'c,d\'] | None', '"a\\"|b" | c', '"open | x', "a, 'b\\', c", "x\\"):
        assert split_union(text) == _split_union_by_characters(text), text
        assert _split_items(text) == _split_items_by_characters(text), text
