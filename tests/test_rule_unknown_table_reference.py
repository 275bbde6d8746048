"""unknown-table-reference (R202): `v.id` of a table that is neither in the schema nor a system table."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config
from schemalint.diagnostics import Severity

RULE = "unknown-table-reference"
ONLY = parse_config({"select": [RULE]})


def test_a_typo_is_a_warning_with_the_closest_table() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          posts: defineTable({ authorId: v.id("user") }),
        });
        """,
        RULE,
        config=ONLY,
    )
    assert finding.severity is Severity.WARNING and finding.field == "authorId"
    assert finding.message == 'Field "authorId" references table "user", which is not in the schema'
    assert finding.help == 'Did you mean v.id("users")?'
    assert (finding.span.line, finding.span.column) == (5, 34)


def test_ids_anywhere_in_a_field_are_checked() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({
            readers: v.array(v.id("readers")),
            byWorkflow: v.record(v.id("workflows"), v.number()),
            owner: v.union(v.id("teams"), v.null()),
          }),
        });
        """,
        RULE,
        RULE,
        RULE,
        config=ONLY,
    )
    assert "known-tables" in (found[0].help or "")


def test_system_tables_schema_tables_and_known_tables_are_fine() -> None:
    assert_findings(
        """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          runs: defineTable({
            userId: v.id("users"),
            fileId: v.id("_storage"),
            jobId: v.id("_scheduled_functions"),
            workflowId: v.id("workflows"),
          }),
        });
        """,
        config=parse_config({"select": [RULE], "rules": {RULE: {"known-tables": ["workflows"]}}}),
    )


def test_silent_when_the_schema_may_have_tables_the_parser_could_not_see() -> None:
    assert_findings(
        """
        import { moreTables } from "some-package";
        export default defineSchema({
          ...moreTables,
          posts: defineTable({ authorId: v.id("authors") }),
        });
        """,
        config=ONLY,
    )
    assert_findings(
        """
        import { moreTables } from "./missing";
        export default defineSchema({
          ...moreTables,
          posts: defineTable({ authorId: v.id("authors") }),
        });
        """,
        config=ONLY,
    )


def test_a_table_whose_definition_is_unknown_still_counts_as_a_table() -> None:
    assert_findings(
        """
        import { Authors } from "some-package";
        export default defineSchema({
          authors: Authors,
          posts: defineTable({ authorId: v.id("authors") }),
        });
        """,
        config=ONLY,
    )
