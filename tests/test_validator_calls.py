"""Validator calls written plainly (`v.string()`, `v.id("users")`, `v.optional(v.array(..))`)
take a shortcut in the evaluator (`schemalint.parser.validator_calls`): it reads the same nodes
and must give exactly what the general call path gives (values, spans, diagnostics and the
steps counted), or leave the call to it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from schemalint.diagnostics import Span
from schemalint.discovery import discover
from schemalint.ir import Project, VArray, VId, VLiteral, VNull, VString, VUnion
from schemalint.parser import evaluator, expressions, parse_project, validator_calls
from schemalint.parser.convex_values import optional_copy

# Each expression is a table's only field, so one that throws does not hide the others.
EXPRESSIONS = [
    # Plain: the shortcut's.
    "v.string()",
    "v.number()",
    "v.boolean()",
    "v.int64()",
    "v.null()",
    "v.bytes()",
    "v.any()",
    "v.float64()",
    "v.bigint()",
    "v.commitTs()",
    'v.id("users")',
    "v.id('it\"s')",
    'v.literal("x")',
    "v.literal('y \"z\"')",
    "val.string()",
    "w.int64()",
    'v.optional(v.id("users"))',
    "v.union(v.literal(\"a\"), v.literal('b'), v.null())",
    'v.array(v.literal("q"))',
    'v.union(\n      v.literal("a"),\n        v.literal("b"),\n      val.id("t"),\n    )',
    "v.nullable( v.string() )",
    "v.record(v.string(), w.number())",
    "v.optional(v.optional(v.string()))",
    'v.optional(v.array(v.id("x")))',
    'v.id("a\\"b")',
    'v.literal("\\u00e9\\n")',
    "v.string( )",
    'v.optional(v.nullable(v.union(v.literal("x"), v.array(v.record(v.id("r"), v.any())))))',
    "shared",
    "v.optional(v.string()).optional()",
    "v.array<string>(v.string())",
    "v?.optional(v?.string())",
    "v.optional?.(v.string?.())",
    # Left to the general path, or partly.
    "v.string(/* c */)",
    'v.literal("a", "b")',
    'v.string("ignored")',
    "v.literal(1)",
    "v.id()",
    "v.literal()",
    "v.nosuch()",
    "shadowed()",
    "viaThis()",
    'o.id("x")',
    "shadowedLater()",
    "v.union()",
    'v.optional(o.id("x"))',
    "v.id(`t`)",
    "v.union(v.string(), /* c */ v.number())",
    "v.optional(v.id())",
    "v.record(v.string(), v.optional(v.string()))",
    "v.array(v.string(), v.number())",
    "v.object(v.string())",
    "v.optional(this.string())",
    "v.optional(v.object({ a: v.string() }))",
    "v.union(...[v.string()])",
    "v.string``",
    "v.optional((v.string()))",
    "v.optional(v.string(), v.string())",
    "v.optional(v.object())",
    "v.array(v.nosuch())",
    "v.optional(v.string``)",
    "v.union(v.string(), v.id())",
]

SCHEMA = (
    """\
import { defineSchema, defineTable } from "convex/server";
import { v, v as val } from "convex/values";
import { shared, more } from "./shared";

const w = v;
const o = { string: () => 1, id: (x: string) => x };
function viaThis(this: unknown) { return this.string(); }
function shadowed() { const v = o; return v.string(); }
function shadowedLater() { return v.string(); let v = o; }

export default defineSchema({
  spread: defineTable({ ...more }),
"""
    + "".join(f"  t{i}: defineTable({{ f: {e} }}),\n" for i, e in enumerate(EXPRESSIONS))
    + "});\n"
)

# A file with non-ASCII text (character columns differ from byte columns).
SHARED = """\
import { v } from "convex/values";
// Größe
export const shared = v.union(v.literal("é"), v.id("é"), v.optional(v.string()));
const vé = v;
export const more = { size: v.optional(vé.number()), kind: vé.union(v.literal("x"), v.null()) };
"""


def _parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, enabled: bool, schema: str = SCHEMA
) -> tuple[str, int]:
    """The project's repr (values, spans, diagnostics) and the evaluator's steps."""
    monkeypatch.setattr(validator_calls, "ENABLED", enabled)
    (tmp_path / "convex").mkdir(exist_ok=True)
    (tmp_path / "convex" / "schema.ts").write_text(schema, encoding="utf-8")
    (tmp_path / "convex" / "shared.ts").write_text(SHARED, encoding="utf-8")
    steps: list[int] = []
    release = evaluator.Evaluator.release

    def spy(self: evaluator.Evaluator) -> None:
        steps.append(self.steps)
        release(self)

    monkeypatch.setattr(evaluator.Evaluator, "release", spy)
    project: Project = parse_project(discover(tmp_path), functions=True)
    return repr(project), steps[0]


def test_the_shortcut_gives_what_the_general_path_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[object] = []
    plain_call = validator_calls.plain_call

    def spy(*args: object) -> object:
        value = plain_call(*args)  # type: ignore[arg-type]
        taken.append(value)
        return value

    monkeypatch.setattr(validator_calls, "plain_call", spy)
    fast, fast_steps = _parse(tmp_path, monkeypatch, enabled=True)
    general, general_steps = _parse(tmp_path, monkeypatch, enabled=False)
    assert fast == general
    assert fast_steps == general_steps
    assert sum(value is not None for value in taken) >= 40
    assert None in taken  # `v.id()`, `v.string("ignored")`, `v.optional(v.object(...))`...
    assert "Record validator cannot have optional values" in fast  # reported by the general path


@pytest.mark.parametrize("limit", range(40, 260, 11))
def test_running_out_of_steps_stops_at_the_same_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(expressions.ExpressionsMixin, "step_limit", limit)
    monkeypatch.setattr(expressions, "step_limit", lambda sources: limit)
    fast = _parse(tmp_path, monkeypatch, enabled=True)
    general = _parse(tmp_path, monkeypatch, enabled=False)
    assert fast == general
    assert "evaluation stopped" in fast[0]


@pytest.mark.parametrize("depth", [380, 391, 392, 393, 394, 395, 396, 398, 405])
def test_deep_nesting_stops_at_the_same_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, depth: int
) -> None:
    nested = "v.optional(" * depth + "v.string()" + ")" * depth
    wrapped = "v.array(" * depth + 'v.union(v.literal("a"), v.id("t"))' + ")" * depth
    schema = (
        'import { defineSchema, defineTable } from "convex/server";\n'
        'import { v } from "convex/values";\n'
        f"export default defineSchema({{ t: defineTable({{ a: {nested}, b: {wrapped} }}) }});\n"
    )
    fast = _parse(tmp_path, monkeypatch, enabled=True, schema=schema)
    general = _parse(tmp_path, monkeypatch, enabled=False, schema=schema)
    assert fast == general
    if depth == 380 or depth > 393:
        assert ("nested more than 400 levels deep" in fast[0]) == (depth > 393)


def test_optional_copy_is_dataclasses_replace() -> None:
    span = Span("a.ts", 1, 2, 3, 4)
    validators = [
        VString(span=Span("b.ts", 1, 1, 1, 9), name="S"),
        VId(table_name="users", name="UserId"),
        VLiteral(value="a", value_type="string", optional=True),
        VUnion(members=(VString(), VNull()), name="U"),
        VArray(element=VId(table_name="t")),
    ]
    for validator in validators:
        copy = optional_copy(validator, span)
        expected = dataclasses.replace(validator, optional=True, span=span)
        assert type(copy) is type(expected) and repr(copy) == repr(expected)
