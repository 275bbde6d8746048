// expect: equal
// Assigning `__proto__` sets the prototype (a primitive is ignored); a spread copies own
// properties only, while reads see the inherited members.
const o: any = {};
o["__proto__"] = { x: v.string() };
const p: any = { z: v.boolean() };
p.__proto__ = 5;
export default defineSchema({
  t: defineTable({ ...o, y: v.string() }),
  u: defineTable({ x: o.x, ...p }),
});
