"""invalid-identifier (D101): names Convex cannot parse as identifiers."""

from __future__ import annotations

import re

from helpers import assert_findings
from hypothesis import given, settings
from hypothesis import strategies as st

from schemalint.identifiers import plainly_valid


def test_field_names_at_every_depth_are_checked() -> None:
    [top, nested] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({
            "first-name": v.string(),
            address: v.object({ "zip code": v.string() }),
          }),
        });
        """,
        "invalid-identifier",
        "invalid-identifier",
    )
    assert top.field == "first-name" and (top.span.line, top.span.column) == (5, 5)
    assert nested.field == "address.zip code"
    assert "has invalid character ' '" in nested.message


def test_fields_inside_arrays_records_and_unions_are_checked() -> None:
    assert_findings(
        """
        export default defineSchema({
          docs: defineTable({
            items: v.array(v.object({ "a-b": v.string() })),
            byKey: v.record(v.string(), v.object({ "c-d": v.string() })),
            either: v.union(v.object({ "e-f": v.string() }), v.null()),
          }),
        });
        """,
        "invalid-identifier",
        "invalid-identifier",
        "invalid-identifier",
    )


def test_dollar_prefixed_fields_get_convexs_message() -> None:
    [finding] = assert_findings(
        "export default defineSchema({ t: defineTable({ $kind: v.string() }) });",
        "invalid-identifier",
    )
    assert (
        finding.message
        == "Invalid field name \"$kind\": Field name $kind starts with '$', which is reserved."
    )


def test_table_and_index_names_and_id_targets_are_checked() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          "user-profiles": defineTable({ ownerId: v.id("all-users") })
            .index("by owner", ["ownerId"]),
        });
        """,
        "invalid-identifier",
        "invalid-identifier",
        "invalid-identifier",
    )
    assert sorted(d.message.split(":")[0] for d in found) == [
        'Invalid index name "by owner"',
        'Invalid table name "user-profiles"',
        'Invalid table name in v.id("all-users")',
    ]


def test_too_long_and_underscore_only_names() -> None:
    long_name = "a" * 65
    assert_findings(
        f"export default defineSchema({{ t: defineTable({{ {long_name}: v.string(), __: v.string() }}) }});",
        "invalid-identifier",
        "invalid-identifier",
    )


def test_valid_names_of_64_characters_and_leading_underscores_elsewhere_are_fine() -> None:
    name = "a" * 64
    assert_findings(
        f"""
        export default defineSchema({{
          t: defineTable({{ {name}: v.string(), meta: v.object({{ _x: v.string() }}) }})
            .index("by_{"a" * 61}", ["{name}"]),
          files: defineTable({{ blob: v.id("_storage") }}),
        }});
        """,
    )


_PLAINLY_VALID = re.compile(r"[A-Za-z][A-Za-z0-9_]*|_+[A-Za-z0-9][A-Za-z0-9_]*")
_EDGE_NAMES = [
    "",
    "_",
    "__",
    "_a",
    "__1",
    "a",
    "1a",
    "a-b",
    "a b",
    "é",
    "aé",
    "a\n",
    "\u0661",
    "_\u0661",
    "Aa_9",
]


@given(st.text(alphabet="aZ09_-$ é\n\u0661", max_size=6) | st.sampled_from(_EDGE_NAMES))
@settings(max_examples=300)
def test_the_plain_identifier_test_answers_as_the_grammars_expression(name: str) -> None:
    assert plainly_valid(name) == (_PLAINLY_VALID.fullmatch(name) is not None)
