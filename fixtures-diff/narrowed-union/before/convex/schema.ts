import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export const status = v.union(v.literal("todo"), v.literal("doing"), v.literal("done"));

export default defineSchema({
  tasks: defineTable({
    status,
    tags: v.array(v.object({ label: v.string() })),
    assignee: v.optional(v.string()),
  }),
});
