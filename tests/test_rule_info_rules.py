"""The informational rules any-type (T302) and schema-validation-disabled (T304)."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.diagnostics import Severity


def test_any_is_reported_wherever_it_describes_a_fields_values() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          t: defineTable({
            payload: v.any(),
            list: v.array(v.any()),
            nested: v.object({ extra: v.optional(v.any()) }),
            byKey: v.record(v.string(), v.any()),
          }),
        });
        """,
        *["any-type"] * 4,
    )
    assert [d.field for d in found] == ["payload", "list", "nested.extra", "byKey"]
    assert {d.severity for d in found} == {Severity.INFO}


def test_an_any_table_is_reported_once() -> None:
    [finding] = assert_findings("export default defineSchema({ blobs: defineTable(v.any()) });", "any-type")
    assert finding.table == "blobs" and finding.field is None


def test_disabled_schema_validation_is_reported_once() -> None:
    [finding] = assert_findings(
        "export default defineSchema({ t: defineTable({ a: v.string() }) }, { schemaValidation: false });",
        "schema-validation-disabled",
    )
    assert finding.severity is Severity.INFO and finding.span.line == 3


def test_the_default_and_explicit_true_are_silent() -> None:
    assert_findings(
        "export default defineSchema({ t: defineTable({ a: v.string() }) }, { schemaValidation: true });"
    )
