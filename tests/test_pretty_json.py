"""`pretty_json.dumps_indented` writes exactly what `json.dumps` writes with an indent, and
`export.dumps` (one table at a time) what it writes for the whole document."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemalint.discovery import discover
from schemalint.export import dumps, schema_json
from schemalint.ir import Schema
from schemalint.parser import parse_project
from schemalint.parser.js_strings import escape_lone_surrogates
from schemalint.pretty_json import dumps_indented


class _Kind(enum.StrEnum):
    TABLE = "table"


def _standard(value: Any, indent: int = 2) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=False, allow_nan=False)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "",
        None,
        0,
        -(2**70),
        1.5,
        1e21,
        -0.0,
        True,
        {"tables": [], "schemaValidation": True},
        {"a": {}, "b": [], "c": [[], [{}], {"x": [1, 2.25, None, False]}]},
        {'é\u2028"\\\n\t\x00': "ünïcödé \ud800 \U0001f600 </script>"},
        [{"type": "literal", "value": 9007199254740993}, {"type": "literal", "value": 0.1}],
    ],
    ids=repr,
)
def test_writes_what_json_dumps_writes(value: Any) -> None:
    assert dumps_indented(value) == _standard(value)
    assert dumps_indented(value, 4) == _standard(value, 4)


@pytest.mark.parametrize(
    "value",
    [
        {1: "int key", 2.5: "float key", None: "none key", False: "bool key"},
        {"tuple": (1, 2)},
        {"subclass": _Kind.TABLE},
        [1, 2**3 == 8],
    ],
    ids=repr,
)
def test_unusual_values_are_left_to_json_dumps(value: Any) -> None:
    assert dumps_indented(value) == _standard(value)


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_raise_as_json_dumps_does(number: float) -> None:
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        dumps_indented({"value": [number]})


_JSON_SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=30,
)


# A tenth of the profile's examples (200 in CI): each compares two whole encodings.
@settings(max_examples=max(10, settings.default.max_examples // 10))
@given(_JSON_VALUES, st.integers(min_value=0, max_value=4))
def test_any_json_value_is_written_as_json_dumps_writes_it(value: Any, indent: int) -> None:
    assert dumps_indented(value, indent) == _standard(value, indent)


def test_the_export_is_json_dumps_of_the_whole_schema(tmp_path: Path) -> None:
    # `export.dumps` writes one table at a time; the text is that of the whole document.
    (tmp_path / "convex").mkdir()
    (tmp_path / "convex" / "schema.ts").write_text(
        'import { defineSchema, defineTable } from "convex/server";\n'
        'import { v } from "convex/values";\n'
        "export default defineSchema({\n"
        '  a: defineTable({ s: v.string(), n: v.optional(v.array(v.literal(1.5))) }).index("by_s", ["s"]),\n'
        '  "b\\u2028": defineTable(v.union(v.object({ k: v.literal("\\ud800") }), v.null())),\n'
        "  c: defineTable({}),\n"
        "}, { schemaValidation: false });\n",
        encoding="utf-8",
    )
    schema = parse_project(discover(tmp_path)).schema
    assert schema is not None
    for indent in (None, 0, 2, 4):
        whole = json.dumps(schema_json(schema), indent=indent, ensure_ascii=False, allow_nan=False)
        assert dumps(schema, indent=indent) == escape_lone_surrogates(whole)
    empty = Schema(tables=(), schema_validation=True)
    assert dumps(empty) == '{\n  "tables": [],\n  "schemaValidation": true\n}'
    assert dumps(empty, indent=None) == '{"tables": [], "schemaValidation": true}'
