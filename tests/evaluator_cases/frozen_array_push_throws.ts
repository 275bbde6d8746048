// expect: throws
// #13 item 4: `push` on a frozen index array throws a TypeError while the module runs.
const idx = Object.freeze(["a"]) as any;
const t = defineTable({ a: v.string(), b: v.string() }).index("i", idx);
idx.push("b");
export default defineSchema({ t });
