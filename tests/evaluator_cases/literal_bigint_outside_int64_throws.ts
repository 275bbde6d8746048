// expect: throws
// #13 item 2: export() throws for a bigint literal outside int64.
export default defineSchema({ t: defineTable({ a: v.literal(2n ** 64n) }) });
