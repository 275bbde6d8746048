// expect: unknown
// A getter runs each time it is read, also in an expression statement: what it writes depends
// on how many times it is read, which schemalint does not follow (unknown, never wrong).
let n = 0;
const o = { get x() { n++; return 1; } };
o.x;
o.x;
export default defineSchema({ t: defineTable({ a: v.literal(n) }) });
