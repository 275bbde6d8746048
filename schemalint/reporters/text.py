"""`--format text`: ruff-`full`-like output with a code frame and a help line per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from schemalint.diagnostics import Severity
from schemalint.findings import Diagnostic, relative_path, summary_line
from schemalint.reporters import ReportContext

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def _code_frame(diagnostic: Diagnostic, source: str | None, color: bool) -> list[str]:
    """The span's first line with one line of context either side, underlined with `^`."""
    if source is None:
        return []
    lines = source.splitlines()
    span = diagnostic.span
    if not 1 <= span.line <= len(lines):
        return []
    first, last = max(1, span.line - 1), min(len(lines), span.line + 1)
    width = len(str(last))
    gutter = " " * width + " |"
    out = [_paint(gutter, "34", color)]
    for number in range(first, last + 1):
        text = lines[number - 1].replace("\t", " ")
        out.append(_paint(f"{number:>{width}} |", "34", color) + (f" {text}" if text else ""))
        if number == span.line:
            end = span.end_column if span.end_line == span.line else len(text) + 1
            length = max(1, end - span.column)
            marks = " " * (span.column - 1) + "^" * length
            out.append(_paint(gutter, "34", color) + " " + _paint(marks, _COLORS[diagnostic.severity], color))
    out.append(_paint(gutter, "34", color))
    return out


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """Each finding as `file:line:col: CODE [rule] message`, its code frame and `help:`,
    then a summary line."""
    color = context.color if context.color is not None else stream.isatty()
    for diagnostic in diagnostics:
        span = diagnostic.span
        location = f"{relative_path(span.file, context.root)}:{span.line}:{span.column}:"
        code = _paint(diagnostic.code, "1;" + _COLORS[diagnostic.severity], color)
        stream.write(f"{_paint(location, '1', color)} {code} [{diagnostic.rule}] {diagnostic.message}\n")
        for line in _code_frame(diagnostic, context.read_source(span.file), color):
            stream.write(line + "\n")
        if diagnostic.help:
            stream.write(f"{_paint('help', '1;36', color)}: {diagnostic.help}\n")
        stream.write("\n")
    stream.write(summary_line(diagnostics) + "\n")
