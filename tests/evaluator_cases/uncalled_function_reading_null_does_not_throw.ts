// expect: equal
// A function body that is never called does not run; a caught throw does not escape.
function never() { return (null as any).x; }
try { (null as any).x; } catch (e) {}
export default defineSchema({ t: defineTable({ a: v.string() }) });
