import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    name: v.string(),
    nickname: v.string(),
  }),
  tasks: defineTable({
    title: v.string(),
    owner: v.id("users"),
  }),
});
