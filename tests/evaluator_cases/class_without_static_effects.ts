// expect: equal
// A class without static initializers changes nothing at module evaluation.
const fields: Record<string, any> = { a: v.string() };
export class Helper { field = 1; method() { return fields; } }
export default defineSchema({ t: defineTable(fields) });
