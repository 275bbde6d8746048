"""field-name-convention (N404): field names in their neighbours' case (or a configured one), at every depth."""

from __future__ import annotations

from collections import Counter

from helpers import assert_findings

from schemalint.config import parse_config
from schemalint.conventions import Census

RULE = "field-name-convention"
ONLY = parse_config({"select": [RULE], "rules": {RULE: {"case": "camelCase"}}})
AUTO = parse_config({"select": [RULE]})
SNAKE = parse_config({"select": [RULE], "rules": {RULE: {"case": "snake_case"}}})

SOURCE = """
    export default defineSchema({
      users: defineTable({
        first_name: v.string(),
        lastName: v.string(),
        address: v.object({ zip_code: v.string(), line1: v.string() }),
        tags: v.array(v.object({ Label: v.string() })),
        apiURL: v.string(),
      }),
    });
    """


def test_camel_case_is_checked_at_every_depth() -> None:
    found = assert_findings(SOURCE, RULE, RULE, RULE, config=ONLY)
    assert [(d.field, d.help) for d in found] == [
        ("first_name", 'Rename it to "firstName".'),
        ("address.zip_code", 'Rename it to "zipCode".'),
        ("tags.Label", 'Rename it to "label".'),
    ]
    assert found[0].message == 'Field name "first_name" is not camelCase'
    assert found[1].message == 'Field name "zip_code" is not camelCase (in "address.zip_code")'


def test_snake_case_can_be_configured() -> None:
    found = assert_findings(SOURCE, RULE, RULE, RULE, config=SNAKE)
    assert [d.field for d in found] == ["lastName", "tags.Label", "apiURL"]
    assert found[0].help == 'Rename it to "last_name".'


def test_leading_underscores_and_invalid_names_are_left_to_other_rules() -> None:
    assert_findings(
        """
        export default defineSchema({
          t: defineTable({
            _id: v.string(),
            _creationTime: v.number(),
            nested: v.object({ _id: v.string(), __meta: v.string(), "bad-name": v.string() }),
          }),
        });
        """,
        config=ONLY,
    )


def test_a_field_shared_by_union_members_is_reported_once() -> None:
    assert_findings(
        """
        const common = { created_by: v.string() };
        export default defineSchema({
          events: defineTable(
            v.union(
              v.object({ kind: v.literal("a"), ...common }),
              v.object({ kind: v.literal("b"), ...common }),
            ),
          ),
        });
        """,
        RULE,
        config=ONLY,
    )


# case = "auto" (the default): the neighbours' convention.


def test_auto_reports_the_one_snake_case_field_among_camel_case_ones() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ firstName: v.string(), last_name: v.string(), createdAt: v.number(), avatarUrl: v.string() }),
        });
        """,
        RULE,
        config=AUTO,
    )
    assert (
        finding.message
        == 'Field name "last_name" is snake_case, but 3 of 3 other fields of table "users" are camelCase'
    )
    assert finding.help == 'Rename it to "lastName".'


def test_auto_judges_a_nested_key_by_the_keys_of_its_own_object() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          users: defineTable({
            firstName: v.string(),
            lastName: v.string(),
            avatarUrl: v.string(),
            address: v.object({ streetName: v.string(), zip_code: v.string(), houseNumber: v.string(), countryCode: v.string() }),
            webhook: v.object({ call_id: v.string(), exit_code: v.number(), started_at: v.number(), ok: v.boolean() }),
          }),
        });
        """,
        RULE,
        config=AUTO,
    )
    assert [d.field for d in found] == ["address.zip_code"]
    assert found[0].message.endswith(
        '3 of 3 other fields of this object are camelCase (in "address.zip_code")'
    )


def test_auto_accepts_a_consistently_snake_case_schema() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ first_name: v.string(), last_name: v.string(), created_at: v.number() }),
          posts: defineTable({ author_id: v.string(), published_at: v.number() }),
        });
        """,
        config=AUTO,
    )


def test_auto_falls_back_to_the_schemas_top_level_fields_for_a_small_table() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ firstName: v.string(), lastName: v.string(), avatarUrl: v.string() }),
          posts: defineTable({ authorId: v.string(), publishedAt: v.number(), title: v.string() }),
          tags: defineTable({ tag_name: v.string() }),
        });
        """,
        RULE,
        config=AUTO,
    )
    assert (
        finding.message
        == 'Field name "tag_name" is snake_case, but 5 of 5 top-level fields in this schema are camelCase'
    )


def test_auto_is_silent_on_a_table_of_mixed_case_and_below_a_clear_majority() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ firstName: v.string(), last_name: v.string(), avatarUrl: v.string(), created_at: v.number() }),
          posts: defineTable({ authorId: v.string(), published_at: v.number() }),
        });
        """,
        config=AUTO,
    )


def test_auto_never_reports_wire_formats() -> None:
    assert_findings(
        """
        export default defineSchema({
          accounts: defineTable({
            userId: v.string(),
            providerAccountId: v.string(),
            accountType: v.string(),
            access_token: v.optional(v.string()),
            refresh_token: v.optional(v.string()),
            id_token: v.optional(v.string()),
            expires_at: v.optional(v.number()),
          }),
          slots: defineTable({
            timeOfDay: v.union(v.literal("early_morning"), v.literal("late_night")),
            maxGuests: v.number(),
            isOpen: v.boolean(),
            availability: v.object({ early_morning: v.boolean(), late_night: v.boolean(), noonSlot: v.boolean(), eveningSlot: v.boolean(), nightSlot: v.boolean() }),
          }),
          usage: defineTable({
            model: v.string(),
            table: v.string(),
            userId: v.string(),
            totalTokens: v.number(),
            lastUsedAt: v.number(),
            model_table_userId: v.string(),
          }),
        });
        """,
        config=AUTO,
    )


def test_auto_leaves_system_tables_to_reserved_name() -> None:
    assert_findings(
        """
        export default defineSchema({
          _modules: defineTable({ path: v.string(), source_package_id: v.string(), analyzeResult: v.string(), createdAt: v.number() }),
        });
        """,
        config=AUTO,
    )


def test_auto_accepts_the_apps_own_style_in_a_table_that_copies_another_format() -> None:
    # `networks` mirrors an external format (snake_case); `createdBy` follows the style of
    # every other table of the app, so renaming it would break the app's convention.
    source = """
        export default defineSchema({
          users: defineTable({ firstName: v.string(), lastName: v.string(), avatarUrl: v.string() }),
          monitors: defineTable({ userId: v.string(), networkId: v.string(), createdAt: v.number() }),
          networks: defineTable({
            chain_id: v.number(), rpc_urls: v.array(v.string()), block_time_ms: v.number(),
            native_currency: v.string(), createdBy: v.string(),
          }),
        });
        """
    assert_findings(source, config=AUTO)
    # Without other tables to show the app's style, the odd key out is still reported.
    [finding] = assert_findings(
        source.replace(
            "users: defineTable({ firstName: v.string(), lastName: v.string(), avatarUrl: v.string() }),", ""
        ).replace(
            "monitors: defineTable({ userId: v.string(), networkId: v.string(), createdAt: v.number() }),", ""
        ),
        RULE,
        config=AUTO,
    )
    assert finding.field == "createdBy"


def test_a_census_made_from_counts_answers_as_one_made_from_the_names() -> None:
    counts = Counter({"camelCase": 9, "snake_case": 2, "other": 0})
    from_counts, from_names = Census.of_counts(counts), Census(counts.elements())
    for own in ("camelCase", "snake_case", "other", None):
        assert from_counts.others(own) == from_names.others(own)
        for minimum in (1, 11, 12):
            assert from_counts.convention_without(own, minimum) == from_names.convention_without(own, minimum)
