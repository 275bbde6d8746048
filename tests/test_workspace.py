"""Which Convex projects a PATH leads to: one project, or every project of a monorepo."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from schemalint.discovery import DiscoveryError, OutsideRepositoryError, discover, repository_root
from schemalint.workspace import find_one_project, find_projects

SCHEMA = 'import { defineSchema } from "convex/server";\nexport default defineSchema({});\n'


def make(root: Path, *files: str) -> Path:
    """Create `files` (paths relative to `root`; a `schema.ts` gets a schema, others `{}`)."""
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SCHEMA if name.endswith("schema.ts") else "{}\n", encoding="utf-8")
    return root


def roots(layouts: list[object], base: Path) -> list[str]:
    return [layout.root.relative_to(base).as_posix() for layout in layouts]  # type: ignore[attr-defined]


def test_a_monorepo_root_leads_to_every_app(tmp_path: Path) -> None:
    make(
        tmp_path,
        "apps/web/convex/schema.ts",
        "apps/admin/convex.json",
        "apps/admin/backend/schema.ts",
        "packages/ui/index.ts",
    )
    (tmp_path / "apps/admin/convex.json").write_text('{"functions": "backend/"}')
    assert roots(find_projects([tmp_path]), tmp_path) == ["apps/admin", "apps/web"]


def test_the_search_skips_node_modules_vcs_and_gitignored_directories(tmp_path: Path) -> None:
    make(
        tmp_path,
        "apps/web/convex/schema.ts",
        "node_modules/some-template/convex/schema.ts",
        ".git/convex/schema.ts",
        "build/copy/convex/schema.ts",
        "apps/web2/convex/schema.ts",
        "apps/old/convex/schema.ts",
    )
    (tmp_path / ".gitignore").write_text("/build\n")
    (tmp_path / "apps" / ".gitignore").write_text("old/\n")
    assert roots(find_projects([tmp_path]), tmp_path) == ["apps/web", "apps/web2"]
    # .gitignore files above the searched directory count too
    assert roots(find_projects([tmp_path / "apps"]), tmp_path) == ["apps/web", "apps/web2"]


def test_a_negated_pattern_in_a_deeper_gitignore_wins(tmp_path: Path) -> None:
    make(tmp_path, "apps/keep/convex/schema.ts", "apps/drop/convex/schema.ts")
    (tmp_path / ".gitignore").write_text("keep/\ndrop/\n")
    (tmp_path / "apps" / ".gitignore").write_text("!keep/\n")
    assert roots(find_projects([tmp_path]), tmp_path) == ["apps/keep"]


def test_runs_of_stars_in_a_gitignore_match_as_git_does_and_quickly(tmp_path: Path) -> None:
    # #17 unbounded work: pathspec turned each `*` of a run into its own `[^/]*`; this one line
    # took 12 s per directory name of 24 letters (minutes for a real tree). Git treats any run of
    # two or more stars like `**`, so `******build******` ignores `nightly-build-3/`.
    make(tmp_path, "nightly-build-3/convex/schema.ts", "aaaaaaaaaaaaaaaaaaaaaaaa/convex/schema.ts")
    (tmp_path / ".gitignore").write_text("******build******\n" + "*" * 6 + "a" + "*" * 6 + "!\n")
    started = time.process_time()  # CPU time: a busy machine must not fail it
    assert roots(find_projects([tmp_path]), tmp_path) == ["aaaaaaaaaaaaaaaaaaaaaaaa"]
    assert time.process_time() - started < 2.0


def test_a_project_path_is_used_as_is_and_paths_are_deduplicated(tmp_path: Path) -> None:
    make(tmp_path, "apps/web/convex/schema.ts", "apps/api/convex/schema.ts")
    web = tmp_path / "apps/web"
    layouts = find_projects([web, web / "convex", web / "convex/schema.ts", tmp_path / "apps"])
    assert roots(layouts, tmp_path) == ["apps/web", "apps/api"]


def test_a_directory_without_projects_is_an_error(tmp_path: Path) -> None:
    make(tmp_path, "src/index.ts")
    with pytest.raises(DiscoveryError) as error:
        find_projects([tmp_path])
    assert str(error.value) == (
        f"{tmp_path}: no Convex schema found here or below it (looked for schema.ts or schema.js in "
        "convex/ and for convex.json); pass a schema file, a functions directory, a project root "
        "or a directory holding projects"
    )


def test_one_project_commands_name_the_candidates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "apps/web/convex/schema.ts", "apps/api/convex/schema.ts")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DiscoveryError) as error:
        find_one_project(Path("."))
    assert str(error.value) == ".: 2 Convex projects found (apps/api, apps/web); pass one of them"
    assert find_one_project(Path("apps/web")).root == tmp_path / "apps/web"


def test_functions_outside_the_repository_are_refused(tmp_path: Path) -> None:
    repo = make(tmp_path / "repo", "app/convex.json", "app/convex/schema.ts")
    make(tmp_path, "outside/convex/schema.ts")
    (repo / ".git").mkdir()
    (repo / "app/convex.json").write_text('{\n  "functions": "../../outside/convex"\n}\n')
    with pytest.raises(OutsideRepositoryError) as error:
        discover(repo / "app")
    assert str(error.value) == (
        f'{repo}/app/convex.json:2:3: "functions": "../../outside/convex" leads to '
        f"{tmp_path}/outside/convex, outside {repo} (the repository holding the project); "
        "schemalint does not read it"
    )
    with pytest.raises(OutsideRepositoryError):  # the monorepo search does not skip it either
        find_projects([repo])


def test_without_a_repository_the_project_root_is_the_boundary(tmp_path: Path) -> None:
    make(tmp_path, "app/convex.json", "common/convex/schema.ts")
    (tmp_path / "app/convex.json").write_text('{"functions": "../common/convex"}')
    assert repository_root(tmp_path / "app") == tmp_path / "app"
    with pytest.raises(OutsideRepositoryError):
        discover(tmp_path / "app")


def test_functions_elsewhere_in_the_same_monorepo_are_allowed(tmp_path: Path) -> None:
    make(tmp_path, "pnpm-workspace.yaml", "apps/web/convex.json", "packages/backend/convex/schema.ts")
    (tmp_path / "apps/web/convex.json").write_text('{"functions": "../../packages/backend/convex"}')
    assert repository_root(tmp_path / "apps/web") == tmp_path
    layout = discover(tmp_path / "apps/web")
    assert layout.schema_file == tmp_path / "packages/backend/convex/schema.ts"


def test_a_symlinked_functions_directory_leading_outside_is_refused(tmp_path: Path) -> None:
    repo = make(tmp_path / "repo", "package.json")
    (repo / "package.json").write_text('{"workspaces": ["apps/*"]}')
    make(tmp_path, "outside/convex/schema.ts")
    (repo / "app").mkdir()
    (repo / "app/convex").symlink_to(tmp_path / "outside/convex")
    (repo / "app/convex.json").write_text('{"functions": "convex"}')
    with pytest.raises(OutsideRepositoryError):
        discover(repo / "app")


def test_a_symlinked_convex_directory_leading_outside_is_refused(tmp_path: Path) -> None:
    make(tmp_path, "outside/convex/schema.ts")
    (tmp_path / "app").mkdir()
    (tmp_path / "app/convex").symlink_to(tmp_path / "outside/convex")
    with pytest.raises(OutsideRepositoryError, match=r'app: "convex" leads to .*outside/convex, outside'):
        discover(tmp_path / "app")
