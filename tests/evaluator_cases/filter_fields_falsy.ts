// expect: equal
// `filterFields: false` or `0` is `[]` (`indexConfig.filterFields || []`).
export default defineSchema({ t: defineTable({ a: v.string(), e: v.array(v.number()) }).searchIndex("s", { searchField: "a", filterFields: false as any }).vectorIndex("v", { vectorField: "e", dimensions: 2, filterFields: 0 as any }) });
