"""index-name-convention (N401): index names in the configured style."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_findings

from schemalint.config import Config, ConfigError, parse_config

RULE = "index-name-convention"


def only(**options: Any) -> Config:
    return parse_config({"select": [RULE], "rules": {RULE: options}})


def test_database_indexes_start_with_by_by_default() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ userId: v.string(), channel: v.string() })
            .index("userIndex", ["userId", "channel"])
            .index("by_user", ["userId"]),
        });
        """,
        RULE,
        config=only(),
    )
    assert finding.message == 'Index "userIndex" of "posts" does not start with "by_"'
    assert finding.help == 'Name it after its fields, e.g. "by_userId_and_channel".'


def test_search_and_vector_indexes_are_unchecked_by_default() -> None:
    assert_findings(
        """
        export default defineSchema({
          docs: defineTable({ body: v.string(), embedding: v.array(v.float64()) })
            .searchIndex("bodySearch", { searchField: "body" })
            .vectorIndex("embedding", { vectorField: "embedding", dimensions: 3 }),
        });
        """,
        config=only(),
    )


def test_named_styles_require_the_exact_field_names() -> None:
    source = """
        export default defineSchema({
          m: defineTable({ userId: v.string(), meta: v.object({ channel: v.string() }) })
            .index("by_userId_and_meta_channel", ["userId", "meta.channel"])
            .index("by_userId_meta_channel", ["userId", "meta.channel"])
            .index("by_user", ["userId"]),
        });
        """
    and_style = assert_findings(source, RULE, RULE, config=only(style="by_a_and_b"))
    assert [d.index for d in and_style] == ["by_userId_meta_channel", "by_user"]
    assert and_style[1].help == 'Rename it to "by_userId".'
    plain = assert_findings(source, RULE, RULE, config=only(style="by_a_b"))
    assert [d.index for d in plain] == ["by_userId_and_meta_channel", "by_user"]


def test_a_regex_style_must_match_the_whole_name() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          t: defineTable({ a: v.string(), b: v.string() })
            .index("idx_a", ["a"])
            .index("idx_b_extra", ["b"]),
        });
        """,
        RULE,
        config=only(style="idx_[a-z]+"),
    )
    assert finding.index == "idx_b_extra" and finding.message.endswith("does not match /idx_[a-z]+/")


def test_search_and_vector_styles_apply_to_their_own_kind() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          docs: defineTable({ body: v.string(), embedding: v.array(v.float64()) })
            .index("search_x", ["body"])
            .searchIndex("bodySearch", { searchField: "body" })
            .searchIndex("search_body", { searchField: "body", filterFields: ["embedding"] })
            .vectorIndex("embedding", { vectorField: "embedding", dimensions: 3 }),
        });
        """,
        RULE,
        RULE,
        RULE,
        config=only(**{"search-style": "search_.+", "vector-style": "vector_.+"}),
    )
    assert [d.index for d in found] == ["search_x", "bodySearch", "embedding"]
    assert found[1].message.startswith('Search index "bodySearch"')


def test_a_bad_regex_is_a_config_error_naming_the_option() -> None:
    with pytest.raises(ConfigError, match="style"):
        only(style="by_(")


def test_package_tables_and_the_indexes_an_override_keeps_are_exempt() -> None:
    [finding] = assert_findings(
        """
        import { authTables } from "@convex-dev/auth/server";
        import { defineSchema, defineTable } from "convex/server";
        import { v } from "convex/values";
        export default defineSchema({
          ...authTables,
          users: defineTable({ email: v.optional(v.string()), plan: v.string() })
            .index("email", ["email"])
            .index("planIndex", ["plan"]),
        });
        """,
        RULE,
        config=only(),
    )
    assert finding.index == "planIndex"


def test_the_override_exemption_needs_a_spread_table_underneath() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ email: v.string() }).index("email", ["email"]),
        });
        """,
        RULE,
        config=only(),
    )
