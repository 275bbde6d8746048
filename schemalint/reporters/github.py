"""`--format github`: GitHub Actions workflow commands, which annotate the pull request.

Every line this format writes starts with `::` and is one command: untrusted text (names,
messages, paths) has its control characters shown escaped (`visible`), so it cannot end the
line and start a command of its own (`::add-mask::`, `::stop-commands::`), then is escaped as
the runner's command parser expects (`%`, CR and LF in data; also `:` and `,` in properties).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from schemalint.diagnostics import Severity
from schemalint.findings import Diagnostic, relative_path
from schemalint.reporters import ReportContext
from schemalint.textsafe import visible

# Info and below (notice) become notices: GitHub has no lower level.
_COMMANDS = {severity: "notice" for severity in Severity} | {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
}


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command property value (also escaping `:` and `,`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE rule::message` per finding
    (warnings as `::warning`, info and notices as `::notice`)."""
    for d in diagnostics:
        span = d.span
        properties = {
            "file": visible(relative_path(span.file, context.root)),
            "line": str(span.line),
            "col": str(span.column),
            "endLine": str(span.end_line),
            "endColumn": str(span.end_column),
            "title": f"{d.code} {d.rule}",
        }
        rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
        message = visible(d.message) + (f"\n\nhelp: {visible(d.help)}" if d.help else "")
        stream.write(f"::{_COMMANDS[d.severity]} {rendered}::{escape_data(message)}\n")
