// expect: equal
// `.map` whose callback writes and returns something unknown: every call's writes still happen.
const fields: Record<string, any> = {};
["a", "b", "c"].map((k) => { fields[k] = v.string(); return (globalThis as any)[k]; });
["d", "e"].filter((k) => { fields[k] = v.number(); return (globalThis as any)[k]; });
export default defineSchema({ t: defineTable(fields) });
