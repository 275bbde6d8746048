"""iso-timestamp (T301): string fields whose name denotes an instant, where the schema's other timestamps are numbers."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["iso-timestamp"]})
NUMBER = parse_config({"select": ["iso-timestamp"], "rules": {"iso-timestamp": {"style": "number"}}})


def test_instant_names_typed_as_strings_are_reported_at_every_depth() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({
            createdAt: v.string(),
            lastSeenTimestamp: v.string(),
            published_at: v.string(),
            review: v.object({ submitted_at: v.string() }),
            history: v.array(v.object({ changedAt: v.string() })),
            timestamp: v.optional(v.string()),
            syncedDateTime: v.nullable(v.string()),
          }),
        });
        """,
        *["iso-timestamp"] * 7,
        config=NUMBER,
    )
    assert found[0].message == 'Field "createdAt" stores an instant as a string'
    assert found[0].help is not None and "v.number()" in found[0].help
    assert "history.changedAt" in {d.field for d in found}


def test_day_and_time_names_are_reported_only_when_their_comment_says_instant() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({
            dueDate: v.optional(v.string()),
            captureDate: v.string(),
            startTime: v.nullable(v.string()),
            castingTime: v.string(),
            date: v.string(),
            submitted_date: v.string(),
            endTime: v.string(), // ISO 8601 timestamp
          }),
        });
        """,
        "iso-timestamp",
        config=NUMBER,
    )
    assert finding.field == "endTime"


def test_auto_reports_the_string_among_number_timestamps_with_the_evidence() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ createdAt: v.number(), updatedAt: v.number(), publishedAt: v.string() }),
          comments: defineTable({ editedAt: v.optional(v.number()), dueDate: v.number() }),
        });
        """,
        "iso-timestamp",
        config=ONLY,
    )
    assert finding.message == (
        'Field "publishedAt" stores an instant as a string, but 4 of 4 other timestamp fields in this schema are numbers'
    )


def test_auto_accepts_a_schema_that_stores_iso_strings_throughout_or_mixes_both() -> None:
    strings = """
        export default defineSchema({
          posts: defineTable({ createdAt: v.string(), updatedAt: v.string(), publishedAt: v.optional(v.string()) }),
          comments: defineTable({ createdAt: v.string(), editedAt: v.optional(v.string()) }),
        });
        """
    assert_findings(strings, config=ONLY)
    assert_findings(strings, *["iso-timestamp"] * 5, config=NUMBER)
    mixed = """
        export default defineSchema({
          posts: defineTable({ createdAt: v.number(), updatedAt: v.string(), publishedAt: v.string() }),
          comments: defineTable({ createdAt: v.number() }),
        });
        """
    assert_findings(mixed, config=ONLY)


def test_auto_with_few_other_timestamps_follows_convexs_own_convention() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ title: v.string(), createdAt: v.string(), updatedAt: v.number() }),
        });
        """,
        "iso-timestamp",
        config=ONLY,
    )
    assert finding.message == 'Field "createdAt" stores an instant as a string'


def test_system_tables_are_not_checked() -> None:
    assert_findings(
        "export default defineSchema({ _deployments: defineTable({ createdAt: v.string(), deletedAt: v.string() }) });",
        "reserved-name",
        config=parse_config({"select": ["iso-timestamp", "reserved-name"]}),
    )


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


def test_another_systems_timestamps_kept_verbatim_are_not_reported() -> None:
    assert_findings(
        """
        export default defineSchema({
          documents: defineTable({ providerCreatedAt: v.optional(v.string()), githubUpdatedAt: v.string(), externalSyncedAt: v.string() }),
        });
        """,
        config=NUMBER,
    )
