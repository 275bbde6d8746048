// expect: unknown
// `schemaValidation: 0`: Convex exports the 0 unchanged; schemalint keeps booleans only, so it says so.
export default defineSchema({ t: defineTable({ a: v.string() }) }, { schemaValidation: 0 as any });
