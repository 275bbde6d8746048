"""Custom function builders (convex-helpers `customQuery`..., zod builders, builders schemalint
cannot evaluate) reach the function list, and `generate python` groups exports that are plainly
not functions into one line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from usage_helpers import write_functions_project

from schemalint.cli import main
from schemalint.convex_syntax import validator_source
from schemalint.discovery import discover
from schemalint.parser.functions import parse_functions

BUILDERS = """
import { query, mutation, internalMutation } from "../_generated/server";
import { customQuery, customCtx, customMutation, NoOp } from "convex-helpers/server/customFunctions";
import { zCustomQuery } from "convex-helpers/server/zod";
import { Triggers } from "convex-helpers/server/triggers";
import { v } from "convex/values";
const triggers = new Triggers();
export const sessionQuery = customQuery(query, {
  args: { sessionId: v.string() },
  input: async (ctx, { sessionId }) => ({ ctx: {}, args: {} }),
});
export const adminMutation = customMutation(internalMutation, customCtx(async (ctx) => ({ admin: true })));
export const triggerMutation = customMutation(mutation, customCtx(triggers.wrapDB));
export const zQuery = zCustomQuery(query, NoOp);
"""

FUNCTIONS = """
import { v } from "convex/values";
import { z } from "zod";
import { sessionQuery, adminMutation, zQuery, triggerMutation } from "./lib/builders";
import { authedQuery } from "some-auth-lib";
import { convexAuth } from "@convex-dev/auth/server";
export const me = sessionQuery({ args: { x: v.number() }, handler: async (ctx, args) => null });
export const wipe = adminMutation({ args: {}, handler: async (ctx) => null });
export const touch = triggerMutation({ args: v.object({ id: v.id("users") }), handler: async (ctx) => null });
export const search = zQuery({ args: { n: z.number() }, handler: async (ctx) => null });
export const mine = authedQuery({ args: {}, handler: async (ctx) => null });
export const mineToo = authedQuery({ args: {}, handler: async (ctx) => null });
export const inputSchema = z.object({ a: z.string() });
export class Helper {}
export const { auth, signIn } = convexAuth({ providers: [] });
"""


def _project(tmp_path: Path) -> Path:
    return write_functions_project(tmp_path, {"lib/builders.ts": BUILDERS, "users.ts": FUNCTIONS})


def test_custom_builders_are_pass_through_and_unknown_ones_are_listed_with_unknown_args(
    tmp_path: Path,
) -> None:
    modules = parse_functions(discover(_project(tmp_path)))
    listed = [
        (f.identifier, f.kind, f.visibility, f.builder, validator_source(f.args) if f.args else None)
        for f in modules.functions
    ]
    assert listed == [
        ("users:me", "query", "public", "customQuery", "v.object({ sessionId: v.string(), x: v.number() })"),
        ("users:mine", "query", "public", "authedQuery", "unknown"),
        ("users:mineToo", "query", "public", "authedQuery", "unknown"),
        ("users:search", "query", "public", "zCustomQuery", "unknown"),
        ("users:touch", "mutation", "public", "customMutation", 'v.object({ id: v.id("users") })'),
        ("users:wipe", "mutation", "internal", "customMutation", "v.object({})"),
    ]
    # One notice per builder that is not fully understood, not one per function.
    assert [d.message for d in modules.diagnostics] == [
        "functions built with `authedQuery` are listed with unknown args: the builder cannot be "
        "evaluated (`authedQuery` comes from the package `some-auth-lib`, which schemalint cannot evaluate)",
        "functions built with `zCustomQuery` are listed with unknown args: zod argument validators "
        "are not modelled",
    ]
    assert sorted(d.message.split(" cannot")[0] for d in modules.skipped) == [
        "export `Helper` of `users`",
        "export `auth` of `users`",
        "export `inputSchema` of `users`",
        "export `signIn` of `users`",
    ]


def test_generate_python_groups_exports_that_are_not_functions(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    result = CliRunner().invoke(main, ["generate", "python", str(project), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = [
        line.replace(f"{project}/", "")  # paths are shown relative to the working directory
        for line in result.stderr.splitlines()
        if "users.ts" in line or "skipped" in line
    ]
    assert lines == [
        "convex/users.ts:10:21: unevaluable-expression: functions built with `authedQuery` are listed with "
        "unknown args: the builder cannot be evaluated (`authedQuery` comes from the package "
        "`some-auth-lib`, which schemalint cannot evaluate)",
        "convex/users.ts:9:23: unevaluable-expression: functions built with `zCustomQuery` are listed "
        "with unknown args: zod argument validators are not modelled",
        "4 exports that are not a Convex function (zod schemas, classes, constants, ...) could not be "
        "evaluated and were skipped; --verbose lists them",
    ]
    api = (tmp_path / "out" / "convex_types" / "api.py").read_text(encoding="utf-8")
    assert all(f'"users:{name}"' in api for name in ("me", "mine", "search", "touch"))
    verbose = CliRunner().invoke(
        main, ["generate", "python", str(project), "--out", str(tmp_path / "out"), "--verbose"]
    )
    assert sum("is left out" in line for line in verbose.stderr.splitlines()) == 4
