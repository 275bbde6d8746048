// expect: equal
// #13 item 1: classic `for`, `while`, `do`, `for…in`, labelled `continue`/`break`.
const fields: Record<string, any> = {};
for (let i = 0; i < 3; i++) { fields["f" + i] = v.number(); }
let j = 0;
while (j < 2) { fields[`w${j}`] = v.string(); j++; }
do { j--; } while (j > 0);
fields.j = v.literal(j);
for (const k in { x: 1, y: 2 }) fields[k] = v.boolean();
outer: for (const a of [1, 2, 3]) { for (const b of [1, 2]) { if (a === 2) continue outer; if (a === 3) break outer; fields[`p${a}${b}`] = v.null(); } }
export default defineSchema({ t: defineTable(fields) });
