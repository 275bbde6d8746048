"""Every output format, on the same three findings. Outputs are snapshots (tests/__snapshots__)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from syrupy.assertion import SnapshotAssertion

from schemalint.catalog import load_catalog
from schemalint.diagnostics import Severity, Span
from schemalint.findings import Diagnostic
from schemalint.reporters import FORMATS, ReportContext, get_reporter

REPO = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"
ROOT = Path("/project")
SCHEMA = "/project/convex/schema.ts"
SOURCE = """\
export default defineSchema({
  users: defineTable({
    "bad-name": v.string(),
    payload: v.any(),
  }).index("by_id", ["name"]),
});
"""

DIAGNOSTICS = [
    Diagnostic(
        code="D101",
        rule="invalid-identifier",
        severity=Severity.ERROR,
        message="Invalid field name \"bad-name\": it has invalid character '-'",
        help="Use letters, digits and underscores.",
        span=Span(SCHEMA, 3, 5, 3, 15),
        table="users",
        field="bad-name",
    ),
    Diagnostic(
        code="T302",
        rule="any-type",
        severity=Severity.INFO,
        message='Field "payload" is v.any(): 100% unchecked, a,b:c',
        help=None,
        span=Span(SCHEMA, 4, 14, 4, 21),
        table="users",
        field="payload",
    ),
    Diagnostic(
        code="M904",
        rule="unused-suppression",
        severity=Severity.WARNING,
        message="Unused suppression of `any-type`\nsecond line",
        help=None,
        span=Span("/project/convex/tables.ts", 1, 1, 1, 30),
    ),
]


def render(format_name: str, diagnostics: list[Diagnostic] = DIAGNOSTICS, **context: object) -> str:
    stream = io.StringIO()
    settings: dict[str, object] = {
        "root": ROOT,
        "files": (SCHEMA, "/project/convex/tables.ts", "/project/convex/clean.ts"),
        "read_source": lambda path: SOURCE if path == SCHEMA else None,
    }
    settings.update(context)
    get_reporter(format_name)(diagnostics, stream, ReportContext(**settings))  # type: ignore[arg-type]
    return stream.getvalue()


@pytest.mark.parametrize("format_name", FORMATS)
def test_output_matches_the_reviewed_snapshot(format_name: str, snapshot: SnapshotAssertion) -> None:
    assert render(format_name) == snapshot


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_format_handles_no_findings(format_name: str) -> None:
    assert render(format_name, []) is not None


def test_text_shows_a_code_frame_with_the_span_underlined_and_a_help_line() -> None:
    text = render("text")
    assert 'convex/schema.ts:3:5: error D101 [invalid-identifier] Invalid field name "bad-name"' in text
    assert '3 |     "bad-name": v.string(),\n  |     ^^^^^^^^^^\n' in text
    assert "help: Use letters, digits and underscores." in text
    assert text.endswith("Found 3 problems (1 error, 1 warning, 1 info).\n")


def test_text_is_coloured_only_on_a_terminal() -> None:
    assert "\x1b[" not in render("text")
    assert "\x1b[" in render("text", color=True)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    get_reporter("text")(DIAGNOSTICS, stream, ReportContext(root=ROOT, read_source=lambda _: SOURCE))
    assert "\x1b[" in stream.getvalue()


def test_concise_is_one_line_per_finding() -> None:
    lines = render("concise").splitlines()
    assert (
        lines[0] == 'convex/schema.ts:3:5: error D101 [invalid-identifier] Invalid field name "bad-name": '
        "it has invalid character '-'"
    )
    assert len(lines) == 4


def test_json_has_the_documented_shape() -> None:
    document = json.loads(render("json"))
    assert document["version"] == 1
    first = document["diagnostics"][0]
    assert list(first) == [
        "code",
        "rule",
        "severity",
        "message",
        "help",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "table",
        "field",
        "index",
        "url",
    ]
    assert (first["file"], first["line"], first["end_column"], first["index"]) == (
        "convex/schema.ts",
        3,
        15,
        None,
    )
    assert document["summary"] == {
        "total": 3,
        "by_severity": {"error": 1, "warning": 1, "info": 1, "notice": 0},
        "by_rule": [
            {"code": "D101", "rule": "invalid-identifier", "count": 1},
            {"code": "M904", "rule": "unused-suppression", "count": 1},
            {"code": "T302", "rule": "any-type", "count": 1},
        ],
    }


def test_sarif_validates_against_the_sarif_2_1_0_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    rules = {e.code: e for e in load_catalog()}
    for diagnostics in (DIAGNOSTICS, []):
        log = json.loads(render("sarif", diagnostics, rules=rules))
        jsonschema.validate(log, schema)
    run = json.loads(render("sarif", rules=rules))["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert len(descriptors) == len(rules)
    result = run["results"][0]
    assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"] == "D101"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "convex/schema.ts",
        "uriBaseId": "SRCROOT",
    }
    assert [r["level"] for r in run["results"]] == ["error", "note", "warning"]
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": "file:///project/"}}
    assert descriptors[0]["helpUri"] == (
        "https://github.com/schemalint/schemalint/blob/main/docs/rules/" + descriptors[0]["name"] + ".md"
    )


def test_rule_links_follow_the_configured_base_url() -> None:
    document = json.loads(render("json", docs_url="https://docs.example.com/rules"))
    assert document["diagnostics"][0]["url"] == "https://docs.example.com/rules/invalid-identifier.md"
    log = json.loads(render("sarif", docs_url="https://docs.example.com/rules/"))
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == (
        "https://docs.example.com/rules/invalid-identifier.md"
    )


def test_sarif_describes_rules_missing_from_the_catalog() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif"))
    jsonschema.validate(log, schema)
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == ["D101", "T302", "M904"]


def test_github_emits_workflow_commands_with_escaping() -> None:
    lines = render("github").splitlines()
    assert lines[0] == (
        "::error file=convex/schema.ts,line=3,col=5,endLine=3,endColumn=15,"
        "title=D101 invalid-identifier::Invalid field name \"bad-name\": it has invalid character '-'"
        "%0A%0Ahelp: Use letters, digits and underscores."
    )
    assert lines[1].startswith("::notice file=convex/schema.ts,line=4,")
    assert lines[1].endswith('::Field "payload" is v.any(): 100%25 unchecked, a,b:c')
    assert lines[2].startswith("::warning file=convex/tables.ts,")
    assert lines[2].endswith("::Unused suppression of `any-type`\\u000asecond line")


def test_github_escapes_commas_and_colons_in_properties() -> None:
    odd = Diagnostic(
        "D101", "invalid-identifier", Severity.ERROR, "m", None, Span("/project/a,b:c.ts", 1, 1, 1, 2)
    )
    assert render("github", [odd]).startswith("::error file=a%2Cb%3Ac.ts,")


def test_junit_has_a_suite_per_file_and_a_failure_per_finding() -> None:
    suites = ET.fromstring(render("junit"))
    assert suites.attrib["tests"] == "4" and suites.attrib["failures"] == "3"
    by_name = {suite.attrib["name"]: suite for suite in suites}
    assert list(by_name) == ["convex/clean.ts", "convex/schema.ts", "convex/tables.ts"]
    clean = by_name["convex/clean.ts"]
    assert clean.attrib["failures"] == "0" and clean.find("testcase/failure") is None
    failures = by_name["convex/schema.ts"].findall("testcase/failure")
    assert [f.attrib["type"] for f in failures] == ["error D101 invalid-identifier", "info T302 any-type"]
