"""invalid-search-index (D110): filter field count (error) and the search field's type (warning)."""

from __future__ import annotations

import pytest
from helpers import assert_findings

from schemalint.config import parse_config
from schemalint.diagnostics import Severity

ONLY = parse_config({"select": ["invalid-search-index"]})


def test_more_than_sixteen_distinct_filter_fields_is_an_error() -> None:
    filters = ", ".join(f'"attrs.f{i}"' for i in range(16)) + ', "attrs.f0"'
    assert_findings(
        f"""
        export default defineSchema({{
          products: defineTable({{ title: v.string(), attrs: v.any() }})
            .searchIndex("search_16", {{ searchField: "title", filterFields: [{filters}] }})
            .searchIndex("search_17", {{ searchField: "title", filterFields: [{filters}, "attrs.f16"] }}),
        }});
        """,
        "invalid-search-index",
        config=ONLY,
    )


def test_a_number_search_field_is_a_warning() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          products: defineTable({ price: v.number() }).searchIndex("search_price", { searchField: "price" }),
        });
        """,
        "invalid-search-index",
        config=ONLY,
    )
    assert finding.severity is Severity.WARNING and "v.number(), not a string" in finding.message


@pytest.mark.parametrize(
    "validator",
    [
        "v.string()",
        "v.optional(v.string())",
        "v.union(v.string(), v.null())",
        'v.union(v.literal("a"), v.literal("b"))',
        "v.any()",
    ],
)
def test_fields_that_can_hold_strings_are_fine(validator: str) -> None:
    assert_findings(
        f"""
        export default defineSchema({{
          notes: defineTable({{ body: {validator} }}).searchIndex("search_body", {{ searchField: "body" }}),
        }});
        """,
        config=ONLY,
    )


def test_a_union_document_passes_when_any_member_has_a_string() -> None:
    assert_findings(
        """
        export default defineSchema({
          items: defineTable(
            v.union(v.object({ label: v.number() }), v.object({ label: v.string() })),
          ).searchIndex("search_label", { searchField: "label" }),
        });
        """,
        config=ONLY,
    )
