"""duplicate-table (D103): one table key, two definitions; spreads may be overridden."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["duplicate-table"]})


def test_two_literal_keys_are_reported_at_the_later_one() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({ title: v.string() }),
          users: defineTable({ email: v.string() }),
        });
        """,
        "duplicate-table",
        config=ONLY,
    )
    assert finding.table == "users" and finding.span.line == 6
    assert "first on line 4" in finding.message


def test_a_key_overriding_a_spread_table_is_the_documented_pattern() -> None:
    assert_findings(
        """
        import { authTables } from "@convex-dev/auth/server";

        export default defineSchema({
          ...authTables,
          users: defineTable({ name: v.optional(v.string()), email: v.optional(v.string()) }),
        });
        """,
        config=ONLY,
    )


def test_a_local_spread_overridden_by_a_key_is_fine_too() -> None:
    assert_findings(
        """
        const legacy = { redirects: defineTable({ from: v.string() }) };
        export default defineSchema({
          ...legacy,
          redirects: defineTable({ from: v.string(), to: v.string() }),
        });
        """,
        config=ONLY,
    )


def test_a_spread_after_a_key_silently_replaces_the_key() -> None:
    [finding] = assert_findings(
        """
        import { authTables } from "@convex-dev/auth/server";

        export default defineSchema({
          users: defineTable({ name: v.string() }),
          ...authTables,
        });
        """,
        "duplicate-table",
        config=ONLY,
    )
    assert finding.span.line == 6 and "later spread" in finding.message
