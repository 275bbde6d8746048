import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  messages: defineTable({ channel: v.string(), author: v.string(), body: v.string(), at: v.number() })
    .index("by_channel", ["channel", "at"])
    .index("by_author", { fields: ["author"], staged: true })
    .index("by_author_at", ["author", "at"])
    .index("by_body", { fields: ["body"], staged: true })
    .searchIndex("search_body", { searchField: "body", filterFields: ["channel"] }),
});
