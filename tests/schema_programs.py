"""A hypothesis strategy for small, valid Convex schema *programs* (for differential testing).

A program is a project: `convex/schema.ts` plus a shared module and a re-exporting index,
written with the JavaScript a real schema uses: constants, spreads, helper functions with
default parameters, template literals, enums (string, numeric, quoted members), `.map`,
`Object.*`, object validator helpers, imports and re-exports across files, `as const`, string
methods and number-to-string conversions. Nothing here knows what the program means: the real
`convex` package (the oracle) says that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from hypothesis import strategies as st

HEADER = 'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n'

# Strings with characters where JS and Python differ (UTF-16, whitespace, escapes).
STRING_BODIES = [
    "a", "x y", "Ünïcödé", "😀", "tab\\there", "\\u00e9", "\\uD83D\\uDE00", "\\u{1F600}", " \\u00a0pad\\u3000",
    "10", "0x10", "1e3", " 12 ", "", "in progress", "\\x41", "quote\\\"d", "²", "-0",
]
NUMBERS = ["0", "1", "-1", "1.5", "2 ** 60", "0.000001", "1e21", "1e-7", "0.1 + 0.2", "0x1f", "1_000", "-0", "2 ** 53 + 1",
           "123e-20", "5e-324", "7 % 3", "10 / 4", "3 | 4", "-1 >>> 28", "2 ** -1"]
FLAGS = ["true", "false", "0", '""', "KEY.length > 3", "[].length", "'0'"]
KEYWORDS_OK = ["title", "body", "count", "isDone", "_tag", "$ref", "ownerId", "position"]


@dataclass
class Program:
    """Files of one generated project (relative path -> text) and the names it defines."""

    files: dict[str, str] = field(default_factory=dict)


@st.composite
def string_literal(draw: st.DrawFn) -> str:
    body = draw(st.sampled_from(STRING_BODIES))
    quote = draw(st.sampled_from(['"', "'", "`"]))
    if quote == "'":
        body = body.replace('\\"', '"')
    if quote == "`":
        body = body.replace('\\"', '"')
    return f"{quote}{body}{quote}"


@st.composite
def number_expr(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(NUMBERS))


@st.composite
def string_expr(draw: st.DrawFn, consts: tuple[str, ...]) -> str:
    """An expression whose value is a string."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return f"`k${{{draw(number_expr())}}}`"
    if choice == 1:
        return f"`${{{draw(string_literal())}}}-${{{draw(number_expr())}}}`"
    if choice == 2:
        method = draw(st.sampled_from([
            ".toUpperCase()", ".toLowerCase()", ".trim()", ".slice(1)", ".slice(0, 2)", ".slice(-1)",
            ".padStart(3, '0')", ".repeat(2)", ".at(-1) ?? 'none'", ".split('').reverse().join('')",
            ".replace('a', 'b')", ".charAt(0)", ".substring(1, 0)",
        ]))
        return f"({draw(string_literal())}){method}"
    strings = [name for name in consts if not name.startswith("scenario")]
    if choice == 3 and strings:
        return draw(st.sampled_from(strings))
    if choice == 4:
        return f"String({draw(number_expr())})"
    if choice == 5:
        return f"{draw(string_literal())} + {draw(number_expr())}"
    if choice == 6:
        return f"({draw(string_literal())} as const)"
    if choice == 7:
        return f"({draw(number_expr())} < {draw(number_expr())} ? 'lt' : 'ge')"
    if choice == 8:
        return f"`${{{draw(st.sampled_from(['null', 'undefined', 'true', '[1, 2]', '1n', '-0']))}}}`"
    return draw(string_literal())


@st.composite
def literal_expr(draw: st.DrawFn, consts: tuple[str, ...]) -> str:
    """The argument of `v.literal(...)`."""
    choice = draw(st.integers(0, 6))
    if choice == 0:
        return draw(number_expr())
    if choice == 1:
        return draw(st.sampled_from(["true", "false", "5n", "-9223372036854775808n", "2n ** 10n", "-7n / 2n"]))
    if choice == 2:
        return f"{draw(string_expr(consts))}.length"
    if choice == 3:
        return draw(st.sampled_from([
            "'10' == 10", "null == undefined", "'b' < 'a'", "[NaN].includes(NaN)", "'\\uD83D' < '\\uFFFF'",
            "1n == 1", "'1' === 1", "+'0x10'", "+' 12 '", "Number('1e3')", "typeof 1n",
        ]))
    if choice == 4:
        return f"Color.{draw(st.sampled_from(['Red', 'Green']))}"
    if choice == 5:
        return draw(st.sampled_from(["Level.Low", "Level.High", "Level[0]", "Step['In Progress']", "Step.Done"]))
    return draw(string_expr(consts))


@st.composite
def validator_expr(draw: st.DrawFn, consts: tuple[str, ...], depth: int = 0) -> str:
    leaves = [
        "v.string()", "v.number()", "v.float64()", "v.boolean()", "v.null()", "v.int64()", "v.bytes()",
        "v.any()", 'v.id("users")', "sharedV", "ns.sharedV", "opt()", "opt(v.number())", "arr(v.string())",
        "arr(v.boolean(), 2)",
    ]
    if depth >= 2 or draw(st.integers(0, 2)) == 0:
        if draw(st.booleans()):
            return f"v.literal({draw(literal_expr(consts))})"
        return draw(st.sampled_from(leaves))
    kind = draw(st.integers(0, 8))
    inner = validator_expr(consts, depth + 1)
    if kind == 0:
        return f"v.array({draw(inner)})"
    if kind == 1:
        return f"v.optional({draw(inner)})"
    if kind == 2:
        members = draw(st.lists(inner, min_size=1, max_size=3))
        return f"v.union({', '.join(members)})"
    if kind == 3:
        return f"v.object({draw(fields_expr(consts, depth + 1))})"
    if kind == 4:
        return f"v.record(v.string(), {draw(inner)})"
    if kind == 5:
        return draw(st.sampled_from([
            "v.union(...Object.values(Color).map((c) => v.literal(c)))",
            "v.union(...['a', 'b'].map((s) => v.literal(s)))",
            "base.extend({ extra: v.string() })", "base.pick('title')", "base.omit('title')", "base.partial()",
            "v.object(Object.fromEntries(['p', 'q'].map((k) => [k, v.string()])))",
            "v.nullable(v.string())", "v.string().optional()", "v.nullable(v.optional(v.number()))",
            "v.optional(v.optional(v.boolean()))", "v.union()", "v.union(v.string())", "v.id(`t${1}`)",
            "v.record(v.id('users'), v.number())", "v.record(v.union(v.literal('a'), v.literal('b')), v.null())",
            "base.pick('title', 'tag', 'title')", "base.omit('missing')", "base.partial().partial()",
            "base.extend({ title: v.number() })", "v.object({ a: v.string(), a: v.number() })",
            "v.object({ ...sharedFields, createdAt: v.string() })", "v.object({ b: v.null(), 2: v.null(), '01': v.null(), 1: v.null() })",
            "v.literal(-0)", "v.literal(0.1 * 3)", "v.literal(`${-0}`)", "v.literal([1, [2, 3]].join(';'))",
            "v.literal(`${[1, 2]}${{}}`)", "v.literal(String(null) + undefined)",
        ]))
    if kind == 6:
        scenarios = [name for name in consts if name.startswith("scenario")]
        if scenarios and draw(st.booleans()):
            return draw(st.sampled_from(scenarios))
        return f"({draw(inner)} as any)"
    if kind == 7:
        return f"(flag ? {draw(inner)} : {draw(inner)})"
    return draw(inner)


@st.composite
def key_expr(draw: st.DrawFn, consts: tuple[str, ...]) -> str:
    choice = draw(st.integers(0, 5))
    if choice == 0:
        return draw(st.sampled_from(KEYWORDS_OK))
    if choice == 1:
        return json.dumps(draw(st.sampled_from(["with space", "é", "😀", "²", "10", "1", "0x1", "a-b"])))
    if choice == 2:
        return draw(st.sampled_from(["1", "10", "2", "1.5", "1e21", "0x10", "1n"]))
    if choice == 3:
        return f"[{draw(string_expr(consts))}]"
    if choice == 4:
        return "[KEY]"
    return draw(st.sampled_from(KEYWORDS_OK))


@st.composite
def fields_expr(draw: st.DrawFn, consts: tuple[str, ...], depth: int = 0) -> str:
    entries = []
    for _ in range(draw(st.integers(0 if depth else 1, 4))):
        if draw(st.integers(0, 5)) == 0:
            entries.append(draw(st.sampled_from(["...sharedFields", "...ns.sharedFields", "...(flag ? { s: v.string() } : {})"])))
        else:
            entries.append(f"{draw(key_expr(consts))}: {draw(validator_expr(consts, depth))}")
    return "{ " + ", ".join(entries) + " }"


# (statements, a validator expression using them): the JavaScript around validators that real
# schemas write, and the traps of the red-team list (mutation after use, getters, `__proto__`...).
SCENARIOS: list[tuple[str, str]] = [
    ("const m1 = { a: v.string() };\nconst o1 = v.object(m1);\nm1.b = v.number();", "o1"),
    ("const m2: Record<string, any> = {};\nfor (const k of ['x', 'y']) m2[k] = v.string();", "v.object(m2)"),
    ("const m3 = { a: v.string(), b: v.number() };\ndelete m3.a;", "v.object(m3)"),
    ("const m4 = Object.assign({}, { a: v.string() }, { b: v.boolean() });", "v.object(m4)"),
    ("const m5 = { get g() { return v.string(); } };", "v.object(m5)"),
    ("const m6 = { __proto__: { p: v.string() }, own: v.number() };", "v.object(m6)"),
    ("let m7 = 0;\nm7 += 2;\nm7 **= 3;", "v.literal(m7)"),
    ("const m8 = ['a', 'b'];\nm8.push('c');", "v.union(...m8.map((s) => v.literal(s)))"),
    ("const m9 = [3, 1, 2].sort().reverse();", "v.literal(m9.join('-'))"),
    ("let m10 = 'x';\nswitch (KEY.length) { case 5: m10 = 'five'; break; default: m10 = 'other'; }", "v.literal(m10)"),
    ("let m11 = 'init';\ntry { m11 = 'tried'; } catch { m11 = 'caught'; }", "v.literal(m11)"),
    ("const m12 = { deep: { x: 1 } } as any;", "v.literal(m12?.deep?.x ?? 0)"),
    ("const m13 = undefined as any;", "v.literal(m13?.x ?? 'fallback')"),
    ("var m14 = 1;\nvar m14 = 2;", "v.literal(m14)"),
    ("const [m15a, m15b = 'dflt'] = ['first'];", "v.literal(m15a + m15b)"),
    ("const { m16a, ...m16rest } = { m16a: v.string(), z: v.number(), y: v.null() };", "v.object(m16rest)"),
    ("const m17 = base.pick('tag', 'title');", "m17"),
    ("const m18 = Object.keys(Level).join(',');", "v.literal(m18)"),
    ("const m19 = Object.entries({ b: 1, a: 2, 1: 3 }).map(([k, n]) => k + n).join('');", "v.literal(m19)"),
    ("let m20 = '';\nfor (let i = 0; i < 3; i++) { m20 += i; }", "v.literal(m20)"),
    ("let m21 = 1;\nwhile (m21 < 100) m21 *= 3;", "v.literal(m21)"),
    ("const m22 = [1, 2, 3].filter((n) => n % 2).map((n) => n * 10);", "v.literal(m22.length + m22[1])"),
    ("const m23 = { ...'ab' };", "v.literal(Object.keys(m23).join(''))"),
    ("const m24 = new Map();", "v.string()"),
    ("const m25 = { a: v.string() };\nObject.freeze(m25);", "v.object(m25)"),
    ("function m26(x: any, { opt = false } = {}) { return opt ? v.optional(x) : x; }", "m26(v.string(), { opt: true })"),
    ("const m27 = [...'ab😀'];", "v.literal(m27.length)"),
    ("const m28 = { [Symbol.iterator]: 1, k: v.string() } as any;", "v.object({ k: m28.k })"),
    ("const m29 = Level[Level.High];", "v.literal(m29 ?? 'none')"),
    ("label: { break label; }\nconst m30 = 'after';", "v.literal(m30)"),
    ("const m31 = ['admin', 'user'] as const;", "v.union(...m31.map((r) => v.literal(r)))"),
    ("const m32 = (...parts: string[]) => parts.join('_');", "v.literal(m32('a', `${1e21}`, String(0.000001)))"),
    ("const m33 = (n: number): number => (n <= 1 ? 1 : n * m33(n - 1));", "v.literal(m33(5))"),
    ("const m34 = { a: 1, b: 2 } satisfies Record<string, number>;", "v.literal(m34.a + m34.b)"),
    ("const m35 = Object.fromEntries(Object.entries({ x: v.string(), y: v.number() }).filter(([k]) => k !== 'y'));",
     "v.object(m35)"),
    ("const m36 = [10, 1, 2].sort();", "v.literal(m36.join())"),
    ("const m37 = 'a-b-c'.split('-', 2);", "v.literal(m37.length)"),
    ("const m38 = { ...['p', 'q'] };", "v.literal(Object.keys(m38).join('|'))"),
    ("const m39 = `${'😀'.length}${'😀'.slice(0, 1).length}`;", "v.literal(m39)"),
    ("const m40 = [1, 2, 3].reduce((a, b) => a + b, 0);", "v.literal(m40)"),
    ("const m41 = Math.max(...[3, 7, 5]) + Math.round(2.5);", "v.literal(m41)"),
    ("const m42 = (0.1).toFixed(2);", "v.literal(m42)"),
    ("const m43 = ['a', 'bb'].find((s) => s.length > 1) ?? 'none';", "v.literal(m43)"),
    ("const m44 = [3, 4].some((n) => n > 3) ? [1, 2].at(-1) : -1;", "v.literal(m44 ?? 0)"),
]

SHARED = """
export const KEY = `key_${1 + 1}`;
export const PREFIX = "pre" as const;
export const sharedV = v.union(v.literal("a"), v.literal(`b${2 ** 3}`));
export const sharedFields = { createdAt: v.number(), [`${PREFIX}Id`]: v.optional(v.string()) };
export enum Color { Red = "red", Green = "green" }
export enum Level { Low, High = 5 }
export enum Step { 'In Progress' = 1, Done }
export function opt(inner = v.string()) {
  return v.optional(inner);
}
export const arr = (item: any, times = 1) => (times > 1 ? v.array(v.array(item)) : v.array(item));
export default { title: v.string() };
"""

INDEX = """
export * from "./shared";
export { default as baseFields } from "./shared";
export { sharedV as aliasV } from "./shared";
"""


@st.composite
def schema_programs(draw: st.DrawFn) -> dict[str, str]:
    """One project's files: `convex/schema.ts`, `convex/shared.ts`, `convex/index.ts`."""
    chosen = sorted(set(draw(st.lists(st.integers(0, len(SCENARIOS) - 1), max_size=4))))
    consts = ("KEY", "PREFIX", "ns.KEY", "local", *(f"scenario{index}" for index in chosen))
    preamble = [
        HEADER,
        'import { KEY, PREFIX, sharedV, sharedFields, Color, Level, Step, opt, arr } from "./index";',
        'import * as ns from "./shared";',
        'import { baseFields, aliasV } from "./index";',
        f"const local = {draw(string_expr(('KEY', 'PREFIX')))};",
        f"const flag = {draw(st.sampled_from(FLAGS))};",
        "const base = v.object({ ...baseFields, tag: aliasV });",
    ]
    for index in chosen:
        statements, expression = SCENARIOS[index]
        preamble += [statements, f"const scenario{index} = {expression};"]
    tables = []
    for index in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from([f"t{index}", f"table_{index}", f"[`tbl${{{index}}}`]", f'"t-{index}"']))
        form = draw(st.integers(0, 3))
        if form == 0:
            definition = f"defineTable(base.extend({draw(fields_expr(consts))}))"
        elif form == 1:
            definition = f"defineTable(v.object({draw(fields_expr(consts))}))"
        elif form == 2:
            definition = "defineTable(v.union(v.object({ kind: v.literal('a') }), v.object({ kind: v.literal('b'), n: v.number() })))"
        else:
            definition = f"defineTable({draw(fields_expr(consts))})"
        if form == 0:
            definition += draw(st.sampled_from([
                "", '.index("by_tag", ["tag"])', '.index("by_tag_title", ["tag", "title"]).index("by_title", ["title"])',
                '.searchIndex("search_title", { searchField: "title", filterFields: ["tag"] })',
                '.vectorIndex("by_vec", { vectorField: "title", dimensions: 2 ** 10, filterFields: [] })',
                '.index("by_tag", { fields: ["tag"], staged: true })',
            ]))
        tables.append(f"  {name}: {definition},")
    if chosen:
        fields = ", ".join(f"s{index}: scenario{index}" for index in chosen)
        tables.append(f"  scenarios: defineTable({{ {fields} }}),")
    options = draw(st.sampled_from(["", ", { schemaValidation: false }", ", { strictTableNameTypes: false }", ", {}"]))
    schema = "\n".join(preamble) + "\nexport default defineSchema({\n" + "\n".join(tables) + f"\n}}{options});\n"
    return {"convex/schema.ts": schema, "convex/shared.ts": HEADER + SHARED, "convex/index.ts": INDEX}
