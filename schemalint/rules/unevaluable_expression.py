"""M903 unevaluable-expression: schema code schemalint could not evaluate statically (a notice:
schemalint's blind spot, not a problem of the schema)."""

from __future__ import annotations

from schemalint.rules.base import ParserDiagnosticRule


class UnevaluableExpression(ParserDiagnosticRule):
    """Reports the parser's diagnostics of this kind (metadata in the catalog file beside it)."""
