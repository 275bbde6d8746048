"""The pre-commit hook, run by the real `pre-commit` on temporary git repositories: `try-repo` on
the working tree, and the README's `.pre-commit-config.yaml` snippet on a two-app monorepo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

CLEAN_SCHEMA = """\
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string() }),
  posts: defineTable({ authorId: v.id("users"), title: v.string() }).index("by_authorId", ["authorId"]),
});
"""
BROKEN_SCHEMA = CLEAN_SCHEMA.replace('.index("by_authorId", ["authorId"])', '.index("by_id", ["authorId"])')


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "schemalint", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=900,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_fails_on_a_violation_and_passes_when_fixed(tmp_path: Path) -> None:
    repo = tmp_path / "app"
    (repo / "convex").mkdir(parents=True)
    _git(repo, "init", "-q")
    schema = repo / "convex" / "schema.ts"
    schema.write_text(BROKEN_SCHEMA)
    _git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"

    failing = _try_repo(repo, home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "reserved-name" in failing.stdout

    schema.write_text(CLEAN_SCHEMA)
    _git(repo, "add", ".")
    passing = _try_repo(repo, home)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def _readme_hook_config() -> dict[str, object]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (snippet,) = [block for block in readme.split("```yaml\n")[1:] if block.startswith("# .pre-commit-config.yaml")]
    config: dict[str, object] = yaml.safe_load(snippet.split("```")[0])
    return config


def _has_commit(sha: str) -> bool:
    found = subprocess.run(["git", "cat-file", "-e", f"{sha}^{{commit}}"], cwd=ROOT, capture_output=True)
    return found.returncode == 0


def _pre_commit_run(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run"],
        cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=900,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_readme_snippet_at_a_monorepo_root_runs_on_schema_and_config_changes(tmp_path: Path) -> None:
    config = _readme_hook_config()
    (hook_repo,) = config["repos"]  # type: ignore[misc]
    if not (ROOT / ".git").exists() or not _has_commit(hook_repo["rev"]):
        pytest.skip("the pinned revision is not in this clone (not a full git clone)")
    hook_repo["repo"] = str(ROOT)  # the snippet as written, from this repository instead of the web
    repo = tmp_path / "mono"
    for app, schema in (("web", CLEAN_SCHEMA), ("admin", BROKEN_SCHEMA)):
        (repo / "apps" / app / "convex").mkdir(parents=True)
        (repo / "apps" / app / "convex" / "schema.ts").write_text(schema)
    (repo / "README.md").write_text("monorepo\n")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init")
    home = tmp_path / "pre-commit-home"

    (repo / "README.md").write_text("monorepo, edited\n")
    _git(repo, "add", "README.md")
    unrelated = _pre_commit_run(repo, home)
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr
    assert "(no files to check)Skipped" in unrelated.stdout

    (repo / "apps" / "admin" / "pyproject.toml").write_text('[tool.schemalint]\nfail-on = "error"\n')
    _git(repo, "add", ".")
    config_only = _pre_commit_run(repo, home)
    assert config_only.returncode == 1, config_only.stdout + config_only.stderr
    assert "apps/admin/convex/schema.ts:6:" in config_only.stdout and "reserved-name" in config_only.stdout

    (repo / "apps" / "admin" / "convex" / "schema.ts").write_text(CLEAN_SCHEMA)
    _git(repo, "add", ".")
    fixed = _pre_commit_run(repo, home)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert fixed.stdout.startswith("schemalint.") and fixed.stdout.rstrip().endswith("Passed")
