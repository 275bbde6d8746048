"""`--format text`: ruff-`full`-like output with a code frame and a help line per finding.

Names, messages and source lines are untrusted: they pass through `visible`, so no control
character of theirs reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from schemalint.diagnostics import Severity
from schemalint.findings import Diagnostic, summary_lines
from schemalint.reporters import ReportContext, shown_path
from schemalint.textsafe import visible

COLORS = {severity: "36" for severity in Severity} | {Severity.ERROR: "31", Severity.WARNING: "33"}


def paint(text: str, code: str, enabled: bool) -> str:
    """`text` in the SGR colour `code` when `enabled`."""
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def _code_frame(diagnostic: Diagnostic, lines: list[str] | None, color: bool) -> list[str]:
    """The span's first line with one line of context either side, underlined with `^`
    (`lines`: the file's lines, None when it cannot be read)."""
    if lines is None:
        return []
    span = diagnostic.span
    if not 1 <= span.line <= len(lines):
        return []
    first, last = max(1, span.line - 1), min(len(lines), span.line + 1)
    width = len(str(last))
    gutter = " " * width + " |"
    out = [paint(gutter, "34", color)]
    for number in range(first, last + 1):
        raw = lines[number - 1].replace("\t", " ")
        text = visible(raw)
        out.append(paint(f"{number:>{width}} |", "34", color) + (f" {text}" if text else ""))
        if number == span.line:
            end = span.end_column if span.end_line == span.line else len(raw) + 1
            start = span.column - 1
            # Escaped characters are wider than one column: measure the escaped text.
            lead = len(visible(raw[:start])) + max(0, start - len(raw))
            length = max(1, len(visible(raw[start : max(start, end - 1)])))
            marks = " " * lead + "^" * length
            out.append(paint(gutter, "34", color) + " " + paint(marks, COLORS[diagnostic.severity], color))
    out.append(paint(gutter, "34", color))
    return out


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """Each finding as `file:line:col: severity CODE [rule] message`, its code frame and
    `help:`, then a summary line."""
    color = context.color if context.color is not None else stream.isatty()
    # The lines of the file of the previous finding: findings come sorted by file, so each file
    # is read and split once, and only one file's lines are held at a time.
    lines_of: tuple[str, list[str] | None] | None = None
    for diagnostic in diagnostics:
        span = diagnostic.span
        location = f"{shown_path(span.file, context)}:{span.line}:{span.column}:"
        tint = COLORS[diagnostic.severity]
        severity = paint(diagnostic.severity.label, "1;" + tint, color)
        code = paint(diagnostic.code, "1;" + tint, color)
        stream.write(
            f"{paint(location, '1', color)} {severity} {code} [{diagnostic.rule}] "
            f"{visible(diagnostic.message)}\n"
        )
        if lines_of is None or lines_of[0] != span.file:
            source = context.read_source(span.file)
            lines_of = (span.file, None if source is None else source.splitlines())
        for line in _code_frame(diagnostic, lines_of[1], color):
            stream.write(line + "\n")
        if diagnostic.help:
            stream.write(f"{paint('help', '1;36', color)}: {visible(diagnostic.help)}\n")
        stream.write("\n")
    for line in summary_lines(diagnostics):
        stream.write(visible(line) + "\n")
