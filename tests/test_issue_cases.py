"""Concrete cases of issues #13 and #17 that no other test pinned, each compared with the real
`convex` package where Convex has an answer.

The red-team pass over both issues rebuilt every listed case as a tiny project; most already
had a regression test (tests/evaluator_cases, test_js_semantics.py, test_hostile_*.py,
test_work_budget.py, the fixtures). These are the rest. Each `CASES` entry is a schema snippet
(the usual imports prepended) and what must happen:

- `equal`   — Convex exports it and `schemalint export` prints the same JSON, exit 0;
- `unknown` — schemalint cannot follow it: exit 1 naming why, never another JSON with exit 0;
- `throws`  — Convex throws (the push fails): schemalint exits 1 with an error.

All snippets go through one node process.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from oracle_runner import oracle_missing_reason, run_oracle

from schemalint.cli import main
from schemalint.identifiers import identifier_problem

HEADER = 'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n'

# name -> (expectation, schema body after HEADER)
CASES: dict[str, tuple[str, str]] = {
    # #13 item 4: `v.object(fields)` keeps a reference too; a later write changes the validator.
    "object_validator_sees_later_writes": (
        "equal",
        "const f: any = { a: v.string() };\n"
        "const o = v.object(f);\n"
        "f.b = v.number();\n"
        "export default defineSchema({ t: defineTable({ o }) });\n",
    ),
    # #13 item 4: sort/splice/unshift on an index's field list after `.index(...)`.
    "index_fields_mutated_in_place_after_index": (
        "equal",
        'const idx = ["b", "a", "c"];\n'
        'const t = defineTable({ a: v.string(), b: v.string(), c: v.string() }).index("i", idx);\n'
        'idx.sort(); idx.splice(1, 1); idx.unshift("c");\n'
        "export default defineSchema({ t });\n",
    ),
    # #13 red-team list: only ASCII canonical array indices (< 2^32 - 1) come first, in numeric
    # order; "٣", "²", "01" and "4294967295" keep insertion order.
    "non_ascii_digit_keys_are_not_array_indices": (
        "equal",
        'export default defineSchema({ t: defineTable({ b: v.string(), "٣": v.string(), "2": v.string(), '
        '"1": v.string(), "²": v.string(), "01": v.string(), "4294967295": v.string(), '
        '"4294967294": v.string() }) });\n',
    ),
    # #13 red-team list: CRLF in a template literal is LF; a line continuation in a string or a
    # template (backslash before CRLF) disappears.
    "crlf_in_template_literals_and_line_continuations": (
        "equal",
        'export default defineSchema({ t: defineTable({ a: v.literal(`x\r\ny`), b: v.literal("p\\\r\nq"), '
        "c: v.literal(`m\\\r\nn`) }) });\n",
    ),
    # #17 Crashes: computed keys holding lone surrogates (JS strings may). `check` crashed on them
    # (UTF-8 encoding in the identifier length check); export keeps them.
    "lone_surrogate_keys": (
        "equal",
        'export default defineSchema({ t: defineTable({ [`\\uD83D`]: v.string(), ["\\uDE00x"]: v.number(), '
        '[`a${"\\uD83D"}`]: v.null() } as any) });\n',
    ),
    # #17 Crashes: `.slice` with infinite or NaN bounds.
    "slice_with_infinite_bounds": (
        "equal",
        'const xs = ["a", "b", "c"];\n'
        "export default defineSchema({ t: defineTable(Object.fromEntries(xs.slice(0, Infinity)"
        '.concat(xs.slice(-Infinity, 1e300), "abc".slice(1, Infinity), xs.slice(NaN, 2))'
        ".map((k, i) => [k + i, v.string()]))) });\n",
    ),
    # #13 red-team list: a schemaValidation Convex exports as given (0) is not invented as `true`.
    "schema_validation_zero_is_not_made_true": (
        "unknown",
        "export default defineSchema({ t: defineTable({ a: v.string() }) }, { schemaValidation: 0 as any });\n",
    ),
    # #17 Unbounded work: Convex's own limits are errors (the push fails), not a pass.
    "string_doubling_in_a_loop_is_a_range_error": (
        "throws",
        'let s = "x";\nfor (let i = 0; i < 31; i++) s = s + s;\n'
        "export default defineSchema({ t: defineTable({ a: v.literal(s.length) }) });\n",
    ),
    "repeat_past_the_string_limit_is_a_range_error": (
        "throws",
        'const s = "x".repeat(2 ** 30);\nexport default defineSchema({ t: defineTable({ a: v.literal(s.length) }) });\n',
    ),
    # #13 "imports/re-exports across files": a JSON module's default import, ...
    "json_module_default_import": (
        "equal",
        'import cfg from "./cfg.json";\n'
        "export default defineSchema({ t: defineTable(Object.fromEntries("
        "cfg.fields.map((f: string) => [f, v.string()]))) });\n",
    ),
    # ... an exported `let` rebound by the module's own function (a live binding) ...
    "exported_let_is_a_live_binding": (
        "equal",
        'import { fields, add } from "./live";\nadd();\nexport default defineSchema({ t: defineTable(fields) });\n',
    ),
    # ... `./x.mjs` resolving to x.mts, and `export { u as default }` read through a namespace.
    "mjs_specifier_finds_the_mts_file": (
        "equal",
        'import { t } from "./tables.mjs";\nexport default defineSchema({ t });\n',
    ),
    "default_exported_by_name_through_a_namespace": (
        "equal",
        'import { t } from "./tbl";\nimport * as all from "./tbl";\nexport default defineSchema({ t, u: all.default });\n',
    ),
}

_TABLE_MODULE = 'import { defineTable } from "convex/server";\nimport { v } from "convex/values";\n'
# Other files of a case's project, by path relative to the project root.
FILES: dict[str, dict[str, str]] = {
    "json_module_default_import": {"convex/cfg.json": '{"fields": ["b", "a"]}'},
    "exported_let_is_a_live_binding": {
        "convex/live.ts": 'import { v } from "convex/values";\n'
        "export let fields: any = { a: v.string() };\n"
        "export function add() { fields = { ...fields, b: v.number() }; }\n"
    },
    "mjs_specifier_finds_the_mts_file": {
        "convex/tables.mts": _TABLE_MODULE + "export const t = defineTable({ fromMts: v.string() });\n"
    },
    "default_exported_by_name_through_a_namespace": {
        "convex/tbl.ts": _TABLE_MODULE + "export const t = defineTable({ a: v.string() });\n"
        "const u = defineTable({ b: v.string() });\nexport { u as default };\n"
    },
}


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("issue_cases")
    result: dict[str, Path] = {}
    for name, (_, body) in CASES.items():
        (root / name / "convex").mkdir(parents=True)
        (root / name / "convex" / "schema.ts").write_text(HEADER + body, encoding="utf-8", newline="")
        for relative, text in FILES.get(name, {}).items():
            (root / name / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / name / relative).write_text(text, encoding="utf-8")
        result[name] = root / name
    return result


@pytest.fixture(scope="module")
def oracle(projects: dict[str, Path]) -> dict[str, dict[str, Any]]:
    reason = oracle_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    results = run_oracle(list(projects.values()))
    return {name: results[str(path)] for name, path in projects.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_export_agrees_with_convex(
    name: str, projects: dict[str, Path], oracle: dict[str, dict[str, Any]]
) -> None:
    expectation = CASES[name][0]
    expected = oracle[name]
    result = CliRunner().invoke(main, ["export", str(projects[name]), "--compact"])
    shown = f"\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}\n--- oracle ---\n{expected}"
    assert result.exit_code in (0, 1), shown
    if expectation == "throws":
        assert "error" in expected, f"Convex does not throw{shown}"
        assert result.exit_code == 1 and "evaluation-error" in result.stderr, (
            f"schemalint misses the throw{shown}"
        )
        return
    assert "export" in expected, f"the oracle could not export {name} (a test bug){shown}"
    if expectation == "equal":
        assert result.exit_code == 0, f"schemalint could not evaluate {name}{shown}"
        assert json.loads(result.stdout) == expected["export"], f"export differs{shown}"
    else:
        assert result.exit_code == 1 and "unevaluable-expression" in result.stderr, (
            f"must say it cannot{shown}"
        )


@pytest.mark.parametrize("output_format", ["text", "concise", "json", "sarif", "github", "junit"])
def test_check_reports_lone_surrogate_field_names_instead_of_crashing(
    projects: dict[str, Path], output_format: str
) -> None:
    result = CliRunner().invoke(
        main,
        ["check", str(projects["lone_surrogate_keys"]), "--output-format", output_format, "--select", "D101"],
    )
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert result.output.count("invalid-identifier") + result.output.count("D101") >= 3


def test_identifier_length_counts_lone_surrogates_as_three_bytes() -> None:
    assert identifier_problem("\ud83d") == (
        "Invalid first character '\\ud83d' in \ud83d: "
        "Identifiers must start with an alphabetic character or underscore"
    )
    assert "invalid character" in str(identifier_problem("a" * 43 + "\ud83d" * 7))  # 64 bytes
    assert identifier_problem("a" * 44 + "\ud83d" * 7) == "Identifier is too long (65 > maximum 64)"
