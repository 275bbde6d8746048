"""Import resolution as esbuild does it, compared with the real bundler and `convex` (one node run).

Each project below is a small Convex project written to a temporary directory; the oracle
(`tests/oracle/export-schema.mjs`) bundles and evaluates it, and `schemalint export` must print
the same JSON. Projects that need a workspace get the `node_modules` symlink npm would create.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from oracle_runner import oracle_missing_reason, run_oracle

from schemalint.cli import main

HEADER = 'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n'

PROJECTS: dict[str, dict[str, str]] = {
    # A CommonJS helper (`module.exports`, `exports.f`): esbuild lets an ES module import its
    # default and its named exports; not an unresolved import.
    "commonjs-helper": {
        "convex/h.js": 'module.exports = { fields: { a: 1 } };\nexports.f = "a";',
        "convex/schema.ts": HEADER
        + 'import h from "./h";\nimport { f } from "./h.js";\n'
        + "export default defineSchema({ t: defineTable({ a: v.string() }) });",
    },
    # tsconfig `paths` that match but whose targets do not exist fall back to the package.
    "paths-fallback": {
        "convex/tsconfig.json": '{"compilerOptions": {"paths": {"convex/*": ["../node_modules/convex/*"]}}}',
        "convex/schema.ts": HEADER + "export default defineSchema({ t: defineTable({ a: v.string() }) });",
    },
    # `extends` as an array: the later config's `paths` win.
    "extends-array": {
        "tsconfig.base.json": '{"compilerOptions": {"paths": {"@lib/*": ["./wrong/*"]}}}',
        "tsconfig.paths.json": '{"compilerOptions": {"paths": {"@lib/*": ["./lib/*"]}}}',
        "tsconfig.json": '{"extends": ["./tsconfig.base.json", "./tsconfig.paths.json"]}',
        "lib/fields.ts": 'import { v } from "convex/values";\nexport const fields = { a: v.string() };',
        "convex/schema.ts": HEADER
        + 'import { fields } from "@lib/fields";\n'
        + "export default defineSchema({ t: defineTable(fields) });",
    },
    # Workspace packages by name: `exports` with a subpath, and a `server` directory with its
    # own package.json.
    "workspace": {
        "package.json": '{"name": "root", "private": true, "workspaces": ["packages/*", "apps/*"]}',
        "packages/shared/package.json": json.dumps(
            {"name": "@acme/shared", "exports": {".": "./src/index.ts", "./tables": "./src/tables.ts"}}
        ),
        "packages/shared/src/index.ts": 'import { v } from "convex/values";\nexport const name = v.string();',
        "packages/shared/src/tables.ts": 'import { v } from "convex/values";\n'
        "export const fields = { title: v.string() };",
        "packages/legacy/package.json": '{"name": "@acme/legacy", "main": "index.ts"}',
        "packages/legacy/index.ts": "export const unused = 1;",
        "packages/legacy/server/package.json": '{"main": "./main.ts"}',
        "packages/legacy/server/main.ts": 'import { v } from "convex/values";\nexport const flag = v.boolean();',
        "apps/web/convex/schema.ts": HEADER
        + 'import { name } from "@acme/shared";\n'
        + 'import { fields } from "@acme/shared/tables";\n'
        + 'import { flag } from "@acme/legacy/server";\n'
        + "export default defineSchema({ t: defineTable({ ...fields, name, flag }) });",
    },
    # `import "./x.js"` when both x.js and x.ts exist: the .js file wins (as in esbuild).
    "js-beside-ts": {
        "convex/x.js": 'import { v } from "convex/values";\nexport const fields = { fromJs: v.string() };',
        "convex/x.ts": 'import { v } from "convex/values";\nexport const fields = { fromTs: v.number() };',
        "convex/schema.ts": HEADER
        + 'import { fields } from "./x.js";\n'
        + "export default defineSchema({ t: defineTable(fields) });",
    },
    # A namespace of a module with type exports, `export type * from`, a name two `export *`
    # provide (ambiguous: JavaScript exports neither), and one two provide from one origin (kept).
    "namespaces": {
        "convex/a.ts": 'import { v } from "convex/values";\nexport const shared = v.string();\n'
        "export const onlyA = v.number();",
        "convex/b.ts": 'import { v } from "convex/values";\nexport const shared = v.boolean();',
        "convex/types.ts": "export type Extra = { x: number };",
        "convex/c.ts": 'import { onlyA } from "./a";\nexport { onlyA };',
        "convex/fields.ts": 'export * from "./a";\nexport * from "./b";\nexport * from "./c";\n'
        'export type * from "./types";\n'
        "export interface Note { text: string }\nexport type Id = string;",
        "convex/tables.ts": 'import { defineTable } from "convex/server";\nimport { v } from "convex/values";\n'
        "export const users = defineTable({ name: v.string() });\n"
        "export type User = { name: string };\nexport interface Admin { level: number }",
        "convex/schema.ts": HEADER
        + 'import * as fields from "./fields";\nimport * as tables from "./tables";\n'
        + "export default defineSchema({ ...tables, t: defineTable({ ...fields }) });",
    },
    # `import("x").T<...>` in a type: tree-sitter 0.23.2 cannot parse it; the file is still read.
    "import-type-arguments": {
        "convex/types.ts": "export type Wrap<T> = { value: T };",
        "convex/fields.ts": 'import { v } from "convex/values";\n'
        'export const wrapped: import("./types").Wrap<Array<() => void>> | null = null;\n'
        'export const many: import("./types").Wrap<string>[] = [];\n'
        'export const lazy = () => import("./types").then((m) => m);\n'
        "export const fields = { a: v.string() };",
        "convex/schema.ts": HEADER
        + 'import { fields } from "./fields";\n'
        + "export default defineSchema({ t: defineTable(fields) });",
    },
}


# Broken schemas: the first `parse-error` must be where esbuild reports its error.
SYNTAX_ERRORS = {
    "hole-in-arguments": "export default defineSchema({ t: defineTable({ a: v.string(, b: v.number() }) });",
    "double-colon": "export default defineSchema({ t: defineTable({ a: v.string(), b: : v.number() }) });",
    "double-comma": "export default defineSchema({ t: defineTable({ a: v.string(),, b: v.number() }) });",
    "unclosed-brackets": "export default defineSchema({ t: defineTable({ a: v.string() }) ;",
    "extra-paren": "export default defineSchema({ t: defineTable({ a: v.string() }) }));",
    "missing-initialiser": "const x = ;\nexport default defineSchema({});",
    "missing-bracket": 'export default defineSchema({ t: defineTable({ a: v.array(v.string() }) });',
    "computed-enum-member": "enum S { A = 'a', ['B'] = 'b' }\nexport default defineSchema({});",
    "numeric-enum-member": "enum S { A = 'a', 1 = 'b' }\nexport default defineSchema({});",
}


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    if "package.json" in files:  # what `npm install` does for workspace packages
        for manifest in root.glob("packages/*/package.json"):
            name = json.loads(manifest.read_text())["name"]
            link = root / "node_modules" / name
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(manifest.parent, link)


def _project_dir(root: Path, name: str) -> Path:
    return root / name / "apps" / "web" if name == "workspace" else root / name


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    reason = oracle_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("resolution")
    for name, files in PROJECTS.items():
        (root / name / ".git").mkdir(parents=True)  # each project is its own repository
        _write(root / name, files)
    for name, source in SYNTAX_ERRORS.items():
        (root / name / ".git").mkdir(parents=True)
        _write(root / name, {"convex/schema.ts": HEADER + source})
    return root, run_oracle([_project_dir(root, name) for name in PROJECTS] + [root / n for n in SYNTAX_ERRORS])


@pytest.mark.parametrize("name", list(PROJECTS))
def test_export_matches_the_bundler_and_convex(
    name: str, projects: tuple[Path, dict[str, dict[str, Any]]]
) -> None:
    root, oracle = projects
    directory = _project_dir(root, name)
    expected = oracle[str(directory)]
    assert "export" in expected, f"the oracle could not export {name}: {expected.get('error')}"
    result = CliRunner().invoke(main, ["export", str(directory), "--compact"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == expected["export"]


# ------------------------------------------------------------------------- without the oracle


def _write_project(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True, exist_ok=True)
    _write(root, files)
    return root


def _diagnostics(root: Path) -> list[str]:
    from schemalint.discovery import discover
    from schemalint.parser import parse_project

    project = parse_project(discover(root))
    return [
        f"{d.kind} {Path(d.span.file).name}:{d.span.line}:{d.span.column} {d.message}"
        for d in project.diagnostics
    ]


def test_the_codegen_module_imported_as_server_js_is_known_without_generated_files(tmp_path: Path) -> None:
    from schemalint.discovery import discover
    from schemalint.parser.functions import parse_functions

    _write_project(
        tmp_path,
        {
            "convex/schema.ts": HEADER + "export default defineSchema({});",
            "convex/tasks.ts": 'import { query } from "./_generated/server.js";\n'
            "export const list = query({ args: {}, handler: async () => [] });",
        },
    )
    modules = parse_functions(discover(tmp_path))
    assert [(f.module, f.name, f.kind) for f in modules.functions] == [("tasks", "list", "query")]


def test_names_looked_up_through_a_barrel_are_resolved_as_without_remembering_star_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schemalint.discovery import discover
    from schemalint.parser import parse_project
    from schemalint.parser.evaluator import Evaluator
    from schemalint.parser.modules import export_names

    _write_project(
        tmp_path,
        {
            "convex/a.ts": 'import { v } from "convex/values";\nexport const shared = v.string();\n'
            "export const onlyA = v.number();",
            "convex/b.ts": 'import { v } from "convex/values";\nexport const shared = v.boolean();',
            "convex/c.ts": 'import { onlyA } from "./a";\nexport { onlyA };',
            "convex/lib/index.ts": 'export * from "../a";\nexport * from "../b";\nexport * from "../c";',
            "convex/schema.ts": HEADER
            + 'import { onlyA, shared } from "./lib";\nimport { missing } from "./lib";\n'
            + "export default defineSchema({ t: defineTable({ a: onlyA, s: shared, m: missing }) });",
        },
    )
    remembered = parse_project(discover(tmp_path), functions=True)
    monkeypatch.setattr(Evaluator, "value_export_names", lambda self, m: export_names(m, values_only=True))
    searched = parse_project(discover(tmp_path), functions=True)
    assert remembered.schema == searched.schema
    assert remembered.diagnostics == searched.diagnostics
    assert any("has no export named `missing`" in d.message for d in remembered.diagnostics)
    assert any("exported by several" in d.message for d in remembered.diagnostics)


def test_a_syntax_error_is_reported_where_the_bundler_reports_it(tmp_path: Path) -> None:
    # tree-sitter accepts `v.string(,` (a hole in the arguments) and reports the next line;
    # esbuild says `Unexpected ","` at the comma.
    source = HEADER + textwrap.dedent("""
        const tables = {
          users: defineTable({ name: v.string() }),
          tasks: defineTable({
            title: v.string(,
            done: v.boolean(),
          }),
        };
        export default defineSchema(tables);
    """)
    _write_project(tmp_path, {"convex/schema.ts": source})
    assert _diagnostics(tmp_path)[0] == "parse-error schema.ts:7:21 syntax error: unexpected `,`"


def test_the_innermost_error_is_reported_not_the_statement_around_it(tmp_path: Path) -> None:
    source = HEADER + "export default defineSchema({\n  t: defineTable({ a: v.string(), b: : v.number() }),\n});"
    _write_project(tmp_path, {"convex/schema.ts": source})
    assert _diagnostics(tmp_path)[0].startswith("parse-error schema.ts:4:38 syntax error: unexpected `:`")


@pytest.mark.parametrize(
    ("member", "column", "token"),
    [("['B'] = 'b'", 19, "["), ("1 = 'b'", 19, "1")],
)
def test_an_enum_member_named_other_than_by_an_identifier_or_string_is_a_syntax_error(
    tmp_path: Path, member: str, column: int, token: str
) -> None:
    # tree-sitter accepts `[expr]` and number names; esbuild: "Expected identifier but found"...
    source = HEADER + f"enum S {{ A = 'a', {member} }}\nexport default defineSchema({{}});"
    _write_project(tmp_path, {"convex/schema.ts": source})
    assert _diagnostics(tmp_path) == [f"parse-error schema.ts:3:{column} syntax error: unexpected `{token}`"]


def test_enum_members_named_by_identifiers_and_strings_are_fine(tmp_path: Path) -> None:
    source = HEADER + "enum S { A = 'a', 'x y' = 'b', C }\nexport default defineSchema({});"
    _write_project(tmp_path, {"convex/schema.ts": source})
    assert _diagnostics(tmp_path) == []


def test_tsconfig_extends_outside_the_repository_is_refused_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "tsconfig.json").write_text('{"compilerOptions": {"paths": {"@x/*": ["./x/*"]}}}')
    project = _write_project(
        tmp_path / "repo",
        {
            "tsconfig.json": '{\n  "extends": "../outside/tsconfig.json",\n'
            '  "compilerOptions": {"baseUrl": "../outside", "paths": {"@y/*": ["../outside/y/*"]}}\n}',
            "convex/schema.ts": HEADER + 'import { f } from "@y/f";\nexport default defineSchema({});',
        },
    )
    found = _diagnostics(project)
    assert [line.split(" ")[:2] for line in found] == [
        ["unresolved-import", "tsconfig.json:2:3"],
        ["unresolved-import", "tsconfig.json:3:23"],
        ["unresolved-import", "tsconfig.json:3:48"],
    ]
    assert all("outside the repository root" in line for line in found)
    assert "`extends` `../outside/tsconfig.json`" in found[0]


def test_refused_configuration_is_a_notice_not_a_failure(tmp_path: Path) -> None:
    project = _write_project(
        tmp_path / "repo",
        {
            "tsconfig.json": '{"extends": "../elsewhere/tsconfig.json"}',
            "convex/schema.ts": HEADER + "export default defineSchema({ t: defineTable({ a: v.string() }) });",
        },
    )
    result = CliRunner().invoke(main, ["check", str(project), "--format", "concise"])
    assert result.exit_code == 0, result.output
    assert "notice M902 [unresolved-import] `extends` `../elsewhere/tsconfig.json`" in result.stdout


def test_a_named_import_of_a_type_re_exported_by_export_type_star_is_not_an_error(tmp_path: Path) -> None:
    _write_project(
        tmp_path,
        {
            "convex/types.ts": "export type Extra = { x: number };",
            "convex/index.ts": 'export type * from "./types";\nexport const n = 1;',
            "convex/schema.ts": HEADER
            + 'import { Extra, n } from "./index";\nexport default defineSchema({});',
        },
    )
    assert _diagnostics(tmp_path) == []


def test_a_workspace_package_whose_build_output_is_not_committed_is_read_from_its_source(
    tmp_path: Path,
) -> None:
    _write_project(
        tmp_path,
        {
            "package.json": '{"name": "root", "workspaces": ["packages/*"]}',
            "packages/shared/package.json": json.dumps(
                {"name": "@acme/shared", "exports": {".": {"types": "./dist/index.d.ts", "default": "./dist/index.js"}}}
            ),
            "packages/shared/tsconfig.build.json": '{"compilerOptions": {"outDir": "dist", "rootDir": "src"}}',
            "packages/shared/src/index.ts": 'export const STATUS = ["open", "done"] as const;',
            "packages/backend/convex/schema.ts": HEADER
            + 'import { STATUS } from "@acme/shared";\n'
            + "export default defineSchema({ t: defineTable({ s: v.union(...STATUS.map((s) => v.literal(s))) }) });",
        },
    )
    result = CliRunner().invoke(main, ["export", str(tmp_path / "packages" / "backend"), "--compact"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)["tables"][0]["documentType"]["value"]["s"]["fieldType"]
    assert status == {"type": "union", "value": [{"type": "literal", "value": "open"}, {"type": "literal", "value": "done"}]}


@pytest.mark.parametrize("name", list(SYNTAX_ERRORS))
def test_a_syntax_error_is_reported_where_esbuild_reports_it(
    name: str, projects: tuple[Path, dict[str, dict[str, Any]]]
) -> None:
    import re

    root, oracle = projects
    error = oracle[str(root / name)].get("error", "")
    where = re.search(r"schema\.ts:(\d+):(\d+): (.*)", error)
    assert where is not None, error
    line, column = int(where.group(1)), int(where.group(2)) + 1  # esbuild's columns are 0-based
    first = _diagnostics(root / name)[0]
    assert first.startswith(f"parse-error schema.ts:{line}:{column} "), (first, where.group(3))


def test_workspace_globs_follow_npm_and_pnpm_and_never_enter_node_modules(tmp_path: Path) -> None:
    from schemalint.parser.package_json import workspace_packages

    manifests = {
        "packages/a": "a",
        "packages/a/deep/x": "x",
        "apps/b": "b",
        "apps/c": "c",
        "tools/t": "t",
        "node_modules/n": "n",
        "packages/node_modules/m": "m",
    }
    for directory, name in manifests.items():
        (tmp_path / directory).mkdir(parents=True)
        (tmp_path / directory / "package.json").write_text(json.dumps({"name": name}))
    (tmp_path / "package.json").write_text('{"workspaces": {"packages": ["packages/**", "apps/*", "!apps/b"]}}')
    (tmp_path / "pnpm-workspace.yaml").write_text("packages:\n  - 'tools/*'\n")
    assert sorted(workspace_packages(tmp_path)) == ["a", "c", "t", "x"]


def test_what_a_commonjs_module_exports_is_unknown_a_notice_not_an_error(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "convex/h.js": 'const { v } = require("convex/values");\nmodule.exports = { fields: { a: v.string() } };',
            "convex/schema.ts": HEADER
            + 'import h from "./h";\nexport default defineSchema({ t: defineTable(h.fields) });',
        },
    )
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    [finding] = json.loads(result.stdout)["diagnostics"]
    assert (finding["code"], finding["severity"], finding["line"]) == ("M903", "notice", 4)
    assert "`convex/h.js` is a CommonJS module" in finding["message"]
