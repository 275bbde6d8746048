"""Names from a hostile schema cannot act on a terminal, forge CI output or break XML.

A schema that Convex's parser accepts can name tables and fields with any characters: cursor
movement and erase-line escapes that paint "All checks passed!" over the real findings, a line
break followed by a GitHub workflow command, bidi overrides; a comment can hold a raw ESC that a
code frame would echo. Every format is rendered end to end (`schemalint check`) and read back the
way its consumer reads it: text through a terminal emulator (pyte), JSON and SARIF with a JSON
parser, JUnit with an XML parser, github as workflow command lines.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyte
import pytest
from click.testing import CliRunner

from schemalint.cli import main
from schemalint.textsafe import _JSON_ESCAPES, UNSAFE, has_unsafe, is_unsafe, json_safe, visible

ESC = "\x1b"
# As JavaScript source: the evaluator turns the escapes into the control characters.
TABLE_JS = r"t\u001b[1A\u001b[2K\rAll checks passed!\u001b[8m"
TABLE = "t\x1b[1A\x1b[2K\rAll checks passed!\x1b[8m"
FIELD_JS = r"f\n::error file=README.md::Leaked credentials\u202e\u0085"
FIELD = "f\n::error file=README.md::Leaked credentials\u202e\u0085"
SCHEMA = f"""\
import {{ defineSchema, defineTable }} from "convex/server";
import {{ v }} from "convex/values";

export default defineSchema({{
  "{TABLE_JS}": defineTable({{
    "{FIELD_JS}": v.string(), // {ESC}]0;window title{chr(7)} {ESC}[2J{ESC}[H
  }}),
}});
"""
SUMMARY = "Found 2 problems (2 errors, 0 warnings, 0 info)."


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "convex").mkdir()
    (tmp_path / "convex" / "schema.ts").write_text(SCHEMA, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code == 1, result.output
    return result.output


def _terminal(output: str) -> list[str]:
    """What a 500-column terminal shows after printing `output` (LF is CR LF on a tty)."""
    screen = pyte.Screen(500, 60)
    pyte.Stream(screen).feed(output.replace("\n", "\r\n"))
    return [line.rstrip() for line in screen.display]


def _unsafe_in(output: str) -> set[str]:
    return {char for char in output if ord(char) in UNSAFE and char != "\n"}


@pytest.mark.parametrize("output_format", ["text", "concise"])
@pytest.mark.parametrize("color", ["never", "always"])
def test_the_terminal_shows_exactly_the_findings(hostile: Path, output_format: str, color: str) -> None:
    output = _check("--format", output_format, "--color", color)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)  # our own colours: SGR only
    assert _unsafe_in(plain) == set()
    screen = _terminal(output)
    expected = plain.rstrip("\n").split("\n")
    assert screen[: len(expected)] == expected
    assert screen[len(expected) - 1] == SUMMARY
    assert not any(line.startswith(("All checks passed!", "::")) for line in screen)
    assert f'Invalid table name "{visible(TABLE)}"' in plain
    assert f'Invalid field name "{visible(FIELD)}"' in plain


def test_code_frames_show_control_bytes_of_the_source_escaped(hostile: Path) -> None:
    output = _check("--format", "text", "--color", "never")
    assert (
        r'"f\n::error file=README.md::Leaked credentials\u202e\u0085": v.string(), // \u001b]0;window title\u0007 \u001b[2J\u001b[H'
        in output
    )
    # the underline still sits under the field name, measured in escaped characters
    frame = output.split("\n")
    source_line = max(i for i, line in enumerate(frame) if line.startswith("6 |"))  # the field's frame
    underline = frame[source_line + 1]
    assert underline == "  |     " + "^" * len(FIELD_JS + '""')


def test_github_writes_one_workflow_command_per_finding(hostile: Path) -> None:
    lines = _check("--format", "github").splitlines()
    assert len(lines) == 2
    assert all(line.startswith("::error file=convex/schema.ts,line=") for line in lines)
    assert _unsafe_in("\n".join(lines)) == set()
    message = lines[1].split("::", 2)[2]
    assert message.startswith(
        r'Invalid field name "f\u000a::error file=README.md::Leaked credentials\u202e\u0085"'
    )


def test_junit_is_well_formed_xml(hostile: Path) -> None:
    suites = ET.fromstring(_check("--format", "junit"))
    messages = [failure.attrib["message"] for failure in suites.iter("failure")]
    assert messages[0].startswith(f'Invalid table name "{visible(TABLE)}"')
    assert messages[1].startswith(f'Invalid field name "{visible(FIELD)}"')


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_json_formats_keep_the_exact_names_and_escape_them(hostile: Path, output_format: str) -> None:
    output = _check("--format", output_format)
    assert _unsafe_in(output) == set()
    document = json.loads(output)
    if output_format == "json":
        assert [(d["table"], d["field"]) for d in document["diagnostics"]] == [(TABLE, None), (TABLE, FIELD)]
    else:
        texts = [r["message"]["text"] for r in document["runs"][0]["results"]]
        assert texts[1].startswith(f'Invalid field name "{FIELD}"')


def test_parser_diagnostics_on_stderr_are_escaped(hostile: Path) -> None:
    (hostile / "convex" / "schema.ts").write_text(
        'import { x } from "./missing\\u001b[2J";\nexport default x;\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["export"])
    assert result.exit_code == 1
    assert ESC not in result.output and "\\u001b[2J" in result.output


def test_export_keeps_the_names_and_escapes_them(hostile: Path) -> None:
    result = CliRunner().invoke(main, ["export"])
    assert _unsafe_in(result.stdout) == set()
    (table,) = json.loads(result.stdout)["tables"]
    assert table["tableName"] == TABLE
    assert list(table["documentType"]["value"]) == [FIELD]


@pytest.mark.parametrize("point", range(0x80))
def test_json_safe_of_ascii_text_is_what_translating_gives(point: int) -> None:
    # ASCII documents take a shortcut (only DEL needs an escape there); the same text either way.
    document = f'{{\n  "a{chr(point)}b": [1, "{chr(point)}"]\n}}'
    assert json_safe(document) == document.translate(_JSON_ESCAPES)


def test_every_unsafe_character_is_non_printable() -> None:
    # `visible` and `json_safe` return printable text unchanged without looking further.
    assert not any(chr(point).isprintable() for point in UNSAFE)
    assert all(visible(f"a{chr(point)}b") == f"a\\u{point:04x}b" for point in UNSAFE)


def test_is_unsafe_answers_membership_of_unsafe() -> None:
    # The code points escaped: C0, DEL, C1, the arabic letter mark, LRM/RLM, line and paragraph
    # separators, bidi embeddings, overrides and isolates, surrogates, U+FFFE and U+FFFF.
    listed = {
        *range(0x20), 0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F, 0x2028, 0x2029,
        *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF,
    }  # fmt: skip
    assert listed == UNSAFE
    near = {*range(0x3000), *(p + step for p in UNSAFE for step in (-1, 1)), 0x10FFFF}
    assert all(is_unsafe(point) == (point in UNSAFE) for point in near)
    assert has_unsafe("a\u202eb") and not has_unsafe("abc é")
