"""Calls written plainly (`v.string()`, `v.id("users")`, `v.literal('a')`) take a shortcut in
the evaluator; it gives exactly what the general call path gives, or leaves the call to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemalint.discovery import discover
from schemalint.ir import Project
from schemalint.parser import convex_values, expressions, parse_project

SCHEMA = """\
import { defineSchema, defineTable } from "convex/server";
import { v, v as val } from "convex/values";

const w = v;
const o = { string: () => 1, id: (x: string) => x };
function viaThis(this: unknown) { return this.string(); }
function shadowed() { const v = o; return v.string(); }
function undefinedName() { let undefined = v; return undefined.string(); }

export default defineSchema({
  plain: defineTable({
    s: v.string(), n: v.number(), b: v.boolean(), i64: v.int64(), nul: v.null(), by: v.bytes(),
    a: v.any(), f: v.float64(), big: v.bigint(), ts: v.commitTs(),
    id: v.id("users"), id2: v.id('it"s'), lit: v.literal("x"), lit2: v.literal('y "z"'),
    aliased: val.string(), copied: w.int64(), opt: v.optional(v.id("users")),
    union: v.union(v.literal("a"), v.literal('b'), v.null()), arr: v.array(v.literal("q")),
  }),
  general: defineTable({
    spaced: v.string( ), comment: v.string(/* c */), escaped: v.id("a\\"b"), accented: v.id("é"),
    two: v.literal("a", "b"), extra: v.string("ignored"), num: v.literal(1),
    noArg: v.id(), noLit: v.literal(), missing: v.nosuch(), shadowed: shadowed(),
    viaThis: viaThis(), undefinedName: undefinedName(), notV: o.id("x"),
  }),
});
"""


def _parse(tmp_path: Path) -> Project:
    (tmp_path / "convex").mkdir(exist_ok=True)
    (tmp_path / "convex" / "schema.ts").write_text(SCHEMA, encoding="utf-8")
    return parse_project(discover(tmp_path))


def test_plain_calls_give_what_the_general_path_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[str | None] = []

    def spy(impl: object, argument: str | None, span: object) -> object:
        value = convex_values.plain_call(impl, argument, span)  # type: ignore[arg-type]
        taken.append(argument if value is not None else "<general>")
        return value

    monkeypatch.setattr(expressions, "plain_call", spy)
    fast = _parse(tmp_path)
    assert taken.count("<general>") == 3  # `v.id()`, `v.literal()`, `v.string("ignored")`
    assert len(taken) >= 20
    monkeypatch.setattr(expressions, "plain_call", lambda impl, argument, span: None)
    general = _parse(tmp_path)
    assert repr(fast) == repr(general)
    assert fast.schema is not None and len(fast.schema.tables) == 2
    assert fast.diagnostics  # the calls that throw are reported, by the general path


@pytest.mark.parametrize("limit", range(40, 140, 9))
def test_running_out_of_steps_stops_at_the_same_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(expressions.ExpressionsMixin, "step_limit", limit)
    monkeypatch.setattr(expressions, "step_limit", lambda sources: limit)
    fast = _parse(tmp_path)
    monkeypatch.setattr(expressions, "plain_call", lambda impl, argument, span: None)
    general = _parse(tmp_path)
    assert repr(fast) == repr(general)
    assert any("evaluation stopped" in d.message for d in fast.diagnostics)
