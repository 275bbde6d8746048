"""Deploy-breakers are errors; schemalint's blind spots are notices (issue: trust).

What makes `npx convex deploy` fail (a syntax error, an import of a missing file, `v.strng(...)`,
an undefined name) is an error, so `--fail-on error` fails. What schemalint merely cannot see
(an unknown package, a global it does not model) is a notice naming the exact part lost.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers import lint, write_project

from schemalint.cli import main


def found(source: str) -> list[str]:
    """`severity rule line:col message` for each meta finding of `source`."""
    return [
        f"{d.severity.label} {d.rule} {d.span.line}:{d.span.column} {d.message}"
        for d in lint(source)
        if d.code.startswith("M")
    ]


def test_a_member_v_does_not_have_is_an_error_with_the_closest_one() -> None:
    assert found("""
        export default defineSchema({
          users: defineTable({ name: v.strng() }),
        });
    """) == [
        "error evaluation-error 4:30 `v` has no member `strng` (did you mean `v.string`?): "
        "Convex fails with a TypeError when it evaluates this"
    ]


def test_calling_an_undefined_name_is_an_error() -> None:
    assert found("""
        export default defineSchema({
          users: defineTable({ name: makeName() }),
        });
    """) == [
        "error evaluation-error 4:30 `makeName` is not defined: "
        "Convex fails with `ReferenceError: makeName is not defined` when it evaluates this"
    ]


def test_typeof_an_undeclared_name_does_not_throw() -> None:
    assert found("""
        const kind = typeof someUndeclaredThing === "undefined" ? v.string() : v.number();
        export default defineSchema({ users: defineTable({ kind }) });
    """) == []


def test_a_runtime_global_schemalint_does_not_model_is_a_notice() -> None:
    assert found("""
        export default defineSchema({
          users: defineTable({ name: structuredClone(v.string()) }),
        });
    """) == [
        "notice unevaluable-expression 4:30 `users.name` unknown: `structuredClone` is a global "
        "schemalint does not model"
    ]


def test_a_name_declared_where_the_evaluator_does_not_look_is_never_an_invented_error() -> None:
    # `helper` is declared in a scope schemalint's evaluator never enters: not "surely undefined".
    findings = found("""
        declare const helper: () => any;
        export default defineSchema({ users: defineTable({ name: helper() }) });
    """)
    assert [f.split(" ")[:2] for f in findings] == [["notice", "unevaluable-expression"]]


def test_an_unknown_package_is_a_notice_naming_the_field_it_costs() -> None:
    assert found("""
        import { makeTitle } from "some-title-library";
        export default defineSchema({
          tasks: defineTable({ title: makeTitle(), done: v.boolean() }),
        });
    """) == [
        "notice unevaluable-expression 5:31 `tasks.title` unknown: `makeTitle` comes from the package "
        "`some-title-library`, which schemalint cannot evaluate"
    ]


def test_an_import_of_a_missing_local_file_is_an_error(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        """
        import { shared } from "./fields";
        export default defineSchema({ users: defineTable(shared) });
        """,
    )
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--fail-on", "error", "--format", "concise"])
    assert result.exit_code == 1
    assert "convex/schema.ts:3:24: error M902 [unresolved-import] cannot resolve `./fields`" in result.stdout


def test_every_deploy_breaker_fails_fail_on_error(tmp_path: Path) -> None:
    breakers = {
        "syntax": "export default defineSchema({ users: defineTable({ name: v.string( }) });",
        "member": "export default defineSchema({ users: defineTable({ name: v.strng() }) });",
        "undefined": "export default defineSchema({ users: defineTable({ name: nope() }) });",
        "no-default": "export const schema = defineSchema({});",
    }
    for name, source in breakers.items():
        write_project(tmp_path / name, source)
        result = CliRunner().invoke(main, ["check", str(tmp_path / name), "--fail-on", "error"])
        assert result.exit_code == 1, (name, result.output)


def test_a_member_a_validator_does_not_have_is_an_error_with_the_closest_one() -> None:
    assert found("""
        export default defineSchema({
          users: defineTable({ name: v.string().optinal(), age: v.number().optional() }),
        });
    """) == [
        "error evaluation-error 4:30 a `string` validator has no member `optinal` (did you mean "
        "`.optional`?): Convex fails with a TypeError when it evaluates this"
    ]


def test_members_every_validator_or_object_has_are_not_errors() -> None:
    assert [f for f in found("""
        const o = v.object({ a: v.string(), b: v.number() });
        const kinds = [o.kind, o.isOptional, o.fields, v.id("users").tableName, v.literal("x").value];
        export default defineSchema({ users: defineTable(o.pick("a").extend({ c: v.any() })) });
    """) if f.startswith("error")] == []


def test_a_table_that_is_not_a_table_definition_is_an_error() -> None:
    # Convex calls `.export()` on each table: `TypeError: definition.export is not a function`.
    assert found("""
        export default defineSchema({ users: { name: v.string() }, posts: defineTable({}) });
    """) == [
        "error evaluation-error 3:38 `users` is not a table definition (an object); wrap it in "
        "defineTable() (Convex fails with `TypeError: definition.export is not a function`)"
    ]


def test_a_member_v_lacks_is_an_error_only_when_called() -> None:
    # `v.strng` is `undefined` (no throw); calling it, or using it as a validator, throws.
    assert found("""
        const text = typeof v.strng === "function" ? v.strng : v.string;
        export default defineSchema({ users: defineTable({ name: text(), bio: v.strng }) });
    """) == [
        'error evaluation-error 4:71 Convex throws here: A validator is undefined for field "bio" in '
        "v.object(). This is often caused by circular imports."
    ]


def test_an_undefined_name_in_a_try_block_is_caught_not_an_error() -> None:
    findings = found("""
        let extra: any = {};
        try { extra = loadExtraFields(); } catch { extra = {}; }
        export default defineSchema({ users: defineTable({ name: v.string() }) });
    """)
    assert [f for f in findings if f.startswith("error")] == []


def test_a_name_a_later_loaded_module_declares_is_not_undefined_after_it_is_loaded() -> None:
    # The first read asks every file loaded so far; the module declaring `helper` is loaded
    # after it, and the read in the module loaded after that one must see its declaration.
    findings = lint(
        "export default defineSchema({ users: defineTable({ name: v.string() }) });",
        files={
            "convex/a.ts": "export const first = helper();\n",
            "convex/b.ts": "globalThis.helper = () => 1;\n",
            "convex/c.ts": "export const later = helper();\n",
        },
    )
    undefined = [d for d in findings if d.rule == "evaluation-error"]
    assert [Path(d.span.file).name for d in undefined] == ["a.ts"]


def test_names_declared_by_modules_still_to_be_linked_are_seen_by_every_read() -> None:
    # While the schema links its imports, `a.ts` runs before `b.ts` is loaded: both reads in
    # `a.ts` ask the files still to be linked; only the name `b.ts` does not declare is an error.
    findings = lint(
        """
        import { first } from "./a";
        import { second } from "./b";
        export default defineSchema({ users: defineTable({ name: v.string() }) });
        """,
        files={
            "convex/a.ts": "export const first = helper();\nexport const other = nowhere();\n",
            "convex/b.ts": "globalThis.helper = () => 1;\nexport const second = helper();\n",
        },
    )
    undefined = [d.message.split(":")[0] for d in findings if d.rule == "evaluation-error"]
    assert undefined == ["`nowhere` is not defined"]
