"""Source positions and diagnostics shared by every stage of the pipeline."""

from __future__ import annotations

import enum

from schemalint.records import dataclass
from schemalint.span import Span as Span  # re-exported: spans are imported from here


class Severity(enum.IntEnum):
    """How serious a diagnostic is; ordered so that `a >= b` means "at least as serious".

    `NOTICE` is below `INFO`: not a problem of the user's schema but one of schemalint's own
    blind spots (an unknown package, a construct the evaluator does not model). Notices never
    fail a run unless `--strict` asks for it.
    """

    NOTICE = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning, info or notice)") from None


# Names of the diagnostics the parser itself produces (the "meta" rules).
PARSE_ERROR = "parse-error"
UNRESOLVED_IMPORT = "unresolved-import"
UNEVALUABLE_EXPRESSION = "unevaluable-expression"
EVALUATION_ERROR = "evaluation-error"


@dataclass(frozen=True)
class ParserDiagnostic:
    """Something the parser could not read or evaluate.

    `kind` is one of `PARSE_ERROR`, `UNRESOLVED_IMPORT`, `UNEVALUABLE_EXPRESSION`,
    `EVALUATION_ERROR`. `table` names the table whose definition lost information, when known.
    `cause` groups diagnostics with one cause (notices are shown once per cause); `severity`
    overrides the rule's default for this one diagnostic (e.g. an import schemalint refuses to
    follow is a notice, an import of a missing file an error).
    """

    kind: str
    message: str
    span: Span
    table: str | None = None
    cause: str | None = None
    severity: Severity | None = None
