"""inconsistent-index-name (N405): an index name the schema uses for one field, here on another."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["inconsistent-index-name"]})


def test_the_one_by_user_on_another_field_is_reported_with_the_schemas_evidence() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          chats: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          notes: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          tasks: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          members: defineTable({ clerkId: v.string() }).index("by_user", ["clerkId"]),
        });
        """,
        "inconsistent-index-name",
        config=ONLY,
    )
    # Line 7: the helper puts the two imports above the snippet.
    assert (finding.table, finding.index, finding.span.line) == ("members", "by_user", 7)
    assert finding.message == (
        'Index "by_user" on ["clerkId"] leads with "clerkId", but in 3 of the schema\'s 4 tables '
        'with an index "by_user" it is the index on "userId"'
    )
    # The proposed name follows the schema's habit (`userId` is `by_user`, so `clerkId` is `by_clerk`).
    assert finding.help is not None and '"by_clerk"' in finding.help


def test_two_agreeing_tables_are_not_yet_a_convention() -> None:
    assert_findings(
        """
        export default defineSchema({
          chats: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          notes: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          members: defineTable({ clerkId: v.string() }).index("by_user", ["clerkId"]),
        });
        """,
        config=ONLY,
    )


def test_a_name_split_between_fields_has_no_meaning_to_break() -> None:
    assert_findings(
        """
        export default defineSchema({
          a: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          b: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          c: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          d: defineTable({ clerkId: v.string() }).index("by_user", ["clerkId"]),
          e: defineTable({ authId: v.string() }).index("by_user", ["authId"]),
        });
        """,
        config=ONLY,
    )


def test_a_name_that_still_describes_its_field_is_silent() -> None:
    assert_findings(
        """
        export default defineSchema({
          a: defineTable({ skillId: v.string() }).index("by_skill", ["skillId"]),
          b: defineTable({ skillId: v.string() }).index("by_skill", ["skillId"]),
          c: defineTable({ skillId: v.string() }).index("by_skill", ["skillId"]),
          votes: defineTable({ cachedSkillId: v.string() }).index("bySkill", ["cachedSkillId"]),
          reviews: defineTable({ cachedSkillId: v.string() }).index("by_skill", ["cachedSkillId"]),
        });
        """,
        config=ONLY,
    )


def test_system_tables_give_no_meaning() -> None:
    assert_findings(
        """
        export default defineSchema({
          _a: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          _b: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          _c: defineTable({ userId: v.string() }).index("by_user", ["userId"]),
          members: defineTable({ clerkId: v.string() }).index("by_user", ["clerkId"]),
        });
        """,
        config=ONLY,
    )
