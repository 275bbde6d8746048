// expect: equal
// `Object`, `String`, `Number` and their members are the same object at every read.
const same = String === String && Object.keys === Object.keys && Number == Number;
export default defineSchema({ t: defineTable(same ? { a: v.string() } : { b: v.string() }) });
