"""Function modules break deploys too: Convex bundles and loads every one of them at push time.

A syntax error, an import of a local file that does not exist, `v.strng(...)` or
`v.literal(undefined)` in a function's validators, a name defined nowhere, a `throw` at module
level: each fails `npx convex deploy`, so each is an error at its place in the function module.
Code in a handler does not run at push time, so nothing in it is reported. Each module here is
also loaded by the real `convex` package (one node process), which must agree.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pytest
from helpers import lint, write_project
from oracle_runner import ORACLE_DIR, oracle_missing_reason

SCHEMA = """
export default defineSchema({ tasks: defineTable({ title: v.string() }) });
"""
HEADER = 'import { query, mutation } from "./_generated/server";\nimport { v } from "convex/values";\n'

# name -> (function module source after HEADER, expected findings; "" when Convex loads it)
CASES: dict[str, tuple[str, list[str]]] = {
    "misspelled-validator-in-args": (
        """
        export const list = query({
          args: { status: v.strng() },
          handler: async (ctx, args) => [],
        });
        """,
        [
            "error evaluation-error 4:19 `v` has no member `strng` (did you mean `v.string`?): "
            "Convex fails with a TypeError when it evaluates this"
        ],
    ),
    "undefined-literal-in-returns": (
        """
        export const get = query({
          args: {},
          returns: v.literal(undefined),
          handler: async () => undefined,
        });
        """,
        [
            "error evaluation-error 5:12 Convex throws here: v.literal(value) must be a string, "
            "number, or boolean (got `undefined`)"
        ],
    ),
    "module-level-throw": (
        """
        if (typeof Math.max === "function") {
          throw new Error("not configured");
        }
        export const list = query({ args: {}, handler: async () => [] });
        """,
        ["error evaluation-error 4:3 Convex throws here: the module throws when it is loaded"],
    ),
    "name-defined-nowhere": (
        """
        const limits = makeLimits();
        export const list = query({ args: {}, handler: async () => limits });
        """,
        [
            "error evaluation-error 3:16 `makeLimits` is not defined: Convex fails with "
            "`ReferenceError: makeLimits is not defined` when it evaluates this"
        ],
    ),
    "missing-local-file-used-as-value": (
        """
        import { limits } from "./config/limits";
        export const list = query({ args: {}, handler: async () => limits.max });
        """,
        ["error unresolved-import 3:24 cannot resolve `./config/limits`: no such file"],
    ),
    "args-entry-that-is-not-a-validator": (
        """
        export const search = query({
          args: { filter: { status: v.string() } },
          handler: async () => [],
        });
        """,
        [
            "error evaluation-error 4:19 Convex throws here: v.object() entries must be validators "
            "(got an object)"
        ],
    ),
    "args-entry-undefined": (
        """
        const shared: any = {};
        export const get = query({
          args: { id: shared.taskId },
          returns: { title: v.string() },
          handler: async () => ({ title: "" }),
        });
        """,
        [
            'error evaluation-error 5:11 Convex throws here: A validator is undefined for field "id" in '
            "v.object(). This is often caused by circular imports."
        ],
    ),
    "throw-in-handler": (
        """
        export const list = query({
          args: {},
          handler: async () => {
            throw new Error("not implemented");
          },
        });
        """,
        [],
    ),
    "throwing-helper-called-only-from-handlers": (
        """
        function fail(message: string): never {
          throw new Error(message);
        }
        export const list = query({ args: {}, handler: async () => fail("later") });
        """,
        [],
    ),
    "mistakes-inside-handler": (
        """
        export const add = mutation({
          args: { title: v.string() },
          handler: async (ctx, args) => {
            const shape = v.strng();
            return undefinedHelper(args.title, shape, v.literal(undefined));
          },
        });
        """,
        [],
    ),
    "throw-depending-on-environment": (
        """
        if (!process.env.OPENAI_API_KEY) {
          throw new Error("set OPENAI_API_KEY");
        }
        export const list = query({ args: {}, handler: async () => [] });
        """,
        [],
    ),
    "missing-member-read-but-never-called": (
        """
        const text = v.strng ?? v.string;
        const kind = typeof v.string().optinal;
        export const list = query({ args: { a: text() }, handler: async () => kind });
        """,
        [],
    ),
    "undefined-name-in-a-caught-try-block": (
        """
        let sharp: any = null;
        try {
          sharp = loadSharp();
        } catch {
          sharp = null;
        }
        export const list = query({ args: {}, handler: async () => sharp !== null });
        """,
        [],
    ),
    "misspelled-member-called-in-a-caught-try-block": (
        """
        let extra: any;
        try {
          extra = v.strng();
        } catch {
          extra = v.string();
        }
        export const list = query({ args: { extra }, handler: async () => 1 });
        """,
        [],
    ),
    "getter-that-throws-never-read": (
        """
        export const config = {
          get apiKey(): string {
            throw new Error("read config.apiKey only in actions");
          },
        };
        export const list = query({ args: {}, handler: async () => config.apiKey });
        """,
        [],
    ),
    "use-node-module-still-loaded": (
        """
        "use node";
        const region = resolveRegion();
        export const list = query({ args: {}, handler: async () => region });
        """,
        [
            "error evaluation-error 4:16 `resolveRegion` is not defined: Convex fails with "
            "`ReferenceError: resolveRegion is not defined` when it evaluates this"
        ],
    ),
}


def module_text(module: str) -> str:
    """`module` after the imports of HEADER (a `"use node"` directive stays first)."""
    text = textwrap.dedent(module).lstrip("\n")
    directive = '"use node";\n'
    if text.startswith(directive):
        return directive + HEADER + text.removeprefix(directive)
    return HEADER + text


def findings(module: str) -> list[str]:
    """`severity rule line:col message` for each meta finding in `convex/tasks.ts`."""
    files = {"convex/tasks.ts": module_text(module)}
    return [
        f"{d.severity.label} {d.rule} {d.span.line}:{d.span.column} {d.message}"
        for d in lint(SCHEMA, files=files)
        if d.code.startswith("M") and d.span.file.endswith("tasks.ts")
    ]


@pytest.mark.parametrize("name", CASES)
def test_function_module_findings(name: str) -> None:
    module, expected = CASES[name]
    assert findings(module) == expected


def test_a_syntax_error_in_a_function_module_is_an_error_and_silences_the_rest_of_it() -> None:
    assert findings("""
        export const list = query({ args: {}, handler: async () => { return 1 +; } });
        const limits = makeLimits();
    """) == [
        "error parse-error 3:72 syntax error: missing `identifier`",
        "notice unevaluable-expression 3:72 function code: a function module with syntax errors: the "
        "rules that read function code do not see its queries, and unused-index is silent",
    ]


def test_an_import_esbuild_drops_is_a_warning_not_a_deploy_error() -> None:
    # Names used only as types: esbuild drops the import and never resolves it; tsc fails.
    assert findings("""
        import type { Limits } from "./config/types";
        import { Plan } from "./config/plans";
        import { unused } from "./config/unused";
        export const list = query({ args: {}, handler: async (): Promise<Plan | null> => null });
    """) == [
        "warning unresolved-import 4:22 cannot resolve `./config/plans`: no such file (its names are "
        "never read as values, so esbuild drops the import and the bundle builds; type checking with "
        "`tsc` fails)",
        "warning unresolved-import 5:24 cannot resolve `./config/unused`: no such file (its names are "
        "never read as values, so esbuild drops the import and the bundle builds; type checking with "
        "`tsc` fails)",
    ]


def test_verbatim_module_syntax_keeps_type_only_imports(tmp_path: Path) -> None:
    from schemalint.discovery import discover
    from schemalint.engine import run
    from schemalint.parser import parse_project

    write_project(
        tmp_path,
        SCHEMA,
        {
            "tsconfig.json": '{"compilerOptions": {"verbatimModuleSyntax": true}}',
            "convex/tasks.ts": HEADER
            + 'import { Plan } from "./plans";\nexport const p: Plan | null = null;\n',
        },
    )
    found = [(d.severity.label, d.rule) for d in run(parse_project(discover(tmp_path), functions=True))]
    assert found == [("error", "unresolved-import")]


def test_a_package_imported_for_its_side_effects_may_define_any_global() -> None:
    assert (
        findings("""
        import "some-polyfill";
        const id = polyfilledRandomId();
        export const list = query({ args: {}, handler: async () => id });
    """)
        == []
    )


def test_an_unknown_package_in_a_function_module_is_never_an_error_or_warning() -> None:
    assert (
        findings("""
        import { z } from "zod";
        import { makeAuth } from "@acme/auth";
        const auth = makeAuth({ schema: z.object({ id: z.string() }) });
        export const list = query({ args: {}, handler: async () => auth.user() });
    """)
        == []
    )


def test_every_case_agrees_with_convex_loading_the_module() -> None:
    reason = oracle_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, (module, _) in CASES.items():
            path = Path(tmp) / name / "convex" / "tasks.ts"
            path.parent.mkdir(parents=True)
            path.write_text(module_text(module), encoding="utf-8")
            paths[name] = str(path)
        completed = subprocess.run(
            ["node", str(ORACLE_DIR / "load-module.mjs"), *paths.values()],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env={**os.environ, "OPENAI_API_KEY": "set where the project is deployed"},
        )
        loaded = json.loads(completed.stdout)
    disagreements = {
        name: loaded[path]
        for name, path in paths.items()
        if ("error" in loaded[path]) != any(f.startswith("error") for f in CASES[name][1])
    }
    assert disagreements == {}


def test_an_import_from_a_module_with_a_syntax_error_is_not_a_second_error() -> None:
    files = {
        "convex/lib.ts": "export function other( { return 1 }\n",
        "convex/tasks.ts": HEADER + 'import { other } from "./lib";\n'
        "export const list = query({ args: {}, handler: async () => other });\n",
    }
    found = [
        f"{d.severity.label} {d.rule} {d.span.file.rsplit('/', 1)[1]}" for d in lint(SCHEMA, files=files)
    ]
    assert [f for f in found if not f.startswith(("notice", "info"))] == ["error parse-error lib.ts"]
