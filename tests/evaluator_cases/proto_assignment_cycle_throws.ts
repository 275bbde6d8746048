// expect: throws
// A prototype chain cannot loop: Convex throws "Cyclic __proto__ value".
const a: any = {};
const b: any = { __proto__: a };
a.__proto__ = b;
export default defineSchema({ t: defineTable({ y: v.string() }) });
