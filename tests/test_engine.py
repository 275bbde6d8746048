"""The engine: walk, selection, severities, per-file ignores and inline suppressions."""

from __future__ import annotations

import pytest
from helpers import assert_findings
from ir_builders import SCHEMA_FILE, at, comment, fld, obj, project, table

from schemalint.config import Config, parse_config
from schemalint.diagnostics import ParserDiagnostic, Severity
from schemalint.engine import run
from schemalint.findings import Diagnostic
from schemalint.ir import DbIndex, Project, SourceFile, Table, VAny, VString
from schemalint.rules import RuleSpec, spec_for
from schemalint.rules.base import Rule

# One finding each of invalid-identifier (line 3), any-type (line 4) and reserved-name (line 5).
USERS = table(
    "users",
    fld("bad-name", VString(), line=3),
    fld("payload", VAny(), line=4),
    fld("_secret", VString(), line=5),
    line=2,
)


def rules_of(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.rule for d in diagnostics]


def test_all_rules_run_by_default_and_results_are_sorted_by_position() -> None:
    found = run(project(USERS))
    assert [(d.span.line, d.code, d.rule) for d in found] == [
        (3, "D101", "invalid-identifier"),
        (4, "T302", "any-type"),
        (5, "D102", "reserved-name"),
    ]


def test_the_engine_attaches_location_and_node_context() -> None:
    [diagnostic] = run(project(USERS), parse_config({"select": ["D101"]}))
    assert diagnostic.span == at(3, 5, 5 + len("bad-name"))
    assert (diagnostic.table, diagnostic.field, diagnostic.index) == ("users", "bad-name", None)
    assert diagnostic.severity is Severity.ERROR


def test_a_violation_may_lower_its_rules_severity() -> None:
    [diagnostic] = run(project(USERS), parse_config({"select": ["reserved-name"]}))
    assert diagnostic.severity is Severity.WARNING  # a top-level `_` field is only dropped


def test_select_accepts_codes_prefixes_and_names() -> None:
    assert rules_of(run(project(USERS), parse_config({"select": ["D"]}))) == [
        "invalid-identifier",
        "reserved-name",
    ]
    assert rules_of(run(project(USERS), parse_config({"select": ["any-type"]}))) == ["any-type"]
    assert rules_of(run(project(USERS), parse_config({"select": ["d10"]}))) == [
        "invalid-identifier",
        "reserved-name",
    ]


def test_ignore_and_extend_select_refine_the_selection() -> None:
    config = parse_config({"select": ["D"], "extend-select": ["T302"], "ignore": ["D102"]})
    assert rules_of(run(project(USERS), config)) == ["invalid-identifier", "any-type"]


def test_the_more_specific_selector_wins_and_ignore_wins_ties() -> None:
    specific_select = parse_config({"select": ["D101"], "ignore": ["D"]})
    assert rules_of(run(project(USERS), specific_select)) == ["invalid-identifier"]
    tie = parse_config({"select": ["D101"], "ignore": ["invalid-identifier"]})
    assert run(project(USERS), tie) == []


def test_configured_severity_overrides_the_rule_and_the_violation() -> None:
    config = parse_config({"severity": {"any-type": "error", "D102": "info"}})
    severities = {d.rule: d.severity for d in run(project(USERS), config)}
    assert severities["any-type"] is Severity.ERROR
    assert severities["reserved-name"] is Severity.INFO


def test_index_hooks_report_the_index_name() -> None:
    posts = table(
        "posts",
        fld("a", VString()),
        indexes=(
            DbIndex(name="by_a", fields=("a",), span=at(7)),
            DbIndex(name="by_a", fields=("a",), span=at(8)),
        ),
    )
    [diagnostic] = run(project(posts), Config(select=("duplicate-index-name",)))
    assert (diagnostic.index, diagnostic.span.line) == ("by_a", 8)


def test_findings_without_a_span_fall_back_to_the_table_then_the_schema_file() -> None:
    spanless = table("bad-table", fld("x", VString()))
    [diagnostic] = run(project(spanless), Config(select=("D101",)))
    assert diagnostic.span == at(1)  # the schema's span
    bare = Project(root="/project", schema_file=SCHEMA_FILE, schema=None)
    assert run(bare) == []


def test_parser_diagnostics_become_meta_findings_even_without_a_schema() -> None:
    broken = Project(
        root="/project",
        schema_file=SCHEMA_FILE,
        schema=None,
        diagnostics=(
            ParserDiagnostic("parse-error", "syntax error", at(2)),
            ParserDiagnostic("unresolved-import", "cannot resolve ./x", at(1), table="users"),
        ),
    )
    found = run(broken)
    assert [(d.code, d.severity.label, d.table) for d in found] == [
        ("M902", "error", "users"),
        ("M901", "error", None),
    ]


def test_per_file_ignores_match_globs_relative_to_the_project_root() -> None:
    legacy_file = "/project/convex/tables/legacy.ts"
    # Spanless fields are reported at their table's name, here in the other file.
    legacy = Table(
        name="legacy",
        document=obj(fld("payload", VAny()), fld("bad-name", VString())),
        name_span=at(2, file=legacy_file),
    )
    config = parse_config(
        {"select": ["D", "T", "M"], "per-file-ignores": {"convex/tables/*.ts": ["T302", "D1"]}}
    )
    extra = (SourceFile(path=legacy_file),)
    found = run(project(USERS, legacy, extra_files=extra), config)
    assert {d.span.file for d in found} == {SCHEMA_FILE}
    assert len(found) == 3


def test_per_file_ignores_without_a_slash_match_the_file_name() -> None:
    config = parse_config({"per-file-ignores": {"schema.ts": ["any-type"]}})
    assert rules_of(run(project(USERS), config)) == ["invalid-identifier", "reserved-name"]


def test_a_comment_on_its_own_line_suppresses_the_next_line() -> None:
    comments = (comment("// schemalint-ignore any-type: opaque payload", 3, own_line=True),)
    assert rules_of(run(project(USERS, comments=comments), Config(select=("T", "M")))) == []


def test_a_trailing_comment_suppresses_its_own_line_by_code_or_name() -> None:
    comments = (
        comment("// schemalint-ignore D101", 3, own_line=False),
        comment("/* schemalint-ignore reserved-name */", 5, own_line=False),
    )
    assert rules_of(run(project(USERS, comments=comments))) == ["any-type"]


def test_stacked_own_line_comments_apply_to_the_first_line_below_them() -> None:
    comments = (
        comment("// schemalint-ignore any-type", 2, own_line=True),
        comment("// schemalint-ignore invalid-identifier", 3, own_line=True),
    )
    # Both target line 4 (any-type is there); invalid-identifier (line 3) stays.
    shifted = table("users", fld("payload", VAny(), line=4), fld("bad-name", VString(), line=4))
    assert rules_of(run(project(shifted, comments=comments))) == []


def test_ignore_file_suppresses_listed_rules_or_everything() -> None:
    listed = (comment("// schemalint-ignore-file any-type, D102", 1, own_line=True),)
    assert rules_of(run(project(USERS, comments=listed))) == ["invalid-identifier"]
    everything = (comment("// schemalint-ignore-file", 1, own_line=True),)
    assert run(project(USERS, comments=everything)) == []


def test_a_line_suppression_is_used_before_a_file_one_and_the_first_of_a_line_before_the_next() -> None:
    comments = (
        comment("// schemalint-ignore-file any-type", 1, own_line=True),
        comment("// schemalint-ignore any-type", 4, own_line=False),
        comment("/* schemalint-ignore T302 */", 4, own_line=False),
    )
    found = run(project(USERS, comments=comments), Config(select=("T302", "M904")))
    assert [(d.rule, d.span.line, d.message) for d in found] == [
        ("unused-suppression", 1, "Unused suppression of `any-type`: no any-type finding in this file"),
        ("unused-suppression", 4, "Unused suppression of `T302`: no any-type finding on line 4"),
    ]


def test_a_suppression_that_suppresses_nothing_is_reported_at_the_comment() -> None:
    comments = (comment("// schemalint-ignore any-type: no longer needed", 3, own_line=False),)
    found = run(project(USERS, comments=comments), Config(select=("D101", "M904")))
    assert [(d.rule, d.span.line, d.severity.label) for d in found] == [
        ("invalid-identifier", 3, "error"),
        ("unused-suppression", 3, "warning"),
    ]
    assert "not enabled" in found[1].message


def test_only_the_unused_rules_of_a_suppression_are_reported() -> None:
    comments = (comment("// schemalint-ignore D101, any-type", 3, own_line=False),)
    found = run(project(USERS, comments=comments))
    unused = [d for d in found if d.rule == "unused-suppression"]
    assert [d.message for d in unused] == ["Unused suppression of `any-type`: no any-type finding on line 3"]


def test_unknown_rules_and_directives_in_comments_are_reported() -> None:
    comments = (
        comment("// schemalint-ignore any-typo", 4, own_line=False),
        comment("// schemalint-disable any-type", 5, own_line=False),
        comment("// see the schemalint-ignore docs", 6, own_line=True),
    )
    found = run(project(USERS, comments=comments), Config(select=("M904",)))
    assert [d.message for d in found] == [
        "Unknown rule `any-typo` in suppression",
        "Unknown directive `schemalint-disable` (expected `schemalint-ignore` or `schemalint-ignore-file`)",
    ]


def test_unused_suppression_can_itself_be_ignored() -> None:
    comments = (comment("// schemalint-ignore any-type", 3, own_line=False),)
    config = parse_config({"ignore": ["unused-suppression"]})
    assert "unused-suppression" not in rules_of(run(project(USERS, comments=comments), config))


def test_a_finding_in_a_validator_shared_by_several_tables_is_reported_once_naming_them() -> None:
    [finding] = assert_findings(
        """
        const audited = { title: v.string(), createdAt: v.string() };
        export default defineSchema({
          posts: defineTable(audited),
          pages: defineTable(audited),
          notes: defineTable(audited),
        });
        """,
        "iso-timestamp",
        config=parse_config({"select": ["iso-timestamp"]}),
    )
    assert finding.message == (
        'Field "createdAt" stores an instant as a string (this definition is shared by tables `posts`, `pages`, `notes`)'
    )
    assert finding.span.line == 3


def test_a_schema_of_convex_system_tables_gets_one_finding_per_table_not_one_per_field() -> None:
    """Convex's own internal schema (every table `_`-prefixed): the naming, timestamp and
    string-id rules leave those tables to reserved-name instead of multiplying findings."""
    rules = [
        "reserved-name", "string-foreign-key", "iso-timestamp", "field-name-convention",
        "table-name-convention", "index-name-convention", "index-name-mismatch",
    ]  # fmt: skip
    found = assert_findings(
        """
        export default defineSchema({
          _tables: defineTable({ name: v.string(), state: v.string(), table_number: v.number() }).index("name", ["name"]),
          _index: defineTable({ table_id: v.string(), indexId: v.string(), created_at: v.string() }).index("by_table_id", ["indexId"]),
          _modules: defineTable({ path: v.string(), source_package_id: v.string(), deletedAt: v.string() }).index("by_path", ["path"]),
        });
        """,
        "reserved-name",
        "reserved-name",
        "reserved-name",
        config=parse_config({"select": rules, "preview": True}),
    )
    assert {d.table for d in found} == {"_tables", "_index", "_modules"}


def test_a_rule_needing_database_accesses_is_not_run_without_any_but_judges_its_suppressions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded: list[str] = []
    load = RuleSpec.load

    def recording(spec: RuleSpec) -> type[Rule]:
        loaded.append(spec.name)
        return load(spec)

    monkeypatch.setattr(RuleSpec, "load", recording)
    comments = (comment("// schemalint-ignore unknown-index", 3, own_line=False),)
    found = run(project(USERS, comments=comments))
    spec = spec_for("unknown-index")
    assert spec is not None and spec.needs == ("database-accesses",)
    assert "unknown-index" not in loaded and "any-type" in loaded
    unused = [d.message for d in found if d.rule == "unused-suppression"]
    assert unused == ["Unused suppression of `unknown-index`: no unknown-index finding on line 3"]
