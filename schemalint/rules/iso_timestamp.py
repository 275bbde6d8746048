"""T301 iso-timestamp: a string field whose name denotes an instant, in a schema whose other
timestamps are numbers (or with `style = "number"`, any such field).

Names that end in `At`, `Timestamp` or `DateTime` (`createdAt`, `published_at`) denote
instants. Names that end in `Date` or `Time` are often a calendar day (`dueDate: "2024-05-01"`),
a time of day (`opensTime: "09:00"`) or a duration (`castingTime: "1 action"`), which strings
store well: they are reported only when their comment says they hold an instant. A comment that
says a field holds a day, a time of day or a duration exempts any name, and so does a name that
says the value is another system's, kept as it sends it (`providerCreatedAt`, `githubUpdatedAt`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemalint.conventions import Census
from schemalint.ir import Schema, Table, VFloat64, VInt64
from schemalint.irquery import FieldRef, distinct_fields, is_package_table, is_string, unwrap_nullable
from schemalint.naming import lower_words
from schemalint.rules.base import Rule, RuleContext, Violation

AUTO = "auto"
# An inferred convention needs this many other timestamp fields in the schema.
MINIMUM_EVIDENCE = 3

# An instant, unambiguously: `createdAt`, `lastSeenTimestamp`, `published_at`, `timestamp`.
_INSTANT_NAME = re.compile(
    r"^(?:[a-z][A-Za-z0-9]*?[a-z0-9](?:At|Timestamp|DateTime|Datetime)"
    r"|[a-z][a-z0-9_]*?_(?:at|timestamp|datetime)"
    r"|timestamp|datetime)$"
)
# A day, a time of day, a duration, or an instant: `dueDate`, `startTime`, `submitted_date`.
_DAY_OR_TIME_NAME = re.compile(
    r"^(?:[a-z][A-Za-z0-9]*?[a-z0-9](?:Date|Time)|[a-z][a-z0-9_]*?_(?:date|time)|date|time)$"
)
# A comment saying the string is a calendar day, a time of day or a duration: not an instant.
_NOT_AN_INSTANT = re.compile(
    r"yyyy-mm-dd|yyyymmdd|\bhh:mm|\bcalendar (?:day|date)|\bdate only\b|\bdate-only\b"
    r"|\btime of day\b|\bday key\b|\bduration\b|\biso[ -]?8601 duration\b",
    re.IGNORECASE,
)
# First words of a name copied from another system's payload, stored as that system sends it.
_EXTERNAL_FIRST_WORDS = frozenset(
    {"provider", "external", "remote", "source", "origin", "upstream", "vendor", "api", "github",
     "stripe", "google", "slack", "notion", "linear", "jira", "shopify", "calendly", "zoom"}
)  # fmt: skip
# A comment saying the string is an instant.
_AN_INSTANT = re.compile(
    r"\btimestamp\b|\biso[ -]?8601\b|\bdate-?time\b|\btoISOString\b|\binstant\b|\bUTC\b",
    re.IGNORECASE,
)


class IsoTimestamp(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if is_package_table(table) or table.name.startswith("_"):
            return
        auto = ctx.options.get_str("style") == AUTO
        census = ctx.memo("census", lambda: _census(ctx.schema))
        for ref in distinct_fields(table):
            if not is_string(ref.validator) or not is_string_instant(ref):
                continue
            evidence = ""
            if auto and census.others("string") >= MINIMUM_EVIDENCE:
                convention = census.deviation("string", MINIMUM_EVIDENCE)
                if convention is None:
                    continue  # the schema stores its timestamps as strings, or mixes both
                others = f"{convention.evidence()} other timestamp fields in this schema"
                evidence = f", but {others} are numbers"
            yield Violation(
                f'Field "{ref.path}" stores an instant as a string{evidence}',
                help="Store milliseconds since the epoch with v.number() (Date.now(), like "
                "_creationTime): numbers sort, compare and range-query correctly in indexes.",
                span=ref.span,
                field=ref.path,
            )


def is_string_instant(ref: FieldRef) -> bool:
    """Whether a string field's name (and comment) say it holds an instant."""
    doc = ref.field.doc or ""
    if _NOT_AN_INSTANT.search(doc) or (lower_words(ref.name) or [""])[0] in _EXTERNAL_FIRST_WORDS:
        return False
    if _INSTANT_NAME.match(ref.name):
        return True
    return _DAY_OR_TIME_NAME.match(ref.name) is not None and _AN_INSTANT.search(doc) is not None


def _is_number(ref: FieldRef) -> bool:
    return isinstance(unwrap_nullable(ref.validator), VFloat64 | VInt64)


def _census(schema: Schema) -> Census[str]:
    """How the schema's own timestamp fields store instants: `number` or `string`."""
    styles: list[str] = []
    timestamp_names: dict[str, bool] = {}  # names repeat across tables: each is matched once
    for table in schema.tables:
        if is_package_table(table) or table.name.startswith("_"):
            continue
        for ref in distinct_fields(table):
            name = ref.name
            named = timestamp_names.get(name)
            if named is None:
                matched = _INSTANT_NAME.match(name) or _DAY_OR_TIME_NAME.match(name)
                named = timestamp_names[name] = matched is not None
            if named and _is_number(ref):
                styles.append("number")
            elif is_string(ref.validator) and is_string_instant(ref):
                styles.append("string")
    return Census(styles)
