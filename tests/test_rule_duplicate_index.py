"""duplicate-index (D105): two indexes over what Convex considers the same fields."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["duplicate-index"]})


def test_same_database_fields_are_reported_at_the_second_index_staged_included() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ authorId: v.string() })
            .index("by_author", ["authorId"])
            .index("by_author_staged", { fields: ["authorId"], staged: true }),
        });
        """,
        "duplicate-index",
        config=ONLY,
    )
    assert finding.index == "by_author_staged"
    assert finding.message == (
        'In table "posts" index "by_author" and index "by_author_staged" have the same fields. '
        "Indexes must be unique within a table."
    )


def test_field_order_matters_for_database_indexes() -> None:
    assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ a: v.string(), b: v.string() })
            .index("by_a_b", ["a", "b"])
            .index("by_b_a", ["b", "a"]),
        });
        """,
        config=ONLY,
    )


def test_search_filter_fields_compare_as_a_set() -> None:
    assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ body: v.string(), a: v.string(), b: v.string() })
            .searchIndex("search_1", { searchField: "body", filterFields: ["a", "b"] })
            .searchIndex("search_2", { searchField: "body", filterFields: ["b", "a"] })
            .searchIndex("search_3", { searchField: "body", filterFields: ["a"] }),
        });
        """,
        "duplicate-index",
        config=ONLY,
    )


def test_vector_indexes_differ_by_dimensions() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          chunks: defineTable({ embedding: v.array(v.float64()) })
            .vectorIndex("by_small", { vectorField: "embedding", dimensions: 768 })
            .vectorIndex("by_large", { vectorField: "embedding", dimensions: 1536 })
            .vectorIndex("by_large_copy", { vectorField: "embedding", dimensions: 1536 }),
        });
        """,
        "duplicate-index",
        config=ONLY,
    )
    assert finding.index == "by_large_copy" and "`vectorField`" in finding.message


def test_paths_are_compared_as_convex_stores_them() -> None:
    assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ a: v.string() })
            .index("by_a", ["a"])
            .index("by_a_dotted", [".a"]),
        });
        """,
        "duplicate-index",
        config=ONLY,
    )
