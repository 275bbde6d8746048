"""`parse_jsonc` reads plain JSON with the `json` module and gives what the grammar reading gives."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemalint.parser.jsonc import _parse_with_grammar, parse_jsonc


def _read(reader: Any, text: str) -> str:
    """What `reader` makes of `text`, types included (`1.0 == 1`, but their reprs differ)."""
    try:
        return repr(reader(text))
    except ValueError:
        return "refused"


def _same(text: str) -> None:
    assert _read(parse_jsonc, text) == _read(_parse_with_grammar, text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "b": [1.5, 2e3, 0, true, false, null], "c": {"d": "x"}}',
        '{"a": 1, "a": 2, "b": 3}',  # a repeated key: the last value, in the first place
        "[1, 2, 3]",
        "12345678901234567890123",
        "1e999",
        '"text"',
        "-1",  # refused by both (a unary expression for the grammar)
        "[0, -0.5]",
        '{"n": -2}',
        "NaN",
        "[Infinity]",
        '{"a": 1,}',  # trailing comma: the grammar's
        '{\n  // comment\n  "a": 1\n}',
        '{"a": "\\u0041\\n\\t\\"\\\\\\/\\b\\f\\r"}',
        '"\\ud83d\\ude00"',  # a surrogate pair escaped: the grammar's reading
        '"\\uD83D"',
        '"\u2028 \u2029 \u00a0 \U0001f600"',
        '"tab\there"',  # a raw tab: refused by json, read by the grammar
        "\ufeff{}",
        "{}",
        "[]",
        "",
        "   ",
        '{"a": 1} {"b": 2}',
        "{'a': 1}",
        '{"a": 01}',
        '{"a": .5}',
    ],
)
def test_plain_json_reads_as_the_grammar_reads(text: str) -> None:
    _same(text)


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False).filter(math.isfinite)
    | st.text(max_size=8)
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=max(10, settings.default.max_examples // 40))
@given(_documents, st.booleans(), st.sampled_from([None, 2]))
def test_generated_json_reads_as_the_grammar_reads(
    document: Any, ascii_only: bool, indent: int | None
) -> None:
    _same(json.dumps(document, ensure_ascii=ascii_only, indent=indent))
