import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string() }).staged(v.object({ name: v.string(), email: v.string() })),
  orders: defineTable({ total: v.number() }),
  invoices: defineTable({ total: v.number() }).staged(v.object({ total: v.number(), paid: v.optional(v.boolean()) })),
});
