"""M905 evaluation-error: schema code that Convex itself would reject while evaluating it."""

from __future__ import annotations

from schemalint.diagnostics import EVALUATION_ERROR, Severity
from schemalint.rules.base import ParserDiagnosticRule


class EvaluationError(ParserDiagnosticRule):
    code = "M905"
    name = EVALUATION_ERROR
    severity = Severity.ERROR
    summary = "Schema code that fails when Convex evaluates it (the push fails)."
