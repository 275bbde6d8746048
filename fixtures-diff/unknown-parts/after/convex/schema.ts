import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { auditFields } from "some-unknown-package";

export default defineSchema({
  users: defineTable({ name: v.string(), ...auditFields }),
  events: defineTable({ kind: v.string(), at: v.optional(v.number()) }),
});
