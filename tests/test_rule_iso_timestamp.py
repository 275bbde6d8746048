"""iso-timestamp (T301): string fields whose name denotes an instant."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["iso-timestamp"]})


def test_instant_names_typed_as_strings_are_reported_at_every_depth() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({
            createdAt: v.string(),
            dueDate: v.optional(v.string()),
            startTime: v.nullable(v.string()),
            lastSeenTimestamp: v.string(),
            published_at: v.string(),
            review: v.object({ submitted_date: v.string() }),
            history: v.array(v.object({ changedAt: v.string() })),
            date: v.string(),
            timestamp: v.optional(v.string()),
          }),
        });
        """,
        *["iso-timestamp"] * 9,
        config=ONLY,
    )
    assert found[0].message == 'Field "createdAt" stores an instant as a string'
    assert found[0].help is not None and "v.number()" in found[0].help
    assert "history.changedAt" in {d.field for d in found}


def test_words_that_merely_end_in_the_same_letters_are_silent() -> None:
    assert_findings(
        """
        export default defineSchema({
          posts: defineTable({
            format: v.string(),
            repeat: v.string(),
            chat: v.string(),
            update: v.string(),
            lat: v.string(),
            timezone: v.string(),
            mandate: v.string(),
            lifetime: v.string(),
            time_zone: v.string(),
          }),
        });
        """,
        config=ONLY,
    )


def test_numbers_and_other_types_are_fine() -> None:
    assert_findings(
        """
        export default defineSchema({
          posts: defineTable({
            createdAt: v.number(),
            deletedAt: v.optional(v.number()),
            editedAt: v.optional(v.commitTs()),
            startTime: v.union(v.string(), v.number()),
            reminderDates: v.array(v.string()),
          }),
        });
        """,
        config=ONLY,
    )


def test_a_comment_documenting_a_calendar_day_or_time_of_day_is_not_an_instant() -> None:
    assert_findings(
        """
        export default defineSchema({
          usageRecords: defineTable({
            date: v.string(), // YYYY-MM-DD
            opensTime: v.string(), // HH:mm, local time of day
            /** Calendar day the report covers. */
            reportDate: v.string(),
          }),
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
