// expect: unknown
// A write through a value schemalint cannot evaluate may change any object it names.
const a: Record<string, any> = { x: v.string() };
const b: Record<string, any> = { y: v.string() };
const pick = (globalThis as any).flag ? a : b;
let target: any = a;
if ((globalThis as any).other) target = b;
target.z = v.number();
(((globalThis as any).flag ? a : b) as any).w = v.number();
export default defineSchema({ t: defineTable(a), u: defineTable(b) });
