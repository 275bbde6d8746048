// expect: unknown
// An object passed to a call schemalint cannot evaluate may be changed by it.
const fields: Record<string, any> = { a: v.string() };
(globalThis as any).decorate?.(fields);
export default defineSchema({ t: defineTable(fields) });
