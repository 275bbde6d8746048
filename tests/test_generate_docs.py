"""`schemalint generate docs`: the generated Markdown is what users read, so it is snapshotted
file by file (tests/__snapshots__/test_generate_docs/*.md); every Mermaid block must parse with
the real `mermaid` package; output is deterministic and escapes whatever the schema contains."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from console_script import ScriptExit, run_console_script
from hypothesis import given
from hypothesis import strategies as st
from injection_project import FIELDS, HOSTILE_COMMENT, LITERALS, META_LITERALS, TABLE_NAMES
from injection_project import PROJECT as INJECTION_PROJECT
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from schemalint.cli import main
from schemalint.diagnostics import Severity, Span
from schemalint.discovery import discover
from schemalint.findings import Diagnostic
from schemalint.generate import markdown as md
from schemalint.generate.docs import render_docs
from schemalint.generate.docs_model import page_names
from schemalint.generate.mermaid import entity_ids, label
from schemalint.parser import parse_project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
DOCS_FIXTURES = sorted([*FIXTURES.glob("seed-*"), FIXTURES / "docs-edge-cases"])
MERMAID_SCRIPT = REPO / "tests" / "oracle" / "mermaid-parse.mjs"
MERMAID_HINT = "run `npm ci --prefix tests/oracle` (from the repository root) first"

# Projects that cannot be fixtures (every fixture must export exactly as `convex` does):
# names Convex rejects but the parser accepts, which must still be escaped, get safe file names
# and parse as Mermaid; and parts the parser cannot evaluate, which the docs call "unknown".
HOSTILE_NAMES_SCHEMA = """\
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  "a|b": defineTable({ "x|y": v.id("<script>"), "pk": v.string(), "fk": v.id("a|b") }),
  "<script>": defineTable({ "`tick`": v.optional(v.id("a|b")), "new\\nline": v.string() }),
  "../../etc/passwd": defineTable({ "direction LR": v.id("../../etc/passwd") }),
  "one": defineTable({ "to": v.id("many"), "u": v.array(v.id("one")) }),
  "many": defineTable({ "%%{init}%%": v.string(), "#quot;": v.id("one") }),
  "": defineTable({ "": v.id("") }),
  "Ünïcödé 名前": defineTable({ "ключ": v.id("Ünïcödé 名前") }),
  "CON": defineTable({ "a.b": v.object({ "c d": v.id("CON") }) }),
});
"""
PARTIAL_SCHEMA = """\
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
// A package schemalint does not evaluate: what comes from it is unknown.
import { loopBuiltFields, loopPickedValidator } from "runtime-schema-helpers";

export default defineSchema({
  // Partly built at run time.
  generated: defineTable({
    known: v.string(),
    picked: loopPickedValidator(),
    list: v.array(loopPickedValidator()),
    nested: v.object({ fixed: v.boolean(), ...loopBuiltFields() }),
    ...loopBuiltFields(),
  }),
  whole: defineTable(loopPickedValidator()),
});
"""
# tests/injection/: attacker-controlled literals, comments and names (see tests/injection_project.py).
INJECTION_SCHEMA = (INJECTION_PROJECT / "convex" / "schema.ts").read_text(encoding="utf-8")
IN_TEST_PROJECTS = {
    "hostile-names": HOSTILE_NAMES_SCHEMA,
    "injection": INJECTION_SCHEMA,
    "partial-schema": PARTIAL_SCHEMA,
}


class MarkdownSnapshot(SingleFileSnapshotExtension):
    """One reviewable `.md` file per generated file."""

    _write_mode = WriteMode.TEXT
    file_extension = "md"


@pytest.fixture
def md_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(MarkdownSnapshot)


def docs_for(project_dir: Path) -> dict[str, str]:
    return render_docs(parse_project(discover(project_dir)))


def write_project(root: Path, schema: str) -> Path:
    (root / "convex").mkdir(parents=True)
    (root / "convex" / "schema.ts").write_text(schema, encoding="utf-8")
    return root


def generate(project: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["generate", "docs", str(project), "--out", str(out), *extra])
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------------------------ snapshots


@pytest.mark.parametrize("fixture", DOCS_FIXTURES, ids=lambda p: p.name)
def test_generated_docs_match_the_reviewed_snapshots(fixture: Path, md_snapshot: SnapshotAssertion) -> None:
    files = docs_for(fixture)
    assert "\n".join(sorted(files)) + "\n" == md_snapshot(name="_files")
    for name, content in sorted(files.items()):
        assert content == md_snapshot(name=name)


@pytest.mark.parametrize("name", sorted(IN_TEST_PROJECTS))
def test_docs_of_in_test_projects_match_the_reviewed_snapshots(
    name: str, tmp_path: Path, md_snapshot: SnapshotAssertion
) -> None:
    files = docs_for(write_project(tmp_path / name, IN_TEST_PROJECTS[name]))
    assert "\n".join(sorted(files)) + "\n" == md_snapshot(name="_files")
    for name, content in sorted(files.items()):
        assert content == md_snapshot(name=name)


def test_every_file_starts_with_the_generated_notice() -> None:
    for fixture in DOCS_FIXTURES:
        schema = discover(fixture).schema_file.relative_to(fixture).as_posix()
        for name, content in docs_for(fixture).items():
            first = content.split("\n", 1)[0]
            assert first == f"<!-- Code generated by schemalint from {schema}. DO NOT EDIT. -->", name


# ----------------------------------------------------------------------------------- mermaid


def test_every_mermaid_block_parses_with_the_real_mermaid(tmp_path: Path) -> None:
    assert shutil.which("node"), "node is not installed; the mermaid check needs node >= 20"
    assert (MERMAID_SCRIPT.parent / "node_modules" / "mermaid").is_dir(), MERMAID_HINT
    markdown: list[Path] = []
    projects = [
        *DOCS_FIXTURES,
        *(write_project(tmp_path / name, schema) for name, schema in sorted(IN_TEST_PROJECTS.items())),
    ]
    for project in projects:
        out = tmp_path / "docs" / project.name
        for name, content in docs_for(project).items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_text(content, encoding="utf-8")
            markdown.append(out / name)
    completed = subprocess.run(
        ["node", str(MERMAID_SCRIPT), *map(str, markdown)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    result = json.loads(completed.stdout)
    failures = [
        f"{Path(f['file']).relative_to(tmp_path)}:{f['line']}: {f['message']}" for f in result["failures"]
    ]
    assert failures == []
    blocks = sum(content.count("```mermaid") for path in markdown for content in [path.read_text()])
    assert result["blocks"] == blocks > len(projects)


def test_the_mermaid_script_reports_a_bad_block_with_its_line(tmp_path: Path) -> None:
    assert (MERMAID_SCRIPT.parent / "node_modules" / "mermaid").is_dir(), MERMAID_HINT
    page = tmp_path / "bad.md"
    page.write_text(
        '# t\n\n```mermaid\nerDiagram\n    a ||--|| b : "ok"\n    a }}}} b\n```\n', encoding="utf-8"
    )
    completed = subprocess.run(
        ["node", str(MERMAID_SCRIPT), str(page)], capture_output=True, text=True, timeout=300, check=False
    )
    assert completed.returncode == 1, completed.stderr
    [failure] = json.loads(completed.stdout)["failures"]
    assert failure["line"] == 6


# ------------------------------------------------------------------------------- determinism


def test_the_console_script_writes_every_file_before_it_exits_without_teardown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """`schemalint generate docs` runs with the garbage collector off and ends by `os._exit`
    (schemalint.fastpath): the files, the manifest and the summary must all be out by then."""
    project = FIXTURES / "docs-edge-cases"
    ended = run_console_script(["generate", "docs", str(project), "--out", str(tmp_path / "d")], monkeypatch)
    assert ended == ScriptExit(status=0, collector_was_off=True)
    assert "written, 0 unchanged, 0 removed" in capfd.readouterr().err
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "d").glob("*.md")}
    assert written == docs_for(project)
    assert (tmp_path / "d" / ".schemalint-manifest.json").is_file()


def test_generating_twice_gives_byte_identical_files(tmp_path: Path) -> None:
    project = FIXTURES / "docs-edge-cases"
    assert generate(project, tmp_path / "a")[0] == 0
    assert generate(project, tmp_path / "b")[0] == 0
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in sorted((tmp_path / "a").rglob("*"))}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in sorted((tmp_path / "b").rglob("*"))}
    assert first == second
    code, _, stderr = generate(project, tmp_path / "a")
    assert code == 0
    assert "0 written" in stderr
    assert {
        p.relative_to(tmp_path / "a"): p.read_bytes() for p in sorted((tmp_path / "a").rglob("*"))
    } == first


def test_output_has_only_newline_line_ends_and_no_trailing_blank_lines() -> None:
    for name, content in docs_for(FIXTURES / "docs-edge-cases").items():
        assert "\r" not in content, name
        assert content.endswith("\n") and not content.endswith("\n\n"), name
        assert "\n\n\n" not in content, name


# --------------------------------------------------------------------------------- escaping


def _table_rows(content: str) -> list[str]:
    return [line for line in content.split("\n") if line.startswith("|")]


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", row)) - 1


def test_hostile_names_and_text_never_break_a_table_or_inject_html(tmp_path: Path) -> None:
    for project in (
        FIXTURES / "docs-edge-cases",
        *(write_project(tmp_path / name, schema) for name, schema in sorted(IN_TEST_PROJECTS.items())),
    ):
        for name, content in docs_for(project).items():
            outside_code = re.sub(r"```mermaid\n.*?```", "", content, flags=re.DOTALL)
            outside_code = re.sub(r"`[^`\n]+`", "", outside_code)  # code spans show `<` literally
            tags = set(re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", outside_code))
            assert tags <= {"br", "code"}, (name, tags)
            assert "<!--" not in outside_code.split("\n", 1)[1], name
            for table in re.split(r"\n(?!\|)", content):
                rows = _table_rows(table)
                assert len({_cells(row) for row in rows}) <= 1, (name, rows)


def test_literals_and_comments_are_shown_verbatim_but_inert() -> None:
    page = docs_for(FIXTURES / "docs-edge-cases")["weirdText.md"]
    assert "| `script` | `v.literal(\"<script>alert('x')</script>\")` |" in page
    assert "<code>v.literal(&#34;a&#124;b&#124;&#124;c&#34;)</code>" in page
    assert '`v.literal("line one\\nline two\\r\\n\\ttabbed")`' in page
    assert '&lt;script&gt;alert("xss")&lt;/script&gt;' in page
    assert "\\[injected\\](http://evil.example)" in page
    assert "bidi\\u202eoverride" in page


_JS_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JS_ESCAPE = re.compile(r"\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|(.))", re.DOTALL)
_JS_SHORT_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _js_value(literal: str) -> str:
    """The string a double-quoted JS string literal stands for."""
    assert literal.startswith('"') and literal.endswith('"'), literal

    def unescape(match: re.Match[str]) -> str:
        code = match[1] or match[2]
        return chr(int(code, 16)) if code else _JS_SHORT_ESCAPES.get(match[3], match[3])

    return _JS_ESCAPE.sub(unescape, literal[1:-1])


def _js_values(source: str) -> tuple[str, ...]:
    """The strings of every JS string literal in `source`, in order."""
    return tuple(_js_value(literal) for literal in _JS_STRING.findall(source))


def _shown_code(cell: str) -> str:
    """What a code cell shows: a backtick code span as it is, `<code>` with references decoded."""
    if cell.startswith("`") and cell.endswith("`"):
        return cell[1:-1]
    assert cell.startswith("<code>") and cell.endswith("</code>"), cell
    return html.unescape(cell.removeprefix("<code>").removesuffix("</code>"))


def _shown_text(cell: str) -> str:
    """What a text cell shows: backslash escapes and character references decoded."""
    return html.unescape(re.sub(r"\\(.)", r"\1", cell))


def _field_rows(page: str) -> dict[str, list[str]]:
    """The rows of a page's Fields table, as cells, by the field path they show."""
    table = page.split("\n## Fields\n\n", 1)[1].split("\n\n", 1)[0]
    rows = [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in _table_rows(table)]
    assert rows[0] == ["Field", "Type", "Optional", "References", "Description"]
    return {_shown_code(cells[0]): cells for cells in rows[2:]}


def test_injected_text_is_shown_as_the_same_values_in_tables_of_the_same_shape() -> None:
    files = docs_for(INJECTION_PROJECT)
    pages = page_names(TABLE_NAMES)
    for table, fields in FIELDS.items():
        paths = [path for path in _field_rows(files[pages[table]]) if not path.startswith(("meta.", "meta["))]
        shown = [_js_value(path) if path.startswith('"') else path for path in paths]
        assert shown == ["_id", "_creationTime", *fields], table
    rows = _field_rows(files[pages["injection"]])
    for field, values in LITERALS.items():
        assert _js_values(_shown_code(rows[field][1])) == values, (field, rows[field][1])
    assert [path for path in rows if path.startswith("meta")] == [
        "meta",
        "meta.__init__",
        "meta.__class__",
        "meta[\"'''\"]",
        'meta["{{ x }}"]',
    ]
    assert _js_values(_shown_code(rows["meta.__class__"][1])) == META_LITERALS
    assert _shown_text(rows["doubleQuote"][4]) == HOSTILE_COMMENT


def test_unsafe_table_names_get_distinct_portable_file_names() -> None:
    names = ["users", "Users", "README", "readme", "con", "a|b", "a_b", "../x", "", "名前", "x" * 300, "f\n"]
    files = page_names(names)
    assert files["a_b"] == "a_b.md"
    assert len({f.casefold() for f in files.values()} | {"readme.md"}) == len(names) + 1
    for name, file in files.items():
        assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,60}\.md", file), (name, file)
    assert page_names(reversed(names)) == files


def test_a_table_name_ending_in_a_newline_gets_docs_not_a_crash(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        """
        import { defineSchema, defineTable } from "convex/server";
        import { v } from "convex/values";
        export default defineSchema({ "f\\n": defineTable({ "a\\r\\n\\u0000": v.string() }) });
        """,
    )
    # (Convex rejects those names, D101: the docs are written only with --allow-partial)
    code, _, err = generate(project, tmp_path / "out", "--allow-partial")
    assert code == 0, err
    pages = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert pages == ["README.md", page_names(["f\n"])["f\n"]]
    assert re.fullmatch(r"f-[0-9a-f]{8}\.md", pages[1])


def test_mermaid_ids_are_distinct_even_ignoring_case() -> None:
    ids = entity_ids(["users", "Users", "a|b", "a_b", "a-b", "", "_storage"])
    assert len({i.casefold() for i in ids.values()}) == len(ids)
    assert ids["Users"] == "t_Users" and ids["users"] == "t_users_2" and ids["a_b"] == "t_a_b"
    assert all(re.fullmatch(r"t_[A-Za-z0-9_]*", i) for i in ids.values())


# ------------------------------------------------------------------------------ descriptions


def test_section_banners_and_tool_directives_are_not_descriptions() -> None:
    readme = docs_for(FIXTURES / "seed-002-community")["README.md"]
    assert "| [users](users.md) | Community profile for a Better Auth user. |" in readme
    assert "| [spaces](spaces.md) | Discussion spaces shown in the sidebar. |" in readme
    comments = docs_for(FIXTURES / "comments-everywhere")["README.md"]
    assert "| [tickets](tickets.md) | A customer request. |" in comments
    assert "| [macros](macros.md) | canned replies |" in comments


# -------------------------------------------------------------------------------- findings


def _finding(table: str | None, message: str, line: int) -> Diagnostic:
    span = Span(str(FIXTURES / "docs-edge-cases" / "convex" / "schema.ts"), line, 3, line, 9)
    return Diagnostic("X001", "some-rule", Severity.WARNING, message, "do | this", span, table=table)


def test_findings_go_on_their_table_page_and_the_rest_in_the_readme() -> None:
    project = parse_project(discover(FIXTURES / "docs-edge-cases"))
    findings = [_finding("users", "a <b>|</b> problem", 90), _finding(None, "schema-wide", 1)]
    files = render_docs(project, findings)
    users = files[page_names(t.name for t in project.schema.tables)["users"]] if project.schema else ""
    assert (
        "| warning | `X001` some-rule | a &lt;b&gt;\\|&lt;/b&gt; problem<br>do \\| this | `convex/schema.ts:90` |"
        in users
    )
    assert "schema-wide" in files["README.md"] and "schema-wide" not in users
    assert "`schemalint check` reports nothing for this table." in files["messages.md"]
    assert "## Findings" not in docs_for(FIXTURES / "docs-edge-cases")["messages.md"]


def test_with_findings_lists_the_check_findings(tmp_path: Path) -> None:
    code, _, _ = generate(FIXTURES / "docs-edge-cases", tmp_path / "docs", "--with-findings")
    assert code == 0
    pages = sorted((tmp_path / "docs").glob("*.md"))
    assert all("\n## Findings\n" in page.read_text() for page in pages)
    assert "any-type" in (tmp_path / "docs" / "blobs.md").read_text()


# ---------------------------------------------------------------------------- partial schemas


def test_what_the_parser_cannot_evaluate_is_shown_as_unknown_with_a_note(tmp_path: Path) -> None:
    files = docs_for(write_project(tmp_path / "partial", PARTIAL_SCHEMA))
    page = files["generated.md"]
    assert "| `picked` | `unknown` | no |  | Unknown: see [note 2](#notes) |" in page
    assert "| `list` | `v.array(unknown)` | no |  | Partly unknown: see [note 3](#notes) |" in page
    assert "Documents may have more fields than listed here (see [note 1](#notes))." in page
    assert "\n## Notes\n\n1. Documents may have fields the parser could not see: " in page
    assert "The document validator is unknown (see [note 1](#notes))." in files["whole.md"]
    assert "| [generated](generated.md) | Partly built at run time. | 4+ |" in files["README.md"]
    assert "could not be evaluated, so these pages\nmay be incomplete:" in files["README.md"]


def test_a_schema_that_cannot_be_read_generates_nothing(tmp_path: Path) -> None:
    (tmp_path / "convex").mkdir()
    (tmp_path / "convex" / "schema.ts").write_text("export const notASchema = 1;\n", encoding="utf-8")
    code, _, stderr = generate(tmp_path, tmp_path / "docs")
    assert code == 1
    assert "nothing generated" in stderr
    assert not (tmp_path / "docs").exists()


def test_an_empty_schema_still_documents_its_options(tmp_path: Path) -> None:
    (tmp_path / "convex").mkdir()
    (tmp_path / "convex" / "schema.ts").write_text(
        textwrap.dedent("""\
            import { defineSchema } from "convex/server";
            export default defineSchema({}, { schemaValidation: false });
        """),
        encoding="utf-8",
    )
    files = docs_for(tmp_path)
    assert list(files) == ["README.md"]
    assert "The schema declares no tables." in files["README.md"]
    assert "| `schemaValidation` | `false` |" in files["README.md"]


# ------------------------------------------------------------------------- escaping, any text

_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


@given(st.text())
def test_any_text_becomes_inert_markdown_on_one_line(value: str) -> None:
    out = md.text(value)
    assert not {"\n", "\r", "<", ">", "`"} & set(out.replace("\\`", ""))
    assert not _PIPE.search(out)


@given(st.text())
def test_any_text_becomes_inline_code_that_is_safe_in_a_table(value: str) -> None:
    out = md.code(value)
    assert "\n" not in out and "\r" not in out
    assert not _PIPE.search(out)
    if out.startswith("`"):
        assert out.count("`") == 2 and out.endswith("`")
    else:
        inner = out.removeprefix("<code>").removesuffix("</code>")
        assert not {"<", ">", "`", "|", "*", "_", "[", "\\"} & set(inner)


@given(st.text())
def test_any_text_becomes_a_mermaid_label_without_syntax(value: str) -> None:
    out = label(value)
    assert out and not {'"', "%", "#", "\\", "`", "<", ">", ";", "{", "}"} & set(out)
    assert not any(char.isspace() for char in out)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("snake_case", "snake_case"),
        ("a__b", "a__b"),
        ("é_ü", "é_ü"),
        ("_private", "\\_private"),
        ("trailing_", "trailing\\_"),
        ("a _ b", "a \\_ b"),
        ("x_*y", "x\\_\\*y"),
        ("1. a <b> & [c]|d", "1\\. a &lt;b&gt; &amp; \\[c\\]\\|d"),
        ("+ list", "\\+ list"),
        ("#1 $x~y`z", "\\#1 \\$x\\~y\\`z"),
        ("line\nbreak\ttab  ", "line break tab"),
        ("\u202eevil\x00", "\\\\u202eevil\\\\u0000"),
    ],
)
def test_text_escapes_exactly_the_characters_markdown_could_read_as_syntax(value: str, expected: str) -> None:
    assert md.text(value) == expected


def test_a_mermaid_label_keeps_exactly_the_letters_digits_and_inert_punctuation() -> None:
    # label() is a regular expression; `\w` must mean what `str.isalnum` (plus `_`) means
    inert = set("_.,:/()[]@+=!?'-")
    for char in map(chr, [*range(0x3400), 0xFF10, 0x1D7CE, 0x1F600, 0x10FFFF]):
        assert label(char) == (char if char.isalnum() or char in inert else "_"), repr(char)
    assert label('é٣ǅ ok-_.x"') == "é٣ǅ_ok-_.x_"
    assert label("") == "_"


def test_runs_of_blank_lines_are_collapsed_and_the_file_ends_in_one_newline() -> None:
    from schemalint.generate.docs import _tidy

    assert _tidy("\n# a\n\n\n\nb\n\n\n") == "# a\n\nb\n"
    assert _tidy("# a\n\nb") == "# a\n\nb\n"
