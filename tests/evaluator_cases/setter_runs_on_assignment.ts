// expect: equal
// A setter in an object literal runs on assignment (also through Object.assign).
const f: any = { a: v.string() };
const t = defineTable(f);
const setters = { set x(val: any) { f.hidden = val; } };
(setters as any).x = v.number();
export default defineSchema({ t });
