import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string() }),
  orders: defineTable({ total: v.number() }).staged(v.object({ total: v.number(), currency: v.string() })),
  invoices: defineTable({ total: v.number() }).staged(v.object({ total: v.number(), paid: v.boolean() })),
});
