"""invalid-record (D112): record key types; optional keys or values are evaluation errors."""

from __future__ import annotations

import pytest
from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["invalid-record"]})


def _record(record: str) -> str:
    return f"""
    export default defineSchema({{
      users: defineTable({{ name: v.string() }}),
      scores: defineTable({{ byKey: {record} }}),
    }});
    """


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            "v.record(v.number(), v.number())",
            "Records can only have string keys. Your validator contains a record with key typed as "
            "`v.number()`, which is not a subtype of `v.string()`",
        ),
        ("v.record(v.union(v.string(), v.int64()), v.number())", "Records can only have string keys."),
        ('v.record(v.literal("easy"), v.number())', "Records cannot have string literal keys"),
        (
            'v.record(v.union(v.string(), v.literal("x")), v.number())',
            "Records cannot have string literal keys",
        ),
    ],
)
def test_rejected_records(record: str, message: str) -> None:
    [finding] = assert_findings(_record(record), "invalid-record", config=ONLY)
    assert finding.message.startswith(message) and finding.field == "byKey"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("v.record(v.string(), v.optional(v.number()))", "Record validator cannot have optional values"),
        ("v.record(v.optional(v.string()), v.number())", "Record validator cannot have optional keys"),
    ],
)
def test_optional_keys_or_values_are_convex_throwing(record: str, message: str) -> None:
    # `v.record()` throws when it is built, even if the record never reaches the schema.
    source = f"const unused = {record};\n" + _record("v.record(v.string(), v.number())")
    [finding] = assert_findings(source, "evaluation-error")
    assert finding.message == f"Convex throws here: {message}"


@pytest.mark.parametrize(
    "record",
    [
        "v.record(v.string(), v.number())",
        'v.record(v.id("users"), v.boolean())',
        'v.record(v.union(v.string(), v.id("users")), v.any())',
        "v.array(v.record(v.string(), v.record(v.string(), v.null())))",
    ],
)
def test_string_subtype_keys_are_fine(record: str) -> None:
    assert_findings(_record(record), config=ONLY)


def test_records_anywhere_in_the_document_are_checked() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          settings: defineTable(
            v.union(
              v.object({ a: v.array(v.record(v.number(), v.string())) }),
              v.object({ b: v.object({ c: v.record(v.literal("k"), v.string()) }) }),
            ),
          ),
        });
        """,
        "invalid-record",
        "invalid-record",
        config=ONLY,
    )
    assert [d.field for d in found] == ["a", "b.c"]
