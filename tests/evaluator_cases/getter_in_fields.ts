// expect: equal
// A getter in a fields object: Convex reads its value.
const fields = { get a() { return v.string(); }, b: v.number() };
export default defineSchema({ t: defineTable(fields) });
