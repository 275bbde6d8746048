"""invalid-literal (D113): literals Convex cannot store in a schema."""

from __future__ import annotations

import pytest
from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["invalid-literal"]})


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("NaN", "v.literal(NaN): Infinite or NaN values are not supported in literal validators."),
        ("-Infinity", "v.literal(-Infinity): Infinite or NaN values"),
        ("1 / 0", "v.literal(Infinity): Infinite or NaN values"),
        ("9223372036854775808n", "BigInt 9223372036854775808 does not fit into a 64-bit signed integer."),
    ],
)
def test_rejected_literals(literal: str, message: str) -> None:
    [finding] = assert_findings(
        f"export default defineSchema({{ readings: defineTable({{ value: v.literal({literal}) }}) }});",
        "invalid-literal",
        config=ONLY,
    )
    assert finding.message.startswith(message) and finding.field == "value"


@pytest.mark.parametrize("literal", ["null", "undefined", "{}", "[1]"])
def test_unsupported_literal_values_are_convex_throwing_not_invalid_literal(literal: str) -> None:
    [finding] = assert_findings(
        f"export default defineSchema({{ readings: defineTable({{ value: v.literal({literal}) }}) }});",
        "evaluation-error",
    )
    assert finding.message.startswith(
        "Convex throws here: v.literal(value) must be a string, number, or boolean"
    )


def test_edge_values_convex_accepts() -> None:
    assert_findings(
        """
        export default defineSchema({
          sentinels: defineTable({
            negativeZero: v.literal(-0),
            tiny: v.literal(5e-324),
            huge: v.literal(1.7976931348623157e308),
            min: v.literal(-9223372036854775808n),
            max: v.literal(9223372036854775807n),
            kinds: v.union(v.literal("a"), v.literal(true), v.literal(1)),
          }),
        });
        """,
        config=ONLY,
    )


def test_literals_in_union_documents_are_found() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          limits: defineTable(v.union(v.object({ max: v.literal(Infinity) }), v.object({ min: v.number() }))),
        });
        """,
        "invalid-literal",
        config=ONLY,
    )
    assert finding.field == "max"
