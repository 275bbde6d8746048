"""JavaScript primitive semantics in the evaluator: each expression, used as `v.literal(<expr>)`,
exports the value JS computes. The expected values are checked against the real `convex`
package by the oracle (one node process for the whole table)."""

from __future__ import annotations

import base64
import json
import random
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import with_imports
from oracle_runner import oracle_missing_reason, run_oracle

from schemalint.cli import main
from schemalint.parser.js_numbers import number_to_string, string_to_number


def _float(value: float) -> dict[str, str]:
    return {"$float": base64.b64encode(struct.pack("<d", value)).decode("ascii")}


def _int64(value: int) -> dict[str, str]:
    return {"$integer": base64.b64encode(struct.pack("<q", value)).decode("ascii")}


# (expression, the literal value Convex exports for `v.literal(expression)`)
CASES: list[tuple[str, Any]] = [
    # Number::toString: shortest round-trip digits, JS's exponent rules.
    ("`${2**60}`", "1152921504606847000"),
    ("2 ** 60", 1152921504606847000),
    ("`${0.000001}`", "0.000001"),
    ("`${1e-7}`", "1e-7"),
    ("`${1e21}`", "1e+21"),
    ("`${123e-20}`", "1.23e-18"),
    ("`${0.1 + 0.2}`", "0.30000000000000004"),
    ("`${-0}`", "0"),
    ("`${5e-324}`", "5e-324"),
    ("String(100) === `${1e2}` ? 'same' : 'different'", "same"),
    # UTF-16 strings: length, indexes and slices count code units.
    ('"😀".length', 2),
    ("`\\uD83D\\uDE00`", "😀"),
    ("`a${'\\uD83D'}${'\\uDE00'}`", "a😀"),
    ('"a😀b".slice(1, 3)', "😀"),
    ('"😀"[0] + "x"', "\ud83dx"),
    ('"\\uD800"', "\ud800"),
    ('"\\u{1F600}".length', 2),
    ('[..."a😀"].length', 2),
    # Whitespace, numbers from strings.
    ('" \\u00a0x\\ufeff\\u3000".trim()', "x"),
    ('+"0x10"', 16),
    ('+" 12 "', 12),
    ('+"1_000"', _float(float("nan"))),
    ('+"Infinity"', _float(float("inf"))),
    ('+""', 0),
    # Operators that would raise in Python.
    ("(-8) ** 0.5", _float(float("nan"))),
    ("0 ** -1", _float(float("inf"))),
    ("5 % 0", _float(float("nan"))),
    ("0x" + "f" * 300, _float(float("inf"))),
    ("2 ** 1024", _float(float("inf"))),
    ("1 / -0", _float(float("-inf"))),
    ("-9223372036854775808n", _int64(-(2**63))),
    ("(7n ** 3n) % 5n", _int64(3)),
    ("-7n / 2n", _int64(-3)),
    ("5 | 2", 7),
    ("~5", -6),
    ("-(2n ** 63n)", _int64(-(2**63))),
    ("~~'7.9'", 7),
    ("-1 >>> 28", 15),
    # Equality and comparison.
    ("null == undefined", True),
    ('"10" == 10', True),
    ('"1" == true', True),
    ('1n == "1"', True),
    ("NaN == NaN", False),
    ('"b" < "a"', False),
    ('"10" < "9"', True),
    ('"10" < 9', False),
    ('"\\uD83D" < "\\uFFFF"', True),
    ("2n > 1", True),
    # Arrays and objects converted to strings; properties primitives do not have.
    ("[1, [2, 3]].join(';')", "1;2,3"),
    ("`${[1, null, 2]}${{}}`", "1,,2[object Object]"),
    ("[1] == 1", True),
    ("({ [[1, 2] as any]: 'x' } as any)['1,2']", "x"),
    ("['a', 'b'][[1] as any]", "b"),
    ("[] + 1", "1"),
    ('"x" + (5).foo + "y".bar', "xundefinedundefined"),
    ('["\\uD83D", "\\uDE00"].join("")', "😀"),
    # Arrays.
    ("[NaN].includes(NaN)", True),
    ('["a", "b", "c"].slice(0, Infinity).join()', "a,b,c"),
    ('["a", "b", "c"].slice(-2).join("")', "bc"),
    ('"abc".slice(-Infinity, 2)', "ab"),
    ('"a-b-c".split("-").length', 3),
    ('"a-b-c".split("-", 2).join("+")', "a+b"),
    ('"a-b".split("-", Infinity).length', 0),
    ('"a-b".split("-", -1).length', 2),
    ("[1, 2, 3].reduce((a, b) => a + b)", 6),
    ("[1, 2, 3].some((n) => n > 2) && ![1, 2].every((n) => n > 1)", True),
    ("['a', 'bb', 'cc'].find((s) => s.length === 2) + [5, 6].findIndex((n) => n === 6)", "bb1"),
    ("[1, NaN, 1].indexOf(NaN) + [1, 2, 1].lastIndexOf(1) + ['x'].indexOf('x')", 1),
    ("[7, 8, 9].at(-1) + [7].at(5) + 'z'", "NaNz"),
    ("['x', 'y'].reduce((a, b) => b + a, '!')", "yx!"),
    ("(0.1).toFixed(20)", "0.10000000000000000555"),
    ("(1.005).toFixed(2)", "1.00"),
    ("(2.5).toFixed(0) + (-1.5).toFixed(0) + (-0.0001).toFixed(2)", "3-2-0.00"),
    ("(1e21).toFixed(2)", "1e+21"),
    ("(5).foo === undefined", True),
    ('"abc".at(-1)', "c"),
    ('"ab".padStart(4, "-")', "--ab"),
    ('"ab".repeat(2)', "abab"),
    ('"a.b.c".replaceAll(".", "/")', "a/b/c"),
]


def _write(root: Path, cases: list[tuple[str, Any]]) -> None:
    fields = "\n".join(f"    f{i}: v.literal({expression})," for i, (expression, _) in enumerate(cases))
    source = f"export default defineSchema({{\n  t: defineTable({{\n{fields}\n  }}),\n}});\n"
    (root / "convex").mkdir(parents=True, exist_ok=True)
    (root / "convex" / "schema.ts").write_text(with_imports(source), encoding="utf-8")


def _literals(exported: dict[str, Any]) -> list[Any]:
    fields = exported["tables"][0]["documentType"]["value"]
    return [fields[f"f{i}"]["fieldType"].get("value") for i in range(len(fields))]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("js-semantics")
    _write(root, CASES)
    return root


@pytest.fixture(scope="module")
def exported(project: Path) -> list[Any]:
    result = CliRunner().invoke(main, ["export", str(project), "--compact"])
    assert result.exit_code == 0, result.output
    return _literals(json.loads(result.stdout))


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=[c[0] for c in CASES])
def test_expression_exports_the_value_js_computes(
    exported: list[Any], index: int, case: tuple[str, Any]
) -> None:
    assert exported[index] == case[1]


@pytest.mark.skipif(oracle_missing_reason() is not None, reason=str(oracle_missing_reason()))
def test_expected_values_are_what_convex_exports(project: Path) -> None:
    oracle = run_oracle([project])[str(project)]
    assert "export" in oracle, oracle
    assert _literals(oracle["export"]) == [expected for _, expected in CASES]


def test_template_literals_read_crlf_as_lf_and_drop_line_continuations(tmp_path: Path) -> None:
    source = with_imports(
        "const text = `a\r\nb\\\r\nc\rd`;\n"
        "export default defineSchema({ t: defineTable({ f0: v.literal(text) }) });\n"
    )
    (tmp_path / "convex").mkdir()
    (tmp_path / "convex" / "schema.ts").write_bytes(source.encode())
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--compact"])
    assert result.exit_code == 0
    assert _literals(json.loads(result.stdout)) == ["a\nbc\nd"]


def test_object_keys_are_js_strings_and_only_ascii_digits_are_indexes(tmp_path: Path) -> None:
    _write(tmp_path, [])
    schema = tmp_path / "convex" / "schema.ts"
    schema.write_text(
        with_imports(
            "export default defineSchema({ t: defineTable({\n"
            '  b: v.string(), "²": v.string(), 10: v.string(), [`k${2**60}`]: v.string(), 1e21: v.string(),\n'
            "  [`\\uD83D\\uDE00`]: v.string(), 2: v.string() }) });\n"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--compact"])
    fields = json.loads(result.stdout)["tables"][0]["documentType"]["value"]
    assert list(fields) == ["2", "10", "b", "²", "k1152921504606847000", "1e+21", "😀"]


def test_lone_surrogates_are_exported_as_json_escapes(tmp_path: Path) -> None:
    _write(tmp_path, [('"\\uDE00" + `${"\\uD83D"}`', None)])
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--compact"])
    assert result.exit_code == 0
    assert '"value": "\\ude00\\ud83d"' in result.stdout
    assert _literals(json.loads(result.stdout)) == ["\ude00\ud83d"]


def test_unary_plus_of_a_bigint_is_convexs_type_error(tmp_path: Path) -> None:
    _write(tmp_path, [("+1n", None)])
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert "Convex throws here: TypeError: Cannot convert a BigInt value to a number" in result.output


def test_a_5000_digit_bigint_is_not_a_crash(tmp_path: Path) -> None:
    _write(tmp_path, [("1" + "0" * 5000 + "n", None)])
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--compact"])
    assert result.exit_code in (0, 1) and "internal error" not in result.output
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert "invalid-literal" in result.output  # outside int64: Convex rejects it
    for generator in ("python", "docs"):
        out = tmp_path / generator
        result = CliRunner().invoke(main, ["generate", generator, str(tmp_path), "--out", str(out), "--allow-partial"])
        assert result.exit_code == 0, result.output


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_number_to_string_matches_node_on_random_doubles() -> None:
    rng = random.Random(20261129)
    numbers = [struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0] for _ in range(400)]
    numbers += [rng.uniform(-1e6, 1e6) for _ in range(200)] + [rng.randrange(-(10**25), 10**25) * 1.0 for _ in range(200)]
    script = (
        "const h = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(h.map((s) => String(Buffer.from(s, 'hex').readDoubleLE(0)))));"
    )
    hexes = [struct.pack("<d", n).hex() for n in numbers]
    completed = subprocess.run(["node", "-e", script], input=json.dumps(hexes), capture_output=True, text=True, check=True)
    expected = json.loads(completed.stdout)
    assert [number_to_string(n) for n in numbers] == expected
    strings = ["", " ", "0x1F", "0b101", "0o17", ".5", "5.", "+5", "1_0", "-Infinity", "inf", "nan", "١٢", "12px", "-0x10", "00012", "1e400", "\n5\t"]
    script = "console.log(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8')).map((s) => String(Number(s)))));"
    completed = subprocess.run(["node", "-e", script], input=json.dumps(strings), capture_output=True, text=True, check=True)
    assert [number_to_string(string_to_number(s)) for s in strings] == json.loads(completed.stdout)
