// expect: equal
// A throw that surely happens inside `try` (a write to a frozen object, a `throw`) is caught:
// the rest of the block does not run, the `catch` block does.
const f: Record<string, any> = { a: v.string() };
const t = defineTable(f);
Object.freeze(f);
const extra: Record<string, any> = {};
try { f.b = v.number(); extra.skipped = v.string(); } catch (e) { extra.caught = v.string(); }
function check(ok: boolean) { if (!ok) throw new Error("bad"); return v.boolean(); }
try { extra.flag = check(false); } catch { extra.fallback = v.null(); } finally { extra.done = v.null(); }
export default defineSchema({ t, u: defineTable(extra) });
