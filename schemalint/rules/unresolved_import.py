"""M902 unresolved-import: an import of a file that does not exist (the bundler fails), or one
schemalint refuses to follow (outside the project root: a notice)."""

from __future__ import annotations

from schemalint.diagnostics import UNRESOLVED_IMPORT, Severity
from schemalint.rules.base import ParserDiagnosticRule


class UnresolvedImport(ParserDiagnosticRule):
    code = "M902"
    name = UNRESOLVED_IMPORT
    severity = Severity.ERROR
    summary = "An import names a file or export that does not exist; Convex's bundler fails on it."
