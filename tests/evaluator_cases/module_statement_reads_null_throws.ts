// expect: throws
// A module-level statement that reads a property of null throws when Convex loads the module.
(null as any).x;
export default defineSchema({ t: defineTable({ a: v.string() }) });
