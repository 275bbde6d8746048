"""M902 unresolved-import: an import the parser could not follow."""

from __future__ import annotations

from schemalint.diagnostics import UNRESOLVED_IMPORT, Severity
from schemalint.rules.base import ParserDiagnosticRule


class UnresolvedImport(ParserDiagnosticRule):
    code = "M902"
    name = UNRESOLVED_IMPORT
    severity = Severity.WARNING
    summary = "An import used by the schema could not be resolved; what it defines is unknown."
