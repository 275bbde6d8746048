import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  messages: defineTable({ channel: v.string(), author: v.string(), body: v.string(), at: v.number() })
    .index("by_channel", ["channel"])
    .index("by_author", ["author"])
    .index("by_at", ["at"])
    .searchIndex("search_body", { searchField: "body" }),
});
