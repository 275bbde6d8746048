"""missing-foreign-key-index (I501): `v.id` fields that no database index starts with."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["missing-foreign-key-index"]})
WITH_SYSTEM = parse_config(
    {
        "select": ["missing-foreign-key-index"],
        "rules": {"missing-foreign-key-index": {"include-system-tables": True}},
    }
)


def test_an_unindexed_reference_is_reported_with_an_index_to_add() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({ authorId: v.id("users"), title: v.string() }),
        });
        """,
        "missing-foreign-key-index",
        config=ONLY,
    )
    assert finding.table == "posts" and finding.field == "authorId"
    assert finding.message.startswith(
        'Field "authorId" references "users" but no index of "posts" starts with it'
    )
    assert (
        finding.help
        == 'Add .index("by_authorId", ["authorId"]) (or put the field first in an index you already have).'
    )


def test_the_suggested_name_follows_the_schemas_habit_of_dropping_id() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          teams: defineTable({ ownerId: v.id("users") }).index("by_owner", ["ownerId"]),
          posts: defineTable({ authorId: v.id("users") }),
        });
        """,
        "missing-foreign-key-index",
        config=ONLY,
    )
    assert finding.help is not None and finding.help.startswith('Add .index("by_author", ["authorId"])')


def test_the_suggested_name_is_free_on_the_table() -> None:
    # `by_parent` is taken by another index: Convex refuses two indexes of one name.
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          teams: defineTable({ ownerId: v.id("users") }).index("by_owner", ["ownerId"]),
          pages: defineTable({ siteId: v.string(), parentId: v.id("pages") })
            .index("by_parent", ["siteId", "parentId"]),
        });
        """,
        "missing-foreign-key-index",
        config=ONLY,
    )
    assert finding.help is not None and finding.help.startswith('Add .index("by_parentId", ["parentId"])')


def test_the_suggested_name_follows_camel_case_and_and_joined_habits() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          teams: defineTable({ ownerId: v.id("users"), name: v.string() })
            .index("byOwnerIdAndName", ["ownerId", "name"]),
          posts: defineTable({ authorId: v.id("users") }),
        });
        """,
        "missing-foreign-key-index",
        config=ONLY,
    )
    assert [f.help for f in found] == [
        'Add .index("byAuthorId", ["authorId"]) (or put the field first in an index you already have).'
    ]


def test_an_index_holding_the_field_later_does_not_count_and_is_named() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          spaces: defineTable({ name: v.string() }),
          visits: defineTable({ userId: v.id("users"), spaceId: v.id("spaces") })
            .index("by_userId_and_spaceId", ["userId", "spaceId"]),
        });
        """,
        "missing-foreign-key-index",
        config=ONLY,
    )
    assert finding.field == "spaceId"
    assert '(index "by_userId_and_spaceId" holds it, but not first)' in finding.message


def test_nested_optional_nullable_and_union_member_references_are_checked() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({
            meta: v.object({ reviewerId: v.optional(v.id("users")) }),
            editorId: v.nullable(v.id("users")),
            source: v.union(
              v.object({ kind: v.literal("user"), userId: v.id("users") }),
              v.object({ kind: v.literal("bot") }),
            ),
          }),
        });
        """,
        *["missing-foreign-key-index"] * 3,
        config=ONLY,
    )
    assert [d.field for d in found] == ["meta.reviewerId", "editorId", "source.userId"]


def test_a_field_repeated_in_union_members_is_reported_once() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          events: defineTable(
            v.union(
              v.object({ kind: v.literal("joined"), user: v.id("users") }),
              v.object({ kind: v.literal("left"), user: v.id("users") }),
            ),
          ),
        });
        """,
        "missing-foreign-key-index",
        config=ONLY,
    )


def test_indexed_references_and_staged_indexes_are_fine() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({
            authorId: v.id("users"),
            meta: v.object({ reviewerId: v.optional(v.id("users")) }),
            parentId: v.optional(v.id("posts")),
          })
            .index("by_author_and_reviewer", ["authorId", "meta.reviewerId"])
            .index("by_reviewer", ["meta.reviewerId"])
            .index("by_parent", { fields: ["parentId"], staged: true }),
        });
        """,
        config=ONLY,
    )


def test_ids_inside_arrays_and_records_cannot_be_indexed_and_are_silent() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          threads: defineTable({
            participantIds: v.array(v.id("users")),
            mentions: v.array(v.object({ userId: v.id("users") })),
            readBy: v.record(v.id("users"), v.number()),
            reactions: v.record(v.string(), v.object({ userId: v.id("users") })),
          }),
        });
        """,
        config=ONLY,
    )


def test_system_table_references_are_skipped_unless_asked_for() -> None:
    source = """
        export default defineSchema({
          files: defineTable({
            storageId: v.id("_storage"),
            jobId: v.optional(v.id("_scheduled_functions")),
          }),
        });
        """
    assert_findings(source, config=ONLY)
    assert_findings(source, "missing-foreign-key-index", "missing-foreign-key-index", config=WITH_SYSTEM)


def test_tables_whose_indexes_could_not_all_be_evaluated_are_skipped() -> None:
    assert_findings(
        """
        import { indexFields } from "some-package";
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({ authorId: v.id("users") }).index("by_author", indexFields),
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
