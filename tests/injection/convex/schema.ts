// Attacker-controlled text in every place the generators print: see tests/injection_project.py.
// Injection: """ triple ''' quotes, \ backslash, {{ jinja }} {% if x %} </script> | `tick`
// <img src=x onerror=alert(1)> **bold** [link](http://evil.example)
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  /**
   * Table doc with """ and ''' and \ and {{ x }} and {% raw %} and </script>
   * <img src=x onerror=alert(1)> | pipe | `tick` # heading
   */
  injection: defineTable({
    // """ ''' \ {{ y }} {% endraw %} </script> <img src=x onerror=alert(1)> | `x` **b** # h
    doubleQuote: v.literal("say \"hi\""),
    singleQuote: v.literal('it\'s'),
    // A comment that ends in its own closing quotes: """
    tripleDouble: v.literal('"""'),
    tripleSingle: v.literal("'''"),
    backslash: v.literal("C:\\path\\to\\"),
    newline: v.literal("one\ntwo\r\nthree\ttab\u2028sep"),
    jinja: v.literal("{{ name }} {% if x %}{% endif %} {# c #}"),
    html: v.literal("</script><script>alert(1)</script><img src=x onerror=alert(1)>"),
    markdown: v.literal("| a | b |\n|---|---|\n**bold** [x](javascript:alert(1)) # h"),
    backtick: v.literal(`\`\`\`python\n\${x}\n\`\`\``),
    unicode: v.literal("tag\u{E0001}bidi\u202Enul\0end\x41 😀"),
    choice: v.union(
      v.literal('"""'),
      v.literal("'''"),
      v.literal("\\"),
      v.literal("{{ x }}"),
      v.literal("{% raw %}"),
      v.literal("</script>"),
      v.literal("|"),
      v.literal("`"),
    ),
    meta: v.optional(
      v.object({
        __init__: v.string(),
        __class__: v.union(v.literal('a"b'), v.literal("a'b")),
        "'''": v.string(),
        "{{ x }}": v.string(),
      }),
    ),
    target: v.id('"""</script>|{{ x }}`'),
  }),
  names: defineTable({
    class: v.string(),
    from: v.optional(v.string()),
    list: v.array(v.string()),
    type: v.literal("type"),
    self: v.boolean(),
    str: v.string(),
    Name: v.string(),
    name: v.string(),
    NAME: v.int64(),
    "with space": v.string(),
    "\"quoted\"": v.string(),
  }),
  Names: defineTable({ names: v.id("names"), Names: v.id("Names") }),
  NAMES: defineTable({ value: v.string() }),
  '"""</script>|{{ x }}`': defineTable({ "<img src=x onerror=alert(1)>": v.string() }),
});
