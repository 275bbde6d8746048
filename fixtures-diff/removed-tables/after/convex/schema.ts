import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  tasks: defineTable({ text: v.string(), team: v.id("teams") }),
  members: defineTable({ team: v.id("teams"), user: v.string() }),
});
