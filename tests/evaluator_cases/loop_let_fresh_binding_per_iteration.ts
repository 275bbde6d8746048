// expect: equal
// A `let` in a classic `for` loop is a fresh binding each iteration: closures keep their own `i`
// (the copy is made before the update runs); so do `for…of`/`for…in` with `let`/`const`.
const makers: Array<() => any> = [];
for (let i = 0; i < 2; i++) makers.push(() => v.literal(i));
const named: Array<() => any> = [];
for (let k of ["x", "y"]) named.push(() => v.literal(k));
for (const k in { p: 1, q: 2 }) named.push(() => v.literal(k));
const bumped: Array<() => any> = [];
for (let j = 0; j < 2; j++) { bumped.push(() => v.literal(j)); j += 10; }
export default defineSchema({
  t: defineTable({
    a: v.union(...makers.map((m) => m())),
    b: v.union(...named.map((m) => m())),
    c: v.union(...bumped.map((m) => m())),
  }),
});
