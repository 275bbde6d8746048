import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    name: v.string(),
    email: v.string(),
  }),
  tasks: defineTable({
    title: v.string(),
    owner: v.string(),
    done: v.optional(v.boolean()),
  }),
});
