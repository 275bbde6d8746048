"""`--format concise`: one line per finding, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from schemalint.findings import Diagnostic, summary_lines
from schemalint.reporters import ReportContext, shown_path
from schemalint.reporters.text import COLORS, paint
from schemalint.textsafe import visible


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """`file:line:col: severity CODE [rule] message` per finding (control characters in names
    and messages, line breaks included, are shown escaped: one finding is one line)."""
    color = context.color if context.color is not None else stream.isatty()
    for d in diagnostics:
        location = f"{shown_path(d.span.file, context)}:{d.span.line}:{d.span.column}:"
        tint = "1;" + COLORS[d.severity]
        stream.write(
            f"{paint(location, '1', color)} {paint(d.severity.label, tint, color)} "
            f"{paint(d.code, tint, color)} [{d.rule}] {visible(d.message)}\n"
        )
    for line in summary_lines(diagnostics):
        stream.write(visible(line) + "\n")
