// expect: equal
// Objects reached through arrays and other objects are the same objects.
const f: any = { a: v.string() };
const alias = [f];
alias[0].b = v.number();
const nested = { inner: f };
nested.inner.c = v.null();
export default defineSchema({ t: defineTable(f) });
