"""invalid-document-type (D111): a table validator must be an object, a union of objects, or any."""

from __future__ import annotations

import pytest
from helpers import assert_findings

from schemalint.config import parse_config
from schemalint.diagnostics import Severity

ONLY = parse_config({"select": ["invalid-document-type"]})


def test_a_scalar_document_quotes_convex() -> None:
    [finding] = assert_findings(
        "export default defineSchema({ notes: defineTable(v.string()) });",
        "invalid-document-type",
        config=ONLY,
    )
    assert finding.message == (
        "The document validator in a schema must be an object, a union of objects, or `v.any()`. "
        "Found v.string()."
    )
    assert finding.table == "notes" and finding.severity is Severity.ERROR


def test_each_non_object_union_member_is_reported_nested_unions_included() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          events: defineTable(
            v.union(
              v.object({ kind: v.literal("a") }),
              v.union(v.object({ kind: v.literal("b") })),
              v.any(),
            ),
          ),
        });
        """,
        "invalid-document-type",
        "invalid-document-type",
        config=ONLY,
    )
    assert [d.span.line for d in found] == [7, 8]


def test_an_optional_document_is_a_warning() -> None:
    [finding] = assert_findings(
        "export default defineSchema({ notes: defineTable(v.optional(v.object({ body: v.string() }))) });",
        "invalid-document-type",
        config=ONLY,
    )
    assert finding.severity is Severity.WARNING


def test_a_staged_validator_is_checked_too() -> None:
    assert_findings(
        """
        export default defineSchema({
          notes: defineTable(v.union(v.object({ a: v.string() }), v.object({ b: v.string() })))
            .staged(v.union(v.object({ a: v.string() }), v.string())),
        });
        """,
        "invalid-document-type",
        config=ONLY,
    )


@pytest.mark.parametrize(
    "document",
    [
        "{ body: v.string() }",
        "v.object({ body: v.string() })",
        "v.any()",
        "v.union(v.object({}), v.object({}))",
    ],
)
def test_objects_unions_of_objects_and_any_are_fine(document: str) -> None:
    assert_findings(f"export default defineSchema({{ notes: defineTable({document}) }});", config=ONLY)
