import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export const status = v.union(v.literal("todo"), v.literal("done"));

export default defineSchema({
  users: defineTable({ name: v.string() }),
  tasks: defineTable({
    status,
    tags: v.array(v.object({ label: v.string(), color: v.string() })),
    assignee: v.id("users"),
  }),
});
