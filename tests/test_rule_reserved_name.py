"""reserved-name (D102): names in Convex's `_` system namespace and the built-in index names."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.diagnostics import Severity


def test_underscore_table_names_are_errors() -> None:
    [finding] = assert_findings(
        "export default defineSchema({ _jobs: defineTable({ name: v.string() }) });", "reserved-name"
    )
    assert finding.severity is Severity.ERROR and finding.table == "_jobs"


def test_builtin_and_underscore_index_names_are_errors() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          t: defineTable({ a: v.string(), b: v.string(), c: v.string() })
            .index("by_id", ["a"])
            .index("by_creation_time", ["b"])
            .index("_private", ["c"]),
        });
        """,
        "reserved-name",
        "reserved-name",
        "reserved-name",
    )
    assert sorted(d.index or "" for d in found) == ["_private", "by_creation_time", "by_id"]
    assert {d.severity for d in found} == {Severity.ERROR}


def test_top_level_underscore_fields_are_warnings_because_convex_drops_them() -> None:
    [system, custom] = assert_findings(
        """
        export default defineSchema({
          t: defineTable({ _id: v.string(), _meta: v.string() }),
        });
        """,
        "reserved-name",
        "reserved-name",
    )
    assert {system.severity, custom.severity} == {Severity.WARNING}
    assert "system field" in system.message and "silently drops" in custom.message


def test_nested_underscore_fields_and_invalid_names_are_left_to_other_rules() -> None:
    assert_findings(
        """
        export default defineSchema({
          t: defineTable({ meta: v.object({ _x: v.string() }), _: v.string() }),
        });
        """,
        "invalid-identifier",
    )
