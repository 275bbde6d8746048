// expect: equal
// A labelled block left with `break label`.
const fields: any = { a: v.string() };
label: { fields.b = v.string(); break label; fields.c = v.string(); }
export default defineSchema({ t: defineTable(fields) });
