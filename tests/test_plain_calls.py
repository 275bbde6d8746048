"""Calls written plainly (`v.string()`, `v.id("users")`, `v.optional(v.literal('a'))`) take a
shortcut in the evaluator (`schemalint.parser.plain_calls`); it gives exactly what the general
call path gives, or leaves the call to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemalint.discovery import discover
from schemalint.ir import Project
from schemalint.parser import convex_values, expressions, parse_project, plain_calls
from schemalint.parser.source import _parser

SCHEMA = """\
import { defineSchema, defineTable } from "convex/server";
import { v, v as val } from "convex/values";
import { shared } from "./shared";

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
    multi: v.union(
      v.literal("a"),
        v.literal("b"),
      val.id("t"),
    ),
    nullable: v.nullable( v.string() ), record: v.record(v.string(), w.number()),
    optOpt: v.optional(v.optional(v.string())), optArr: v.optional(v.array(v.id("x"))),
    shared,
  }),
  general: defineTable({
    spaced: v.string( ), comment: v.string(/* c */), escaped: v.id("a\\"b"),
    two: v.literal("a", "b"), extra: v.string("ignored"), num: v.literal(1),
    noArg: v.id(), noLit: v.literal(), missing: v.nosuch(), shadowed: shadowed(),
    viaThis: viaThis(), undefinedName: undefinedName(), notV: o.id("x"),
    emptyUnion: v.union(), wrapped: v.optional(o.id("x")),
    commented: v.union(v.string(), /* c */ v.number()), throws: v.optional(v.id()),
    badRecord: v.record(v.string(), v.optional(v.string())), arr2: v.array(v.string(), v.number()),
    notWrapper: v.object(v.string()), thisArg: v.optional(this.string()),
  }),
});
"""

# A file with a non-ASCII character: wrappers take the general path there, leaves the shortcut.
SHARED = """\
import { v } from "convex/values";
// Größe
export const shared = v.union(v.literal("é"), v.id("é"), v.optional(v.string()));
export const more = { size: v.optional(v.number()), kind: v.union(v.literal("x"), v.null()) };
"""


def _parse(tmp_path: Path) -> Project:
    (tmp_path / "convex").mkdir(exist_ok=True)
    (tmp_path / "convex" / "schema.ts").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "convex" / "shared.ts").write_text(SHARED, encoding="utf-8")
    return parse_project(discover(tmp_path))


def _general(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(expressions, "plain_call_value", lambda *args: None)


def test_plain_calls_give_what_the_general_path_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[str | None] = []

    def spy(impl: object, argument: str | None, span: object) -> object:
        value = convex_values.plain_call(impl, argument, span)  # type: ignore[arg-type]
        taken.append(argument if value is not None else "<general>")
        return value

    monkeypatch.setattr(plain_calls, "plain_call", spy)
    wrappers: list[object] = []
    wrapper_value = plain_calls._wrapper_value

    def wrapper_spy(*args: object) -> object:
        value = wrapper_value(*args)  # type: ignore[arg-type]
        if value is not None:
            wrappers.append(value)
        return value

    monkeypatch.setattr(plain_calls, "_wrapper_value", wrapper_spy)
    fast = _parse(tmp_path)
    assert "<general>" in taken  # `v.id()`, `v.literal()`, `v.string("ignored")`
    assert len(taken) >= 30
    assert len(wrappers) >= 8
    _general(monkeypatch)
    general = _parse(tmp_path)
    assert repr(fast) == repr(general)
    assert fast.schema is not None and len(fast.schema.tables) == 2
    assert fast.diagnostics  # the calls that throw are reported, by the general path


@pytest.mark.parametrize("limit", range(40, 200, 9))
def test_running_out_of_steps_stops_at_the_same_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(expressions.ExpressionsMixin, "step_limit", limit)
    monkeypatch.setattr(expressions, "step_limit", lambda sources: limit)
    fast = _parse(tmp_path)
    _general(monkeypatch)
    general = _parse(tmp_path)
    assert repr(fast) == repr(general)
    assert any("evaluation stopped" in d.message for d in fast.diagnostics)


WORDS = [
    "abstract",
    "accessor",
    "any",
    "as",
    "asserts",
    "async",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "global",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "meta",
    "module",
    "namespace",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "out",
    "override",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "return",
    "satisfies",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "target",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "arguments",
    "NaN",
    "Infinity",
    "v",
]


@pytest.mark.parametrize("tsx", [False, True], ids=["ts", "tsx"])
def test_names_that_are_not_identifiers_are_keywords(tsx: bool) -> None:
    """The shortcut reads `name.member()` as a member of the name bound in scope: every word the
    grammar parses otherwise before `.member()` must be in `plain_calls.KEYWORDS`."""
    for word in WORDS:
        text = f"const q = f({word}.y(), {word}.y());".encode()
        root = _parser(tsx).parse(text).root_node
        stack, objects = [root], set()
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if (
                node.type == "call_expression"
                and text[node.start_byte : node.end_byte] == f"{word}.y()".encode()
            ):
                function = node.child_by_field_name("function")
                target = function.child_by_field_name("object") if function is not None else None
                objects.add((target.type if target is not None else None, node.has_error))
        if objects != {("identifier", False)}:
            assert word.encode() in plain_calls.KEYWORDS, (word, objects)
