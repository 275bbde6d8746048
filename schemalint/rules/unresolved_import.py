"""M902 unresolved-import: an import of a file that does not exist (the bundler fails), or one
schemalint refuses to follow (outside the project root: a notice)."""

from __future__ import annotations

from schemalint.rules.base import ParserDiagnosticRule


class UnresolvedImport(ParserDiagnosticRule):
    """Reports the parser's diagnostics of this kind (metadata in the catalog file beside it)."""
