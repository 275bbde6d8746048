"""The result cache of `schemalint check` (schemalint/result_cache.py, schemalint/fastpath.py).

Every test runs `check` on a small project, changes something a report depends on, and checks
that the next (cached) run prints exactly what a run without the cache prints: a stale hit that
hides a finding is the one failure a cache must never have.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from console_script import run_console_script

from schemalint import result_cache
from schemalint.cli import main

SCHEMA = """\
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { payload } from "./lib";

export default defineSchema({
  messages: defineTable({ body: v.string(), data: payload }),
});
"""
LIB_ANY = 'import { v } from "convex/values";\nexport const payload = v.any();\n'
LIB_STRING = 'import { v } from "convex/values";\nexport const payload = v.string();\n'
ANY_FINDING = 'T302 [any-type] Field "data" is v.any()'
MODULE = """\
import { query } from "./_generated/server";
export const list = query({ args: {}, handler: async (ctx) => ctx.db.query("%s").collect() });
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose schema imports `./lib` (convex/lib/index.ts: a v.any() field), with the
    cache on, in its own cache directory, run from the project root."""
    (tmp_path / "convex" / "lib").mkdir(parents=True)
    (tmp_path / "convex" / "schema.ts").write_text(SCHEMA)
    (tmp_path / "convex" / "lib" / "index.ts").write_text(LIB_ANY)
    (tmp_path / "convex" / "messages.ts").write_text(MODULE % "messages")
    monkeypatch.delenv("SCHEMALINT_NO_CACHE", raising=False)
    monkeypatch.setenv("SCHEMALINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", ".", "--output-format", "concise", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def fresh() -> tuple[int, str]:
    """What `check` says without the cache."""
    return check("--no-cache")


def entries(project: Path) -> list[Path]:
    return sorted((project / "cache" / "results").glob("*.json"))


def test_an_unchanged_project_is_not_linted_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = check()
    assert ANY_FINDING in first[1]
    assert len(entries(project)) == 1

    def fail(*_: object) -> None:
        raise AssertionError("linted again")

    monkeypatch.setattr(result_cache, "_run", fail)
    assert check() == first


def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    fresh()
    assert entries(project) == []


def edit_imported_file(project: Path) -> None:
    (project / "convex" / "lib" / "index.ts").write_text(LIB_STRING)


def shadow_the_index(project: Path) -> None:
    # `./lib` now resolves to convex/lib.ts before convex/lib/index.ts
    (project / "convex" / "lib.ts").write_text(LIB_STRING)


def js_next_to_index(project: Path) -> None:
    (project / "convex" / "lib" / "index.ts").rename(project / "convex" / "lib" / "index.js")


def new_function_module(project: Path) -> None:
    (project / "convex" / "posts.ts").write_text(MODULE % "posts")  # a table the schema lacks


def new_config(project: Path) -> None:
    (project / "schemalint.yaml").write_text("ignore: [T302]\n")


def config_in_a_parent(project: Path) -> None:
    # found walking up from the schema: convex/ is nearer than the project root
    (project / "convex" / ".schemalint.yaml").write_text("ignore: [T302]\n")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit an imported file": edit_imported_file,
    "a file that shadows the resolved index": shadow_the_index,
    "the resolved file renamed to another extension": js_next_to_index,
    "a new function module": new_function_module,
    "a new configuration file": new_config,
    "a configuration file nearer to the schema": config_in_a_parent,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_the_report_depends_on_is_never_hidden(project: Path, change: str) -> None:
    before = check()
    assert ANY_FINDING in before[1]
    CHANGES[change](project)
    after = check()
    assert after == fresh()
    assert after != before


def test_a_shadowing_file_outside_the_functions_directory(project: Path) -> None:
    # no directory listing covers shared/: only the resolver's probes for shared/lib.ts do
    (project / "shared" / "lib").mkdir(parents=True)
    (project / "shared" / "lib" / "index.ts").write_text(LIB_ANY)
    (project / "convex" / "schema.ts").write_text(SCHEMA.replace('"./lib"', '"../shared/lib"'))
    before = check()
    assert ANY_FINDING in before[1]
    (project / "shared" / "lib.ts").write_text(LIB_STRING)
    after = check()
    assert after == fresh()
    assert ANY_FINDING not in after[1]


def test_tsconfig_paths_change(project: Path) -> None:
    (project / "convex" / "schema.ts").write_text(SCHEMA.replace('"./lib"', '"@lib"'))
    (project / "convex" / "other.ts").write_text(LIB_STRING)
    tsconfig = project / "convex" / "tsconfig.json"
    tsconfig.write_text(
        json.dumps({"compilerOptions": {"baseUrl": ".", "paths": {"@lib": ["./lib/index.ts"]}}})
    )
    before = check()
    assert ANY_FINDING in before[1]
    tsconfig.write_text(json.dumps({"compilerOptions": {"baseUrl": ".", "paths": {"@lib": ["./other.ts"]}}}))
    after = check()
    assert after == fresh()
    assert ANY_FINDING not in after[1]


def test_workspace_package_exports_change(project: Path) -> None:
    (project / "package.json").write_text(json.dumps({"name": "app", "workspaces": ["packages/*"]}))
    shared = project / "packages" / "shared"
    shared.mkdir(parents=True)
    (shared / "a.ts").write_text(LIB_ANY)
    (shared / "b.ts").write_text(LIB_STRING)
    manifest = shared / "package.json"
    manifest.write_text(json.dumps({"name": "shared", "exports": {".": "./a.ts"}}))
    (project / "convex" / "schema.ts").write_text(SCHEMA.replace('"./lib"', '"shared"'))
    before = check()
    assert ANY_FINDING in before[1]
    manifest.write_text(json.dumps({"name": "shared", "exports": {".": "./b.ts"}}))
    after = check()
    assert after == fresh()
    assert ANY_FINDING not in after[1]


def test_options_are_part_of_the_key(project: Path) -> None:
    check()
    assert check("--ignore", "T302") == check("--ignore", "T302", "--no-cache")
    assert ANY_FINDING not in check("--ignore", "T302")[1]
    assert check("--output-format", "json") == check("--output-format", "json", "--no-cache")


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"key": 1}', b"\xff\xfe"])
def test_corrupt_entries_are_ignored(project: Path, content: bytes) -> None:
    check()
    (entry,) = entries(project)
    entry.write_bytes(content)
    assert check() == fresh()


def test_a_foreign_entry_is_not_trusted(project: Path) -> None:
    check("--ignore", "T302")  # an entry saying: no findings
    (foreign,) = entries(project)
    check()
    (own,) = set(entries(project)) - {foreign}
    own.write_bytes(foreign.read_bytes())  # another key's entry under this key's name
    assert ANY_FINDING in check()[1]


def test_an_upgraded_parser_is_a_miss(project: Path) -> None:
    check()
    (entry,) = entries(project)
    data = json.loads(entry.read_text())
    installed = [probe for probe, _ in data["probes"] if probe[0] == "stat"]
    assert any("tree_sitter_typescript" in path for _, path in installed)
    for item in data["probes"]:
        if item[0][0] == "stat":
            item[1] = [0, 0]  # as if the grammar had been reinstalled since
    data["report"] = "stale\n"
    entry.write_text(json.dumps(data))
    assert check() == fresh()


def test_a_tampered_answer_is_not_trusted(project: Path) -> None:
    check()
    (entry,) = entries(project)
    data = json.loads(entry.read_text())
    data["report"] = "nothing to see\n"
    data["probes"][0][1] = "not the answer"
    entry.write_text(json.dumps(data))
    assert check() == fresh()


def run_command_line(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """`schemalint ARGS` as the console script runs it (the fast path first)."""
    return run_console_script(args, monkeypatch).status, capsys.readouterr().out


def test_the_command_line_fast_path(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", ".", "--output-format", "concise", "--fail-on", "info"]
    first = run_command_line(args, monkeypatch, capsys)
    assert ANY_FINDING in first[1] and first[0] == 1
    (entry,) = entries(project)
    assert json.loads(entry.read_text())["key"]["argv"] == args

    def fail() -> None:
        raise AssertionError("the CLI ran")

    with monkeypatch.context() as patched:
        patched.setattr("schemalint.cli.main", fail)
        assert run_command_line(args, monkeypatch, capsys) == first  # served before the CLI

    assert run_command_line([*args, "--exit-zero"], monkeypatch, capsys) == (0, first[1])
    assert run_command_line([*args, "--exit-zero"], monkeypatch, capsys) == (0, first[1])
    shadow_the_index(project)
    after = run_command_line(args, monkeypatch, capsys)
    assert ANY_FINDING not in after[1] and after[0] == 0


def test_no_cache_on_the_command_line_skips_the_fast_path(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With `--no-cache` the fast path looks nothing up (not even schemalint's own files); a
    `--no-cache` that is an option's value still gets the full command's own lookup."""
    args = ["check", ".", "--output-format", "concise"]
    filled = run_command_line(args, monkeypatch, capsys)
    assert entries(project)

    def fail() -> None:
        raise AssertionError("the fast path looked the entry up")

    with monkeypatch.context() as patched:
        patched.setattr("schemalint.fastpath.code_fingerprint", fail)
        assert run_command_line([*args, "--no-cache"], monkeypatch, capsys) == filled
    (project / "--no-cache").mkdir()
    (project / "--no-cache" / "report.txt").write_text("")
    with_value = ["check", ".", "--output-format", "concise", "-o", "--no-cache/report.txt"]
    assert run_command_line(with_value, monkeypatch, capsys)[0] == filled[0]
    assert run_command_line(with_value, monkeypatch, capsys)[0] == filled[0]
    assert len(entries(project)) == 2  # that run used the cache: it stored its entry
    assert (project / "--no-cache" / "report.txt").read_text() == filled[1]


def test_output_file_is_written_on_a_hit(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", ".", "--output-format", "concise", "-o", "report.txt"]
    first = run_command_line(args, monkeypatch, capsys)
    written = (project / "report.txt").read_text()
    (project / "report.txt").unlink()
    assert run_command_line(args, monkeypatch, capsys) == first
    assert (project / "report.txt").read_text() == written
    assert ANY_FINDING in written


def test_a_real_process_flushes_its_report_before_leaving(project: Path) -> None:
    # the command line ends `check` with os._exit (no teardown): the report must be complete
    args = [
        sys.executable,
        "-m",
        "schemalint",
        "check",
        ".",
        "--output-format",
        "concise",
        "--fail-on",
        "info",
    ]
    first = subprocess.run([*args, "--no-cache"], capture_output=True, text=True, check=False)
    assert first.returncode == 1 and first.stdout.endswith(
        "Found 1 problem (0 errors, 0 warnings, 1 info).\n"
    )
    assert first.stdout == fresh()[1]
    cold, warm = (subprocess.run(args, capture_output=True, text=True, check=False) for _ in range(2))
    assert (cold.returncode, cold.stdout) == (warm.returncode, warm.stdout) == (1, first.stdout)


def test_export_from_the_command_line_writes_all_of_its_output(project: Path) -> None:
    # export also ends with os._exit after flushing (no cache): the JSON must be complete
    completed = subprocess.run(
        [sys.executable, "-m", "schemalint", "export", "."], capture_output=True, text=True, check=False
    )
    in_process = CliRunner().invoke(main, ["export", "."])
    assert (completed.returncode, completed.stdout) == (in_process.exit_code, in_process.stdout)
    assert json.loads(completed.stdout)["tables"][0]["tableName"] == "messages"
