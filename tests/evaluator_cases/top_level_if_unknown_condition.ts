// expect: unknown
// #13 item 1: an `if` whose condition schemalint cannot evaluate: what it writes is unknown.
const fields: Record<string, any> = { a: v.string() };
if (typeof window === "undefined") { fields.b = v.string(); }
export default defineSchema({ t: defineTable(fields) });
