// expect: equal
// #13 item 1: top-level `if` with a known condition, a bare block, `switch` with fall-through, `try`/`finally`.
const fields: any = { a: v.string() };
if (fields.a) { fields.b = v.number(); } else { fields.c = v.number(); }
{ const local = v.boolean(); fields.d = local; }
switch ("x" as string) { case "y": fields.e = v.null(); case "x": fields.f = v.null(); case "z": fields.g = v.null(); break; default: fields.h = v.null(); }
try { fields.i = v.string(); } catch (e) { fields.j = v.string(); } finally { fields.k = v.string(); }
export default defineSchema({ t: defineTable(fields) });
