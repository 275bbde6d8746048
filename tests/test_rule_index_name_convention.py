"""index-name-convention (N401): index names that break the schema's own convention, or a configured style."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_findings

from schemalint.config import Config, ConfigError, parse_config

RULE = "index-name-convention"


def only(**options: Any) -> Config:
    return parse_config({"select": [RULE], "rules": {RULE: options}})


def test_the_by_prefix_style_wants_database_indexes_to_start_with_by() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ userId: v.string(), channel: v.string() })
            .index("userIndex", ["userId", "channel"])
            .index("by_user", ["userId"]),
        });
        """,
        RULE,
        config=only(style="by-prefix"),
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
        config=only(**{"style": "by-prefix", "search-style": "search_.+", "vector-style": "vector_.+"}),
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
        config=only(style="by-prefix"),
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
        config=only(style="by-prefix"),
    )


# style = "auto" (the default): the schema's own convention.

BY_FIELDS_SCHEMA = """
    export default defineSchema({
      posts: defineTable({ userId: v.string(), slug: v.string(), at: v.number() })
        .index("by_slug", ["slug"])
        .index("by_at", ["at"])
        .index(%r, ["userId"]),
      comments: defineTable({ postId: v.string(), authorId: v.string() })
        .index("by_post", ["postId"])
        .index("by_author", ["authorId"]),
      likes: defineTable({ postId: v.string() }).index("by_postId", ["postId"]),
    });
    """


def test_auto_reports_the_exception_to_the_schemas_convention_with_the_evidence() -> None:
    [finding] = assert_findings(BY_FIELDS_SCHEMA.replace("%r", '"trainerId"'), RULE, config=only())
    assert finding.message == (
        'Index "trainerId" of "posts" is not named like the other indexes of the schema: '
        "5 of 5 are named `by_<fields>`"
    )
    assert finding.help == 'Rename it to "by_userId", like the others.'


def test_auto_accepts_the_index_that_follows_the_convention() -> None:
    assert_findings(BY_FIELDS_SCHEMA.replace("%r", '"by_user"'), config=only())


def test_auto_infers_a_camel_case_by_convention() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          files: defineTable({ storageId: v.string(), ownerId: v.string(), kind: v.string() })
            .index("byStorageId", ["storageId"])
            .index("byOwnerId", ["ownerId"])
            .index("by_kind", ["kind"]),
          users: defineTable({ email: v.string(), name: v.string() })
            .index("byEmail", ["email"])
            .index("byName", ["name"]),
          teams: defineTable({ slug: v.string() }).index("bySlug", ["slug"]),
        });
        """,
        RULE,
        config=only(),
    )
    assert finding.index == "by_kind"
    assert finding.message.endswith("5 of 5 are named `by<Fields>`")
    assert finding.help == 'Rename it to "byKind", like the others.'


def test_auto_infers_indexes_named_after_their_fields() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ email: v.string(), name: v.string(), teamId: v.string(), at: v.number() })
            .index("email", ["email"])
            .index("name", ["name"])
            .index("teamId_at", ["teamId", "at"])
            .index("teamIdAndName", ["teamId", "name"])
            .index("by_team", ["teamId"]),
          teams: defineTable({ slug: v.string() }).index("slug", ["slug"]),
        });
        """,
        RULE,
        config=only(),
    )
    assert finding.index == "by_team"
    assert finding.message.endswith("5 of 5 are named after their fields alone (`<field>`)")
    assert finding.help == 'Rename it to "teamId", like the others.'


def test_auto_is_silent_without_a_clear_majority_or_enough_indexes() -> None:
    mixed = """
        export default defineSchema({
          users: defineTable({ email: v.string(), name: v.string(), a: v.string(), b: v.string() })
            .index("email", ["email"])
            .index("by_name", ["name"])
            .index("by_a", ["a"])
            .index("byB", ["b"]),
          posts: defineTable({ userId: v.string(), c: v.string() })
            .index("userIndex", ["userId"])
            .index("by_c", ["c"]),
        });
        """
    assert_findings(mixed, config=only())  # 3 of 5 others are `by_<fields>`: no convention
    few = """
        export default defineSchema({
          posts: defineTable({ userId: v.string(), a: v.string() })
            .index("by_a", ["a"])
            .index("userIndex", ["userId"]),
        });
        """
    assert_findings(few, config=only())


def test_auto_leaves_system_table_schemas_alone() -> None:
    assert_findings(
        """
        export default defineSchema({
          _modules: defineTable({ path: v.string() }).index("path", ["path"]),
          _tables: defineTable({ name: v.string() }).index("name", ["name"]),
          posts: defineTable({ a: v.string(), b: v.string(), c: v.string() })
            .index("by_a", ["a"]).index("by_b", ["b"]).index("by_c", ["c"]),
          likes: defineTable({ a: v.string(), b: v.string() }).index("by_a", ["a"]).index("by_b", ["b"]),
        });
        """,
        "reserved-name",
        "reserved-name",
        config=parse_config({"select": [RULE, "reserved-name"]}),
    )
