// expect: throws
// #13 item 4: ES modules are strict: assigning to a frozen object throws.
const shared: any = Object.freeze({ name: v.string() });
shared.email = v.string();
export default defineSchema({ users: defineTable(shared) });
