"""string-foreign-key (R201): string fields named like references to a table of the schema."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["string-foreign-key"]})


def test_a_string_id_of_an_existing_table_suggests_v_id() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({ userId: v.string() }),
        });
        """,
        "string-foreign-key",
        config=ONLY,
    )
    assert finding.table == "posts" and finding.field == "userId"
    assert finding.message == 'Field "userId" is named like a reference to table "users" but is a plain string'
    assert finding.help is not None and finding.help.startswith('Use v.id("users"):')


def test_stems_match_singular_plural_and_snake_case_table_names() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          categories: defineTable({ name: v.string() }),
          people: defineTable({ name: v.string() }),
          blog_posts: defineTable({ title: v.string() }),
          staff: defineTable({ name: v.string() }),
          links: defineTable({
            categoryId: v.string(),
            person_id: v.string(),
            blogPostId: v.string(),
            staffId: v.string(),
          }),
        });
        """,
        *["string-foreign-key"] * 4,
        config=ONLY,
    )
    assert [d.message.split('"')[3] for d in found] == ["categories", "people", "blog_posts", "staff"]


def test_every_form_of_string_is_recognised() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          tags: defineTable({ name: v.string() }),
          posts: defineTable({
            tagId: v.optional(v.string()),
            tagIds: v.array(v.string()),
            meta: v.object({ tag_ids: v.optional(v.array(v.string())) }),
          }),
          drafts: defineTable({ tagId: v.nullable(v.string()) }),
        });
        """,
        *["string-foreign-key"] * 4,
        config=ONLY,
    )
    hints = {(d.table, d.field): (d.help or "").split(":")[0] for d in found}
    assert hints == {
        ("posts", "tagId"): 'Use v.optional(v.id("tags"))',
        ("posts", "tagIds"): 'Use v.array(v.id("tags"))',
        ("posts", "meta.tag_ids"): 'Use v.optional(v.array(v.id("tags")))',
        ("drafts", "tagId"): 'Use v.nullable(v.id("tags"))',
    }


def test_storage_ids_inside_arrays_of_objects_point_to_the_storage_system_table() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          lessons: defineTable({
            attachments: v.array(v.object({ name: v.string(), storageId: v.string() })),
            coverStorageId: v.optional(v.string()),
          }),
        });
        """,
        "string-foreign-key",
        "string-foreign-key",
        config=ONLY,
    )
    assert [d.field for d in found] == ["attachments.storageId", "coverStorageId"]
    assert all('"_storage"' in d.message for d in found)


def test_external_ids_whose_stem_names_no_table_are_silent() -> None:
    assert_findings(
        """
        export default defineSchema({
          profiles: defineTable({
            authUserId: v.string(), // Better Auth user id
            clerkId: v.string(),
            stripeCustomerId: v.optional(v.string()),
          }),
          conversations: defineTable({ userId: v.string(), sessionId: v.string() }),
        });
        """,
        config=ONLY,
    )


def test_polymorphic_references_with_a_discriminating_sibling_are_silent() -> None:
    assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ title: v.string() }),
          comments: defineTable({ body: v.string() }),
          likes: defineTable({
            postId: v.string(),
            postType: v.string(),
            target: v.object({ comment_id: v.string(), comment_kind: v.string() }),
          }),
          reports: defineTable({ postId: v.string(), postTable: v.string() }),
        });
        """,
        config=ONLY,
    )


def test_ids_strings_in_other_shapes_and_names_that_only_end_in_id_are_silent() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({
            userId: v.id("users"),
            users: v.string(),
            userid: v.string(),
            uuid: v.string(),
            valid: v.boolean(),
            ownerId: v.union(v.string(), v.number()),
          }),
        });
        """,
        config=ONLY,
    )


def test_package_tables_are_not_checked() -> None:
    assert_findings(
        """
        import { authTables } from "@convex-dev/auth/server";
        import { defineSchema, defineTable } from "convex/server";
        import { v } from "convex/values";
        export default defineSchema({ ...authTables });
        """,
        config=ONLY,
    )


def test_a_tables_own_natural_key_is_not_a_reference() -> None:
    assert_findings(
        """
        export default defineSchema({
          sessions: defineTable({ sessionId: v.string(), userAgent: v.string() }).index("by_sessionId", ["sessionId"]),
        });
        """,
        config=ONLY,
    )


def test_a_copy_of_a_same_named_string_key_of_the_target_is_not_a_convex_id() -> None:
    assert_findings(
        """
        export default defineSchema({
          attachments: defineTable({ attachmentId: v.string(), url: v.string() }),
          messages: defineTable({ attachmentId: v.optional(v.string()), body: v.string() }),
        });
        """,
        config=ONLY,
    )


def test_ids_a_comment_attributes_to_another_system_are_not_convex_ids() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          subscriptions: defineTable({ subscriptionId: v.string() }),
          invoices: defineTable({
            userId: v.string(), // Clerk user id
            subscriptionId: v.string(), // Stripe subscription
          }),
        });
        """,
        config=ONLY,
    )


def test_a_name_declared_as_v_id_elsewhere_is_reported_with_that_location() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({ userId: v.id("users") }),
          comments: defineTable({
            userId: v.string(),
          }),
        });
        """,
        "string-foreign-key",
        config=ONLY,
    )
    assert finding.table == "comments"
    assert finding.message == 'Field "userId" is a plain string, but "userId" is v.id("users") in convex/schema.ts:5'
    assert finding.help is not None and finding.help.startswith('Use v.id("users"):')


def test_storage_ids_and_convex_auth_user_ids_kept_as_strings_are_reported() -> None:
    found = assert_findings(
        """
        import { authTables } from "@convex-dev/auth/server";
        import { defineSchema, defineTable } from "convex/server";
        import { v } from "convex/values";
        export default defineSchema({
          ...authTables,
          profiles: defineTable({ userId: v.string(), avatarStorageId: v.optional(v.string()) }),
        });
        """,
        "string-foreign-key",
        "string-foreign-key",
        config=ONLY,
    )
    assert [d.message.split('"')[3] for d in found] == ["users", "_storage"]


def test_system_tables_are_left_to_reserved_name() -> None:
    assert_findings(
        """
        export default defineSchema({
          _modules: defineTable({ tableId: v.string() }),
          _tables: defineTable({ name: v.string() }),
        });
        """,
        config=ONLY,
    )


def test_a_target_with_a_string_key_of_its_own_makes_the_reference_ambiguous() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ authId: v.string(), email: v.string() }).index("by_authId", ["authId"]),
          issues: defineTable({ id: v.string(), title: v.string() }).index("by_issue_id", ["id"]),
          memberships: defineTable({ userId: v.string() }),
          comments: defineTable({ issue_id: v.string(), userId: v.string() }),
        });
        """,
        config=ONLY,
    )


def test_a_provider_named_in_a_comment_word_exempts_the_field() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          typing: defineTable({
            userId: v.string(), // clerkId
          }),
        });
        """,
        config=ONLY,
    )


def test_a_name_used_for_ids_of_another_table_or_attributed_by_a_comment_is_not_reported() -> None:
    assert_findings(
        """
        export default defineSchema({
          sessions: defineTable({ token: v.string() }),
          userSessions: defineTable({ token: v.string() }),
          users: defineTable({ clerkId: v.string() }),
          logins: defineTable({ sessionId: v.id("userSessions"), userId: v.id("users") }),
          events: defineTable({
            sessionId: v.string(),
            userId: v.string(), // Clerk user id
          }),
        });
        """,
        config=ONLY,
    )
