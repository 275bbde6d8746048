"""Generators refuse to write from a broken project (#13): an error Convex would reject, or
tables or functions lost to code schemalint could not evaluate, stops `generate python` and
`generate docs` before they write (exit 1, files untouched, the reason on stderr);
`--allow-partial` writes anyway and the generated docstrings say what may be missing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from schemalint.cli import main

GOOD_SCHEMA = """
    import { defineSchema, defineTable } from "convex/server";
    import { v } from "convex/values";
    export default defineSchema({
      tasks: defineTable({ title: v.string() }),
      users: defineTable({ name: v.string() }),
    });
"""
FUNCTIONS = """
    import { v } from "convex/values";
    import { query } from "./_generated/server";
    export const list = query({ args: {}, returns: v.array(v.string()), handler: async () => [] });
"""
# Each broken schema, and what stderr must name.
BROKEN_SCHEMAS = {
    "syntax error": (
        GOOD_SCHEMA.replace("v.string() }),\n      users", "v.string(, }),\n      users"),
        "convex/schema.ts:4: parse-error: syntax error: unexpected `,`",
    ),
    "missing local import": (
        'import { extra } from "./extra";\nconst used = [extra];\n' + GOOD_SCHEMA,
        "convex/schema.ts:1: unresolved-import",
    ),
    "duplicate index name and unknown index field (rules `check` reports as errors)": (
        GOOD_SCHEMA.replace(
            "tasks: defineTable({ title: v.string() })",
            'tasks: defineTable({ title: v.string() }).index("by_a", ["title"]).index("by_a", ["title"])'
            '.index("x", ["nope"])',
        ),
        "convex/schema.ts:4: D104 duplicate-index-name: ",
    ),
    "tables lost to an unknown spread": (
        GOOD_SCHEMA.replace("tasks: defineTable", "...(globalThis as any).more,\n      tasks: defineTable"),
        "convex/schema.ts:4: tables may be missing: `globalThis` is a global schemalint does not model",
    ),
}


def project(root: Path, schema: str, functions: str = FUNCTIONS) -> Path:
    (root / "convex").mkdir(parents=True, exist_ok=True)
    (root / "convex" / "schema.ts").write_text(textwrap.dedent(schema).lstrip(), encoding="utf-8")
    (root / "convex" / "fns.ts").write_text(textwrap.dedent(functions).lstrip(), encoding="utf-8")
    return root


def run(generator: str, root: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["generate", generator, str(root), "--out", str(out), *extra])
    return result.exit_code, result.stderr


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("generator", ["python", "docs"])
@pytest.mark.parametrize("case", sorted(BROKEN_SCHEMAS))
def test_a_broken_schema_leaves_the_previous_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generator: str, case: str
) -> None:
    monkeypatch.chdir(tmp_path)
    root, out = project(tmp_path / "p", GOOD_SCHEMA), tmp_path / "out"
    assert run(generator, root, out)[0] == 0
    before = snapshot(out)
    schema, reason = BROKEN_SCHEMAS[case]
    project(root, schema)
    code, err = run(generator, root, out)
    assert code == 1
    assert snapshot(out) == before
    assert "error: nothing generated" in err and "--allow-partial" in err
    assert f"  p/{reason}" in err
    code, err = run(generator, root, out, "--check")
    assert code == 1 and snapshot(out) == before


def test_the_refusal_says_whether_the_project_has_errors_or_unread_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    schema, _ = BROKEN_SCHEMAS[
        "duplicate index name and unknown index field (rules `check` reports as errors)"
    ]
    code, err = run("python", project(tmp_path / "p", schema), tmp_path / "out")
    assert code == 1 and not (tmp_path / "out").exists()
    assert (
        err.splitlines()[0]
        == "error: nothing generated: the project has errors (`schemalint check` reports them):"
    )
    assert [line for line in err.splitlines() if line.startswith("  ")] == [
        '  p/convex/schema.ts:4: D104 duplicate-index-name: Table "tasks" has two or more definitions of index "by_a"',
        '  p/convex/schema.ts:4: D105 duplicate-index: In table "tasks" index "by_a" and index "by_a" have the same '
        "fields. Indexes must be unique within a table.",
        '  p/convex/schema.ts:4: D108 unknown-index-field: In table "tasks" the index "x" is invalid because it '
        'references the field "nope" that does not exist.',
    ]
    schema, _ = BROKEN_SCHEMAS["tables lost to an unknown spread"]
    code, err = run("docs", project(tmp_path / "q", schema), tmp_path / "out")
    assert code == 1
    assert "\nerror: nothing generated: parts schemalint could not read may hold more tables:\n" in err
    functions = (
        FUNCTIONS
        + 'import { wrap } from "some-unknown-pkg";\nexport const odd = wrap({ handler: async () => null });\n'
    )
    code, err = run("python", project(tmp_path / "r", schema, functions), tmp_path / "out")
    assert code == 1
    assert (
        "\nerror: nothing generated: parts schemalint could not read may hold more tables or functions:\n"
        in err
    )


def test_allow_partial_writes_despite_rule_errors(tmp_path: Path) -> None:
    schema, _ = BROKEN_SCHEMAS[
        "duplicate index name and unknown index field (rules `check` reports as errors)"
    ]
    root = project(tmp_path / "p", schema)
    for generator in ("python", "docs"):
        code, err = run(generator, root, tmp_path / generator, "--allow-partial")
        assert code == 0, err
    api = (tmp_path / "python" / "convex_types" / "api.py").read_text(encoding="utf-8")
    assert "- convex/schema.ts:4: D108 unknown-index-field:" in api


def test_a_function_lost_to_unevaluable_code_stops_the_python_client_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    functions = (
        FUNCTIONS
        + 'import { wrap } from "some-unknown-pkg";\nexport const odd = wrap({ handler: async () => null });\n'
    )
    root = project(tmp_path / "p", GOOD_SCHEMA, functions)
    code, err = run("python", root, tmp_path / "py")
    assert code == 1 and not (tmp_path / "py").exists()
    assert "  function `fns:odd` may be missing: it could not be evaluated" in err
    assert run("docs", root, tmp_path / "docs")[0] == 0  # the docs do not list functions


def test_a_function_wrapped_by_an_unknown_call_counts_as_possibly_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    functions = FUNCTIONS + (
        'import { wrap } from "some-unknown-pkg";\n'
        "export const wrapped = wrap(query({ args: {}, handler: async () => null }));\n"
        "export const config = wrap({ retries: 3 }, () => query({ handler: async () => null }));\n"
    )
    root = project(tmp_path / "p", GOOD_SCHEMA, functions)
    code, err = run("python", root, tmp_path / "py")
    assert code == 1 and not (tmp_path / "py").exists()
    assert err.count("fns:wrapped") == 1 and "fns:config" not in err
    assert err.count("export `wrapped` of `fns` cannot be evaluated and is left out") == 1
    assert "  function `fns:wrapped` may be missing: it could not be evaluated" in err
    assert "1 export that is not a Convex function" in err  # `config`: its builder call is in a function body
    assert run("python", root, tmp_path / "py", "--allow-partial")[0] == 0


def test_a_field_schemalint_cannot_evaluate_is_typed_any_not_refused(tmp_path: Path) -> None:
    schema = GOOD_SCHEMA.replace("name: v.string()", "name: (globalThis as any).x ?? v.string()")
    code, err = run("python", project(tmp_path / "p", schema), tmp_path / "out")
    assert code == 0, err
    documents = (tmp_path / "out" / "convex_types" / "documents.py").read_text(encoding="utf-8")
    assert "    name: Any\n" in documents


def test_allow_partial_writes_and_every_module_docstring_says_what_may_be_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    schema, _ = BROKEN_SCHEMAS["tables lost to an unknown spread"]
    functions = (
        FUNCTIONS
        + 'import { wrap } from "some-unknown-pkg";\nexport const odd = wrap({ handler: async () => null });\n'
    )
    root, out = project(tmp_path / "p", schema, functions), tmp_path / "out"
    code, err = run("python", root, out, "--allow-partial")
    assert code == 0, err
    expected = (
        "INCOMPLETE: generated with --allow-partial from a project with errors, or one schemalint\n"
        "could not read in full. What may be missing or wrong:\n"
        "\n"
        "- convex/schema.ts:4: tables may be missing: `globalThis` is a global schemalint does\n"
        "not model\n"
        "- function `fns:odd` may be missing: it could not be evaluated\n"
        '"""\n'
    )
    for module in ("__init__.py", "documents.py", "api.py"):
        assert expected in (out / "convex_types" / module).read_text(encoding="utf-8"), module
    assert run("docs", root, tmp_path / "docs", "--allow-partial")[0] == 0


def test_the_configuration_decides_which_deploy_errors_stop_the_generators(tmp_path: Path) -> None:
    schema, _ = BROKEN_SCHEMAS[
        "duplicate index name and unknown index field (rules `check` reports as errors)"
    ]
    root = project(tmp_path / "p", schema)
    (root / "schemalint.yaml").write_text("ignore: [D104, D105]\n", encoding="utf-8")
    code, err = run("docs", root, tmp_path / "out")
    assert code == 1 and "D108 unknown-index-field" in err and "D104" not in err and "D105" not in err
    (root / "schemalint.yaml").write_text(
        "ignore: [D104, D105]\nseverity:\n  unknown-index-field: warning\n", encoding="utf-8"
    )
    assert run("docs", root, tmp_path / "out")[0] == 0
