// expect: unknown
// #13 item 1: a loop over something schemalint cannot evaluate: the fields are unknown, not `{}`.
const fields: Record<string, any> = {};
for (const k of Object.keys(globalThis)) fields[k] = v.string();
export default defineSchema({ t: defineTable(fields).index("by_a", ["a"]) });
