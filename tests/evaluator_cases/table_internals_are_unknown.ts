// expect: unknown
// A table definition's own arrays are reachable (`t.indexes`): what is done with them is not followed.
const t: any = defineTable({ a: v.string() });
t.indexes.push({ indexDescriptor: "by_a", fields: ["a"] });
export default defineSchema({ t });
