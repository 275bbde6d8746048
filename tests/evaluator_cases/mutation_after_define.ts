// expect: equal
// #13 item 4: objects and arrays are references Convex serialises at export().
const fields: any = { a: v.string(), z: v.string() };
const t = defineTable(fields);
fields.b = v.number();
Object.assign(fields, { c: v.boolean() });
fields["d"] = v.null();
delete fields.z;
let n = 1; n += 2; n++; fields.n = v.literal(n);
let maybe: any; maybe ??= "m"; fields.m = v.literal(maybe);
const idx = ["a"];
t.index("i", idx);
idx.push("b");
const idx2 = ["c", "a"]; t.index("r", idx2); idx2.reverse();
const idx3 = ["a", "b", "c"]; t.index("l", idx3); idx3.length = 1;
Object.defineProperty(fields, "hidden", { value: v.string() });
Object.defineProperty(fields, "shown", { value: v.string(), enumerable: true });
Reflect.set(fields, "r", v.string());
export default defineSchema({ t });
