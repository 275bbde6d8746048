// expect: equal
// A project function that writes to a module-level object, called by `.forEach` and directly.
const fields: any = {};
function add(name: string) { fields[name] = v.string(); return fields; }
["a", "b"].forEach(add);
add("c");
export default defineSchema({ t: defineTable(fields) });
