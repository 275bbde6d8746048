// expect: equal
// An elision in a destructuring pattern skips that element.
const [a, , b] = [v.string(), v.number(), v.boolean()];
let c: any, d: any;
[, c, , d] = [v.null(), v.int64(), v.float64(), v.bytes()];
export default defineSchema({ t: defineTable({ a, b, c, d }) });
