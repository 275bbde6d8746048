"""`schemalint check`, `schemalint rules` and `schemalint rule`: output, exit codes, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import write_project

from schemalint.cli import main

CLEAN = """
export default defineSchema({
  users: defineTable({ name: v.string() }).index("by_name", ["name"]),
});
"""
# One warning (a top-level `_` field) and one info (v.any()).
WARNS = """
export default defineSchema({
  users: defineTable({ _legacy: v.string(), payload: v.any() }),
});
"""
ERRORS = """
export default defineSchema({
  users: defineTable({ "bad-name": v.string() }),
});
"""


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", str(root), *args])


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    write_project(tmp_path, CLEAN)
    return tmp_path


@pytest.fixture
def warns(tmp_path: Path) -> Path:
    write_project(tmp_path, WARNS)
    return tmp_path


def test_a_clean_project_exits_0(clean: Path) -> None:
    result = check(clean)
    assert result.exit_code == 0, result.output
    assert result.stdout == "All checks passed!\n"


def test_a_warning_fails_by_default(warns: Path) -> None:
    result = check(warns)
    assert result.exit_code == 1
    assert "D102 [reserved-name]" in result.stdout and "T302 [any-type]" in result.stdout


def test_fail_on_sets_the_lowest_failing_severity(warns: Path) -> None:
    assert check(warns, "--fail-on", "error").exit_code == 0
    assert check(warns, "--fail-on", "info", "--ignore", "D102").exit_code == 1
    assert check(warns, "--ignore", "D102").exit_code == 0  # only info remains


def test_fail_on_can_come_from_the_config(warns: Path) -> None:
    (warns / "schemalint.yaml").write_text("fail-on: error\n")
    assert check(warns).exit_code == 0
    assert check(warns, "--fail-on", "warning").exit_code == 1


def test_exit_zero_always_exits_0(tmp_path: Path) -> None:
    write_project(tmp_path, ERRORS)
    result = check(tmp_path, "--exit-zero")
    assert result.exit_code == 0 and "D101" in result.stdout


def test_select_and_extend_select_accept_comma_separated_lists(warns: Path) -> None:
    result = check(warns, "--select", "D101,D102", "--format", "concise")
    assert [line.split()[2] for line in result.stdout.splitlines()[:-1]] == ["D102"]
    result = check(warns, "--select", "D101", "--extend-select", "any-type", "--format", "concise")
    assert [line.split()[2] for line in result.stdout.splitlines()[:-1]] == ["T302"]


def test_json_output_to_a_file(warns: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(warns)  # paths are shown relative to the current directory
    report = warns / "out" / "report.json"
    report.parent.mkdir()
    result = check(warns, "--format", "json", "--output-file", str(report))
    assert result.exit_code == 1 and result.stdout == ""
    document = json.loads(report.read_text())
    assert [d["rule"] for d in document["diagnostics"]] == ["reserved-name", "any-type"]
    assert document["diagnostics"][0]["file"] == "convex/schema.ts"


def test_statistics_counts_findings_per_rule(warns: Path) -> None:
    result = check(warns, "--statistics")
    assert result.stdout.splitlines() == ["1  D102  reserved-name", "1  T302  any-type"]
    as_json = json.loads(check(warns, "--statistics", "--format", "json").stdout)
    assert as_json[0] == {"code": "D102", "rule": "reserved-name", "count": 1}


def test_a_bad_config_exits_2_naming_the_key(warns: Path) -> None:
    (warns / "pyproject.toml").write_text("[tool.schemalint]\nselect = ['D101']\nfail_on = 'error'\n")
    result = check(warns)
    assert result.exit_code == 2
    assert "unknown key 'fail_on' (did you mean 'fail-on'?)" in result.stderr
    assert "Traceback" not in result.output


def test_a_bad_rule_option_exits_2_naming_the_key(warns: Path) -> None:
    (warns / "schemalint.yaml").write_text("rules:\n  any-type:\n    strict: true\n")
    result = check(warns)
    assert result.exit_code == 2 and "rules.any-type.strict" in result.stderr


def test_an_explicit_config_file_is_read(warns: Path) -> None:
    config = warns / "lint.yaml"
    config.write_text("ignore: [D102]\n")
    assert check(warns, "--config", str(config)).exit_code == 0


def test_usage_errors_exit_2(clean: Path) -> None:
    assert check(clean, "--select", "Z9").exit_code == 2
    assert check(clean, "--format", "xml").exit_code == 2
    missing = check(clean / "nowhere")
    assert missing.exit_code == 2 and "no such file or directory" in missing.stderr


def test_internal_errors_exit_2_with_a_traceback_only_in_debug_mode(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schemalint import engine

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "run", explode)
    quiet = check(clean)
    assert quiet.exit_code == 2
    assert "error: internal error: RuntimeError: boom (rerun with --debug" in quiet.stderr
    assert "Traceback" not in quiet.stderr
    loud = check(clean, "--debug")
    assert loud.exit_code == 2 and "Traceback" in loud.stderr


def test_check_start_up_does_not_import_the_generators_dependencies(clean: Path) -> None:
    script = (
        "import sys\n"
        "from schemalint.cli import main\n"
        "try:\n"
        f"    main(['check', {str(clean)!r}])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "heavy = sorted(m for m in ('jinja2', 'libcst', 'watchfiles', 'pathspec') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
        "others = ('schemalint.cli_export', 'schemalint.cli_generate', 'schemalint.cli_rules')\n"
        "assert not [m for m in others if m in sys.modules], 'another command was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_mistyped_command_gets_the_closest_commands_suggested() -> None:
    """Commands are imported when looked up; an unknown name is still compared with all of them."""
    for typed, meant in (("expor", "export"), ("dif", "diff"), ("generat", "generate")):
        result = CliRunner().invoke(main, [typed])
        assert result.exit_code == 2
        assert f"No such command {typed!r}. Did you mean {meant!r}?" in result.stderr


def test_rules_lists_the_catalog() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    from schemalint.rules import RULES

    assert len(lines) == len(RULES)
    assert ["D101", "invalid-identifier", "error", "stable"] in [line.split()[:4] for line in lines]
    assert ["C701", "revalidated-table", "warning", "stable"] in [line.split()[:4] for line in lines]


@pytest.mark.parametrize("key", ["D101", "d101", "invalid-identifier"])
def test_rule_explains_one_rule_with_its_examples(key: str) -> None:
    result = CliRunner().invoke(main, ["rule", key])
    assert result.exit_code == 0
    assert result.stdout.startswith("D101 invalid-identifier (default severity: error; stable, since 0.1.0)")
    assert "Why this matters:" in result.stdout
    assert '"first-name": v.string(),' in result.stdout


def test_rule_shows_options() -> None:
    result = CliRunner().invoke(main, ["rule", "deep-nesting"])
    assert "max-depth (int, default 16, at least 1)" in result.stdout


def test_a_rule_in_preview_runs_only_with_preview_or_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from schemalint import rules, selection

    stable = rules.spec_for("any-type")
    assert stable is not None
    preview = dataclasses.replace(stable, stage="preview")
    specs = tuple(preview if spec is stable else spec for spec in rules.SPECS)
    for module in (rules, selection):  # the catalog said `stage: preview`
        monkeypatch.setattr(module, "SPECS", specs)
    monkeypatch.setitem(rules._BY_KEY, preview.code, preview)
    monkeypatch.setitem(rules._BY_KEY, preview.name, preview)
    write_project(tmp_path, "export default defineSchema({ logs: defineTable({ data: v.any() }) });")

    def rules_found(*flags: str) -> list[str]:
        result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--exit-zero", *flags])
        return [d["rule"] for d in json.loads(result.stdout)["diagnostics"]]

    assert rules_found() == []
    assert rules_found("--preview") == ["any-type"]
    assert rules_found("--select", "T302") == ["any-type"]  # named exactly: an explicit opt-in
    assert rules_found("--select", "T3") == []
    (tmp_path / "schemalint.yaml").write_text("preview: true\n")
    assert rules_found() == ["any-type"]
    assert rules_found("--no-preview") == []


def test_an_unknown_rule_exits_2() -> None:
    result = CliRunner().invoke(main, ["rule", "nope"])
    assert result.exit_code == 2 and "no rule 'nope'" in result.stderr
