// expect: throws
// An export nothing uses still runs: reading a property of null throws.
export const bad = (null as any).x;
export default defineSchema({ t: defineTable({ a: v.string() }) });
