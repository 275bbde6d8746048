"""Pathological inputs: each ends in diagnostics and an exit code, never a crash or a hang."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from schemalint.cli import main
from schemalint.discovery import discover
from schemalint.parser import parse_project
from schemalint.parser.functions import parse_functions

HEADER = 'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n'


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def kinds(root: Path) -> list[tuple[str, str]]:
    project = parse_project(discover(root))
    return [(d.kind, d.message) for d in project.diagnostics]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_empty_schema_file_reports_missing_default_export(tmp_path: Path) -> None:
    write(tmp_path, {"convex/schema.ts": ""})
    assert [k for k, _ in kinds(tmp_path)] == ["evaluation-error"]
    code, output = run("check", str(tmp_path), "--format", "concise")
    assert code == 1 and "missing default export" in output


def test_binary_file_is_a_parse_error(tmp_path: Path) -> None:
    write(tmp_path, {"convex/schema.ts": bytes(range(256)) * 4})
    code, output = run("check", str(tmp_path), "--format", "concise")
    assert code == 1 and "parse-error" in output


def test_twenty_megabyte_schema_is_analysed(tmp_path: Path) -> None:
    table = '  table{i}: defineTable({{ name: v.string(), ownerId: v.id("table0"), n: v.number() }}),\n'
    notes = "/* " + "generated seed notes, kept in the file for reference; " * 370_000 + "*/\n"
    body = "".join(table.format(i=i) for i in range(5_000))
    source = HEADER + notes + "export default defineSchema({\n" + body + "});\n"
    assert len(source) > 20_000_000
    write(tmp_path, {"convex/schema.ts": source})
    project = parse_project(discover(tmp_path))
    assert project.schema is not None and len(project.schema.tables) == 5_000
    assert project.schema.tables[-1].name_span is not None
    assert project.schema.tables[-1].name_span.line == 5_000 + 4  # header (2), notes (1), `export default` (1)


def test_ten_thousand_spreads(tmp_path: Path) -> None:
    parts = "".join(f"const f{i} = {{ a{i}: v.string() }};\n" for i in range(10_000))
    spreads = ", ".join(f"...f{i}" for i in range(10_000))
    write(tmp_path, {"convex/schema.ts": HEADER + parts + f"export default defineSchema({{ t: defineTable({{ {spreads} }}) }});\n"})
    project = parse_project(discover(tmp_path))
    assert project.schema is not None
    assert project.diagnostics == ()
    document = project.schema.tables[0].document
    assert len(document.children()) == 10_000


def test_import_of_a_directory_without_index_is_unresolved(tmp_path: Path) -> None:
    write(tmp_path, {"convex/model/readme.md": "x", "convex/schema.ts": HEADER + 'import { t } from "./model";\nexport default defineSchema({ t });\n'})
    assert ("unresolved-import", "cannot resolve `./model`: no such file") in kinds(tmp_path)


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_loop_is_unresolved_not_a_hang(tmp_path: Path) -> None:
    write(tmp_path, {"convex/schema.ts": HEADER + 'import { t } from "./loop";\nexport default defineSchema({});\n'})
    (tmp_path / "convex" / "loop.ts").symlink_to(tmp_path / "convex" / "loop2.ts")
    (tmp_path / "convex" / "loop2.ts").symlink_to(tmp_path / "convex" / "loop.ts")
    assert [k for k, _ in kinds(tmp_path)] == ["unresolved-import"]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_imports_never_read_outside_the_project_root(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.ts"
    write(tmp_path, {"outside/secret.ts": 'export const t = 1;\n'})
    project_root = tmp_path / "app"
    write(project_root, {
        "convex/schema.ts": HEADER + 'import { t } from "../../outside/secret";\nimport { u } from "./link";\nexport default defineSchema({});\n',
    })
    (project_root / "convex" / "link.ts").symlink_to(secret)
    found = kinds(project_root)
    assert len(found) == 2
    assert all(kind == "unresolved-import" and "outside the repository root" in message for kind, message in found)


def test_import_cycle_terminates(tmp_path: Path) -> None:
    write(tmp_path, {
        "convex/a.ts": 'import { b } from "./b";\nexport const a = 1;\nexport { b };\n',
        "convex/b.ts": 'import { a } from "./a";\nexport const b = 2;\nexport { a };\n',
        "convex/schema.ts": HEADER + 'import { a } from "./a";\nexport default defineSchema({});\n',
    })
    assert kinds(tmp_path) == []


@pytest.mark.parametrize("generator", ["python", "docs"])
def test_generators_handle_validators_nested_as_deep_as_the_parser_reads(tmp_path: Path, generator: str) -> None:
    arrays = "v.array(" * 390 + "v.int64()" + ")" * 390  # the parser reads up to 400 levels
    objects = "v.object({ a: " * 130 + "v.int64()" + " })" * 130
    deeper = "v.array(" * 5_000 + "v.string()" + ")" * 5_000
    write(tmp_path, {
        "convex/schema.ts": HEADER
        + f"export default defineSchema({{ t: defineTable({{ arrays: {arrays}, objects: {objects}, deeper: {deeper} }}) }});\n",
        "convex/fns.ts": 'import { v } from "convex/values";\nimport { query } from "./_generated/server";\n'
        + f"export const f = query({{ args: {{ a: {arrays}, o: {objects} }}, returns: {arrays}, handler: async () => [] }});\n",
    })
    out = tmp_path / "out"
    code, output = run("generate", generator, str(tmp_path), "--out", str(out))
    assert code == 0, output
    for file in out.rglob("*.py"):
        compile(file.read_text(encoding="utf-8"), str(file), "exec", dont_inherit=True)
    if generator == "python":
        assert "(it is nested more than 32 levels deep); typed as Any." in (out / "convex_types" / "documents.py").read_text()


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_function_modules_symlinked_from_outside_the_root_are_not_read(tmp_path: Path) -> None:
    write(tmp_path, {
        "outside/leak.ts": 'import { v } from "convex/values";\nimport { query } from "./_generated/server";\n'
        'export const leak = query({ args: { token: v.literal("outside-the-root") }, handler: async () => null });\n',
        "app/convex/schema.ts": HEADER + "export default defineSchema({});\n",
    })
    (tmp_path / "app" / "convex" / "leak.ts").symlink_to(tmp_path / "outside" / "leak.ts")
    assert parse_functions(discover(tmp_path / "app")).functions == ()
