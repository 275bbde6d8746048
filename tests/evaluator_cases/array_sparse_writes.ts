// expect: unknown
// Writing past an array's end or growing its `length` leaves holes (`0 in a` is false, `length`
// counts them): such an array is unknown, never a wrong value.
const a: any[] = [];
a[2] = "x";
const b: any[] = ["p"];
b.length = 3;
export default defineSchema({
  t: defineTable({ i: v.literal(0 in a), j: v.literal(1 in b) }),
});
