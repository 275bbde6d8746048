"""What `schemalint check` reports: one `Diagnostic` per finding, located and classified.

Rules never build these; they yield `schemalint.rules.base.Violation`s and the engine turns each
into a `Diagnostic` (see `schemalint.engine`). Reporters read only this module.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from schemalint.diagnostics import Severity, Span
from schemalint.records import dataclass


@dataclass(frozen=True)
class Diagnostic:
    """One finding: which rule, how serious, what is wrong, how to fix it, and where."""

    code: str
    rule: str
    severity: Severity
    message: str
    help: str | None
    span: Span
    table: str | None = None
    field: str | None = None
    index: str | None = None
    # For notices: the tables whose findings are withheld because of what this one could not read.
    withheld: tuple[str, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str]:
        """The order of diagnostics in every report: file, line, column, code."""
        return (self.span.file, self.span.line, self.span.column, self.code)


@functools.lru_cache(maxsize=4096)  # reports ask it once per finding, about a few files
def relative_path(path: str, root: str | Path) -> str:
    """`path` relative to `root` with forward slashes, or `path` itself if outside `root`."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    """How many diagnostics there are of each severity, keyed by label, most serious first."""
    counts = Counter(d.severity for d in diagnostics)
    return {s.label: counts.get(s, 0) for s in sorted(Severity, reverse=True)}


def count_by_rule(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, int]]:
    """`(code, rule, count)` for each rule that fired, most frequent first, then by code."""
    counts = Counter((d.code, d.rule) for d in diagnostics)
    return sorted(((code, rule, n) for (code, rule), n in counts.items()), key=lambda c: (-c[2], c[0]))


def summary_line(diagnostics: Iterable[Diagnostic]) -> str:
    """A one-line summary such as "Found 3 problems (1 error, 2 warnings, 0 info); 1 notice.".

    Notices are schemalint's own blind spots, not problems: they are counted apart.
    """
    counts = count_by_severity(diagnostics)
    notices = counts.pop(Severity.NOTICE.label)
    total = sum(counts.values())
    notes = f"{notices} notice" + ("" if notices == 1 else "s")
    if total == 0:
        return "All checks passed!" + (f" ({notes}: what schemalint could not read)" if notices else "")
    noun = "problem" if total == 1 else "problems"
    errors = f"{counts['error']} error" + ("" if counts["error"] == 1 else "s")
    warnings = f"{counts['warning']} warning" + ("" if counts["warning"] == 1 else "s")
    found = f"Found {total} {noun} ({errors}, {warnings}, {counts['info']} info)"
    return found + (f"; {notes}." if notices else ".")


def withheld_line(diagnostics: Iterable[Diagnostic]) -> str | None:
    """ "2 tables could not be read statically: their findings are withheld." when notices
    withhold the findings of some tables, else None."""
    tables = {table for d in diagnostics if d.severity is Severity.NOTICE for table in d.withheld}
    if not tables:
        return None
    noun = "1 table" if len(tables) == 1 else f"{len(tables)} tables"
    names = ", ".join(f"`{name}`" for name in sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    return (
        f"{noun} ({names}) could not be fully read statically: "
        "the findings that depend on the unknown parts are withheld."
    )


def summary_lines(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """The summary line, and the withheld-tables line when there is one."""
    found = list(diagnostics)
    withheld = withheld_line(found)
    return [summary_line(found)] + ([withheld] if withheld else [])


def fails(diagnostic: Diagnostic, fail_on: Severity, strict: bool = False) -> bool:
    """Whether `diagnostic` makes the run fail: at or above `fail_on`, except notices, which
    fail only with `strict`."""
    if diagnostic.severity is Severity.NOTICE:
        return strict
    return diagnostic.severity >= fail_on


def once_per_location(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`diagnostics` with repeats of one finding at one source location merged: a validator
    shared by ten tables is reported once, its message naming the tables it affects.

    Two findings are repeats when the same rule reports the same message (up to the table's
    own name) at the same line and column."""
    groups: dict[tuple[str, str, int, int, str], list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        span = diagnostic.span
        message = diagnostic.message
        if diagnostic.table:
            message = message.replace(f'"{diagnostic.table}"', '"…"').replace(f"`{diagnostic.table}`", "`…`")
        key = (diagnostic.rule, span.file, span.line, span.column, message)
        groups.setdefault(key, []).append(diagnostic)
    merged = []
    for group in groups.values():
        first = group[0]
        tables = list(dict.fromkeys(d.table for d in group if d.table is not None))
        if len(tables) > 1:
            names = ", ".join(f"`{name}`" for name in tables)
            first = replace(first, message=f"{first.message} (this definition is shared by tables {names})")
        merged.append(first)
    return merged
