// expect: unknown
// Holes in an array literal (`["a", , "b"]` has length 3, `1 in [1, , 3]` is false) are not
// modelled: the array is unknown, never a wrong value.
const holes: any[] = ["a", , "b"];
export default defineSchema({
  t: defineTable({
    n: v.literal(holes.length),
    m: v.literal([,].length + [1, 2, ,].length),
    i: v.literal(1 in [1, , 3]),
  }),
});
