"""field-name-convention (N404): field names in one case, at every depth."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

RULE = "field-name-convention"
ONLY = parse_config({"select": [RULE]})
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
