// expect: throws
// Reading a property of undefined in an unused module constant throws too.
const missing: any = undefined;
const bad = missing.x;
export default defineSchema({ t: defineTable({ a: v.string() }) });
