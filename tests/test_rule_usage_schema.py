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
