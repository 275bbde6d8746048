"""dropped-optional (D115): `v.optional` that Convex's export silently drops."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["dropped-optional"]})


def test_array_elements_and_union_members_at_any_depth() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          lists: defineTable({
            items: v.array(v.optional(v.string())),
            value: v.union(v.string().optional(), v.number()),
            nested: v.object({ deep: v.nullable(v.optional(v.number())) }),
            byKey: v.record(v.string(), v.array(v.optional(v.boolean()))),
          }),
        });
        """,
        *["dropped-optional"] * 4,
        config=ONLY,
    )
    assert [d.field for d in found] == ["items", "value", "nested.deep", "byKey"]
    assert found[0].message == (
        "v.optional(v.string()) as an array element is silently dropped: Convex deploys it as v.string()"
    )


def test_optional_object_fields_are_what_optional_is_for() -> None:
    assert_findings(
        """
        export default defineSchema({
          lists: defineTable({
            items: v.optional(v.array(v.string())),
            value: v.optional(v.union(v.string(), v.number())),
            nested: v.array(v.object({ note: v.optional(v.string()) })),
          }),
        });
        """,
        config=ONLY,
    )


def test_optional_record_values_are_convex_throwing_not_dropped() -> None:
    # `v.record()` throws on them when it is built: an evaluation error, not a dropped optional.
    assert_findings(
        "export default defineSchema({ maps: defineTable({ m: v.record(v.string(), v.optional(v.string())) }) });",
        "evaluation-error",
        config=parse_config({"select": ["dropped-optional", "evaluation-error"]}),
    )


def test_union_documents_with_an_optional_member() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          events: defineTable(v.union(v.object({ a: v.string() }), v.optional(v.object({ b: v.string() })))),
        });
        """,
        "dropped-optional",
        config=ONLY,
    )
    assert finding.field is None and finding.table == "events"
