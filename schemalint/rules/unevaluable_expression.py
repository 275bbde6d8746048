"""M903 unevaluable-expression: schema code schemalint could not evaluate statically (a notice:
schemalint's blind spot, not a problem of the schema)."""

from __future__ import annotations

from schemalint.diagnostics import UNEVALUABLE_EXPRESSION, Severity
from schemalint.rules.base import ParserDiagnosticRule


class UnevaluableExpression(ParserDiagnosticRule):
    code = "M903"
    name = UNEVALUABLE_EXPRESSION
    severity = Severity.NOTICE
    summary = "Schema code schemalint cannot evaluate statically; findings that depend on it are withheld."
