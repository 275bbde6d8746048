// expect: equal
// `finally` runs when `break` or `continue` leaves its `try` block.
const fields: Record<string, any> = {};
for (const k of ["a", "b", "c"]) {
  try {
    if (k === "b") continue;
    if (k === "c") break;
    fields[k] = v.string();
  } finally {
    fields[`f${k}`] = v.number();
  }
}
export default defineSchema({ t: defineTable(fields) });
