"""Every binary and unary operator (and the `Math` functions schemalint evaluates) on every pair
of a set of tricky primitives, against node.

Each `(a) op (b)` is evaluated by node (one process for all of them) and by schemalint's JS
semantics (`schemalint.parser.js`). The results must be the same value, or the same thrown
error type; schemalint may also answer "unknown" (never wrong, only less). No Python exception
may escape.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from typing import Any

import pytest

from schemalint.diagnostics import Span
from schemalint.parser import js, js_operators
from schemalint.parser.js_globals import global_value
from schemalint.parser.values import UNDEFINED, BigInt, CallSite, Prim, Unknown

SPAN = Span("x.ts", 1, 1, 1, 1)

# (JS source, the same value as an evaluator primitive)
VALUES: list[tuple[str, Any]] = [
    ("0", 0.0), ("-0", -0.0), ("1", 1.0), ("-1", -1.0), ("1.5", 1.5), ("3", 3.0), ("-7", -7.0),
    ("NaN", math.nan), ("Infinity", math.inf), ("-Infinity", -math.inf), ("2**53", 2.0**53),
    ("1e21", 1e21), ("0.1", 0.1), ("4294967297", 4294967297.0), ("2**31", 2.0**31),
    ("0n", BigInt(0)), ("1n", BigInt(1)), ("-5n", BigInt(-5)), ("3n", BigInt(3)), ("2n**64n", BigInt(2**64)),
    ('""', ""), ('"0"', "0"), ('"10"', "10"), ('" 12 "', " 12 "), ('"0x10"', "0x10"), ('"abc"', "abc"),
    ('"😀"', "😀"), ('"\\uD83D"', "\ud83d"), ('"\\uDE00"', "\ude00"), ('"\\uFFFF"', "\uffff"), ('"1e3"', "1e3"),
    ('"b"', "b"), ('"a"', "a"), ('"-0"', "-0"), ('"1n"', "1n"), ('"Infinity"', "Infinity"),
    ("true", True), ("false", False), ("null", None), ("undefined", UNDEFINED),
]
BINARY = ["+", "-", "*", "/", "%", "**", "<", ">", "<=", ">=", "==", "!=", "===", "!==",
          "&", "|", "^", "<<", ">>", ">>>"]
UNARY = ["-", "+", "!", "~"]
MATH_UNARY = ["floor", "ceil", "trunc", "round", "abs", "sign", "sqrt"]

NODE_SCRIPT = r"""
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const show = (x) => {
  if (typeof x === "number") return ["number", Object.is(x, -0) ? "-0" : String(x)];
  if (typeof x === "bigint") return ["bigint", String(x)];
  if (typeof x === "string") return ["string", x];
  return [typeof x, String(x)];
};
const out = cases.map((source) => {
  try { return show((0, eval)(source)); } catch (e) { return ["throw", e.constructor.name]; }
});
process.stdout.write(JSON.stringify(out));
"""


def _ours(value: Any) -> list[str] | None:
    """Our result in node's `show` form; None when unknown."""
    if isinstance(value, js.Thrown):
        return ["throw", value.error.split(":", 1)[0]]
    if isinstance(value, Unknown) or not isinstance(value, Prim):
        return None
    v = value.value
    if isinstance(v, bool):
        return ["boolean", "true" if v else "false"]
    if isinstance(v, float):
        return ["number", "-0" if v == 0 and math.copysign(1, v) < 0 else js.number_to_string(v)]
    if isinstance(v, BigInt):
        return ["bigint", str(v.value)]
    if isinstance(v, str):
        return ["string", v]
    if v is None:
        return ["object", "null"]
    return ["undefined", "undefined"]


def _math(name: str, *args: Any) -> Any:
    function = global_value(None, "Math", SPAN).members[name]  # type: ignore[arg-type,attr-defined]
    return function.impl(None, CallSite(SPAN, []), [Prim(a) for a in args])


def _cases() -> list[tuple[str, Any]]:
    cases: list[tuple[str, Any]] = []
    for a_source, a in VALUES:
        for operator in UNARY:
            cases.append((f"{operator}({a_source})", js_operators.unary(operator, Prim(a), SPAN)))
        for name in MATH_UNARY:
            cases.append((f"Math.{name}({a_source})", _math(name, a)))
        for b_source, b in VALUES:
            for operator in BINARY:
                cases.append((f"({a_source}) {operator} ({b_source})", js_operators.binary(operator, Prim(a), Prim(b), SPAN)))
            for name in ("max", "min", "pow"):
                cases.append((f"Math.{name}({a_source}, {b_source})", _math(name, a, b)))
    for x in (0.5, 1.5, -0.5, -1.5, 2.5, 0.49999999999999994, -0.49999999999999994, 4503599627370495.5, 1e-300):
        cases.append((f"Math.round({x!r})", _math("round", x)))
    return cases


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_operators_agree_with_node_or_are_unknown() -> None:
    cases = _cases()
    completed = subprocess.run(
        ["node", "-e", NODE_SCRIPT],
        input=json.dumps([source for source, _ in cases]),
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(completed.stdout)
    wrong = []
    unknown = 0
    for (source, result), node in zip(cases, expected, strict=True):
        ours = _ours(result)
        if ours is None:
            unknown += 1
        elif ours != node:
            wrong.append(f"{source}: node {node}, schemalint {ours}")
    assert not wrong, f"{len(wrong)} of {len(cases)} differ:\n" + "\n".join(wrong[:40])
    assert unknown < len(cases) // 20, f"{unknown} of {len(cases)} unknown"
