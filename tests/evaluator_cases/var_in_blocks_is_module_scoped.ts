// expect: equal
// `var` inside a block or loop belongs to the module; `var x;` again keeps its value.
if (true) { var picked = v.string(); }
for (const k of ["a"]) { var last = k; }
var kept = v.number();
var kept;
export default defineSchema({ t: defineTable({ picked, kept, [last]: v.boolean() }) });
