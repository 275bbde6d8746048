"""`--format concise`: one line per finding, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from schemalint.findings import Diagnostic, relative_path, summary_line
from schemalint.reporters import ReportContext


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """`file:line:col: CODE [rule] message` per finding (line breaks in messages become spaces)."""
    for d in diagnostics:
        path = relative_path(d.span.file, context.root)
        message = " ".join(d.message.splitlines())
        stream.write(f"{path}:{d.span.line}:{d.span.column}: {d.code} [{d.rule}] {message}\n")
    stream.write(summary_line(diagnostics) + "\n")
