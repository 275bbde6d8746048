// expect: equal
// `for…of` reads the live array; `for…in` skips keys deleted before their turn.
const idx: any[] = ["a"];
const f: any = { a: v.string(), b: v.string(), c: v.string() };
for (const k of idx) { if (idx.length < 3) idx.push("b"); }
for (const k in f) { if (k === "a") delete f.b; else f["x" + k] = v.null(); }
export default defineSchema({ t: defineTable(f).index("i", idx) });
