"""D111 invalid-document-type: a table validator that is not an object, a union of objects or any."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.ir import Table, Validator, VAny, VObject, VUnion, VUnknown
from schemalint.irquery import describe_validator
from schemalint.rules.base import Rule, RuleContext, Violation

_HELP = "Wrap the value in an object field, e.g. defineTable({ value: v.string() })."
_UNION_HELP = "Make every member of the union a v.object(...); flatten nested unions into one."


class InvalidDocumentType(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        yield from _problems(table.document, "document validator")
        if table.staged_document is not None:
            yield from _problems(table.staged_document, "staged document validator")


def _problems(document: Validator, what: str) -> Iterator[Violation]:
    if isinstance(document, VUnknown):
        return
    # Convex checks each member as written: a nested union is not an object.
    if isinstance(document, VUnion):
        offenders = [m for m in document.members if not isinstance(m, VObject | VUnknown)]
    else:
        offenders = [] if isinstance(document, VObject | VAny) else [document]
    for offender in offenders:
        yield Violation(
            f"The {what} in a schema must be an object, a union of objects, or `v.any()`. "
            f"Found {describe_validator(offender)}.",
            help=_HELP if offender is document else _UNION_HELP,
            span=offender.span or document.span,
        )
    if not offenders and document.optional:
        yield Violation(
            f"The {what} is optional: a document always exists, so Convex drops the v.optional()",
            help="Remove the v.optional() around the table's validator.",
            span=document.span,
            severity=Severity.WARNING,
        )
