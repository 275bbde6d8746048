"""`pretty_json.dumps_indented` writes exactly what `json.dumps` writes with an indent."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@given(_JSON_VALUES, st.integers(min_value=0, max_value=4))
def test_any_json_value_is_written_as_json_dumps_writes_it(value: Any, indent: int) -> None:
    assert dumps_indented(value, indent) == _standard(value, indent)
