import { query } from "./_generated/server";
import { v } from "convex/values";

export const byAuthor = query({
  args: { author: v.string() },
  handler: async (ctx, { author }) =>
    await ctx.db
      .query("messages")
      .withIndex("by_author", (q) => q.eq("author", author))
      .collect(),
});

export const recent = query({
  args: {},
  handler: async (ctx) => await ctx.db.query("messages").withIndex("by_at").order("desc").take(10),
});
