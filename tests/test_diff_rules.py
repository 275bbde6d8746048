"""`schemalint diff` findings for one change at a time: a schema before, a schema after, and
exactly what is reported. Unknown parts on either side never produce a "safe" verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import diff_findings, diff_lint, lint, with_imports

from schemalint.cli import main
from schemalint.diagnostics import Severity

USERS = "export default defineSchema({ users: defineTable({ name: v.string() }) });"


def rules(before: str, after: str, **kwargs: object) -> list[str]:
    return sorted(d.rule for d in diff_lint(before, after, **kwargs))  # type: ignore[arg-type]


def test_an_unchanged_schema_reports_nothing() -> None:
    assert diff_findings(USERS, USERS) == []


def test_a_new_required_field_names_the_field_and_the_safe_path() -> None:
    [finding] = diff_lint(USERS, USERS.replace("v.string() }", "v.string(), email: v.string() }"))
    assert finding.rule == "revalidated-table"
    assert finding.message == (
        "Convex will re-validate every document of `users` on push, and the push fails if any "
        'document lacks the new required field `email` ("Object is missing the required field")'
    )
    assert finding.help is not None and finding.help.startswith(
        "Add `email` as `v.optional(...)` first, deploy, backfill it in every document (a migration), "
        "then make it required."
    )
    assert finding.field == "email"
    assert (finding.span.line, finding.span.column) == (3, 70)


def test_nested_objects_and_arrays_give_the_field_path() -> None:
    before = """
        export default defineSchema({
          posts: defineTable({ meta: v.object({ tags: v.array(v.object({ label: v.string() })) }) }),
        });
    """
    after = before.replace("label: v.string()", "label: v.string(), color: v.string()")
    [message] = diff_findings(before, after)
    assert "lacks the new required field `meta.tags[].color`" in message


def test_string_to_id_and_narrowed_union_are_explained() -> None:
    before = """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          tasks: defineTable({ owner: v.string(), status: v.union(v.literal("a"), v.literal("b")) }),
        });
    """
    after = before.replace("owner: v.string()", 'owner: v.id("users")').replace(
        'v.union(v.literal("a"), v.literal("b"))', 'v.literal("a")'
    )
    [message] = diff_findings(before, after)
    assert message == (
        "revalidated-table: Convex will re-validate every document of `tasks` on push, and the push "
        'fails if any document stores a plain string in `owner` where v.id("users") is now required; '
        'or stores v.literal("b") in `status`, which the new v.literal("a") does not accept '
        '(was v.union(v.literal("a"), v.literal("b")))'
    )


def test_records_are_compared_only_for_equality() -> None:
    before = "export default defineSchema({ t: defineTable({ m: v.record(v.string(), v.literal(1)) }) });"
    after = before.replace("v.literal(1)", "v.number()")
    [message] = diff_findings(before, after)
    assert "Convex compares records only for equality" in message


def test_any_documents_given_a_shape_may_fail_on_any_document() -> None:
    before = "export default defineSchema({ t: defineTable(v.any()) });"
    assert diff_findings(before, before.replace("v.any()", "{ a: v.string() }")) == [
        "revalidated-table: Convex will re-validate every document of `t` on push, and the push fails "
        "if any document does not match the new validator (the documents were v.any(), so any shape "
        "may be stored)"
    ]


def test_widening_changes_are_safe() -> None:
    before = """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          t: defineTable({ a: v.literal("x"), b: v.id("users"), c: v.string(), d: v.boolean() }),
        });
    """
    after = before.replace('a: v.literal("x")', "a: v.string()").replace('b: v.id("users")', "b: v.string()")
    after = after.replace("c: v.string()", "c: v.optional(v.union(v.string(), v.null()))")
    after = after.replace(
        "d: v.boolean()", "d: v.union(v.literal(true), v.literal(false)), e: v.optional(v.any())"
    )
    assert rules(before, after) == ["safe-table-change"]


def test_union_documents_pair_members_by_shared_fields() -> None:
    before = """
        export default defineSchema({
          shapes: defineTable(v.union(
            v.object({ kind: v.literal("circle"), r: v.number() }),
            v.object({ kind: v.literal("square"), side: v.number() }),
          )),
        });
    """
    after = before.replace("side: v.number()", "side: v.number(), color: v.string()")
    [message] = diff_findings(before, after)
    assert "lacks the new required field `color`" in message
    assert "`r`" not in message


def test_union_documents_pair_members_by_their_literal_tag_first() -> None:
    before = """
        export default defineSchema({
          events: defineTable(v.union(
            v.object({ kind: v.literal("a"), x: v.string() }),
            v.object({ kind: v.literal("b"), y: v.string() }),
          )),
        });
    """
    after = before.replace('kind: v.literal("a"), x: v.string()', 'kind: v.literal("a"), x: v.number()')
    after = after.replace(
        'kind: v.literal("b"), y: v.string()', 'kind: v.literal("b"), x: v.string(), y: v.string()'
    )
    [message] = diff_findings(before, after)
    assert "stores a value in `x` that the new validator rejects (v.string() → v.number())" in message


def test_a_table_of_a_schema_without_validation_is_walked_when_validation_is_turned_on() -> None:
    before = USERS.replace("}) });", "}) }, { schemaValidation: false });")
    assert diff_findings(before, USERS) == [
        "schema-validation-changed: Schema validation turned on (it was off at old/): Convex validates "
        "every document of 1 table(s) on push and the push fails on the first that does not match the schema",
        "revalidated-table: Convex will re-validate every document of `users` on push: the schema at "
        "old/ did not enforce it (schemaValidation: false); the push fails if any document does not "
        "match the new validator",
    ]


def test_a_table_not_enforced_at_the_baseline_needs_no_evaluating_there() -> None:
    before = """
        import { extra } from "some-unknown-package";
        export default defineSchema({ users: defineTable({ name: v.string(), extra }) }, { schemaValidation: false });
    """
    assert rules(before, USERS) == ["revalidated-table", "schema-validation-changed"]


def test_any_documents_are_safe_whatever_the_baseline_held() -> None:
    before = """
        import { extra } from "some-unknown-package";
        export default defineSchema({ users: defineTable({ name: v.string(), extra }) });
    """
    assert rules(before, "export default defineSchema({ users: defineTable(v.any()) });") == [
        "safe-table-change"
    ]


def test_a_schema_without_validation_walks_nothing() -> None:
    after = USERS.replace("v.string() }", "v.number() }").replace(
        "}) });", "}) }, { schemaValidation: false });"
    )
    assert rules(USERS, after) == ["schema-validation-changed"]
    assert diff_lint(USERS, after)[0].severity is Severity.INFO


def test_no_schema_before_means_every_table_is_new() -> None:
    assert diff_findings("", USERS) == [
        "new-table: New table `users` (there is no schema at old/): if the deployment already holds "
        "documents in it (written while it was not in the schema), Convex validates each of them on "
        "push and the push fails on the first that does not match",
    ]


def test_a_new_table_names_the_indexes_built_with_it() -> None:
    after = USERS.replace("}) });", '}).index("by_name", ["name"]) });')
    [message] = diff_findings("", after)
    assert message.endswith(
        "; its 1 index(es) (by_name) are built from the documents it already holds before the push completes"
    )


def test_an_unknown_validator_in_the_new_version_is_unknown_not_safe() -> None:
    after = """
        import { extra } from "some-unknown-package";
        export default defineSchema({ users: defineTable({ name: v.string(), extra }) });
    """
    assert rules(USERS, after) == ["unknown-table-change"]


def test_an_unknown_part_that_evaluates_the_same_on_both_sides_is_a_notice() -> None:
    schema = """
        import { extra } from "some-unknown-package";
        export default defineSchema({ users: defineTable({ name: v.string(), extra }) });
    """
    [finding] = diff_lint(schema, schema)
    assert finding.rule == "unknown-table-change"
    assert finding.severity is Severity.NOTICE
    assert "(its definition looks unchanged)" in finding.message
    [changed] = diff_lint(schema, schema.replace("v.string()", "v.number()"))
    assert changed.severity is Severity.WARNING


def test_an_unknown_validator_in_the_old_version_is_unknown_not_safe() -> None:
    before = """
        import { extra } from "some-unknown-package";
        export default defineSchema({ users: defineTable({ name: v.string(), extra }) });
    """
    assert rules(before, USERS.replace("v.string() }", "v.string(), bio: v.optional(v.string()) }")) == [
        "unknown-table-change"
    ]


def test_a_syntax_error_in_the_old_version_makes_every_table_unknown() -> None:
    before = "export default defineSchema({ users: defineTable({ name: v.string() ) });"
    [message] = diff_findings(before, USERS)
    assert message.startswith("unknown-table-change: What this push does to table `users` is unknown: ")
    assert "syntax error" in message


def test_an_unknown_spread_into_the_new_schema_hides_removals() -> None:
    before = """
        export default defineSchema({
          users: defineTable({ name: v.string() }),
          logs: defineTable({ line: v.string() }),
        });
    """
    after = """
        import { more } from "some-unknown-package";
        export default defineSchema({ users: defineTable({ name: v.string() }), ...more });
    """
    assert rules(before, after) == ["unknown-table-change", "unknown-table-change"]


def test_a_new_schema_that_cannot_be_read_is_one_unknown_finding() -> None:
    [finding] = diff_lint(USERS, "export const notASchema = 1;")
    assert (finding.rule, finding.severity) == ("unknown-table-change", Severity.WARNING)
    [same] = diff_lint("export const notASchema = 1;", "export const notASchema = 1;")
    assert (same.rule, same.severity) == ("unknown-table-change", Severity.NOTICE)


def test_removed_table_still_referenced_and_renamed_look_alike() -> None:
    before = """
        export default defineSchema({
          teams: defineTable({ name: v.string() }),
          users: defineTable({ team: v.id("teams") }),
        });
    """
    after = """
        export default defineSchema({
          groups: defineTable({ name: v.string() }),
          users: defineTable({ team: v.id("teams") }),
        });
    """
    assert rules(before, after) == ["new-table", "removed-table", "removed-table-referenced", "renamed-table"]


FUNCTIONS = {
    "convex/posts.ts": """
        import { query } from "./_generated/server";
        export const byAuthor = query({
          args: {},
          handler: async (ctx) =>
            await ctx.db.query("posts").withIndex("by_author", (q) => q.eq("author", "a")).collect(),
        });
    """
}
INDEXED = """
    export default defineSchema({
      posts: defineTable({ author: v.string(), at: v.number() })
        .index("by_author", ["author"])
        .index("by_at", ["at"]),
    });
"""


def test_a_removed_index_the_code_still_uses_is_an_error_listing_the_uses() -> None:
    after = INDEXED.replace('.index("by_author", ["author"])', "")
    [finding] = diff_lint(INDEXED, after, files_after=FUNCTIONS)
    assert (finding.rule, finding.severity) == ("removed-index", Severity.ERROR)
    assert finding.message == (
        "Index `by_author` of `posts` (at old/) is removed, but the function code still uses it: "
        "convex/posts.ts:6; those queries fail once this is pushed"
    )
    assert (finding.span.line, finding.span.column) == (5, 6)


def test_a_removed_index_no_code_uses_is_information() -> None:
    after = INDEXED.replace('.index("by_at", ["at"])', "")
    [finding] = diff_lint(INDEXED, after, files_after=FUNCTIONS)
    assert (finding.rule, finding.severity) == ("removed-index", Severity.INFO)
    assert finding.message.endswith("no function code uses it")


def test_an_index_made_staged_that_the_code_uses_is_an_error() -> None:
    after = INDEXED.replace(
        '.index("by_author", ["author"])', '.index("by_author", { fields: ["author"], staged: true })'
    )
    [finding] = diff_lint(INDEXED, after, files_after=FUNCTIONS)
    assert (finding.rule, finding.severity) == ("index-made-staged", Severity.ERROR)


def test_index_backfills_and_their_staged_alternative() -> None:
    after = INDEXED.replace('["at"]', '["at", "author"]').replace(
        '.index("by_at"', '.index("by_new", { fields: ["at"], staged: true }).index("by_at"'
    )
    assert diff_findings(INDEXED, after, files_after=FUNCTIONS) == [
        'index-backfill: Index `by_at` of `posts` changed its fields (it is dropped and rebuilt) (was ["at"]): '
        'Convex backfills ["at", "author"] from every document of `posts` before the push completes (on a '
        "table of 100,000+ documents the CLI asks first, and in CI exits 1 unless `--skip-large-indexes-check`)",
    ]


def test_staged_validator_removed_warns_about_ci() -> None:
    staged = USERS.replace("}) });", "}).staged(v.object({ name: v.string(), email: v.string() })) });")
    [finding] = diff_lint(staged, USERS)
    assert finding.rule == "staged-validator-change"
    assert finding.severity is Severity.WARNING
    assert "--allow-unstaging-schema" in finding.message


def test_a_suppression_comment_silences_a_diff_finding_and_check_does_not_call_it_unused() -> None:
    after = """
        export default defineSchema({
          // schemalint-ignore revalidated-table: backfilled by the 2024-05 migration
          users: defineTable({ name: v.string(), email: v.string() }),
        });
    """
    assert diff_findings(USERS, after) == []
    assert [d.rule for d in lint(after)] == []


def test_a_config_selecting_only_check_rules_still_runs_the_diff_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, source in (("before", USERS), ("after", USERS.replace("v.string() }", "v.number() }"))):
        (tmp_path / name / "convex").mkdir(parents=True)
        (tmp_path / name / "convex" / "schema.ts").write_text(with_imports(source))
    (tmp_path / "after" / "schemalint.yaml").write_text("select: [D, R]\nignore: [safe-table-change]\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "after", "--against-dir", "before", "--format", "concise"])
    assert "C701 [revalidated-table]" in result.stdout
    ignored = CliRunner().invoke(main, ["diff", "after", "--against-dir", "before", "--ignore", "C701"])
    assert ignored.stdout == "All checks passed!\n"
