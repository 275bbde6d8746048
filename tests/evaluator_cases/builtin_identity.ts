// expect: unknown
// A builtin read twice is the same object in Convex; schemalint makes a fresh one each time, so
// comparing builtins must be unknown, never `false` (which would pick the wrong branch).
const same =
  ({}).constructor === Object &&
  Object.keys === Object.keys &&
  String === String &&
  ({}).toString === ({}).toString &&
  [1].map === [2].map &&
  "a".trim === "b".trim;
export default defineSchema({ t: defineTable(same ? { a: v.string() } : { b: v.string() }) });
