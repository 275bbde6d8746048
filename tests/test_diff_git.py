"""`schemalint diff` against git revisions: a real repository with commits in a temp dir.

The old version is read from git objects only: the work tree is never touched, and the old
version's own tsconfig.json and convex.json are the ones used.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from schemalint.cli import main

OLD_SCHEMA = """\
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { status } from "@/shared/status";

export default defineSchema({
  users: defineTable({ name: v.string(), age: v.number() }).index("by_name", ["name"]),
  tasks: defineTable({ status }),
});
"""

NEW_SCHEMA = """\
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { status } from "@/shared/status";

export default defineSchema({
  users: defineTable({ name: v.string(), email: v.string() }),
  tasks: defineTable({ status, note: v.optional(v.string()) }),
});
"""


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose project lives in `app/` (functions in `app/backend/`, found through
    convex.json) and imports through a tsconfig `paths` alias; HEAD~1 has OLD_SCHEMA, HEAD has
    NEW_SCHEMA."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _write(
        root,
        {
            "app/convex.json": json.dumps({"functions": "backend/"}),
            "app/tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }',
            "app/shared/status.ts": """\
                import { v } from "convex/values";
                export const status = v.union(v.literal("todo"), v.literal("done"));
            """,
            "app/backend/schema.ts": OLD_SCHEMA,
            "app/backend/users.ts": """\
                import { query } from "./_generated/server";
                export const byName = query({
                  args: {},
                  handler: (ctx) => ctx.db.query("users").withIndex("by_name").collect(),
                });
            """,
        },
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "old")
    _write(root, {"app/backend/schema.ts": NEW_SCHEMA})
    _git(root, "commit", "-q", "-am", "new")
    monkeypatch.chdir(root / "app")
    return root


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args, "--format", "concise"])
    return result.exit_code, result.stdout + result.stderr


def test_diff_against_the_previous_commit(repo: Path) -> None:
    status, output = _run(".", "--against", "HEAD~1")
    assert output.splitlines() == [
        "backend/schema.ts:6:42: warning C701 [revalidated-table] Convex will re-validate every document of "
        "`users` on push, and the push fails if any document still has the removed field `age` "
        '("Object contains extra field"); or lacks the new required field `email` '
        '("Object is missing the required field")',
        "backend/schema.ts:7:3: info C703 [safe-table-change] Table `tasks` changed safely: every document "
        "the old validator accepted passes the new one, so Convex does not re-validate its documents on push",
        "backend/schema.ts@HEAD~1:6:61: error C710 [removed-index] Index `by_name` of `users` (at HEAD~1) is "
        "removed, but the function code still uses it: backend/users.ts:4; those queries fail once this is pushed",
        "Found 3 problems (1 error, 1 warning, 1 info).",
    ]
    assert status == 1
    assert _git(repo, "status", "--porcelain") == ""  # nothing written or checked out


def test_the_old_side_code_frame_comes_from_the_revision(repo: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "--against", "HEAD~1", "--select", "removed-index"])
    assert 'index("by_name", ["name"])' in result.stdout
    assert result.stdout.startswith("backend/schema.ts@HEAD~1:6:61: error C710 [removed-index]")


def test_uncommitted_changes_are_compared_with_head(repo: Path) -> None:
    status, output = _run("--against", "HEAD")
    assert (status, output) == (0, "All checks passed!\n")
    schema = repo / "app/backend/schema.ts"
    schema.write_text(
        NEW_SCHEMA.replace("email: v.string()", "email: v.string(), bio: v.optional(v.string())")
    )
    status, output = _run("--against", "HEAD")
    assert output.splitlines()[0].startswith(
        "backend/schema.ts:6:3: info C703 [safe-table-change] Table `users`"
    )
    assert status == 0


def test_a_revision_without_a_schema_makes_every_table_new(repo: Path) -> None:
    _git(repo, "checkout", "-q", "--orphan", "empty")
    _git(repo, "rm", "-rq", "--cached", ".")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "empty")
    _git(repo, "checkout", "-q", "-f", "main")
    status, output = _run("--against", "empty", "--select", "new-table")
    assert [line.split(": ", 1)[0] for line in output.splitlines()[:2]] == [
        "backend/schema.ts:6:3",
        "backend/schema.ts:7:3",
    ]
    assert "New table `users` (there is no schema at empty)" in output
    assert status == 0


def test_the_default_baseline_is_the_merge_base_with_main(repo: Path) -> None:
    _git(repo, "checkout", "-q", "-b", "feature")
    _write(repo, {"app/backend/schema.ts": NEW_SCHEMA.replace("email: v.string()", "email: v.number()")})
    _git(repo, "commit", "-q", "-am", "feature")
    status, output = _run()
    # Against main (NEW_SCHEMA), only the feature commit's change shows.
    assert output.splitlines()[0].startswith("backend/schema.ts:6:42: warning C701 [revalidated-table]")
    base = _git(repo, "rev-parse", "main").strip()
    assert (
        output.splitlines()[-1] == f"schemalint diff: comparing with the merge-base with main ({base[:10]})"
    )
    assert "stores a value in `email` that the new validator rejects (v.string() → v.number())" in output
    assert status == 1


def test_a_bad_revision_is_a_usage_error(repo: Path) -> None:
    status, output = _run("--against", "no-such-branch")
    assert status == 2
    assert output.startswith("error: `git rev-parse")


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "p", {"convex/schema.ts": OLD_SCHEMA.replace("@/shared/status", "./status")})
    monkeypatch.chdir(tmp_path / "p")
    status, output = _run()
    assert status == 2
    assert "not a git repository" in output.lower()


def test_a_monorepo_root_compares_every_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "mono"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    schema = (
        'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n'
    )
    schema += "export default defineSchema({ t: defineTable({ a: v.string() }) });\n"
    _write(root, {"apps/one/convex/schema.ts": schema, "apps/two/convex/schema.ts": schema})
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "one")
    for name in ("one", "two"):
        _write(root, {f"apps/{name}/convex/schema.ts": schema.replace("v.string()", "v.number()")})
    monkeypatch.chdir(root)
    status, output = _run()
    assert [line.split(" [")[0] for line in output.splitlines()[:2]] == [
        "apps/one/convex/schema.ts:3:48: warning C701",
        "apps/two/convex/schema.ts:3:48: warning C701",
    ]
    assert status == 1


def test_the_readme_github_actions_step_annotates_a_pull_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    (block,) = [
        b for b in re.findall(r"^```yaml\n(.*?)^```$", readme, flags=re.M | re.S) if "schemalint diff" in b
    ]
    (command,) = [step["run"] for step in yaml.safe_load(block) if "run" in step]
    origin = tmp_path / "origin"
    origin.mkdir()
    _git(origin, "init", "-q", "-b", "main")
    _write(
        origin,
        {
            "convex/schema.ts": OLD_SCHEMA.replace('import { status } from "@/shared/status";\n', "").replace(
                "{ status }", "{ done: v.boolean() }"
            )
        },
    )
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "main")
    _git(origin, "checkout", "-q", "-b", "pr")
    schema = origin / "convex/schema.ts"
    schema.write_text(schema.read_text().replace("age: v.number()", "age: v.number(), email: v.string()"))
    _git(origin, "commit", "-q", "-am", "pr")
    _git(tmp_path, "clone", "-q", "--branch", "pr", str(origin), "checkout")
    monkeypatch.chdir(tmp_path / "checkout")
    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.stdout.startswith(
        "::warning file=convex/schema.ts,line=5,col=59,endLine=5,endColumn=64,title=C701 revalidated-table::"
        "Convex will re-validate every document of `users` on push, and the push fails if any document "
        "lacks the new required field `email`"
    )
    assert result.exit_code == 1


def test_symlinks_in_the_revision_are_followed_within_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "links"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _write(
        root, {"common/fields.ts": 'import { v } from "convex/values";\nexport const name = v.string();\n'}
    )
    (root / "convex").mkdir()
    (root / "convex" / "fields.ts").symlink_to("../common/fields.ts")
    schema = OLD_SCHEMA.replace(
        'import { status } from "@/shared/status";', 'import { name } from "./fields";'
    )
    _write(
        root,
        {
            "convex/schema.ts": schema.replace("name: v.string(), age", "name, age").replace(
                "{ status }", "{}"
            )
        },
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "links")
    (root / "common" / "fields.ts").write_text(
        'import { v } from "convex/values";\nexport const name = v.number();\n'
    )
    monkeypatch.chdir(root)
    status, output = _run("--against", "HEAD", "--select", "revalidated-table")
    assert "stores a value in `name` that the new validator rejects (v.string() → v.number())" in output
    assert status == 1


def test_a_functions_directory_moved_by_convex_json_is_found_at_the_revision(repo: Path) -> None:
    _git(repo, "mv", "app/backend", "app/server")
    (repo / "app/convex.json").write_text(json.dumps({"functions": "server/"}))
    status, output = _run("--against", "HEAD", "--select", "new-table,revalidated-table")
    assert (status, output) == (0, "All checks passed!\n")


def test_a_shallow_clone_without_the_merge_base_is_an_error_not_a_comparison_with_itself(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _git(repo, "checkout", "-q", "-b", "feature")
    _write(repo, {"app/backend/schema.ts": NEW_SCHEMA.replace("email: v.string()", "email: v.number()")})
    _git(repo, "commit", "-q", "-am", "feature")
    _git(repo, "checkout", "-q", "main")
    _write(repo, {"app/backend/schema.ts": NEW_SCHEMA + "// main moved on\n"})
    _git(repo, "commit", "-q", "-am", "main moves on")
    clone = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{repo}", str(clone))
    _git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    monkeypatch.chdir(clone / "app")
    status, output = _run()
    assert status == 2
    assert output.startswith(
        "error: HEAD and origin/main have no common commit in this clone (a shallow clone?)"
    )
