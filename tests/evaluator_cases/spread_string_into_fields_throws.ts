// expect: throws
// `{..."ab"}` gives the fields "0" and "1", which are not validators: v.object() throws.
export default defineSchema({ t: defineTable({ ...("ab" as any) }) });
