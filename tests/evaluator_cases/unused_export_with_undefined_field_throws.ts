// expect: throws
// An export nothing uses still runs: an undefined field validator throws.
export const bad = v.object({ a: undefined as any });
export default defineSchema({ t: defineTable({ a: v.string() }) });
