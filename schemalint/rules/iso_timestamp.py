"""T301 iso-timestamp: a string field whose name denotes an instant."""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemalint.ir import Table
from schemalint.irquery import FieldRef, distinct_fields, is_package_table, is_string
from schemalint.rules.base import Rule, RuleContext, Violation

# The last word of a camelCase name (`createdAt`, `dueDate`, `startTime`, `lastSeenTimestamp`),
# a snake_case suffix (`published_at`), or the whole name.
_INSTANT_NAME = re.compile(
    r"^(?:[a-z][A-Za-z0-9]*?[a-z0-9](?:At|Date|Time|Timestamp|DateTime|Datetime)"
    r"|[a-z][a-z0-9_]*?_(?:at|date|time|timestamp|datetime)"
    r"|date|timestamp|datetime)$"
)
# A comment saying the string is a calendar day, a time of day or a duration: not an instant.
_NOT_AN_INSTANT = re.compile(
    r"yyyy-mm-dd|yyyymmdd|\bhh:mm|\bcalendar (?:day|date)|\bdate only\b|\bdate-only\b"
    r"|\btime of day\b|\bday key\b|\bduration\b|\biso[ -]?8601 duration\b",
    re.IGNORECASE,
)


class IsoTimestamp(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if is_package_table(table):
            return
        for ref in distinct_fields(table):
            if _INSTANT_NAME.match(ref.name) and is_string(ref.validator) and not _documented_otherwise(ref):
                yield Violation(
                    f'Field "{ref.path}" stores an instant as a string',
                    help="Store milliseconds since the epoch with v.number() (Date.now(), like "
                    "_creationTime): numbers sort, compare and range-query correctly in indexes.",
                    span=ref.span,
                    field=ref.path,
                )


def _documented_otherwise(ref: FieldRef) -> bool:
    """Whether the field's comment says it holds a calendar day, a time of day or a duration."""
    return ref.field.doc is not None and _NOT_AN_INSTANT.search(ref.field.doc) is not None
