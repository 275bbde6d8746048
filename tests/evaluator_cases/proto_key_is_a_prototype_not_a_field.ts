// expect: equal
// `__proto__: x` in an object literal sets the prototype: not a field, but its members are inherited.
const base = { inherited: v.string() };
const fields: any = { __proto__: base, own: v.number() };
export default defineSchema({ t: defineTable(fields), u: defineTable({ x: fields.inherited }) });
