// expect: equal
// #13 item 1: a `for…of` over a known array filling the fields object.
const fields: Record<string, any> = {};
for (const k of ["a", "b"]) fields[k] = v.string();
export default defineSchema({ t: defineTable(fields).index("by_a", ["a"]) });
