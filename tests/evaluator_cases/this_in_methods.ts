// expect: equal
// `this` in a method called as `obj.method()` is `obj`: writes through it change `obj`.
const builder = {
  fields: {} as Record<string, any>,
  add(name: string) { this.fields[name] = v.string(); return this; },
};
builder.add("a").add("b");
export default defineSchema({ t: defineTable(builder.fields) });
