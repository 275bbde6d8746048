"""R201 string-foreign-key: a string field named like a reference to a table of the schema.

Strings that may hold something else than a Convex id are left alone: a table's own natural key
(`sessionId` in `sessions`), a reference to a target table that has a string key of its own
(`attachmentId` when `attachments` has a string `attachmentId`; `userId` when `users` has an
`authId` or `clerkId`; `issue_id` when `issues` has a string `id`), and ids a comment attributes
to another system (Clerk, Stripe, ...); so is a name the schema declares elsewhere as an id of
another table. When the same field name is `v.id("t")` of the same table elsewhere in the
schema, the message says where: that is the strongest evidence of a slip.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from schemalint.diagnostics import Span
from schemalint.findings import relative_path
from schemalint.ir import Schema, Table, Validator, VArray, VId, VNull, VString
from schemalint.irquery import (
    FieldRef,
    alternatives,
    distinct_fields,
    is_distinct,
    is_package_table,
    table_named,
    table_validators_of,
    unwrap_nullable,
)
from schemalint.lazy_pattern import lazy_compile
from schemalint.naming import lower_words, normalize, pluralize_name
from schemalint.rules.base import Rule, RuleContext, Violation

# `<stem>Id`, `<stem>ID`, `<stem>Ids`, `<stem>IDs`, `<stem>_id`, `<stem>_ids`.
_REFERENCE_NAME = re.compile(r"^(?P<stem>[A-Za-z0-9_]*?[a-z0-9])(?:Ids?|IDs?|_ids?)$")
_REFERENCE_SUFFIXES = ("Id", "Ids", "ID", "IDs", "_id", "_ids")
# Sibling fields that say which table a polymorphic reference points to.
_DISCRIMINATORS = ("Type", "Table", "Kind", "_type", "_table", "_kind")
# A comment naming the system an id comes from: not a Convex document id.
_EXTERNAL = re.compile(
    r"\b(?:clerk|stripe|auth0|workos|firebase|supabase|kinde|paddle|lemon ?squeezy|polar|"
    r"github|google|discord|slack|twilio|openai|anthropic|vapi|resend|mux|cloudinary|s3\b|"
    r"external|third[- ]party|provider|upstream|vendor|webhook)",
    re.IGNORECASE,
)
# Names of a table's own string key besides `_id`: an external auth id, a client-generated id.
_KEY_NAME = lazy_compile(r"^(?:id|[A-Za-z0-9]*[a-z0-9](?:Id|ID|_id)|tokenIdentifier|subject)$")


class StringForeignKey(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if is_package_table(table) or table.name.startswith("_"):
            return
        tables = ctx.memo("tables", lambda: {normalize(t.name): t.name for t in ctx.schema.tables})
        ids = ctx.memo("ids", lambda: _declared_ids(ctx.schema))
        fields = distinct_fields(table)
        paths: set[str] | None = None
        for ref in fields:
            stem = _reference_stem(ref.field.name)
            if stem is None or not _is_string_shape(ref.validator):
                continue
            target = _referenced_table(stem, tables)
            if target is None:
                continue
            if paths is None:
                paths = {ref.path for ref in fields}
            if _is_polymorphic(ref, stem, paths):
                continue
            if _not_a_convex_id(table, ref, target):
                continue
            elsewhere = ids.get(ref.name)
            if elsewhere is not None and elsewhere[0] != target:
                continue  # the schema uses the name for ids of another table: ambiguous
            if elsewhere is None and _has_own_key(ctx.schema, table, ref, target):
                continue
            message = f'Field "{ref.path}" is named like a reference to table "{target}" '
            message += "but is a plain string"
            if elsewhere is not None:
                other, where = elsewhere
                shown = "the schema"
                if where is not None:
                    shown = f"{relative_path(where.file, ctx.project.root)}:{where.line}"
                message = (
                    f'Field "{ref.path}" is a plain string, but "{ref.name}" is v.id("{other}") in {shown}'
                )
                target = other
            yield Violation(
                message,
                help=f"Use {_suggestion(ref.validator, target)}: Convex then checks every write "
                "and the generated types know the table.",
                span=ref.span,
                field=ref.path,
            )


@functools.lru_cache(maxsize=4096)  # asked about every field name; names repeat across tables
def _reference_stem(name: str) -> str | None:
    """The table stem a reference-like field name (`userId`, `user_ids`) names, or None."""
    if not name.endswith(_REFERENCE_SUFFIXES) and not name.endswith("\n"):
        return None  # cannot match `_REFERENCE_NAME` (whose `$` also passes one final newline)
    match = _REFERENCE_NAME.match(name)
    return match.group("stem") if match is not None else None


def _not_a_convex_id(table: Table, ref: FieldRef, target: str) -> bool:
    """Whether the string is the table's own natural key, or an id a comment says comes from
    another system."""
    return target == table.name or (ref.field.doc is not None and _EXTERNAL.search(ref.field.doc) is not None)


def _has_own_key(schema: Schema, table: Table, ref: FieldRef, target: str) -> bool:
    """Whether the target table has a string key of its own (`id`, `authId`, `clerkId`, or a
    field named like the reference), which the string may hold instead of a Convex id."""
    other = table_named(schema, target)
    if other is None or other is table:
        return False
    return any(
        f.top_level
        and (f.name == ref.name or _KEY_NAME.match(f.name) is not None)
        and _is_string_shape(f.validator)
        for f in distinct_fields(other)
    )


def _declared_ids(schema: Schema) -> dict[str, tuple[str, Span | None]]:
    """Field names declared as `v.id("t")` somewhere in the schema: the table and where."""
    found: dict[str, tuple[str, Span | None]] = {}
    for table in schema.tables:
        if is_package_table(table):
            continue
        for validator, ref in table_validators_of(table, VId):
            if ref is not None and is_distinct(ref) and isinstance(validator, VId) and ref.name not in found:
                found[ref.name] = (validator.table_name, ref.span)
    return found


def _is_string_shape(validator: Validator) -> bool:
    """A string, optional or nullable, or an array of them."""
    inner = unwrap_nullable(validator)
    if isinstance(inner, VArray):
        inner = unwrap_nullable(inner.element)
    return isinstance(inner, VString)


def _referenced_table(stem: str, tables: dict[str, str]) -> str | None:
    """The table the stem names (itself or its plural, in any case style), if the schema has one."""
    for candidate in (stem, pluralize_name(stem)):
        found = tables.get(normalize(candidate))
        if found is not None:
            return found
    # System tables: a file is named after where it is stored (`storageId`, `avatarStorageId`).
    if lower_words(stem)[-1:] == ["storage"]:
        return "_storage"
    if normalize(stem) == "scheduledfunction":
        return "_scheduled_functions"
    return None


def _is_polymorphic(ref: FieldRef, stem: str, paths: set[str]) -> bool:
    """Whether a sibling `<stem>Type`/`<stem>Table`/`<stem>Kind` field says which table is meant."""
    parent = ref.path[: -len(ref.name)]
    return any(f"{parent}{stem}{suffix}" in paths for suffix in _DISCRIMINATORS)


def _suggestion(validator: Validator, table: str) -> str:
    """`validator` rewritten with `v.id(table)` in place of its strings."""
    text = f'v.id("{table}")'
    inner = unwrap_nullable(validator)
    if isinstance(inner, VArray):
        element = f"v.nullable({text})" if inner.element is not unwrap_nullable(inner.element) else text
        text = f"v.array({element})"
    if inner is not validator and any(isinstance(m, VNull) for m in alternatives(validator)):
        text = f"v.nullable({text})"
    if validator.optional:
        text = f"v.optional({text})"
    return text
