"""Python spelling for the Python generator: identifiers, unique names, literals, docstrings.

This module is the only way text from a schema reaches generated Python source, one function
per context: `python_identifier`/`pascal_case` (names), `py_string` (string literals),
`docstring` and `docstring_lines` (docstrings), `comment` and `comment_line` (`# ` comments). Each result is
one line (a docstring: lines without control characters), so no schema text can end a comment
or a literal early. Pure string functions and one small registry; nothing here knows the IR.
"""

from __future__ import annotations

import builtins
import functools
import keyword
import re
import sys
import textwrap
from collections.abc import Iterable

from schemalint.convex_syntax import visible

_WORD_PARTS = re.compile(r"[A-Za-z0-9]+")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A double-quoted Python string literal as `py_string` writes it.
_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
BUILTIN_NAMES = frozenset(dir(builtins))


@functools.lru_cache(maxsize=65536)  # field and table names repeat across a schema
def pascal_case(name: str) -> str:
    """`user_profiles`, `userProfiles`, `user-profiles` → `UserProfiles` (never empty; never
    starting with a digit)."""
    parts = _WORD_PARTS.findall(name)
    joined = "".join(part[0].upper() + part[1:] for part in parts)
    if not joined:
        return "X"
    return f"N{joined}" if joined[0].isdigit() else joined


def python_identifier(name: str) -> str:
    """`name` as a Python identifier usable in a class body: keywords get a trailing `_`
    (`from` → `from_`), characters that cannot appear in one become `_`, and `__x` becomes
    `__x__` (a class would mangle `__x` into `_Class__x`)."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name) or "_"
    if cleaned[0].isdigit():
        cleaned = f"_{cleaned}"
    if cleaned.startswith("__") and not cleaned.endswith("__"):
        cleaned = f"{cleaned}__"
    return f"{cleaned}_" if keyword.iskeyword(cleaned) else cleaned


def package_name_problem(name: str) -> str | None:
    """Why `name` cannot be the generated package's name (None when it can): it must be an ASCII
    identifier that is not a keyword and does not shadow `convex` or a standard library module."""
    if not is_plain_identifier(name):
        return f"{name!r} is not a Python package name (an ASCII identifier that is not a keyword)"
    if name == "convex":
        return "'convex' would shadow the `convex` client package"
    if name in sys.stdlib_module_names:
        return f"{name!r} would shadow the standard library module of that name"
    return None


@functools.lru_cache(maxsize=65536)  # field names repeat across a schema
def is_plain_identifier(name: str) -> bool:
    """True when `name` is an ASCII Python identifier that is not a keyword."""
    return _IDENTIFIER.fullmatch(name) is not None and not keyword.iskeyword(name)


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name_`, `name__`... : the first not in `taken`, which it is added to."""
    while name in taken:
        name = f"{name}_"
    taken.add(name)
    return name


class NameRegistry:
    """Hands out distinct names: the first claim of a name gets it, later ones get `2`, `3`..."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(reserved)

    def __contains__(self, name: str) -> bool:
        return name in self._taken

    def claim(self, name: str) -> str:
        """`name` if free, else `name2`, `name3`...; the result is taken from now on."""
        candidate, n = name, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{name}{n}"
        self._taken.add(candidate)
        return candidate

    def claim_stem(self, stem: str, suffixes: tuple[str, ...]) -> str:
        """The first of `stem`, `stem2`... for which every `stem + suffix` is free; claims them."""
        candidate, n = stem, 1
        while any(candidate + suffix in self._taken for suffix in suffixes):
            n += 1
            candidate = f"{stem}{n}"
        self._taken.update(candidate + suffix for suffix in suffixes)
        return candidate


_SHORT_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def py_string(text: str) -> str:
    """`text` as a Python string literal on one line, quoted as `ruff format` quotes it (double
    quotes, unless the text holds more double than single quotes); characters that are not
    printable are written as escapes (`\\n`, `\\uXXXX`, `\\UXXXXXXXX`)."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # the common case, without a character-by-character pass
    quote = "'" if text.count('"') > text.count("'") else '"'
    body = "".join(
        _SHORT_ESCAPES.get(ch) or ("\\" + ch if ch == quote else ch if ch.isprintable() else _escape(ch))
        for ch in text
    )
    return f"{quote}{body}{quote}"


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def doc_lines(text: str | None, width: int = 88) -> list[str]:
    """The lines of a comment or docstring, lines longer than `width` wrapped, invisible
    characters written as escapes."""
    if not text:
        return []
    lines: list[str] = []
    for line in text.splitlines():
        shown = visible(line).rstrip()
        if len(shown) <= width:
            lines.append(shown)
        else:
            lines.extend(textwrap.wrap(shown, width, break_long_words=False, break_on_hyphens=False))
    return lines


def docstring(text: str | None) -> str | None:
    """A triple-quoted docstring literal for `text` (lines joined with newlines), or None."""
    if not text:  # the common case: a field without a comment
        return None
    lines = doc_lines(text)
    if not lines:
        return None
    body = "\n".join(lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    before_last = body[:-1]
    last_is_escaped = (len(before_last) - len(before_last.rstrip("\\"))) % 2 == 1
    if body.endswith('"') and not last_is_escaped:  # it would run into the closing quotes
        body = before_last + '\\"'
    if body.startswith('"'):  # not `""""x"`: the same value, but easier to read
        body = "\\" + body
    if len(lines) > 1:
        body += "\n"
    return f'"""{body}"""'


def docstring_lines(text: str) -> tuple[str, ...]:
    """Lines of `text` to print inside a docstring literal the template opens and closes."""
    return tuple(line.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') for line in doc_lines(text))


def comment(text: str | None) -> tuple[str, ...]:
    """`# ` comment lines for `text`, one per line of it (long lines wrapped)."""
    return tuple(_checked_comment(line) for line in doc_lines(text)) if text else ()


def comment_line(text: str) -> str:
    """One `# ` comment line for `text`: its line breaks and other invisible characters are
    written as escapes (`\\n`)."""
    return _checked_comment(visible(text).rstrip())


def _checked_comment(line: str) -> str:
    """`# line`, refusing text that could end the comment (a bug if it ever happens)."""
    if not line.isprintable() and any(visible(char) != char for char in line):
        raise ValueError(f"a comment line holds a control character: {line!r}")
    return f"# {line}".rstrip()


def identifiers_in(expression: str) -> set[str]:
    """The identifiers a Python expression mentions, outside its string literals."""
    return set(_IDENTIFIER.findall(_STRING_LITERAL.sub('""', expression)))


def qualify(expression: str, names: dict[str, str]) -> str:
    """`expression` with each identifier in `names` (outside string literals) replaced by its
    value, e.g. `list[str]` → `_builtins.list[str]`."""
    if not names:
        return expression
    pieces: list[str] = []
    position = 0
    for match in _STRING_LITERAL.finditer(expression):
        pieces.append(_substitute(expression[position : match.start()], names))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(_substitute(expression[position:], names))
    return "".join(pieces)


def _substitute(code: str, names: dict[str, str]) -> str:
    return re.sub(r"(?<![.\w])[A-Za-z_][A-Za-z0-9_]*", lambda m: names.get(m.group(0), m.group(0)), code)
