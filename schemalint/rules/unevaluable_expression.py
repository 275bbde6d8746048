"""M903 unevaluable-expression: schema code the parser could not evaluate statically."""

from __future__ import annotations

from schemalint.diagnostics import UNEVALUABLE_EXPRESSION, Severity
from schemalint.rules.base import ParserDiagnosticRule


class UnevaluableExpression(ParserDiagnosticRule):
    code = "M903"
    name = UNEVALUABLE_EXPRESSION
    severity = Severity.WARNING
    summary = "An expression in the schema could not be evaluated statically; it is linted as any."
