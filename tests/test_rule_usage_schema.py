"""Schema rules that read the function code: missing-foreign-key-index (evidence), redundant-index
(which queries use each index) and unused-index (preview): function code in, exact findings out."""

from __future__ import annotations

from helpers import lint

from schemalint.config import parse_config

SCHEMA = """
export default defineSchema({
  users: defineTable({ name: v.string() }),
  messages: defineTable({ userId: v.id("users"), channel: v.string(), body: v.string() })
    .index("by_channel", ["channel"])
    .index("by_channel_body", ["channel", "body"])
    .index("by_body", ["body"]),
});
"""
HEADER = 'import { query } from "./_generated/server";\nimport { v } from "convex/values";\n'


def found(code: str, rule: str, schema: str = SCHEMA) -> list[tuple[str, str, str | None]]:
    config = parse_config({"select": [rule], "preview": True})
    return [
        (d.severity.label, d.message, d.help)
        for d in lint(schema, files={"convex/m.ts": HEADER + code}, config=config)
        if d.rule == rule
    ]


def test_a_reference_looked_up_by_a_scan_points_to_the_filter_warning_with_the_same_index_name() -> None:
    schema = """
export default defineSchema({
  users: defineTable({ name: v.string() }),
  teams: defineTable({ ownerId: v.id("users") }).index("by_owner", ["ownerId"]),
  messages: defineTable({ userId: v.id("users"), body: v.string() }),
});
"""
    code = """
export const a = query({
  args: { userId: v.id("users") },
  handler: (ctx, args) => ctx.db.query("messages").filter((q) => q.eq(q.field("userId"), args.userId)).collect(),
});
"""
    [(severity, message, hint)] = found(code, "missing-foreign-key-index", schema)
    assert severity == "info"
    assert message.endswith(
        '; convex/m.ts:6 filters "messages" by "userId", which filter-without-index reports at each query'
    )
    assert hint == 'Add .index("by_user", ["userId"]) (or put the field first in an index you already have).'
    [(severity, _, hint)] = found(code, "filter-without-index", schema)
    assert severity == "warning"
    assert hint is not None and hint.startswith('Add .index("by_user", ["userId"]) to table "messages"')


def test_a_reference_no_query_follows_is_information() -> None:
    code = 'export const a = query({ args: {}, handler: (ctx) => ctx.db.query("messages").collect() });\n'
    [(severity, message, _)] = found(code, "missing-foreign-key-index")
    assert severity == "info" and "filters" not in message


def test_redundant_index_names_the_queries_and_which_index_nothing_uses() -> None:
    unused_short = """
export const a = query({ args: {}, handler: (ctx) =>
  ctx.db.query("messages").withIndex("by_channel_body", (q) => q.eq("channel", "c")).collect() });
"""
    assert found(unused_short, "redundant-index") == [
        (
            "warning",
            'Index "by_channel" ["channel"] is a prefix of "by_channel_body" ["channel", "body"], which serves '
            'the same queries; no query uses "by_channel" ("by_channel_body" is used at convex/m.ts:5)',
            'Remove "by_channel": nothing queries it.',
        )
    ]
    both = """
export const a = query({ args: {}, handler: async (ctx) => {
  await ctx.db.query("messages").withIndex("by_channel_body", (q) => q.eq("channel", "c")).collect();
  return await ctx.db.query("messages").withIndex("by_channel", (q) => q.eq("channel", "c")).collect();
} });
"""
    [(_, message, hint)] = found(both, "redundant-index")
    assert message.endswith(
        'both are used: "by_channel" is used at convex/m.ts:6, "by_channel_body" is used at convex/m.ts:5'
    )
    assert hint is not None and hint.startswith(
        'To drop "by_channel", change its queries to .withIndex("by_channel_body"'
    )


def test_redundant_index_says_nothing_about_use_when_an_index_name_is_unknown() -> None:
    code = """
export const a = query({ args: { i: v.string() }, handler: (ctx, args) =>
  ctx.db.query("messages").withIndex(args.i as any).collect() });
"""
    [(_, message, _)] = found(code, "redundant-index")
    assert message.endswith(
        "keep both only if a query needs this index's order (equal channel by "
        '_creationTime, where "by_channel_body" orders by body first)'
    )


def test_unused_index_reports_only_what_no_query_can_name() -> None:
    code = """
export const a = query({
  args: { key: v.union(v.literal("channel"), v.literal("channel_body")) },
  handler: (ctx, args) => ctx.db.query("messages").withIndex(`by_${args.key}`).collect(),
});
"""
    assert [m for _, m, _ in found(code, "unused-index")] == [
        'No function uses the index "by_body" of "messages": it costs write time and storage on every '
        "insert, update and delete"
    ]
    # A query whose index name cannot be narrowed keeps its table silent; a name written as a
    # string anywhere in the function code counts as used.
    unknown = (
        code
        + """
export async function pick(ctx: any, index: string) {
  return await ctx.db.query("messages").withIndex(index).collect();
}
"""
    )
    assert found(unknown, "unused-index") == []
    mentioned = code + 'export const INDEXES = ["by_body"];\n'
    assert found(mentioned, "unused-index") == []


def test_unused_index_is_silent_when_a_function_module_cannot_be_read() -> None:
    code = 'export const a = query({ args: {}, handler: (ctx) => ctx.db.query("messages").collect() });\n'
    assert len(found(code, "unused-index")) == 3
    assert found(code + "export const broken = (;\n", "unused-index") == []


ORDERED = """
export default defineSchema({
  tasks: defineTable({ accountId: v.string(), status: v.string(), createdAt: v.number(), body: v.string() })
    .index("by_account", ["accountId"])
    .index("by_account_status", ["accountId", "status"])
    .index("by_account_created", ["accountId", "createdAt"]),
  notes: defineTable({ a: v.string(), b: v.string(), c: v.string() })
    .index("by_a", ["a"])
    .index("by_a_b", ["a", "b"])
    .index("by_a_b_c", ["a", "b", "c"]),
});
"""


def test_redundant_index_prefers_a_target_that_keeps_creation_order() -> None:
    code = """
export const a = query({ args: {}, handler: async (ctx) => {
  await ctx.db.query("tasks").withIndex("by_account_status", (q) => q.eq("accountId", "x")).collect();
  await ctx.db.query("tasks").withIndex("by_account_created", (q) => q.eq("accountId", "x")).collect();
  return await ctx.db.query("tasks").withIndex("by_account", (q) => q.eq("accountId", "x")).take(5);
} });
"""
    [(severity, message, hint), *_] = found(code, "redundant-index", ORDERED)
    assert severity == "warning"
    assert message.startswith('Index "by_account" ["accountId"] is a prefix of "by_account_created"')
    assert hint == (
        'To drop "by_account", change its queries to .withIndex("by_account_created", ...) with the same '
        "conditions (results with equal accountId then come in createdAt order, which follows creation "
        'order), then remove "by_account".'
    )


def test_redundant_index_names_the_queries_that_read_in_creation_order() -> None:
    schema = ORDERED.replace(
        '    .index("by_account_created", ["accountId", "createdAt"]),\n', ",\n"
    ).replace('["accountId", "status"]),\n,', '["accountId", "status"]),')
    code = """
export const a = query({ args: {}, handler: async (ctx) => {
  await ctx.db.query("tasks").withIndex("by_account_status", (q) => q.eq("accountId", "x")).collect();
  await ctx.db.query("tasks").withIndex("by_account", (q) => q.eq("accountId", "x")).collect();
  return await ctx.db.query("tasks").withIndex("by_account", (q) => q.eq("accountId", "x")).order("desc").first();
} });
"""
    [(_, _, hint), *_] = found(code, "redundant-index", schema)
    assert hint is not None and hint.endswith(
        'in status order, not creation order), then remove "by_account". Check the queries that read '
        "in that order first: convex/m.ts:7."
    )


def test_redundant_index_skips_a_target_that_is_itself_redundant() -> None:
    # by_a_b is a prefix of by_a_b_c: it is reported once, on its own line; by_a is compared
    # with by_a_b_c, not with by_a_b.
    code = """
export const a = query({ args: {}, handler: (ctx) =>
  ctx.db.query("notes").withIndex("by_a_b_c", (q) => q.eq("a", "x")).collect() });
"""
    messages = [m.split(", which")[0] for _, m, _ in found(code, "redundant-index", ORDERED)]
    assert [m for m in messages if "account" not in m] == [
        'Index "by_a" ["a"] is a prefix of "by_a_b_c" ["a", "b", "c"]',
        'Index "by_a_b" ["a", "b"] is a prefix of "by_a_b_c" ["a", "b", "c"]',
    ]


def test_redundant_index_on_a_table_no_function_touches_is_information() -> None:
    code = 'export const a = query({ args: {}, handler: (ctx) => ctx.db.query("messages").collect() });\n'
    notes = [(s, h) for s, m, h in found(code, "redundant-index", ORDERED) if '"notes"' in m]
    assert notes == [
        ("info", 'Remove "by_a" if the table is to be used; or remove the table.'),
        ("info", 'Remove "by_a_b" if the table is to be used; or remove the table.'),
    ]
    tasks = [m for _, m, _ in found(code, "redundant-index", ORDERED) if '"tasks"' in m]
    assert tasks[0].endswith('no function reads or writes "tasks", so both indexes cost nothing yet')


def test_redundant_index_keeps_an_index_a_loop_over_tables_queries_by_name() -> None:
    schema = """
export default defineSchema({
  assets: defineTable({ projectId: v.string(), isActive: v.boolean() })
    .index("by_project", ["projectId"])
    .index("by_project_active", ["projectId", "isActive"]),
  clips: defineTable({ projectId: v.string() }).index("by_project", ["projectId"]),
});
"""
    code = """
export const wipe = query({ args: {}, handler: async (ctx) => {
  await ctx.db.query("assets").withIndex("by_project_active", (q) => q.eq("projectId", "p")).collect();
  for (const table of ["assets", "clips"] as const) {
    await ctx.db.query(table).withIndex("by_project", (q) => q.eq("projectId", "p")).collect();
  }
} });
"""
    [(severity, message, hint)] = found(code, "redundant-index", schema)
    assert severity == "info"
    assert 'both are used, and convex/m.ts:7 queries "by_project" by name on several tables' in message
    assert hint == (
        'Keep both: dropping "by_project" means changing that query for every table it loops over.'
    )


def test_redundant_index_counts_a_table_read_by_id_alone_as_untouched() -> None:
    # `ctx.db.get(id)` of an unknown table needs an id some query or insert of that table gave.
    code = """
export const a = query({ args: { id: v.string() }, handler: async (ctx, args) => {
  await ctx.db.get(args.id as any);
  return await ctx.db.query("messages").collect();
} });
"""
    assert {s for s, m, _ in found(code, "redundant-index", ORDERED) if '"notes"' in m} == {"info"}
    unknown = code.replace('ctx.db.query("messages")', "ctx.db.query(args.id as any)")
    assert {s for s, m, _ in found(unknown, "redundant-index", ORDERED) if "by_a_b_c" in m} == {"warning"}


def test_redundant_index_prefers_the_unused_longer_index_when_the_shorter_is_used() -> None:
    schema = """
export default defineSchema({
  tasks: defineTable({ accountId: v.string(), status: v.string(), body: v.string() })
    .index("by_account", ["accountId"])
    .index("by_account_status", ["accountId", "status"])
    .index("by_account_body", ["accountId", "body"]),
});
"""
    code = """
export const a = query({ args: {}, handler: async (ctx) => {
  await ctx.db.query("tasks").withIndex("by_account_status", (q) => q.eq("accountId", "x")).collect();
  return await ctx.db.query("tasks").withIndex("by_account", (q) => q.eq("accountId", "x")).order("desc").take(50);
} });
"""
    [(_, message, hint), *_] = found(code, "redundant-index", schema)
    assert message.startswith('Index "by_account" ["accountId"] is a prefix of "by_account_body"')
    assert hint is not None and hint.startswith('Remove "by_account_body" if no query needs its order')
