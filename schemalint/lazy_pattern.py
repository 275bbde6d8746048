"""Regular expressions compiled when first used instead of when their module is imported.

Compiling a pattern costs about as much as importing a small module, and most of schemalint's
patterns serve input a typical `check` never meets (string escapes, function code, `--select`
prefixes, suppression comments). `lazy_compile(pattern, flags)` returns a stand-in for
`re.compile(pattern, flags)` that compiles at the first use of any attribute; from then on its
matching methods are the compiled pattern's own bound methods, stored on the stand-in, so later
calls cost what calls on the compiled pattern cost.
"""

from __future__ import annotations

import re
from typing import AnyStr, cast

# Bound to the stand-in itself at the first use (the calls that happen in loops).
_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    """`re.compile(pattern, flags)`, compiled at the first use of any of its attributes."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | re.Pattern[bytes] | None = None

    def __getattr__(self, name: str) -> object:  # only for attributes not yet on the stand-in
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags!r})"


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """What `re.compile(pattern, flags)` returns, compiled when first used (not an instance of
    `re.Pattern`: do not test it with `isinstance`)."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, flags))
