"""duplicate-index-name (D104): one name, two indexes of a table (any kinds)."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

# The examples reuse names on other fields, which index-name-mismatch would report too.
ONLY = parse_config({"select": ["duplicate-index-name"]})


def test_a_name_reused_across_index_kinds_is_reported_at_the_second_index() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          messages: defineTable({ body: v.string(), embedding: v.array(v.float64()) })
            .searchIndex("by_body", { searchField: "body" })
            .vectorIndex("by_body", { vectorField: "embedding", dimensions: 8 }),
        });
        """,
        "duplicate-index-name",
        config=ONLY,
    )
    assert finding.index == "by_body" and finding.table == "messages"
    assert finding.message == 'Table "messages" has two or more definitions of index "by_body"'
    assert finding.help is not None and "search index" in finding.help


def test_staged_indexes_count_too() -> None:
    assert_findings(
        """
        export default defineSchema({
          t: defineTable({ a: v.string(), b: v.string() })
            .index("by_a", ["a"])
            .index("by_a", { fields: ["b"], staged: true }),
        });
        """,
        "duplicate-index-name",
        config=ONLY,
    )


def test_the_same_name_in_different_tables_is_fine() -> None:
    assert_findings(
        """
        export default defineSchema({
          a: defineTable({ x: v.string() }).index("by_x", ["x"]),
          b: defineTable({ x: v.string() }).index("by_x", ["x"]),
        });
        """
    )
