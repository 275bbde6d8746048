// expect: equal
// An enum declared twice is one object; `const enum` members read like any enum's.
enum Role { Admin, User }
enum Role { Guest = 5, Owner }
const enum Size { S = "s", M = "m" }
export default defineSchema({ t: defineTable({
  roles: v.union(...Object.values(Role).map((r) => v.literal(r))),
  size: v.literal(Size.M),
}) });
