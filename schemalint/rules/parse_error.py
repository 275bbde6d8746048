"""M901 parse-error: the parser could not read a source file."""

from __future__ import annotations

from schemalint.diagnostics import PARSE_ERROR, Severity
from schemalint.rules.base import ParserDiagnosticRule


class ParseError(ParserDiagnosticRule):
    code = "M901"
    name = PARSE_ERROR
    severity = Severity.ERROR
    summary = "A schema source file has a syntax error (or no schema could be found in it)."
