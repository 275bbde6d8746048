// expect: equal
// `a?.b.c` and `maybe?.()` short-circuit the whole chain.
const a: any = undefined;
const maybe: any = null;
const f = { s: v.string() };
export default defineSchema({ t: defineTable({ x: a?.b.c ?? v.string(), y: maybe?.() ?? v.number(), z: f?.s, w: (a?.b)?.c ?? v.boolean() }) });
