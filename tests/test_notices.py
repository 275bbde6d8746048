"""Notices: schemalint's own blind spots, shown once per cause, never failing a run unless --strict."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner, Result
from helpers import lint, write_project

from schemalint.cli import main
from schemalint.diagnostics import Severity, Span
from schemalint.findings import Diagnostic, fails, summary_lines
from schemalint.reporters import ReportContext, get_reporter

# `makeFields` comes from a package schemalint does not model: both tables lose fields to it.
UNKNOWN_PACKAGE = """
import { makeFields } from "some-audit-library";

export default defineSchema({
  posts: defineTable({ title: v.string(), audit: makeFields() }),
  comments: defineTable({ body: v.string(), audit: makeFields() }),
});
"""

NOTICE = Diagnostic(
    code="M903",
    rule="unevaluable-expression",
    severity=Severity.NOTICE,
    message="fields of `posts.audit` unknown: `makeFields` comes from a package",
    help=None,
    span=Span("/project/convex/schema.ts", 4, 42, 4, 54),
    table="posts",
    withheld=("posts", "comments"),
)


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", str(root), "--select", "M", *args])


def render(format_name: str) -> str:
    stream = io.StringIO()
    get_reporter(format_name)([NOTICE], stream, ReportContext(root=Path("/project")))
    return stream.getvalue()


def test_notice_is_the_lowest_severity() -> None:
    assert Severity.NOTICE < Severity.INFO < Severity.WARNING < Severity.ERROR
    assert Severity.parse("notice") is Severity.NOTICE


def test_a_notice_fails_a_run_only_when_strict() -> None:
    assert not fails(NOTICE, Severity.INFO)
    assert fails(NOTICE, Severity.ERROR, strict=True)


def test_one_notice_per_cause_naming_the_other_tables_it_costs() -> None:
    notices = [d for d in lint(UNKNOWN_PACKAGE) if d.severity is Severity.NOTICE]
    assert len(notices) == 1
    (notice,) = notices
    assert notice.rule == "unevaluable-expression"
    assert (notice.span.line, notice.span.column) == (6, 50)
    assert "1 other part of the schema, in table `comments`" in notice.message
    assert notice.withheld == ("posts", "comments")


def test_summary_counts_notices_apart_and_says_which_tables_are_withheld() -> None:
    assert summary_lines([NOTICE]) == [
        "All checks passed! (1 notice: what schemalint could not read)",
        "2 tables (`comments`, `posts`) could not be fully read statically: "
        "the findings that depend on the unknown parts are withheld.",
    ]


def test_every_format_shows_a_notice() -> None:
    assert "M903 [unevaluable-expression]" in render("text")
    assert render("concise").splitlines()[-2].startswith("All checks passed! (1 notice")
    assert json.loads(render("json"))["summary"]["by_severity"] == {
        "error": 0,
        "warning": 0,
        "info": 0,
        "notice": 1,
    }
    assert json.loads(render("sarif"))["runs"][0]["results"][0]["level"] == "note"
    assert render("github").startswith("::notice file=convex/schema.ts,line=4,col=42,")
    suites = ET.fromstring(render("junit"))
    assert (suites.attrib["failures"], suites.attrib["skipped"]) == ("0", "1")
    assert suites.find("testsuite/testcase/skipped") is not None


def test_check_exits_0_on_notices_and_1_with_strict(tmp_path: Path) -> None:
    write_project(tmp_path, UNKNOWN_PACKAGE)
    result = check(tmp_path, "--fail-on", "info")
    assert result.exit_code == 0, result.output
    assert "All checks passed! (1 notice: what schemalint could not read)" in result.stdout
    assert check(tmp_path, "--strict").exit_code == 1


def test_strict_can_come_from_the_config(tmp_path: Path) -> None:
    write_project(tmp_path, UNKNOWN_PACKAGE)
    (tmp_path / "schemalint.yaml").write_text("strict: true\n")
    assert check(tmp_path).exit_code == 1


def test_fail_on_notice_is_refused_with_a_pointer_to_strict(tmp_path: Path) -> None:
    write_project(tmp_path, UNKNOWN_PACKAGE)
    (tmp_path / "schemalint.yaml").write_text("fail-on: notice\n")
    result = check(tmp_path)
    assert result.exit_code == 2
    assert "notices fail the run only with `strict`" in result.stderr
