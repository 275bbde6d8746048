// expect: equal
// `var` may be declared twice; the last assignment wins.
var x = v.string();
var x = v.number();
export default defineSchema({ t: defineTable({ x }) });
