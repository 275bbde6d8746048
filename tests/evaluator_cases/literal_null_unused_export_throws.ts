// expect: throws
// #13: an export nothing uses still runs when Convex loads the module.
export const unused = v.literal(null as any);
export default defineSchema({ t: defineTable({ a: v.string() }) });
