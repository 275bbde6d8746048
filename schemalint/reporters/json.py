"""`--format json`: the public, versioned JSON format documented in docs/json-format.md."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from schemalint.findings import Diagnostic, count_by_rule, count_by_severity, relative_path
from schemalint.pretty_json import dumps_indented
from schemalint.reporters import ReportContext, rule_url
from schemalint.textsafe import json_safe

FORMAT_VERSION = 1


def diagnostic_json(diagnostic: Diagnostic, context: ReportContext) -> dict[str, Any]:
    """One diagnostic as a JSON object (keys in documented order)."""
    span = diagnostic.span
    return {
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "help": diagnostic.help,
        "file": relative_path(span.file, context.root),
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "table": diagnostic.table,
        "field": diagnostic.field,
        "index": diagnostic.index,
        "url": rule_url(diagnostic.rule, context.docs_url),
    }


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """`{"version": 1, "diagnostics": [...], "summary": {...}}`, pretty-printed."""
    document = {
        "version": FORMAT_VERSION,
        "diagnostics": [diagnostic_json(d, context) for d in diagnostics],
        "summary": {
            "total": len(diagnostics),
            "by_severity": count_by_severity(diagnostics),
            "by_rule": [
                {"code": code, "rule": rule, "count": n} for code, rule, n in count_by_rule(diagnostics)
            ],
        },
    }
    # Strings keep their exact value; characters that could act on a terminal are \u-escaped.
    stream.write(json_safe(dumps_indented(document)) + "\n")
