// expect: equal
// `__proto__` in the tables object sets its prototype: not a table.
export default defineSchema({ __proto__: { ghost: defineTable({ a: v.string() }) }, real: defineTable({ a: v.string() }) } as any);
