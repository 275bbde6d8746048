"""`schemalint check` as ruff behaves: paths relative to where you run it, several PATHs, a
monorepo root, per-project configuration, ruff's flag precedence, colours, settings, a closed
pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import write_project

from schemalint.cli import main
from schemalint.terminal import use_color

WEB = """
export default defineSchema({
  users: defineTable({ name: v.string(), payload: v.any() }),
});
"""
ADMIN = """
export default defineSchema({
  audits: defineTable({ "bad-name": v.string() }),
});
"""


@pytest.fixture
def monorepo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two apps (web: one info finding; admin: one error) and a decoy in node_modules."""
    (tmp_path / ".git").mkdir()
    write_project(tmp_path / "apps" / "web", WEB)
    write_project(tmp_path / "apps" / "admin", ADMIN)
    write_project(tmp_path / "node_modules" / "template", ADMIN)
    (tmp_path / "apps" / "web" / "schemalint.yaml").write_text("fail-on: info\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", *args])


def test_a_monorepo_root_checks_every_app_with_its_own_config(monorepo: Path) -> None:
    result = check("--format", "concise")
    assert result.stdout.splitlines() == [
        "apps/admin/convex/schema.ts:4:25: error D101 [invalid-identifier] Invalid field name "
        "\"bad-name\": Identifier bad-name has invalid character '-': Identifiers can only contain "
        "alphanumeric characters or underscores",
        'apps/web/convex/schema.ts:4:51: info T302 [any-type] Field "payload" is v.any(): its values '
        "are not checked and generated clients type them as Any",
        "Found 2 problems (1 error, 0 warnings, 1 info).",
    ]
    assert result.exit_code == 1
    # web alone fails only because its own config says fail-on: info
    assert check("apps/web").exit_code == 1
    assert check("apps/web", "--fail-on", "warning").exit_code == 0


def test_several_paths_are_checked_together(monorepo: Path) -> None:
    result = check("apps/web", "apps/admin/convex/schema.ts", "apps/web/convex", "--format", "json")
    files = [d["file"] for d in json.loads(result.stdout)["diagnostics"]]
    assert files == ["apps/admin/convex/schema.ts", "apps/web/convex/schema.ts"]


@pytest.mark.parametrize(
    ("cwd", "path", "shown"),
    [
        (".", "apps/web", "apps/web/convex/schema.ts"),
        ("apps/web", ".", "convex/schema.ts"),
        ("apps/web/convex", ".", "schema.ts"),
    ],
)
def test_paths_are_relative_to_the_current_directory_in_every_format(
    monorepo: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, path: str, shown: str
) -> None:
    monkeypatch.chdir(monorepo / cwd)
    assert check(path, "--format", "concise").stdout.startswith(f"{shown}:4:51: info T302")
    assert check(path, "--format", "text").stdout.startswith(f"{shown}:4:51: info T302")
    assert check(path, "--format", "github").stdout.startswith(f"::notice file={shown},line=4,")
    assert json.loads(check(path, "--format", "json").stdout)["diagnostics"][0]["file"] == shown
    assert f'classname="{shown}"' in check(path, "--format", "junit").stdout
    run = json.loads(check(path, "--format", "sarif").stdout)["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == (monorepo / cwd).resolve().as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": shown, "uriBaseId": "SRCROOT"}


def test_output_format_is_the_name_and_format_an_alias(monorepo: Path) -> None:
    assert (
        check("apps/web", "--output-format", "concise").stdout
        == check("apps/web", "--format", "concise").stdout
    )


def test_statistics_with_a_format_that_has_no_place_for_it_is_a_usage_error(monorepo: Path) -> None:
    result = check("--statistics", "--output-format", "sarif")
    assert result.exit_code == 2
    assert (
        "--statistics prints a table or JSON: use --output-format text, concise, json, not sarif"
        in result.output
    )
    rows = json.loads(check("--statistics", "--output-format", "json").stdout)
    assert rows == [
        {"code": "D101", "rule": "invalid-identifier", "count": 1},
        {"code": "T302", "rule": "any-type", "count": 1},
    ]


def test_command_line_select_overrides_the_configs_extend_select(monorepo: Path) -> None:
    (monorepo / "apps" / "web" / "schemalint.yaml").write_text("select: [D]\nextend-select: [T302]\n")
    assert "T302" in check("apps/web", "--format", "concise").stdout
    assert "T302" not in check("apps/web", "--select", "D", "--format", "concise").stdout
    assert (
        "T302" in check("apps/web", "--select", "D", "--extend-select", "T302", "--format", "concise").stdout
    )


def test_a_config_syntax_error_exits_2_with_its_position(monorepo: Path) -> None:
    (monorepo / "apps" / "web" / "schemalint.yaml").unlink()
    (monorepo / "apps" / "web" / "pyproject.toml").write_text('[tool.schemalint]\nselect = ["D"\n')
    result = check("apps/web")
    assert result.exit_code == 2
    expected = f"error: {monorepo}/apps/web/pyproject.toml:3:1: invalid TOML: "
    assert result.output.startswith(expected), result.output


def test_show_settings_prints_each_value_and_where_it_came_from(monorepo: Path) -> None:
    result = check("apps/web", "--show-settings", "--extend-select", "T302", "--fail-on", "error")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "# project: apps/web (schema apps/web/convex/schema.ts)",
        "# configuration file: apps/web/schemalint.yaml",
        'select = ["ALL"]  # default',
        "extend-select = []  # default",
        "ignore = []  # default",
        "# command line (1): --extend-select T302 (applied on top)",
    ]
    assert 'fail-on = "error"  # command line' in lines
    assert "strict = false  # default" in lines and "preview = false  # default" in lines
    assert "rules.deep-nesting.max-depth = 16  # default" in lines


def test_show_settings_names_the_config_file_a_value_came_from(monorepo: Path) -> None:
    (monorepo / "apps" / "web" / "schemalint.yaml").write_text("ignore: [T302]\n")
    lines = check("apps/web", "--show-settings").stdout.splitlines()
    assert f'ignore = ["T302"]  # {monorepo}/apps/web/schemalint.yaml' in lines


def test_show_settings_shows_control_and_bidi_characters_of_the_repository_escaped(monorepo: Path) -> None:
    # #17: patterns, option values and directory names come from the repository being checked.
    hostile = monorepo / "apps" / "x\x1b[2J\u202e"
    write_project(hostile, WEB)
    (hostile / "schemalint.yaml").write_text(
        'per-file-ignores: {"convex/\\e[1A\\n::error::x\\u202e*.ts": [D101]}\n', encoding="utf-8"
    )
    output = check(str(hostile.relative_to(monorepo)), "--show-settings").stdout
    assert "# project: apps/x\\u001b[2J\\u202e (schema apps/x\\u001b[2J\\u202e/convex/schema.ts)" in output
    assert 'per-file-ignores = {"convex/\\u001b[1A\\n::error::x\\u202e*.ts": ["D101"]}' in output
    assert not any((ord(c) < 0x20 and c != "\n") or c in "\x1b\u202e" for c in output)


@pytest.mark.parametrize(
    "command", [["export"], ["generate", "docs", "--out", "out"], ["generate", "python", "--out", "out"]]
)
def test_one_project_commands_at_a_monorepo_root_name_the_candidates(
    monorepo: Path, command: list[str]
) -> None:
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2
    assert result.output == "error: .: 2 Convex projects found (apps/admin, apps/web); pass one of them\n"
    assert not (monorepo / "out").exists()
    assert CliRunner().invoke(main, [*command, "apps/web"]).exit_code == 0


def test_colour_follows_color_no_color_and_force_color(monorepo: Path) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    class Pipe:
        def isatty(self) -> bool:
            return False

    tty, pipe = Terminal(), Pipe()
    assert use_color("auto", tty, {}) and not use_color("auto", pipe, {})  # type: ignore[arg-type]
    assert not use_color("auto", tty, {"NO_COLOR": "1"})  # type: ignore[arg-type]
    assert use_color("auto", pipe, {"FORCE_COLOR": "1"})  # type: ignore[arg-type]
    assert not use_color("auto", pipe, {"FORCE_COLOR": "1", "NO_COLOR": "1"})  # type: ignore[arg-type]
    assert use_color("always", pipe, {"NO_COLOR": "1"})  # type: ignore[arg-type]
    assert not use_color("never", tty, {"FORCE_COLOR": "1"})  # type: ignore[arg-type]
    runner = CliRunner()
    forced = runner.invoke(main, ["check", "apps/web", "--format", "concise"], env={"FORCE_COLOR": "1"})
    assert "\x1b[1;36minfo\x1b[0m" in forced.stdout
    never = runner.invoke(main, ["check", "apps/web", "--color", "never"], env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in never.stdout


def test_a_reader_closing_the_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    fields = "\n".join(f"    f{i}: v.any()," for i in range(1500))  # ~250 KB of findings
    write_project(tmp_path, f"export default defineSchema({{\n  t: defineTable({{\n{fields}\n  }}),\n}});\n")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "schemalint", "check", "--format", "concise", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert b"T302" in first
    assert stderr == b""


def test_rule_links_follow_docs_url_and_its_environment_variable(monorepo: Path) -> None:
    flag = json.loads(
        check("apps/web", "--output-format", "json", "--docs-url", "https://x.example/r").stdout
    )
    assert flag["diagnostics"][0]["url"] == "https://x.example/r/any-type.md"
    env = CliRunner().invoke(
        main,
        ["check", "apps/web", "--output-format", "sarif"],
        env={"SCHEMALINT_DOCS_URL": "https://y.example/"},
    )
    rules = json.loads(env.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["helpUri"] for rule in rules if rule["id"] == "T302"} == {"https://y.example/any-type.md"}
