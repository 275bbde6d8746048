// expect: unknown
// A function passed to a call schemalint cannot evaluate may run: what it writes is unknown.
const fields: Record<string, any> = { a: v.string() };
const names: any = (globalThis as any).names ?? ["b"];
names.forEach((n: string) => { fields[n] = v.string(); });
export default defineSchema({ t: defineTable(fields) });
