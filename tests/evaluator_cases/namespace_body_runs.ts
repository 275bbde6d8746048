// expect: unknown
// A TypeScript namespace's body runs with the module: what it writes is unknown, never skipped.
const fields: Record<string, any> = { a: v.string() };
export namespace Extra { fields.b = v.number(); }
namespace Local { fields.c = v.number(); }
export default defineSchema({ t: defineTable(fields) });
