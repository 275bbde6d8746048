// expect: equal
// `.pick` keeps the order of its arguments (integer-like keys first), `.omit`/`.extend`/`.partial` build new objects.
const o = v.object({ a: v.string(), b: v.number(), "2": v.string(), "1": v.boolean() });
export default defineSchema({ t: defineTable(o.pick("b", "2", "a", "1")) , u: defineTable(o.omit("b").extend({ c: v.null(), "0": v.null() })), w: defineTable(o.partial()) });
