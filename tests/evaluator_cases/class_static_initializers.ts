// expect: unknown
// A class's static fields and static blocks run when the module does: what they write is unknown.
const fields: Record<string, any> = { a: v.string() };
class Registry {
  static extra = Object.assign(fields, { b: v.number() });
  static { fields.c = v.boolean(); }
}
export default defineSchema({ t: defineTable(fields) });
