"""Q601 unknown-index, Q602 index-range-order, Q603 filter-without-index: function code in,
exact findings out."""

from __future__ import annotations

from helpers import lint
from usage_helpers import parse_with_functions

from schemalint.usagequery import usage_of

SCHEMA = """
export default defineSchema({
  users: defineTable({ name: v.string(), email: v.string() }).index("by_email", ["email"]),
  messages: defineTable({ userId: v.id("users"), channel: v.string(), body: v.string() })
    .index("by_channel", ["channel"])
    .index("by_user_channel", ["userId", "channel"]),
});
"""
HEADER = 'import { query } from "./_generated/server";\nimport { v } from "convex/values";\n'


def findings(code: str, *rules: str, files: dict[str, str] | None = None) -> list[str]:
    """`line:col rule: message | help` for each finding of `rules` on `convex/m.ts` = `code`."""
    found = lint(SCHEMA, files={"convex/m.ts": HEADER + code, **(files or {})})
    return [
        f"{d.span.line}:{d.span.column} {d.rule}: {d.message} | {d.help}"
        for d in found
        if d.rule in rules and d.span.file.endswith(".ts") and not d.span.file.endswith("schema.ts")
    ]


def test_unknown_index_names_the_closest_index_and_checks_every_possible_name() -> None:
    code = """
export const a = query({
  args: { sort: v.union(v.literal("channel"), v.literal("user")) },
  handler: async (ctx, args) => {
    await ctx.db.query("messages").withIndex("by_chanel").collect();
    await ctx.db.query("messages").withIndex(`by_${args.sort}`).collect();
    await ctx.db.query("mesages").collect();
    await ctx.db.query("users").withIndex("by_creation_time").collect();
  },
});
"""
    assert findings(code, "unknown-index") == [
        '7:46 unknown-index: .withIndex names the index "by_chanel", which table "messages" does not have: '
        'the query throws at run time | Did you mean "by_channel"?',
        '8:46 unknown-index: .withIndex names the index "by_user" (one of the names .withIndex may get), '
        'which table "messages" does not have: the query throws at run time | Did you mean "by_user_channel"?',
        '9:11 unknown-index: The code queries table "mesages", which the schema does not define: Convex runs '
        "such queries, but the module does not type-check (the schema's `strictTableNameTypes`, on by "
        "default, admits only its own tables) and the table's documents are not validated | "
        'Did you mean "messages"?',
    ]


def test_a_missing_table_is_reported_once_per_module_and_suggested_only_when_very_close() -> None:
    # "turns" and "users" share letters (difflib ratio 0.6), which is no reason to suggest it.
    code = """
export const a = query({ args: {}, handler: async (ctx) => {
  await ctx.db.query("turns").collect();
  await ctx.db.query("turns").filter((q) => q.eq(q.field("n"), 1)).first();
  await ctx.db.query("turns").withIndex("by_n").collect();
} });
"""
    assert [f.split(" | ")[1] for f in findings(code, "unknown-index")] == [
        'Add the table "turns" to the schema (defineTable), or fix the name.'
    ]
    [finding] = findings(code, "unknown-index")
    assert finding.startswith(
        '5:9 unknown-index: The code queries table "turns", which the schema does not define (3 queries in '
        "this module): Convex runs such queries"
    )


def test_unknown_names_and_correlated_choices_stay_silent() -> None:
    code = """
export async function byName(ctx: any, table: "users" | "messages", index: string) {
  await ctx.db.query(table).withIndex(index).collect();
  await ctx.db.query(table).withIndex(table === "users" ? "by_email" : "by_channel").collect();
}
"""
    assert findings(code, "unknown-index", "index-range-order") == []


def test_index_range_order_reports_skipped_out_of_order_and_eq_after_range() -> None:
    code = """
export const a = query({
  args: {},
  handler: async (ctx) => {
    await ctx.db.query("messages").withIndex("by_user_channel", (q: any) => q.eq("channel", "c")).collect();
    await ctx.db.query("messages").withIndex("by_user_channel", (q: any) => q.gt("userId", "u").eq("channel", "c")).collect();
    await ctx.db.query("messages").withIndex("by_channel", (q: any) => q.eq("body", "b")).collect();
    await ctx.db.query("messages").withIndex("by_user_channel", (q) => q.eq("userId", "u").eq("channel", "c").gt("_creationTime", 0)).collect();
    await ctx.db.query("messages").withIndex("by_channel", (q) => q.gte("channel", "a").lt("channel", "b")).collect();
    await ctx.db.query("messages").withIndex("by_id", (q) => q.eq("_id", "x" as any)).collect();
  },
});
"""
    assert [f.split(" | ")[0] for f in findings(code, "index-range-order")] == [
        '7:79 index-range-order: The range on index "by_user_channel" of "messages" compares "channel" but '
        'skips "userId" before it: Convex throws at run time',
        '8:97 index-range-order: The range on index "by_user_channel" of "messages" compares "channel" with '
        '`eq` after a range on "userId": Convex throws at run time',
        '9:74 index-range-order: The range on index "by_channel" of "messages" compares "body", which is not '
        "a field of the index: Convex throws at run time",
    ]


def test_filter_without_index_suggests_the_index_to_add_or_the_one_to_use() -> None:
    code = """
export const a = query({
  args: { userId: v.id("users"), name: v.string() },
  handler: async (ctx, args) => {
    await ctx.db.query("users").filter((q) => q.eq(q.field("name"), args.name)).first();
    await ctx.db.query("messages").filter((q) => q.and(q.eq(q.field("userId"), args.userId), q.eq(q.field("body"), "hi"))).collect();
    await ctx.db.query("messages").withIndex("by_channel", (q) => q.eq("channel", "c")).filter((q) => q.eq(q.field("body"), "hi")).collect();
    await ctx.db.query("messages").filter((q) => q.or(q.eq(q.field("body"), "a"), q.eq(q.field("body"), "b"))).collect();
    await ctx.db.query("messages").filter((q) => q.gt(q.field("_creationTime"), 0)).collect();
  },
});
"""
    assert findings(code, "filter-without-index") == [
        '7:33 filter-without-index: This query filters "users" by "name" without an index: it reads every '
        "document of the table (and fails once the table outgrows Convex's read limits) | "
        'Add .index("by_name", ["name"]) to table "users" and query it with '
        '.withIndex("by_name", (q) => q.eq("name", args.name)) instead of .filter(...).',
        '8:36 filter-without-index: This query filters "messages" by "userId", "body" without an index: it '
        "reads every document of the table (and fails once the table outgrows Convex's read limits) | "
        'Index "by_user_channel" starts with "userId": query it with '
        '.withIndex("by_user_channel", (q) => q.eq("userId", args.userId)) instead of .filter(...), '
        'and keep .filter(...) for "body".',
    ]


def test_a_split_chain_with_an_index_on_one_branch_is_not_a_scan() -> None:
    code = """
export const a = query({
  args: { channel: v.optional(v.string()) },
  handler: async (ctx, args) => {
    let q = ctx.db.query("messages");
    if (args.channel) q = q.withIndex("by_channel", (r) => r.eq("channel", args.channel!));
    return await q.filter((f) => f.eq(f.field("body"), "x")).collect();
  },
});
"""
    assert findings(code, "filter-without-index", "unknown-index", "index-range-order") == []


def test_queries_in_helper_modules_are_checked_where_they_are_written() -> None:
    helper = """
import { QueryCtx } from "../_generated/server";
export const byUser = (ctx: QueryCtx, userId: string) =>
  ctx.db.query("messages").withIndex("by_user", (q) => q.eq("userId", userId)).collect();
"""
    found = lint(SCHEMA, files={"convex/lib/queries.ts": helper})
    assert [
        (d.span.file.rsplit("/", 2)[-2:], d.span.line, d.rule) for d in found if d.code.startswith("Q")
    ] == [(["lib", "queries.ts"], 4, "unknown-index")]


def test_scans_by_flags_or_enums_only_and_scans_in_migrations_are_information() -> None:
    schema = """
export default defineSchema({
  tasks: defineTable({ done: v.boolean(), kind: v.union(v.literal("a"), v.literal("b")), owner: v.string() }),
});
"""
    code = (
        HEADER
        + """
export const a = query({ args: {}, handler: async (ctx) => {
  await ctx.db.query("tasks").filter((q) => q.and(q.eq(q.field("done"), false), q.eq(q.field("kind"), "a"))).collect();
  await ctx.db.query("tasks").filter((q) => q.and(q.eq(q.field("done"), false), q.eq(q.field("owner"), "x"))).collect();
} });
"""
    )
    migration = (
        HEADER
        + """
export const backfill = query({ args: {}, handler: (ctx) =>
  ctx.db.query("tasks").filter((q) => q.eq(q.field("owner"), undefined)).take(100) });
"""
    )
    found = lint(schema, files={"convex/tasks.ts": code, "convex/migrations/backfill.ts": migration})
    assert [
        (
            d.span.file.rsplit("/convex/", 1)[1],
            d.span.line,
            d.severity.label,
            d.message.split(": it reads")[1],
        )
        for d in found
        if d.rule == "filter-without-index"
    ] == [
        (
            "migrations/backfill.ts",
            5,
            "info",
            " every document of the table (and fails once the table outgrows "
            "Convex's read limits); this module looks like a migration or seed script, which may scan on purpose",
        ),
        (
            "tasks.ts",
            5,
            "info",
            " every document of the table (and fails once the table outgrows Convex's read "
            "limits); the compared fields take few values, so an index helps only if few documents match",
        ),
        (
            "tasks.ts",
            6,
            "warning",
            " every document of the table (and fails once the table outgrows Convex's read limits)",
        ),
    ]


def test_search_vector_and_helper_index_names_and_staged_indexes_are_checked() -> None:
    schema = """
export default defineSchema({
  docs: defineTable({ body: v.string(), owner: v.string(), embedding: v.array(v.float64()) })
    .index("by_owner", ["owner"])
    .index("by_owner_body", { fields: ["owner", "body"], staged: true })
    .searchIndex("search_body", { searchField: "body" })
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 3 }),
});
"""
    code = """
import { getManyFrom } from "convex-helpers/server/relationships";
enum Kind { Owner = "by_owner", Body = "by_body" }
export async function all(ctx: any, kind: Kind) {
  await ctx.db.query("docs").withSearchIndex("search_bdy", (q: any) => q.search("body", "x")).take(1);
  await ctx.vectorSearch("docs", "by_embeding", { vector: [1, 2, 3] });
  await getManyFrom(ctx.db, "docs", "by_ownr", "me");
  await ctx.db.query("docs").withIndex("by_owner_body").collect();
  await ctx.db.query("docs").withIndex(kind).collect();
}
"""
    found = lint(schema, files={"convex/m.ts": HEADER + code})
    assert [(d.span.line, d.message.split(":")[0], d.help) for d in found if d.rule == "unknown-index"] == [
        (
            7,
            '.withSearchIndex names the search index "search_bdy", which table "docs" does not have',
            'Did you mean "search_body"?',
        ),
        (
            8,
            'vectorSearch names the vector index "by_embeding", which table "docs" does not have',
            'Did you mean "by_embedding"?',
        ),
        (
            9,
            '.withIndex names the index "by_ownr", which table "docs" does not have',
            'Did you mean "by_owner"?',
        ),
        (
            10,
            '.withIndex names the index "by_owner_body" of "docs", which is staged',
            "Remove `staged: true` once the index has finished building, or query another index.",
        ),
        (
            11,
            '.withIndex names the index "by_body" (one of the names .withIndex may get), which table "docs" does not have',
            "Define the index in the schema, or use one the table has.",
        ),
    ]


def test_findings_in_function_code_can_be_suppressed_there() -> None:
    code = """
export const a = query({ args: {}, handler: (ctx) =>
  // schemalint-ignore filter-without-index: the table holds a dozen rows
  ctx.db.query("users").filter((q) => q.eq(q.field("name"), "x")).collect() });
export const b = query({ args: {}, handler: (ctx) =>
  // schemalint-ignore unknown-index: nothing here to silence
  ctx.db.query("users").collect() });
"""
    found = lint(SCHEMA, files={"convex/m.ts": HEADER + code})
    assert [(d.rule, d.span.line) for d in found if d.span.file.endswith("m.ts")] == [
        ("unused-suppression", 8)
    ]


def test_search_filters_use_the_search_field_and_filter_fields_only() -> None:
    schema = """
export default defineSchema({
  posts: defineTable({ body: v.string(), title: v.string(), author: v.string() })
    .searchIndex("search_body", { searchField: "body", filterFields: ["author"] }),
});
"""
    code = """
export const a = query({ args: { text: v.string() }, handler: async (ctx, args) => {
  await ctx.db.query("posts").withSearchIndex("search_body", (q) => q.search("title", args.text)).take(5);
  await ctx.db.query("posts").withSearchIndex("search_body", (q: any) => q.search("body", args.text).eq("title", "x")).take(5);
  await ctx.db.query("posts").withSearchIndex("search_body", (q) => q.search("body", args.text).eq("author", "x")).take(5);
} });
"""
    found = lint(schema, files={"convex/m.ts": HEADER + code})
    assert [(d.span.line, d.message) for d in found if d.rule == "index-range-order"] == [
        (
            5,
            'The search filter on search index "search_body" of "posts" searches "title", but the index '
            'searches "body": Convex throws at run time',
        ),
        (
            6,
            'The search filter on search index "search_body" of "posts" compares "title", which is not a '
            'filter field of the index (filter fields: "author"): Convex throws at run time',
        ),
    ]


def test_nothing_is_reported_from_the_unread_part_of_a_module_with_syntax_errors() -> None:
    # From the first syntax error on, the module is not read (a notice says so): the rules
    # see the access before it, not the one the parser recovers after it. (check also reports
    # the syntax error itself, which fails the push.)
    code = """
import { query } from "./_generated/server";
export const a = query({
  args: {},
  handler: (ctx) => ctx.db.query("messages").filter((q) => q.eq(q.field("body"), "x")).collect(),
});
const broken = (;
export const b = query({
  args: {},
  handler: (ctx) => ctx.db.query("messages").filter((q) => q.eq(q.field("body"), "y")).collect(),
});
"""
    project = parse_with_functions({"m.ts": code})
    assert project.functions is not None and project.functions.usage is not None
    assert [a.span.line for a in project.functions.usage.accesses] == [4, 9]
    usage = usage_of(project)
    assert usage is not None and [a.span.line for a in usage.accesses] == [4]


CATALOGUE = """
const CLASSES = [
  { name: "Bard", hitDie: "d8" },
  { name: "Wizard", hitDie: "d6" },
] as const;

export const seed = mutation({
  args: { extra: v.array(v.object({ name: v.string() })) },
  handler: async (ctx, args) => {
    for (const cls of CLASSES) {
      await ctx.db.insert("classes", cls);
    }
    await Promise.all(args.extra.map((cls) => ctx.db.insert("classes", { ...cls, hitDie: "d4" })));
  },
});

export const hitDie = query({
  args: { name: v.string() },
  handler: (ctx, args) => ctx.db.query("classes").filter((q) => q.eq(q.field("name"), args.name)).first(),
});
"""


def catalogue_findings(code: str) -> list[tuple[str, str]]:
    schema = """
export default defineSchema({
  classes: defineTable({ name: v.string(), hitDie: v.string() }),
});
"""
    header = 'import { mutation, query } from "./_generated/server";\nimport { v } from "convex/values";\n'
    return [
        (d.severity.label, d.message.rsplit("; ", 1)[-1])
        for d in lint(schema, files={"convex/m.ts": header + code})
        if d.rule == "filter-without-index"
    ]


def test_a_scan_of_a_constant_catalogue_is_information() -> None:
    # Every insert into "classes" loads a whole list: a literal array or an argument.
    assert catalogue_findings(CATALOGUE) == [
        ("info", "every insert into the table loads a whole list (a constant catalogue), so it stays small")
    ]
    # One insert of a single document, and the table may grow with the app's traffic.
    single = (
        CATALOGUE
        + """
export const add = mutation({
  args: { name: v.string() },
  handler: (ctx, args) => ctx.db.insert("classes", { name: args.name, hitDie: "d6" }),
});
"""
    )
    [(severity, _)] = catalogue_findings(single)
    assert severity == "warning"
    # Lists passed in only are an import of real data, not a catalogue written in the code.
    imported = CATALOGUE.replace("for (const cls of CLASSES) {", "for (const cls of args.extra) {")
    [(severity, _)] = catalogue_findings(imported)
    assert severity == "warning"
