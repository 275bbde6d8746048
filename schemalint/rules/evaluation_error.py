"""M905 evaluation-error: schema code that Convex itself would reject while evaluating it."""

from __future__ import annotations

from schemalint.rules.base import ParserDiagnosticRule


class EvaluationError(ParserDiagnosticRule):
    """Reports the parser's diagnostics of this kind (metadata in the catalog file beside it)."""
