"""The evaluation work budget (issue #17): hostile schemas finish quickly and say what they cost.

Exceeding a JavaScript limit is Convex's own error (an `evaluation-error`); exceeding
schemalint's budget makes the value unknown, reported once. The full-size versions, with time
and memory ceilings, are in `python -m benchmarks.hostile`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner
from helpers import write_project

from schemalint.cli import main
from schemalint.discovery import discover
from schemalint.ir import Validator, VObject
from schemalint.parser import parse_project


def union_bomb(levels: int, uses: int = 1) -> str:
    """`const u1 = v.union(u0, u0); const u2 = v.union(u1, u1); ...` used in `uses` fields."""
    lines = ["const u0 = v.union(v.string(), v.number());"]
    lines += [f"const u{i} = v.union(u{i - 1}, u{i - 1});" for i in range(1, levels + 1)]
    fields = ", ".join(f"f{i}: u{levels}" for i in range(uses))
    lines.append(f"export default defineSchema({{ t: defineTable({{ ok: v.string(), {fields} }}) }});")
    return "\n".join(lines)


def export(root: Path) -> tuple[int, dict[str, object], str]:
    result = CliRunner().invoke(main, ["export", str(root), "--compact"])
    return result.exit_code, json.loads(result.stdout), result.stderr


def fields_of(exported: dict[str, object]) -> dict[str, object]:
    table = exported["tables"][0]  # type: ignore[index]
    return {name: spec["fieldType"] for name, spec in table["documentType"]["value"].items()}


def test_union_bomb_is_one_unknown_field_and_one_notice(tmp_path: Path) -> None:
    write_project(tmp_path, union_bomb(40))
    code, exported, stderr = export(tmp_path)
    assert code == 1
    assert fields_of(exported) == {"ok": {"type": "string"}, "f0": {"type": "any"}}
    assert stderr.count("unevaluable-expression") == 1
    assert "`t.f0` unknown: it expands to 4,398,046,511,103 validators" in stderr


def test_a_union_used_many_times_stops_at_the_total_budget(tmp_path: Path) -> None:
    write_project(tmp_path, union_bomb(14, uses=300))
    code, exported, stderr = export(tmp_path)
    fields = fields_of(exported)
    assert code == 1
    assert fields["ok"] == {"type": "string"} and fields["f0"]["type"] == "union"  # type: ignore[index]
    assert fields["f299"] == {"type": "any"}
    assert "the schema's validators expand to more than 250,000" in stderr


def test_a_validator_reused_as_real_schemas_do_is_kept(tmp_path: Path) -> None:
    fields = ", ".join(f"f{i}: address" for i in range(200))
    write_project(
        tmp_path,
        "const address = v.object({ street: v.string(), city: v.string(), zip: v.optional(v.string()) });\n"
        f"export default defineSchema({{ t: defineTable({{ {fields} }}) }});",
    )
    code, exported, _ = export(tmp_path)
    assert code == 0 and len(fields_of(exported)) == 200


def test_a_string_doubled_past_v8s_limit_is_convexs_range_error(tmp_path: Path) -> None:
    doublings = "\n".join(f"const s{i} = s{i - 1} + `${{s{i - 1}}}`;" for i in range(1, 31))
    write_project(
        tmp_path,
        f'const s0 = "ab";\n{doublings}\n'
        "export default defineSchema({ t: defineTable({ a: v.literal(s18.length), b: v.literal(s29) }) });",
    )
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert "error M905 [evaluation-error] Convex throws here: RangeError: Invalid string length" in result.output
    _, exported, _ = export(tmp_path)
    # s18 is over schemalint's budget: its length is known, its text is not needed.
    assert fields_of(exported)["a"] == {"type": "literal", "value": 2**19}


def test_bigint_squaring_stops_at_the_bigint_budget(tmp_path: Path) -> None:
    squarings = "\n".join(["b = b * b;"] * 40)
    write_project(
        tmp_path,
        f"let b = 3n;\n{squarings}\n"
        "export default defineSchema({ t: defineTable({ f: v.literal(`${b}`) }) });",
    )
    code, exported, stderr = export(tmp_path)
    assert code == 1 and fields_of(exported)["f"] == {"type": "any"}
    assert "a bigint larger than 65,536 bits is not evaluated" in stderr


def test_array_doubling_stops_at_the_collection_budget(tmp_path: Path) -> None:
    doublings = "\n".join(f"const a{i} = [...a{i - 1}, ...a{i - 1}];" for i in range(1, 20))
    write_project(
        tmp_path,
        f'const a0 = ["x"];\n{doublings}\n'
        "export default defineSchema({ t: defineTable({ f: v.literal(a19.length), g: v.literal(a10.length) }) });",
    )
    code, exported, stderr = export(tmp_path)
    assert code == 1
    assert fields_of(exported) == {"f": {"type": "any"}, "g": {"type": "literal", "value": 1024}}
    assert "an array of more than 262,144 items is not evaluated" in stderr


def test_the_step_budget_stops_long_evaluations_once(tmp_path: Path, monkeypatch: object) -> None:
    import schemalint.parser.budget as budget
    import schemalint.parser.expressions as expressions

    monkeypatch.setattr(budget, "MIN_STEPS", 5_000)  # type: ignore[attr-defined]
    monkeypatch.setattr(budget, "STEPS_PER_BYTE", 0)  # type: ignore[attr-defined]
    monkeypatch.setattr(expressions.ExpressionsMixin, "step_limit", 5_000)  # type: ignore[attr-defined]
    write_project(
        tmp_path,
        "const add = (s: string): string => s + s;\n"
        "const many = 'x'.repeat(9000).split('').map(add).map(add);\n"
        "export default defineSchema({ t: defineTable({ f: v.literal(many.length), g: v.string() }) });",
    )
    project = parse_project(discover(tmp_path))
    assert project.schema is None  # `defineSchema(...)` itself comes after the budget ran out
    messages = [d.message for d in project.diagnostics]
    assert messages == ["evaluation stopped after 5,000 steps (a loop or recursion this long is not evaluated)"]


def test_parsing_restores_the_recursion_limit(tmp_path: Path) -> None:
    write_project(tmp_path, "export default defineSchema({ t: defineTable({ f: v.string() }) });")
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000)
    try:
        parse_project(discover(tmp_path))
        assert sys.getrecursionlimit() == 1_000
    finally:
        sys.setrecursionlimit(before)


def test_a_union_bomb_in_function_arguments_is_unknown_and_reported(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        "export default defineSchema({ t: defineTable({ f: v.string() }) });",
        files={
            "convex/jobs.ts": 'import { query } from "./_generated/server";\n'
            'import { v } from "convex/values";\n'
            + union_bomb(40).split("\nexport default")[0]
            + "\nexport const run = query({ args: { ok: v.string(), x: u40 }, handler: async () => null });\n"
        },
    )
    project = parse_project(discover(tmp_path), functions=True)
    assert project.functions is not None
    [function] = project.functions.functions
    assert isinstance(function.args, VObject)
    assert [(f.name, f.validator.kind) for f in function.args.fields] == [("ok", "string"), ("x", "unknown")]
    messages = [d.message for d in project.functions.diagnostics]
    assert any(m.startswith("the arguments of `jobs:run` unknown: it expands to") for m in messages), messages


def test_the_budget_counts_each_distinct_validator_once_before_and_after_counting_leaves() -> None:
    from schemalint.ir import Field, VArray, VString, VUnion, VUnknown, walk_validators
    from schemalint.parser.budget import ValidatorBudget

    shared_leaf, unknown = VString(), VUnknown(reason="x")
    shared_union = VUnion(members=(shared_leaf, VString(), shared_leaf))
    roots = [
        VObject(fields=(Field(name="a", validator=shared_union), Field(name="b", validator=shared_leaf))),
        VArray(element=shared_union),
        shared_leaf,
        VObject(fields=(Field(name="c", validator=VArray(element=unknown)),)),
        VString(),
    ]

    def distinct(measured: list[Validator]) -> int:
        return len({id(node) for root in measured for node in walk_validators(root)})

    budget = ValidatorBudget()
    for root in roots[:3]:
        budget.expanded_size(root)
    assert budget.distinct == distinct(roots[:3]) == 5
    for root in roots[3:]:
        budget.expanded_size(root)
    assert budget.distinct == distinct(roots) == 9
    assert budget.expanded_size(roots[0]) == 6 and budget.expanded_size(roots[1]) == 5
    assert [budget.fully_read(root) for root in roots] == [True, True, True, False, True]
