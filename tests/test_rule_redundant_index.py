"""redundant-index (I502): database indexes whose fields are a strict prefix of another's."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["redundant-index"]})


def test_a_prefix_index_is_reported_once_with_when_to_keep_it() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          notifications: defineTable({ userId: v.string(), read: v.boolean(), createdAt: v.number() })
            .index("by_userId", ["userId"])
            .index("by_userId_and_read", ["userId", "read"])
            .index("by_userId_and_createdAt", ["userId", "createdAt"]),
        });
        """,
        "redundant-index",
        config=ONLY,
    )
    assert finding.index == "by_userId"
    assert finding.message == (
        'Index "by_userId" ["userId"] is a prefix of "by_userId_and_read" ["userId", "read"], which '
        "serves the same queries; keep both only if a query needs this index's order (equal userId "
        'by _creationTime, where "by_userId_and_read" orders by read first)'
    )


def test_longer_prefixes_count_and_a_staged_longer_index_does_not() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          t: defineTable({ a: v.string(), b: v.string(), c: v.string() })
            .index("by_a_b", ["a", "b"])
            .index("by_a_b_c", ["a", "b", "c"]),
        });
        """,
        "redundant-index",
        config=ONLY,
    )
    assert found[0].index == "by_a_b" and "equal a and b by _creationTime" in found[0].message
    # A staged index serves no query until it is enabled: the shorter one is still needed.
    assert_findings(
        """
        export default defineSchema({
          t: defineTable({ a: v.string(), b: v.string(), c: v.string() })
            .index("by_a_b", ["a", "b"])
            .index("by_a_b_c", { fields: ["a", "b", "c"], staged: true }),
        });
        """,
        config=ONLY,
    )


def test_different_orders_identical_lists_and_search_indexes_are_not_prefixes() -> None:
    assert_findings(
        """
        export default defineSchema({
          messages: defineTable({ userId: v.string(), channel: v.string(), body: v.string() })
            .index("by_user_channel", ["userId", "channel"])
            .index("by_channel_user", ["channel", "userId"])
            .index("by_channel", ["channel", "body"])
            .searchIndex("search_body", { searchField: "body", filterFields: ["userId"] }),
        });
        """,
        config=ONLY,
    )


def test_package_tables_are_not_checked() -> None:
    assert_findings(
        """
        import { authTables } from "@convex-dev/auth/server";
        import { defineSchema } from "convex/server";
        export default defineSchema({ ...authTables });
        """,
        config=ONLY,
    )
