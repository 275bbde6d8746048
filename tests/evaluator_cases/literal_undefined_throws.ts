// expect: throws
// #13 item 2: v.literal(undefined) is Convex's own error, never the string "undefined".
export default defineSchema({ t: defineTable({ a: v.literal(undefined as any) }) });
