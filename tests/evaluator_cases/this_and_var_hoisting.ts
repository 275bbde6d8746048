// expect: equal
// `this` through `obj["m"]()`, `(obj.m)()` and `forEach(fn, thisArg)`; `var` is hoisted as undefined.
hoisted = v.string();
var hoisted: any;
const early = typeof later;
var later = 1;
const o: any = {
  fields: {} as Record<string, any>,
  add(k: string) { this.fields[k] = v.string(); },
};
o["add"]("a");
(o.add)("b");
["c"].forEach(function (this: any, k: string) { this.fields[k] = v.number(); }, o);
export default defineSchema({ t: defineTable({ ...o.fields, hoisted, early: v.literal(early) }) });
