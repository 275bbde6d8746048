"""The README's commands and snippets, run as written, so that they cannot drift.

Covered elsewhere: the pre-commit snippet (`tests/test_pre_commit_hook.py`, with the real
pre-commit), the test command (`.ci/run` runs it verbatim, asserted here). Run by hand only: the
benchmark command (minutes; `tests/test_benchmarks_smoke.py` runs its harness on one schema) and
the long fuzz profile.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from schemalint.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```$", README, flags=re.M | re.S)


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCKS if lang == language]


def block_containing(language: str, text: str) -> str:
    (found,) = [body for body in blocks(language) if text in body]
    return found


def schemalint(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.stdout


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose convex/schema.ts is the README's 30-second example."""
    (tmp_path / "convex").mkdir()
    (tmp_path / "convex" / "schema.ts").write_text(block_containing("ts", "// convex/schema.ts"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_30_second_example_prints_what_the_readme_shows(example: Path) -> None:
    transcript = block_containing("text", "$ schemalint check")
    runs = re.split(r"^\$ ", transcript, flags=re.M)[1:]
    assert len(runs) == 2
    for run in runs:
        command, _, expected = run.partition("\n")
        args = shlex.split(command)
        assert args[0] == "schemalint"
        assert schemalint(*args[1:]) == expected.rstrip("\n") + "\n"


def test_the_configuration_snippet_is_valid_and_applies(example: Path) -> None:
    (example / "pyproject.toml").write_text(block_containing("toml", "[tool.schemalint]"))
    settings = schemalint("check", "--show-settings").splitlines()
    origin = f"{example}/pyproject.toml [tool.schemalint]"
    assert f'ignore = ["N403"]  # {origin}' in settings
    assert f'fail-on = "error"  # {origin}' in settings
    assert f'rules.index-name-convention.style = "by_a_and_b"  # {origin}' in settings
    assert CliRunner().invoke(main, ["check"]).exit_code == 1  # D102 and D108 are errors


def test_the_setup_commands_are_what_ci_runs() -> None:
    main_job, test_command = blocks("sh")[:2]
    assert test_command.strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    *install, check = main_job.strip().split(" && ")
    assert install == ["python3 -m venv .venv", ".venv/bin/pip install -q ."]
    args = shlex.split(check)
    assert args[0] == ".venv/bin/schemalint"
    result = CliRunner().invoke(main, [*args[1:]])
    assert result.exit_code == 0, result.output


def _commit_exists(sha: str) -> bool | None:
    """Whether `sha` is a commit of this repository (None when that cannot be known here)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True
    )
    if shallow.stdout.strip() != "false":
        return None
    found = subprocess.run(["git", "cat-file", "-e", f"{sha}^{{commit}}"], cwd=ROOT, capture_output=True)
    return found.returncode == 0


def test_the_pinned_revisions_exist_and_agree() -> None:
    hook = yaml.safe_load(block_containing("yaml", "# .pre-commit-config.yaml"))["repos"][0]
    action = yaml.safe_load(block_containing("yaml", "actions/setup-python"))
    install = next(step["run"] for step in action if "pip install" in step.get("run", ""))
    pinned = re.fullmatch(r'pip install "schemalint @ git\+(\S+)@([0-9a-f]{40})"', install)
    assert pinned is not None, install
    assert (pinned.group(1), pinned.group(2)) == (hook["repo"], hook["rev"])
    if _commit_exists(hook["rev"]) is None:
        pytest.skip("not a full git clone: cannot look the pinned commit up")
    assert _commit_exists(hook["rev"]), f"README pins {hook['rev']}, which is not a commit here"


def test_the_github_actions_step_writes_workflow_commands(example: Path) -> None:
    action = yaml.safe_load(block_containing("yaml", "actions/setup-python"))
    (command,) = [step["run"] for step in action if step.get("run", "").startswith("schemalint ")]
    lines = schemalint(*shlex.split(command)[1:]).splitlines()
    total = json.loads(schemalint("check", "--output-format", "json"))["summary"]["total"]
    assert len(lines) == total > 0 and all(
        re.match(r"::(error|warning|notice) file=convex/schema\.ts,", x) for x in lines
    )


def test_the_generator_commands_and_the_client_snippet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "app"
    shutil.copytree(ROOT / "fixtures" / "seed-001-dashboard", project)
    monkeypatch.chdir(project)
    command = block_containing("sh", "schemalint generate python").split("#")[0]
    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert (project / "src" / "convex_types" / "__init__.py").is_file()
    docs = re.search(r"`(schemalint generate docs --out [^`]+)`", README)
    assert docs is not None
    assert CliRunner().invoke(main, shlex.split(docs.group(1))[1:]).exit_code == 0
    assert (project / "docs" / "schema" / "README.md").is_file()

    calls: list[tuple[str, dict[str, object]]] = []

    class FakeClient:  # the real client would connect to the deployment
        def __init__(self, url: str) -> None:
            self.url = url

        def query(self, name: str, args: dict[str, object]) -> None:
            calls.append((name, args))

    import convex

    monkeypatch.setattr(convex, "ConvexClient", FakeClient)
    monkeypatch.syspath_prepend(str(project / "src"))
    snippet = block_containing("python", "ConvexApi")
    namespace: dict[str, object] = {}
    try:
        exec(compile(snippet, "README.md", "exec"), namespace)
    finally:
        for name in [m for m in sys.modules if m == "convex_types" or m.startswith("convex_types.")]:
            del sys.modules[name]
    assert calls == [("alerts:getUserStatus", {"userId": "user_123"})]


def test_the_inline_commands_run(example: Path) -> None:
    """Every concrete command quoted inline (no placeholders such as PATH or NAME) exits as
    a successful run would: 0, or 1 when it reports the example's findings."""
    inline = {" ".join(found.split()) for found in re.findall(r"`(schemalint [^`|\[]+?)`", README, flags=re.S)}
    # `schemalint diff` compares with a git revision: tests/test_diff_*.py run it in repositories.
    # `schemalint generate docs` / `python` alone name the commands (they need --out; their
    # runnable forms are run above).
    named = {"schemalint generate docs", "schemalint generate python"}
    concrete = sorted(c for c in inline - named if not re.search(r"[A-Z]{2,}|\.\.\.|^schemalint diff", c))
    assert "schemalint rule string-foreign-key" in concrete and "schemalint check --show-settings" in concrete
    for command in concrete:
        result = CliRunner().invoke(main, shlex.split(command)[1:])
        assert result.exit_code in (0, 1), (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), command
