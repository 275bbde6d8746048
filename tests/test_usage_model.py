"""The usage model: which database accesses the parser reads from function code."""

from __future__ import annotations

from schemalint.diagnostics import Severity
from tests.usage_helpers import parse_with_functions, usage_lines

HEADER = 'import { query, mutation, internalQuery } from "./_generated/server";\nimport { v } from "convex/values";\n'


def test_a_literal_chain_records_index_range_filter_and_terminal() -> None:
    source = (
        HEADER
        + """
export const list = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) =>
    await ctx.db
      .query("messages")
      .withIndex("by_user_channel", (q) => q.eq("userId", args.userId).gt("channel", "a"))
      .filter((q) => q.and(q.eq(q.field("body"), "hi"), q.lt(q.field("channel"), "z")))
      .order("desc")
      .take(10),
});
"""
    )
    assert usage_lines({"messages.ts": source}) == [
        "messages.ts:7 query messages withIndex(by_user_channel: eq userId gt channel) "
        "filter(eq body, range channel) order(desc) take"
    ]


def test_a_chain_split_over_a_variable_is_merged_and_callback_parameters_do_not_leak() -> None:
    source = (
        HEADER
        + """
export const list = query({
  args: { channel: v.optional(v.string()) },
  handler: async (ctx, args) => {
    let q = ctx.db.query("messages");
    if (args.channel) {
      q = q.withIndex("by_channel", (q) => q.eq("channel", args.channel));
    }
    const rows = await q.filter((q) => q.eq(q.field("body"), "x")).collect();
    return rows;
  },
});
"""
    )
    assert usage_lines({"messages.ts": source}) == [
        "messages.ts:7 query messages withIndex(by_channel: eq channel) filter(eq body) collect"
    ]


def test_helpers_that_receive_ctx_or_db_and_method_style_handlers_are_read() -> None:
    helpers = """
import { QueryCtx, DatabaseReader } from "./_generated/server";
export async function byEmail(ctx: QueryCtx, email: string) {
  return await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", email)).unique();
}
export function channelMessages(reader: DatabaseReader, channel: string) {
  return reader.query("messages").withIndex("by_channel", (q) => q.eq("channel", channel)).collect();
}
"""
    source = (
        HEADER
        + """
export const get = query({
  args: {},
  async handler(ctx) {
    const { db } = ctx;
    return await db.query("users").first();
  },
});
"""
    )
    assert usage_lines({"lib/helpers.ts": helpers, "users.ts": source}) == [
        "helpers.ts:3 query users withIndex(by_email: eq email) unique",
        "helpers.ts:6 query messages withIndex(by_channel: eq channel) collect",
        "users.ts:8 query users first",
    ]


def test_names_narrow_to_finite_sets_and_anything_else_is_unknown() -> None:
    source = (
        HEADER
        + """
const TABLE = "messages";
type Sort = "channel" | "user_channel";
export const a = query({
  args: { sort: v.union(v.literal("channel"), v.literal("user_channel")), desc: v.boolean() },
  handler: async (ctx, args) => {
    await ctx.db.query(TABLE).withIndex(`by_${args.sort}`).collect();
    await ctx.db.query("users").withIndex(args.desc ? "by_email" : "by_creation_time").first();
    return null;
  },
});
export async function sorted(ctx: any, sort: Sort, other: string) {
  await ctx.db.query("messages").withIndex("by_" + sort).collect();
  await ctx.db.query(other).withIndex(`by_${other}`).collect();
}
"""
    )
    assert usage_lines({"messages.ts": source}) == [
        "messages.ts:9 query messages withIndex(by_channel|by_user_channel) collect",
        "messages.ts:10 query users withIndex(by_email|by_creation_time) first",
        "messages.ts:15 query messages withIndex(by_channel|by_user_channel) collect",
        "messages.ts:16 query ? withIndex(?) collect",
    ]
    usage = parse_with_functions({"messages.ts": source}).functions.usage  # type: ignore[union-attr]
    assert usage is not None and usage.complete
    assert [reason for reason, _ in usage.unknown] == [
        "a query whose table cannot be narrowed to known names",
        "an index name that cannot be narrowed to known names",
    ]


def test_documents_by_id_vector_search_helpers_and_streams() -> None:
    source = (
        HEADER
        + """
import { getManyFrom, getOneFromOrThrow } from "convex-helpers/server/relationships";
import { stream } from "convex-helpers/server/stream";
import schema from "./schema";
export const m = mutation({
  args: { id: v.id("messages") },
  handler: async (ctx, { id }) => {
    const message = await ctx.db.get(id);
    await ctx.db.patch(id, { body: "x" });
    await ctx.db.insert("users", { name: "a", email: "b" });
    await getManyFrom(ctx.db, "messages", "by_channel", "general");
    await getOneFromOrThrow(ctx.db, "users", "by_email", "a@b");
    await stream(ctx.db, schema).query("messages").withIndex("by_channel").collect();
    await ctx.db.system.query("_storage").collect();
    return message;
  },
});
"""
    )
    assert usage_lines({"m.ts": source}) == [
        "m.ts:10 get ?",
        "m.ts:11 patch ?",
        "m.ts:12 insert users",
        "m.ts:13 helper messages withIndex(by_channel: ?) getManyFrom",
        "m.ts:14 helper users withIndex(by_email: ?) getOneFromOrThrow",
        "m.ts:15 query messages withIndex(by_channel) collect",
    ]


def test_a_builder_that_leaves_the_code_is_marked_as_escaping() -> None:
    source = (
        HEADER
        + """
export function base(ctx: any) {
  return ctx.db.query("messages");
}
export const list = query({ args: {}, handler: async (ctx) => base(ctx).withIndex("by_channel").collect() });
"""
    )
    assert usage_lines({"messages.ts": source}) == [
        "messages.ts:5 query messages escapes",
        "messages.ts:7 query ? withIndex(by_channel) escapes",
    ]


def test_what_the_usage_model_cannot_read_is_one_notice_per_kind() -> None:
    source = (
        HEADER
        + """
export async function pick(ctx: any, table: string, index: string) {
  await ctx.db.query(table).collect();
  await ctx.db.query("users").withIndex(index).collect();
  await ctx.db.query("messages").withIndex(index + "_x").collect();
}
"""
    )
    project = parse_with_functions({"messages.ts": source, "broken.ts": "export const x = (;\n"})
    # (The syntax error itself is also reported, as the error that fails the push.)
    notices = [
        (d.span.file.rsplit("/", 1)[-1], d.span.line, d.message)
        for d in project.diagnostics
        if d.message.startswith("function code:")
    ]
    assert notices == [
        (
            "broken.ts",
            1,
            "function code: a function module with syntax errors: the rules that read function code do not "
            "see its queries, and unused-index is silent",
        ),
        (
            "messages.ts",
            5,
            "function code: a query whose table cannot be narrowed to known names: unknown-index cannot check "
            "it and the rules that need every query of a table are silent where it may be",
        ),
        (
            "messages.ts",
            6,
            "function code: an index name that cannot be narrowed to known names (2 in all; this is the "
            "first): unknown-index and index-range-order cannot check it, and unused-index and "
            "redundant-index say nothing about use for the tables it may query",
        ),
    ]
    assert {d.severity for d in project.diagnostics if d.message.startswith("function code:")} == {
        Severity.NOTICE
    }


def test_other_clients_named_db_and_sql_strings_are_not_convex_queries() -> None:
    source = """
"use node";
import { action } from "./_generated/server";
import { db } from "./lib/postgres";
export const sync = action({
  args: {},
  handler: async (ctx) => {
    await db.query("SELECT * FROM users").get(1);
    const local = { query: (sql: string) => sql };
    await local.query("users");
    await (ctx as any).db.query("select 1");
  },
});
"""
    assert (
        usage_lines(
            {"sync.ts": source, "lib/postgres.ts": "export const db = { query: (s: string) => s };\n"}
        )
        == []
    )


def test_names_from_loops_array_callbacks_subscripts_and_defaults_narrow_to_every_element() -> None:
    source = HEADER + """
const TABLES = ["users", "messages"] as const;
const BY_KEY = { channel: "by_channel", user: "by_user_channel" };
export const a = internalQuery({
  args: { key: v.optional(v.union(v.literal("channel"), v.literal("user"))), phase: v.number() },
  handler: async (ctx, args) => {
    for (const table of TABLES) await ctx.db.query(table).collect();
    for (const { table, index } of [{ table: "users", index: "by_email" }, { table: "messages", index: "by_channel" }]) {
      await ctx.db.query(table).withIndex(index).first();
    }
    await Promise.all(["users", "messages"].map((t) => ctx.db.query(t).take(1)));
    await ctx.db.query("messages").withIndex(BY_KEY[args.key ?? "channel"]).collect();
    await ctx.db.query(TABLES[args.phase]).collect();
    return null;
  },
});
"""
    assert usage_lines({"m.ts": source}) == [
        "m.ts:9 query users|messages collect",
        "m.ts:11 query users|messages withIndex(by_email|by_channel) first",
        "m.ts:13 query users|messages take",
        "m.ts:14 query messages withIndex(by_channel|by_user_channel) collect",
        "m.ts:15 query users|messages collect",
    ]
