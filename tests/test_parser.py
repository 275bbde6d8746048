"""The parser: positions, comments, what it evaluates, and how it reports what it cannot."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from schemalint.cli import main
from schemalint.discovery import DiscoveryError, discover
from schemalint.ir import Project, VObject, VString, VUnion
from schemalint.parser import parse_project

HEADER = 'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n'


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def parse(root: Path, files: dict[str, str | bytes]) -> Project:
    return parse_project(discover(write_project(root, files)))


def findings(project: Project) -> list[str]:
    """`kind line:col message` for each parser diagnostic, file-relative."""
    return [
        f"{d.kind} {Path(d.span.file).name}:{d.span.line}:{d.span.column} {d.message}"
        for d in project.diagnostics
    ]


# ---------------------------------------------------------------------------------- positions


def test_tables_fields_and_indexes_carry_exact_positions(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER
            + textwrap.dedent("""
        export default defineSchema({
          messages: defineTable({
            body: v.string(),
            author: v.id("users"),
          }).index("by_author", ["author"]),
        });
        """)
        },
    )
    assert project.diagnostics == ()
    assert project.schema is not None
    table = project.schema.tables[0]
    assert table.name_span is not None and (table.name_span.line, table.name_span.column) == (5, 3)
    assert table.name_span.end_column == 11
    document = table.document
    assert isinstance(document, VObject)
    author = document.fields[1]
    assert author.name_span is not None and (author.name_span.line, author.name_span.column) == (7, 5)
    assert author.validator.span is not None and author.validator.span.column == 13
    index = table.indexes[0]
    assert index.span is not None and (index.span.line, index.span.column) == (8, 6)
    assert index.span.end_line == 8


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER
            + textwrap.dedent("""
        export default defineSchema({
          /* café */ notes: defineTable({ title: v.string() }),
        });
        """)
        },
    )
    assert project.schema is not None
    span = project.schema.tables[0].name_span
    assert span is not None and span.column == 14


def test_fields_from_another_file_point_into_that_file(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/fields.ts": 'import { v } from "convex/values";\n\nexport const audit = {\n  createdAt: v.number(),\n};\n',
            "convex/schema.ts": HEADER + 'import { audit } from "./fields";\n'
            "export default defineSchema({ t: defineTable({ ...audit, name: v.string() }) });\n",
        },
    )
    assert project.schema is not None
    document = project.schema.tables[0].document
    assert isinstance(document, VObject)
    created = document.fields[0]
    assert created.span is not None
    assert (Path(created.span.file).name, created.span.line, created.span.column) == ("fields.ts", 4, 3)
    assert project.schema.tables[0].origin.file is not None


# ---------------------------------------------------------------------------------- comments


def test_leading_and_trailing_comments_describe_tables_and_fields(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER
            + textwrap.dedent("""
        export default defineSchema({
          /** People who can sign in. */
          users: defineTable({
            // Shown on their profile
            name: v.string(),
            clerkId: v.string(), // from Clerk, not a Convex id
            age: v.number(),
          }),
        });
        """)
        },
    )
    assert project.schema is not None
    users = project.schema.tables[0]
    assert users.doc == "People who can sign in."
    document = users.document
    assert isinstance(document, VObject)
    assert [f.doc for f in document.fields] == ["Shown on their profile", "from Clerk, not a Convex id", None]


# ---------------------------------------------------------------------------------- evaluation


def test_constants_templates_and_map_are_followed(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER
            + textwrap.dedent("""
        const ROLES = ["admin", "member"] as const;
        const FIELD = "teamId";
        export default defineSchema({
          members: defineTable({ role: v.union(...ROLES.map((r) => v.literal(r))), [FIELD]: v.string() })
            .index(`by_${FIELD}`, [FIELD]),
        });
        """)
        },
    )
    assert project.diagnostics == ()
    assert project.schema is not None
    table = project.schema.tables[0]
    assert table.indexes[0].name == "by_teamId"
    document = table.document
    assert isinstance(document, VObject)
    role = document.fields[0].validator
    assert isinstance(role, VUnion) and len(role.members) == 2
    assert isinstance(document.fields[1].validator, VString)


def test_a_key_written_twice_is_recorded_as_shadowed(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER
            + textwrap.dedent("""
        import { authTables } from "@convex-dev/auth/server";
        export default defineSchema({
          ...authTables,
          users: defineTable({ name: v.string() }),
          posts: defineTable({}),
          posts: defineTable({ title: v.string() }),
        });
        """)
        },
    )
    assert project.schema is not None
    shadowed = {(s.name, s.first_from_spread) for s in project.schema.shadowed_tables}
    assert shadowed == {("users", True), ("posts", False)}
    assert [t.name for t in project.schema.tables][:2] == ["users", "authSessions"]


def test_runtime_access_is_recorded(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER
            + textwrap.dedent("""
        const region = process.env.REGION;
        export default defineSchema({ t: defineTable({ a: v.string() }) });
        """)
        },
    )
    assert project.schema is not None
    assert [(a.kind, a.span.line) for a in project.schema.runtime_accesses] == [("process.env", 4)]
    assert project.diagnostics == ()  # unused: nothing in the schema was lost


# ---------------------------------------------------------------------------------- bad input


def test_zod_derived_table_is_unevaluable_but_the_rest_is_analysed(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER
            + textwrap.dedent("""
        import { zodToConvex } from "convex-helpers/server/zod";
        import { z } from "zod";
        export default defineSchema({
          users: defineTable(zodToConvex(z.object({ name: z.string() }))),
          posts: defineTable({ title: v.string() }),
        });
        """)
        },
    )
    assert project.schema is not None
    assert [t.name for t in project.schema.tables] == ["users", "posts"]
    assert findings(project) == [
        "unevaluable-expression schema.ts:7:22 fields of table `users` unknown: "
        "`convex-helpers/server/zod` exports no `zodToConvex` that schemalint knows"
    ]
    assert project.diagnostics[0].table == "users"


def test_syntax_error_is_a_parse_error_with_position(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {"convex/schema.ts": HEADER + "export default defineSchema({ t: defineTable({ a: v.string( }) });\n"},
    )
    # At the `}` where `)` is missing, as esbuild reports it (`Unexpected "}"`).
    assert [f.split(" ")[0:2] for f in findings(project)] == [["parse-error", "schema.ts:3:61"]]


def test_missing_import_target_is_unresolved_import(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER + 'import { shared } from "./shared";\n'
            "export default defineSchema({ t: defineTable(shared) });\n"
        },
    )
    assert findings(project) == [
        "unresolved-import schema.ts:3:24 cannot resolve `./shared`: no such file",
        "unevaluable-expression schema.ts:4:46 fields of table `t` unknown: `shared` comes from an import that cannot be resolved",
    ]


def test_missing_named_export_is_unresolved_import(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/other.ts": "export const a = 1;\n",
            "convex/schema.ts": HEADER + 'import { b } from "./other";\nconst c = [b];\n'
            "export default defineSchema({});\n",
        },
    )
    assert findings(project) == ["unresolved-import schema.ts:3:10 `convex/other.ts` has no export named `b`"]


def test_every_module_importing_from_one_barrel_has_its_missing_names_reported(tmp_path: Path) -> None:
    # The barrel's names are found once for all its importers: each still gets its own report.
    barrel_user = 'import {{ {} }} from "./lib";\nexport const f = () => [{}];\n'
    write_project(
        tmp_path,
        {
            "convex/lib/a.ts": "export const a = 1;\nexport type A = number;\n",
            "convex/lib/b.ts": "export const b = 2;\n",
            "convex/lib/index.ts": 'export * from "./a";\nexport * from "./b";\n',
            "convex/one.ts": barrel_user.format("a, b", "a, b"),
            "convex/two.ts": barrel_user.format("a, c", "a, c"),
            "convex/three.ts": barrel_user.format("d, b", "d, b"),
            "convex/schema.ts": HEADER + "export default defineSchema({});\n",
        },
    )
    project = parse_project(discover(tmp_path), functions=True)
    assert [f for f in findings(project) if f.startswith("unresolved-import")] == [
        "unresolved-import three.ts:1:10 `convex/lib/index.ts` has no export named `d`",
        "unresolved-import two.ts:1:13 `convex/lib/index.ts` has no export named `c`",
    ]


def test_import_cycle_reading_an_uninitialised_binding_is_reported(tmp_path: Path) -> None:
    project = parse(
        tmp_path,
        {
            "convex/a.ts": 'import { b } from "./b";\nexport const a = { x: b };\n',
            "convex/b.ts": 'import { a } from "./a";\nimport { v } from "convex/values";\nexport const b = v.string();\nexport const c = { ...a };\n',
            "convex/schema.ts": HEADER + 'import { a } from "./a";\nimport { c } from "./b";\n'
            "export default defineSchema({ t: defineTable(a), u: defineTable(c) });\n",
        },
    )
    assert len(project.diagnostics) == 1
    message = project.diagnostics[0].message
    assert "`a` (convex/a.ts) is used before it is initialised" in message and "table `u`" in message


def test_a_module_evaluated_before_later_imports_are_read_sees_the_whole_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Modules are evaluated as soon as their imports are (and their trees freed), before the
    # schema's later imports are read; the step budget and undefined names still count them.
    import schemalint.parser.budget as budget
    import schemalint.parser.expressions as expressions

    monkeypatch.setattr(budget, "MIN_STEPS", 5_000)
    monkeypatch.setattr(budget, "STEPS_PER_BYTE", 1)
    monkeypatch.setattr(expressions.ExpressionsMixin, "step_limit", 5_000)
    project = parse(
        tmp_path,
        {
            "convex/a.ts": "const add = (s: string): string => s + s;\n"
            "export const n = 'x'.repeat(9000).split('').map(add).length;\n"
            "export const later = () => laterGlobal;\n"
            "export const g = later();\n",
            "convex/b.ts": "// " + "padding " * 20_000 + "\n(globalThis as any).laterGlobal = 1;\n",
            "convex/schema.ts": HEADER + 'import { n, g } from "./a";\nimport "./b";\n'
            "export default defineSchema({ t: defineTable({ f: v.literal(n), g: v.literal(g) }) });\n",
        },
    )
    assert findings(project) == [
        "unevaluable-expression a.ts:3:28 `t.g` unknown: `laterGlobal` is a global schemalint does not model"
    ]


def test_non_utf8_file_is_a_parse_error(tmp_path: Path) -> None:
    project = parse(
        tmp_path, {"convex/schema.ts": b'import { v } from "convex/values";\nconst s = "\xff";\n'}
    )
    assert findings(project) == [
        "parse-error schema.ts:2:12 file is not valid UTF-8 (byte 0xff cannot be decoded)"
    ]
    assert project.schema is None


def test_no_default_export_is_reported(tmp_path: Path) -> None:
    project = parse(tmp_path, {"convex/schema.ts": HEADER + "export const t = defineTable({});\n"})
    assert project.schema is None
    assert findings(project)[0].startswith(
        "evaluation-error schema.ts:1:1 Schema file missing default export"
    )


def test_deeply_nested_validators_do_not_crash(tmp_path: Path) -> None:
    depth = 5000
    nested = "v.array(" * depth + "v.string()" + ")" * depth
    project = parse(
        tmp_path,
        {
            "convex/schema.ts": HEADER
            + f"export default defineSchema({{ t: defineTable({{ a: {nested} }}) }});\n"
        },
    )
    assert project.schema is not None
    assert "nested more than" in project.diagnostics[0].message


def test_crlf_and_bom_sources_parse(tmp_path: Path) -> None:
    source = (
        "\ufeff" + HEADER + "export default defineSchema({\n  t: defineTable({ a: v.string() }),\n});\n"
    ).replace("\n", "\r\n")
    project = parse(tmp_path, {"convex/schema.ts": source.encode("utf-8")})
    assert project.diagnostics == ()
    assert project.schema is not None
    span = project.schema.tables[0].name_span
    assert span is not None and (span.line, span.column) == (4, 3)


def test_missing_schema_is_exit_2_with_a_clear_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(tmp_path)])
    assert result.exit_code == 2
    assert "no Convex schema found" in result.output
    with pytest.raises(DiscoveryError):
        discover(tmp_path / "nope")


def test_export_prints_what_it_knows_and_exits_1_on_diagnostics(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "convex/schema.ts": HEADER + 'import { x } from "unknown-pkg";\n'
            "export default defineSchema({ a: defineTable({ n: v.number() }), b: defineTable(x) });\n"
        },
    )
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--compact"])
    assert result.exit_code == 1
    exported = json.loads(result.stdout)
    assert [t["tableName"] for t in exported["tables"]] == ["a", "b"]
    assert "convex/schema.ts:4:" in result.stderr and "unevaluable-expression" in result.stderr


# ---------------------------------------------------------------------------------- functions


def test_function_modules_register_queries_mutations_and_actions(tmp_path: Path) -> None:
    from schemalint.export import validator_json
    from schemalint.parser.functions import parse_functions

    write_project(
        tmp_path,
        {
            "convex/schema.ts": HEADER + "export default defineSchema({});\n",
            "convex/messages.ts": """
            import { v } from "convex/values";
            import { query, internalMutation } from "./_generated/server";
            import type { Doc } from "./_generated/dataModel";

            /** Messages of a channel. */
            export const list = query({
              args: { channel: v.string(), limit: v.optional(v.number()) },
              returns: v.array(v.object({ body: v.string() })),
              handler: async (ctx, args) => [],
            });
            export const purge = internalMutation(async (ctx) => {});
            export const NOT_A_FUNCTION = 3;
            """,
            "convex/dir/nested.ts": 'import { action } from "../_generated/server";\nexport default action({ args: {}, handler: async () => null });\n',
            "convex/auth.config.ts": "export default { providers: [] };\n",
            "convex/notes.md.ts": "export const x = 1;\n",
        },
    )
    result = parse_functions(discover(tmp_path))
    assert result.diagnostics == ()
    summary = [
        (f.identifier, f.kind, f.visibility, f.args is not None, f.returns is not None)
        for f in result.functions
    ]
    assert summary == [
        ("dir/nested:default", "action", "public", True, False),
        ("messages:list", "query", "public", True, True),
        ("messages:purge", "mutation", "internal", False, False),
    ]
    listing = result.functions[1]
    assert listing.doc == "Messages of a channel."
    assert listing.args is not None and validator_json(listing.args) == {
        "type": "object",
        "value": {
            "channel": {"fieldType": {"type": "string"}, "optional": False},
            "limit": {"fieldType": {"type": "number"}, "optional": True},
        },
    }


def test_a_comment_on_a_property_line_describes_it_before_or_after_its_comma(tmp_path: Path) -> None:
    project = parse(tmp_path, {"convex/schema.ts": HEADER + textwrap.dedent("""
        export default defineSchema({
          t: defineTable({
            a: v.string() /* before the comma */,
            b: v.string()
            , // after a comma on the next line: about c
            c: v.string(),
            d: v.string(), /* one */ // two
          }),
        });
        """)})
    assert project.schema is not None
    document = project.schema.tables[0].document
    assert isinstance(document, VObject)
    assert [f.doc for f in document.fields] == ["before the comma", None, "after a comma on the next line: about c", "one\ntwo"]


def test_a_comment_separated_by_a_blank_line_is_a_banner_not_a_description(tmp_path: Path) -> None:
    project = parse(tmp_path, {"convex/schema.ts": HEADER + textwrap.dedent("""
        export default defineSchema({
          // ---------------- Users ----------------

          // A person.
          // Can sign in.
          users: defineTable({ name: v.string() }),
          // ---------------- Posts ----------------

          posts: defineTable({ title: v.string() }),
        });
        """)})
    assert project.schema is not None
    assert [t.doc for t in project.schema.tables] == ["A person.\nCan sign in.", None]


def test_importing_a_type_without_the_type_keyword_is_not_unresolved(tmp_path: Path) -> None:
    project = parse(tmp_path, {
        "convex/shape.ts": "export interface Shape { a: string }\nexport type Kind = 'a' | 'b';\ntype Local = number;\nexport type { Local };\n",
        "convex/schema.ts": HEADER + 'import { Shape, Kind, Local } from "./shape";\nexport default defineSchema({});\n',
    })
    assert project.diagnostics == ()


def test_duplicate_keys_inside_a_spread_object_are_recorded(tmp_path: Path) -> None:
    project = parse(tmp_path, {"convex/schema.ts": HEADER + textwrap.dedent("""
        const tables = { a: defineTable({ x: v.string() }), a: defineTable({ y: v.string() }) };
        export default defineSchema({ ...tables });
        """)})
    assert project.schema is not None
    assert [(s.name, s.first_from_spread, s.second_from_spread) for s in project.schema.shadowed_tables] == [("a", False, False)]


def test_http_and_cron_modules_are_not_functions_and_not_errors(tmp_path: Path) -> None:
    from schemalint.parser.functions import parse_functions

    write_project(tmp_path, {
        "convex/schema.ts": HEADER + "export default defineSchema({});\n",
        "convex/http.ts": """
            import { httpRouter } from "convex/server";
            import { httpAction } from "./_generated/server";
            const http = httpRouter();
            export const hello = httpAction(async () => new Response("hi"));
            http.route({ path: "/hello", method: "GET", handler: hello });
            export default http;
            """,
        "convex/crons.ts": """
            import { cronJobs } from "convex/server";
            const crons = cronJobs();
            crons.daily("cleanup", { hourUTC: 3, minuteUTC: 0 }, "internal.cleanup" as any);
            export default crons;
            """,
    })
    result = parse_functions(discover(tmp_path))
    assert result.functions == () and result.diagnostics == ()


def test_unevaluable_parts_are_recorded_in_the_ir(tmp_path: Path) -> None:
    project = parse(tmp_path, {
        "convex/other.ts": "export const y = 1;\n",
        "convex/schema.ts": HEADER + textwrap.dedent("""
            import { x } from "./other";
            import { more } from "some-package";
            const NAME = more.name;
            export default defineSchema({
              ...more,
              posts: defineTable({ ...x, a: v.string() }).index(NAME, ["a"]),
            });
            """),
    })
    assert project.schema is not None
    assert len(project.schema.unknown_parts) == 1
    posts = project.schema.tables[0]
    assert isinstance(posts.document, VObject) and len(posts.document.unknown_parts) == 1
    assert len(posts.unknown_parts) == 1 and posts.indexes == ()
