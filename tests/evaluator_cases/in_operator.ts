// expect: equal
// `key in obj`: own keys, keys inherited through `__proto__` and from Object.prototype.
const base = { inherited: 1 };
const f: any = { __proto__: base, a: v.string() };
const g: Record<string, any> = {};
if ("a" in f) g.own = v.string();
if ("inherited" in f) g.proto = v.string();
if ("toString" in f) g.object = v.string();
if (!("b" in f)) g.missing = v.string();
if (0 in ["x"]) g.index = v.string();
export default defineSchema({ t: defineTable(g) });
