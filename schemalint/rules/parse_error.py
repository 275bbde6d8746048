"""M901 parse-error: the parser could not read a source file."""

from __future__ import annotations

from schemalint.rules.base import ParserDiagnosticRule


class ParseError(ParserDiagnosticRule):
    """Reports the parser's diagnostics of this kind (metadata in the catalog file beside it)."""
