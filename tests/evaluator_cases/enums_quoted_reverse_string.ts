// expect: equal
// #13 item 2: quoted member names, auto-increment after them, reverse mappings, string enums.
enum Status { New = 0, 'In Progress', Done }
enum Role { Admin, User }
enum S { A = "a", B = "b" }
enum C { X = 10, "Y", Z = X * 2 }
export default defineSchema({ t: defineTable({
  s: v.union(v.literal(Status.New), v.literal(Status['In Progress']), v.literal(Status.Done)),
  r: v.union(...Object.values(Role).map((x) => v.literal(x))),
  str: v.union(...Object.values(S).map((x) => v.literal(x))),
  c: v.union(v.literal(C.Y), v.literal(C.Z), v.literal(C[10])),
}) });
