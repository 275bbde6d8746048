"""What `schemalint check` reports: one `Diagnostic` per finding, located and classified.

Rules never build these; they yield `schemalint.rules.base.Violation`s and the engine turns each
into a `Diagnostic` (see `schemalint.engine`). Reporters read only this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schemalint.diagnostics import Severity, Span


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

    def sort_key(self) -> tuple[str, int, int, str]:
        """The order of diagnostics in every report: file, line, column, code."""
        return (self.span.file, self.span.line, self.span.column, self.code)


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
    """A one-line summary such as "Found 3 problems (1 error, 2 warnings, 0 info)."."""
    counts = count_by_severity(diagnostics)
    total = sum(counts.values())
    if total == 0:
        return "All checks passed!"
    noun = "problem" if total == 1 else "problems"
    errors = f"{counts['error']} error" + ("" if counts["error"] == 1 else "s")
    warnings = f"{counts['warning']} warning" + ("" if counts["warning"] == 1 else "s")
    return f"Found {total} {noun} ({errors}, {warnings}, {counts['info']} info)."
