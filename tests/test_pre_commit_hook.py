"""The pre-commit hook, run by the real `pre-commit try-repo` on a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
