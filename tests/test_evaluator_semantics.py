"""The evaluator's JS semantics: a snippet in, the exact export or findings out.

(`test_evaluator_oracle.py` checks the same kinds of code against the real `convex` package.)
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from helpers import assert_findings, lint, write_project

from schemalint.discovery import discover
from schemalint.export import schema_json
from schemalint.parser import parse_project


def export_of(source: str) -> tuple[dict[str, Any] | None, list[str]]:
    """The export JSON of `source` as a schema, and `kind line:col message` per parser diagnostic."""
    with tempfile.TemporaryDirectory() as tmp:
        write_project(Path(tmp), source)
        project = parse_project(discover(Path(tmp)))
    found = [f"{d.kind} {d.span.line}:{d.span.column} {d.message}" for d in project.diagnostics]
    return (schema_json(project.schema) if project.schema is not None else None), found


def fields_of(source: str, table: str = "t") -> dict[str, Any]:
    exported, found = export_of(source)
    assert exported is not None and found == [], found
    [entry] = [t for t in exported["tables"] if t["tableName"] == table]
    return {name: json.dumps(f["fieldType"]) for name, f in entry["documentType"]["value"].items()}


def indexes_of(source: str, table: str = "t") -> list[tuple[str, list[str]]]:
    exported, found = export_of(source)
    assert exported is not None and found == [], found
    [entry] = [t for t in exported["tables"] if t["tableName"] == table]
    return [(i["indexDescriptor"], i["fields"]) for i in entry["indexes"]]


STRING = '{"type": "string"}'
NUMBER = '{"type": "number"}'


# ---------------------------------------------------------------------------------- statements


def test_a_for_of_loop_over_a_known_array_fills_the_fields() -> None:
    source = """
        const fields: Record<string, any> = {};
        for (const k of ["a", "b"]) fields[k] = v.string();
        export default defineSchema({ t: defineTable(fields).index("by_a", ["a"]) });
    """
    assert fields_of(source) == {"a": STRING, "b": STRING}
    assert_findings(source)


def test_an_unevaluable_loop_makes_what_it_writes_unknown_and_says_so_once() -> None:
    source = """
        const fields: Record<string, any> = {};
        for (const k of Object.keys(globalThis)) fields[k] = v.string();
        export default defineSchema({ t: defineTable(fields).index("by_a", ["a"]) });
    """
    # Not `{}` with no finding, and no false unknown-index-field error: the fields are unknown.
    [notice] = assert_findings(source, "unevaluable-expression")
    assert notice.message.startswith(
        "a `for…of` over a value that cannot be evaluated: `fields` may be changed by it and is unknown"
    )
    assert (notice.span.line, notice.span.column) == (4, 1)


def test_top_level_if_with_a_known_condition_runs_one_branch() -> None:
    source = """
        const fields: Record<string, any> = { a: v.string() };
        const strict = true;
        if (strict) { fields.b = v.number(); } else { fields.c = v.number(); }
        export default defineSchema({ t: defineTable(fields) });
    """
    assert fields_of(source) == {"a": STRING, "b": NUMBER}


def test_process_env_inside_a_top_level_if_is_seen() -> None:
    known = """
        const fields: Record<string, any> = { a: v.string() };
        if (true) { fields.url = v.literal(process.env.URL ?? "x"); }
        export default defineSchema({ t: defineTable(fields) });
    """
    unknown = """
        if (typeof window === "undefined") { console.log(process.env.DEBUG); }
        export default defineSchema({ t: defineTable({ a: v.string() }) });
    """
    assert "schema-runtime-access" in [d.rule for d in lint(known)]
    assert_findings(unknown, "schema-runtime-access")


def test_while_do_switch_try_and_labels_run_statically() -> None:
    source = """
        const fields: Record<string, any> = {};
        let i = 0;
        while (i < 2) { fields[`w${i}`] = v.string(); i++; }
        do { i--; } while (i > 0);
        switch ("b" as string) { case "a": fields.a = v.number(); case "b": fields.b = v.number(); break; default: fields.d = v.number(); }
        try { fields.t = v.string(); } finally { fields.f = v.string(); }
        outer: for (const x of [1, 2, 3]) { for (const y of [1, 2]) { if (x === 2) continue outer; if (x === 3) break outer; fields[`p${x}${y}`] = v.number(); } }
        export default defineSchema({ t: defineTable(fields) });
    """
    assert list(fields_of(source)) == ["w0", "w1", "b", "t", "f", "p11", "p12"]


def test_a_catch_block_that_may_run_makes_its_writes_unknown() -> None:
    source = """
        const fields: Record<string, any> = { a: v.string() };
        try { JSON.parse("{"); } catch { fields.b = v.string(); }
        export default defineSchema({ t: defineTable(fields) });
    """
    _, found = export_of(source)
    assert found == [
        "unevaluable-expression 4:26 a `catch` block that may run: `fields` may be changed by it and is "
        "unknown from here on",
        "unevaluable-expression 4:26 some fields of table `t` unknown: a `catch` block that may run, "
        "so what it changes is unknown",
    ]


def test_a_top_level_throw_is_an_evaluation_error() -> None:
    [error] = assert_findings(
        """
        throw new Error("no");
        export default defineSchema({ t: defineTable({ a: v.string() }) });
        """,
        "evaluation-error",
    )
    assert error.message.startswith("Convex throws here: the module throws when it is loaded")


# ---------------------------------------------------------------------------------- enums


def test_enums_with_quoted_members_reverse_mappings_and_strings() -> None:
    source = """
        enum Status { New = 0, 'In Progress', Done }
        enum Role { Admin, User }
        enum Color { Red = "red", Blue = "blue" }
        enum Flags { A = 1, B = A * 4, C }
        export default defineSchema({ t: defineTable({
          progress: v.literal(Status['In Progress']),
          done: v.literal(Status.Done),
          roles: v.union(...Object.values(Role).map((r) => v.literal(r))),
          colors: v.union(...Object.values(Color).map((c) => v.literal(c))),
          c: v.literal(Flags.C),
          name: v.literal(Status[2]),
        }) });
    """
    fields = fields_of(source)
    literal = '{{"type": "literal", "value": {}}}'.format
    union = '{{"type": "union", "value": [{}]}}'.format
    assert fields == {
        "progress": literal(1),
        "done": literal(2),
        "roles": union(", ".join(literal(x) for x in ('"Admin"', '"User"', 0, 1))),
        "colors": union(", ".join(literal(x) for x in ('"red"', '"blue"'))),
        "c": literal(5),
        "name": literal('"Done"'),
    }


def test_unsupported_literals_are_convex_errors_never_made_up_values() -> None:
    _, found = export_of(
        """
        enum E { A }
        export default defineSchema({ t: defineTable({ a: v.literal((E as any).B) }) });
        """
    )
    assert found == [
        "evaluation-error 4:51 Convex throws here: v.literal(value) must be a string, number, or boolean "
        "(got `undefined`)"
    ]


# ---------------------------------------------------------------------------------- mutation


def test_fields_changed_after_define_table_are_part_of_the_export() -> None:
    source = """
        const fields: Record<string, any> = { a: v.string(), gone: v.string() };
        const table = defineTable(fields);
        fields.b = v.number();
        Object.assign(fields, { c: v.string() });
        fields["d"] = v.number();
        delete fields.gone;
        Reflect.set(fields, "e", v.string());
        Object.defineProperty(fields, "hidden", { value: v.string() });
        export default defineSchema({ t: table });
    """
    assert fields_of(source) == {"a": STRING, "b": NUMBER, "c": STRING, "d": NUMBER, "e": STRING}


def test_nested_object_validators_see_later_changes_too() -> None:
    source = """
        const inner: Record<string, any> = { x: v.string() };
        const t = defineTable({ nested: v.optional(v.object(inner)), list: v.array(v.object(inner)) });
        inner.y = v.number();
        export default defineSchema({ t });
    """
    nested = (
        '{"type": "object", "value": {"x": {"fieldType": {"type": "string"}, "optional": false}, '
        '"y": {"fieldType": {"type": "number"}, "optional": false}}}'
    )
    assert fields_of(source) == {"nested": nested, "list": f'{{"type": "array", "value": {nested}}}'}


def test_index_field_arrays_are_kept_by_reference() -> None:
    source = """
        const idx = ["a"];
        const rev = ["b", "a"];
        const cut = ["a", "b", "c"];
        const t = defineTable({ a: v.string(), b: v.string(), c: v.string() })
          .index("pushed", idx).index("reversed", rev).index("cut", cut);
        idx.push("b");
        rev.reverse();
        cut.length = 1;
        export default defineSchema({ t });
    """
    assert indexes_of(source) == [("pushed", ["a", "b"]), ("reversed", ["a", "b"]), ("cut", ["a"])]


def test_compound_assignments_and_updates() -> None:
    source = """
        let n = 1;
        n += 2;
        n++;
        let name: string | undefined;
        name ??= "first";
        name ||= "second";
        const counts = { x: 1 };
        counts.x *= 10;
        export default defineSchema({ t: defineTable({
          n: v.literal(n), name: v.literal(name), x: v.literal(counts.x),
        }) });
    """
    assert fields_of(source) == {
        "n": '{"type": "literal", "value": 4}',
        "name": '{"type": "literal", "value": "first"}',
        "x": '{"type": "literal", "value": 10}',
    }


def test_assigning_to_a_frozen_object_is_an_evaluation_error() -> None:
    [error] = assert_findings(
        """
        const shared: any = Object.freeze({ name: v.string() });
        shared.email = v.string();
        export default defineSchema({ users: defineTable(shared) });
        """,
        "evaluation-error",
    )
    assert error.message == "Convex throws here: TypeError: Cannot add property 'email' of a frozen object"
    assert (error.span.line, error.span.column) == (4, 1)


def test_a_helper_that_mutates_inside_an_unevaluable_branch_poisons_its_target() -> None:
    [notice] = assert_findings(
        """
        const fields: Record<string, any> = { a: v.string() };
        function addAudit(target: Record<string, any>) { target.createdBy = v.string(); }
        if (typeof window === "undefined") addAudit(fields);
        export default defineSchema({ t: defineTable(fields).index("by_createdBy", ["createdBy"]) });
        """,
        "unevaluable-expression",
    )
    assert "`fields` may be changed by it" in notice.message


# ---------------------------------------------------------------------------------- red-team traps


def test_optional_chains_short_circuit_as_a_whole() -> None:
    source = """
        const a: any = undefined;
        const maybe: any = null;
        export default defineSchema({ t: defineTable({
          x: a?.b.c ?? v.string(), y: maybe?.() ?? v.number(), z: a?.[0].b ?? v.string(),
        }) });
    """
    assert fields_of(source) == {"x": STRING, "y": NUMBER, "z": STRING}


def test_proto_key_sets_the_prototype_and_getters_give_their_value() -> None:
    source = """
        const base = { inherited: v.string() };
        const fields: any = { __proto__: base, own: v.number(), get computed() { return v.string(); } };
        export default defineSchema({ t: defineTable(fields), u: defineTable({ x: fields.inherited }) });
    """
    assert fields_of(source) == {"own": NUMBER, "computed": STRING}
    assert fields_of(source, "u") == {"x": STRING}


def test_inherited_object_members_are_functions_not_undefined() -> None:
    source = """
        const fields: any = { a: v.string() };
        if (fields.hasOwnProperty("a") && fields.toString && !fields.hasOwnProperty("b")) fields.b = v.number();
        export default defineSchema({ t: defineTable(fields) });
    """
    assert fields_of(source) == {"a": STRING, "b": NUMBER}


def test_spreading_a_string_into_fields_is_convex_throwing() -> None:
    [error] = assert_findings(
        'export default defineSchema({ t: defineTable({ ...("ab" as any) }) });', "evaluation-error"
    )
    assert error.message == ("Convex throws here: v.object() entries must be validators (got the string 'a')")


def test_an_object_passed_to_an_unevaluable_call_becomes_unknown() -> None:
    source = """
        import { decorate } from "some-unknown-package";
        const fields: Record<string, any> = { a: v.string() };
        decorate(fields);
        export default defineSchema({ t: defineTable(fields).index("by_b", ["b"]) });
    """
    found = [d.rule for d in lint(source)]
    assert "unknown-index-field" not in found
    _, parser = export_of(source)
    assert parser == [
        "unevaluable-expression 5:1 some fields of table `t` unknown: a call schemalint cannot evaluate "
        "(`decorate` comes from the package `some-unknown-package`, which schemalint cannot evaluate), "
        "so what it changes is unknown"
    ]


def test_comparing_builtins_is_true_or_unknown_never_a_wrong_boolean() -> None:
    # Convex says `true` for each: a builtin read twice is the same object. Where schemalint
    # makes a fresh value per read, the comparison must be unknown rather than `false`.
    for comparison in (
        "({}).constructor === Object",
        "({}).toString === ({}).toString",
        "[1].map === [2].map",
        "'a'.trim !== 'b'.trim",
        "Math == Math",
    ):
        _exported, found = export_of(
            f"export default defineSchema({{ t: defineTable(({comparison}) ? {{ a: v.string() }} : {{}}) }});"
        )
        assert [f.split(" ")[0] for f in found] == ["unevaluable-expression"], (comparison, found)
    # The globals `Object`, `String`, `Number` (and their members) are one value each.
    for comparison in (
        "Object.keys === Object.keys",
        "String === String",
        "Number == Number",
        "Object === Object",
    ):
        assert fields_of(
            f"export default defineSchema({{ t: defineTable(({comparison}) ? {{ a: v.string() }} : {{}}) }});"
        ) == {"a": STRING}, comparison


def test_reading_a_member_of_null_at_module_level_is_convex_throwing() -> None:
    source = """
        export const bad = (null as any).x;
        try { (undefined as any).y; } catch {}
        function never() { return (null as any).z; }
        export default defineSchema({ t: defineTable({ a: v.string() }) });
    """
    _exported, found = export_of(source)
    assert found == [
        "evaluation-error 3:20 Convex throws here: TypeError: Cannot read properties of null (reading 'x')"
    ]
