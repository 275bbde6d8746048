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
