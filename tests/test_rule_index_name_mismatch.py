"""index-name-mismatch (N402): `by_<words>` names that disagree with the index's fields."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

RULE = "index-name-mismatch"
ONLY = parse_config({"select": [RULE]})


def _table(*indexes: str) -> str:
    fields = "authorId: v.id('users'), threadId: v.string(), userId: v.string(), channel: v.string(), "
    fields += "createdAt: v.number(), createdBy: v.string(), lastMessageAt: v.number(), "
    fields += "meta: v.object({ source: v.string() }), embedding: v.array(v.float64())"
    return (
        "export default defineSchema({ users: defineTable({}), "
        f"messages: defineTable({{ {fields} }}){''.join(indexes)} }});"
    )


def test_a_name_that_names_no_field_is_reported() -> None:
    [finding] = assert_findings(_table('.index("by_author", ["threadId"])'), RULE, config=ONLY)
    assert finding.message == 'Index "by_author" on ["threadId"]: "author" names none of its fields'
    assert finding.help is not None and finding.help.startswith(
        'Rename it after its fields in order, e.g. "by_threadId"'
    )


def test_a_name_listing_the_fields_in_another_order_is_reported() -> None:
    [first, later] = assert_findings(
        _table(
            '.index("by_channel_user", ["userId", "channel"])',
            '.index("by_user_channel_user", ["userId", "channel", "threadId"])',
        ),
        RULE,
        RULE,
        config=ONLY,
    )
    assert first.message.endswith('"channel" names "channel", but the index starts with "userId"')
    assert later.message.endswith(
        '"user" names "userId" after "channel", but the index has them in the other order'
    )


def test_conservative_matches_are_fine() -> None:
    assert_findings(
        _table(
            '.index("by_user", ["userId"])',
            '.index("by_user_recent", ["userId", "createdAt"])',
            '.index("by_userId_and_channel", ["userId", "channel"])',
            '.index("by_user_id", ["userId", "threadId"])',
            '.index("by_userid_thread", ["userId", "threadId"])',
            '.index("by_users", ["userId", "channel", "createdAt"])',
            '.index("by_user_created", ["userId", "channel", "createdAt"])',
            '.index("by_user_last_message", ["userId", "lastMessageAt"])',
            '.index("by_creator", ["createdBy"])',
            '.index("by_source", ["meta.source"])',
            '.index("by_thr", ["threadId"])',
            '.index("recent", ["createdAt"])',
        ),
        config=ONLY,
    )


def test_search_and_vector_indexes_only_need_their_first_word_to_name_a_field() -> None:
    [finding] = assert_findings(
        _table(
            '.vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 3, filterFields: ["userId"] })',
            '.vectorIndex("by_user_embedding", { vectorField: "embedding", dimensions: 4, filterFields: ["userId"] })',
            '.vectorIndex("by_topic", { vectorField: "embedding", dimensions: 5 })',
        ),
        RULE,
        config=ONLY,
    )
    assert finding.index == "by_topic"


def test_package_tables_are_not_checked() -> None:
    assert_findings(
        """
        import { authTables } from "@convex-dev/auth/server";
        import { defineSchema } from "convex/server";
        export default defineSchema({ ...authTables });
        """,
        config=ONLY,
    )


def test_system_tables_are_left_to_reserved_name() -> None:
    assert_findings(
        """
        export default defineSchema({
          _modules: defineTable({ path: v.string(), hash: v.string() }).index("by_hash", ["path"]),
        });
        """,
        "reserved-name",
        config=parse_config({"select": ["index-name-mismatch", "reserved-name"]}),
    )
