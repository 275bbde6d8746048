"""invalid-vector-index (D109): dimensions, vector field type and filter field count."""

from __future__ import annotations

import pytest
from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["invalid-vector-index"]})


def _vector_table(field: str, config: str) -> str:
    return f"""
    export default defineSchema({{
      chunks: defineTable({{ {field} }}).vectorIndex("by_embedding", {{ {config} }}),
    }});
    """


def test_dimensions_outside_two_to_4096_use_convexs_message() -> None:
    [finding] = assert_findings(
        _vector_table("embedding: v.array(v.float64())", 'vectorField: "embedding", dimensions: 4097'),
        "invalid-vector-index",
        config=ONLY,
    )
    assert finding.message == 'Vector index "by_embedding": Dimensions 4097 must be between 2 and 4096.'


@pytest.mark.parametrize(
    ("dimensions", "problem"),
    [
        ("", "Missing dimensions field"),
        (", dimensions: 1536.5", "got 1536.5"),
        (', dimensions: "1536"', 'got "1536"'),
    ],
)
def test_missing_fractional_or_string_dimensions(dimensions: str, problem: str) -> None:
    [finding] = assert_findings(
        _vector_table("embedding: v.array(v.float64())", f'vectorField: "embedding"{dimensions}'),
        "invalid-vector-index",
        config=ONLY,
    )
    assert problem in finding.message


def test_the_bounds_themselves_are_fine() -> None:
    for dimensions in (2, 4096):
        assert_findings(
            _vector_table(
                "embedding: v.array(v.float64())", f'vectorField: "embedding", dimensions: {dimensions}'
            ),
            config=ONLY,
        )


def test_a_field_that_cannot_hold_float_arrays() -> None:
    for validator in ("v.array(v.string())", "v.string()", "v.array(v.union(v.float64(), v.null()))"):
        assert_findings(
            _vector_table(f"embedding: {validator}", 'vectorField: "embedding", dimensions: 8'),
            "invalid-vector-index",
            config=ONLY,
        )


def test_fields_that_can_hold_float_arrays() -> None:
    for validator in (
        "v.optional(v.array(v.number()))",
        "v.array(v.any())",
        "v.any()",
        "v.union(v.array(v.float64()), v.null())",
    ):
        assert_findings(
            _vector_table(f"embedding: {validator}", 'vectorField: "embedding", dimensions: 8'),
            config=ONLY,
        )


def test_the_field_type_is_not_checked_without_schema_validation() -> None:
    assert_findings(
        """
        export default defineSchema(
          { chunks: defineTable({ embedding: v.string() }).vectorIndex("by_e", { vectorField: "embedding", dimensions: 8 }) },
          { schemaValidation: false },
        );
        """,
        config=ONLY,
    )


def test_a_missing_field_is_left_to_unknown_index_field() -> None:
    assert_findings(
        _vector_table("content: v.string()", 'vectorField: "embedding", dimensions: 8'),
        config=ONLY,
    )


def test_more_than_sixteen_distinct_filter_fields() -> None:
    filters = ", ".join(f'"meta.f{i}"' for i in range(17))
    [finding] = assert_findings(
        _vector_table(
            "embedding: v.array(v.float64()), meta: v.any()",
            f'vectorField: "embedding", dimensions: 8, filterFields: [{filters}]',
        ),
        "invalid-vector-index",
        config=ONLY,
    )
    assert "Search indexes may have up to 16 filter fields." in finding.message
