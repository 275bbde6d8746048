"""A project whose names, literals and comments are attacker-controlled text (tests/injection/),
and the values they must still mean in the generated files (test_generate_python_typing.py,
test_generate_docs.py).

It lives outside fixtures/ because Convex would not deploy it (a nested `__init__` field, a table
named with quotes and `</script>`), but the real `convex` package exports it exactly as
`schemalint export` does: `node tests/oracle/export-schema.mjs tests/injection`. The
expectations below are Python values written by hand, independently of the TypeScript, so a
wrong escape on either side shows.
"""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent / "injection"
# The comment on `injection.doubleQuote`, as written.
HOSTILE_COMMENT = "\"\"\" ''' \\ {{ y }} {% endraw %} </script> <img src=x onerror=alert(1)> | `x` **b** # h"

HOSTILE_TABLE = '"""</script>|{{ x }}`'
TABLE_NAMES = ("injection", "names", "Names", "NAMES", HOSTILE_TABLE)

# Each literal field of `injection`, and the strings its type allows, in order.
LITERALS: dict[str, tuple[str, ...]] = {
    "doubleQuote": ('say "hi"',),
    "singleQuote": ("it's",),
    "tripleDouble": ('"""',),
    "tripleSingle": ("'''",),
    "backslash": ("C:\\path\\to\\",),
    "newline": ("one\ntwo\r\nthree\ttab\u2028sep",),
    "jinja": ("{{ name }} {% if x %}{% endif %} {# c #}",),
    "html": ("</script><script>alert(1)</script><img src=x onerror=alert(1)>",),
    "markdown": ("| a | b |\n|---|---|\n**bold** [x](javascript:alert(1)) # h",),
    "backtick": ("```python\n${x}\n```",),
    "unicode": ("tag\U000e0001bidi\u202enul\x00endA \U0001f600",),
    "choice": ('"""', "'''", "\\", "{{ x }}", "{% raw %}", "</script>", "|", "`"),
}
META_LITERALS = ('a"b', "a'b")

# The fields of each table's documents, as declared (system fields not included).
FIELDS: dict[str, tuple[str, ...]] = {
    "injection": (*LITERALS, "meta", "target"),
    "names": ("class", "from", "list", "type", "self", "str", "Name", "name", "NAME", "with space", '"quoted"'),
    "Names": ("names", "Names"),
    "NAMES": ("value",),
    HOSTILE_TABLE: ("<img src=x onerror=alert(1)>",),
}
META_FIELDS = ("__init__", "__class__", "'''", "{{ x }}")
OPTIONAL_FIELDS = {"injection": {"meta"}, "names": {"from"}}

