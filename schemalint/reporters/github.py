"""`--format github`: GitHub Actions workflow commands, which annotate the pull request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from schemalint.diagnostics import Severity
from schemalint.findings import Diagnostic, relative_path
from schemalint.reporters import ReportContext

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command property value (also escaping `:` and `,`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE rule::message` per finding
    (warnings as `::warning`, info as `::notice`)."""
    for d in diagnostics:
        span = d.span
        properties = {
            "file": relative_path(span.file, context.root),
            "line": str(span.line),
            "col": str(span.column),
            "endLine": str(span.end_line),
            "endColumn": str(span.end_column),
            "title": f"{d.code} {d.rule}",
        }
        rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
        message = d.message + (f"\n\nhelp: {d.help}" if d.help else "")
        stream.write(f"::{_COMMANDS[d.severity]} {rendered}::{escape_data(message)}\n")
