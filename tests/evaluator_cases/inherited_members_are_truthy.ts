// expect: equal
// Object.prototype members (`hasOwnProperty`, `toString`) exist on every plain object.
const obj: any = {};
const fields: any = { a: v.string() };
if (obj.hasOwnProperty) fields.b = v.string();
if (obj.toString) fields.c = v.string();
if (fields.hasOwnProperty("a")) fields.d = v.string();
export default defineSchema({ t: defineTable(fields) });
