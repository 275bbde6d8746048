"""N404 field-name-convention: field names (at every depth) that break the case their neighbours
follow (or a configured case).

With `case = "auto"` (the default) a field is judged against the keys of its own object: the
table's top-level fields, or the other keys of the nested object it is in. When that object has
too few names that tell camelCase from snake_case, a top-level field is judged against the
schema's top-level fields instead; a nested key is not judged. Names that mirror a format the
project does not own are exempt: OAuth/OIDC token fields, keys that are values of a `v.literal`
elsewhere in the schema (enum values used as keys), and names composed of sibling field names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from schemalint.conventions import Census, Convention
from schemalint.identifiers import is_identifier
from schemalint.ir import Schema, Table, VLiteral
from schemalint.irquery import FieldRef, distinct_fields, is_package_table, table_validators
from schemalint.naming import (
    CAMEL,
    OTHER,
    SNAKE,
    is_camel_case,
    is_snake_case,
    name_case,
    to_camel_case,
    to_snake_case,
)
from schemalint.rules.base import Rule, RuleContext, Violation

AUTO = "auto"
# An object's own convention needs this many other case-telling keys; the schema's, this many.
OBJECT_EVIDENCE = 3
SCHEMA_EVIDENCE = 5
# Field names of OAuth 2.0 / OpenID Connect token responses, stored as the provider sends them.
WIRE_FORMAT_NAMES = frozenset(
    {
        "access_token", "refresh_token", "id_token", "token_type", "expires_at", "expires_in",
        "refresh_token_expires_in", "session_state", "oauth_token", "oauth_token_secret",
        "provider_account_id", "scope",
    }
)  # fmt: skip


class FieldNameConvention(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if is_package_table(table) or table.name.startswith("_"):
            return
        case = ctx.options.get_str("case")
        refs = [ref for ref in distinct_fields(table) if _judged(ref)]
        if case != AUTO:
            yield from _fixed(refs, case == CAMEL)
            return
        literals = ctx.memo("literals", lambda: _string_literals(ctx.schema))
        schema_census = ctx.memo("top-level", lambda: _top_level_census(ctx.schema))
        by_table = ctx.memo("by-table", lambda: _cases_by_table(ctx.schema))
        everywhere = ctx.memo("all-tables", lambda: sum(by_table.values(), Counter()))
        app_style = _app_style(by_table, everywhere, table)
        # Each field with its case, grouped by the object it is a key of.
        scopes: dict[str, list[tuple[FieldRef, str | None]]] = {}
        for ref in refs:
            scopes.setdefault(_parent(ref), []).append((ref, name_case(_bare(ref))))
        top_level_names = {r.name for r in refs if r.top_level}
        for siblings in scopes.values():
            census = Census(own for _, own in siblings if own)
            names = {ref.name for ref, _ in siblings} | top_level_names
            for ref, own in siblings:
                if own is None or _wire_format(ref.name, names, literals):
                    continue
                problem = _auto_problem(ref, own, census, schema_census, app_style)
                if problem is not None:
                    yield problem


def _judged(ref: FieldRef) -> bool:
    # Leading underscores are reserved-name's business; invalid names invalid-identifier's.
    return bool(_bare(ref)) and is_identifier(ref.name)


def _bare(ref: FieldRef) -> str:
    return ref.name.lstrip("_")


def _parent(ref: FieldRef) -> str:
    return ref.path[: -len(ref.name)]


def _fixed(refs: list[FieldRef], camel: bool) -> Iterator[Violation]:
    """Every name not in the configured case."""
    for ref in refs:
        name = _bare(ref)
        if is_camel_case(name) if camel else is_snake_case(name):
            continue
        yield _violation(ref, f"is not {CAMEL if camel else SNAKE}", CAMEL if camel else SNAKE)


def _auto_problem(
    ref: FieldRef, own: str, census: Census[str], schema_census: Census[str], app_style: str | None
) -> Violation | None:
    """The finding for a name that breaks its object's (or the schema's) convention, or None.

    A name in the style of the schema's other tables is the app's own field added to an object
    whose keys follow another convention (often a format copied from elsewhere: an
    OpenZeppelin network, a provider's payload): renaming it would break the app's style."""
    local = census.convention_without(own, OBJECT_EVIDENCE)
    if local is not None:
        if own == app_style:
            return None
        where = "of this object" if not ref.top_level else f'of table "{ref.table.name}"'
        return _deviation(ref, own, local, f"other fields {where}")
    if not ref.top_level or census.others(own) >= OBJECT_EVIDENCE:
        return None  # a nested key without its object's convention, or a table of mixed case
    schema = schema_census.convention_without(own, SCHEMA_EVIDENCE)
    return _deviation(ref, own, schema, "top-level fields in this schema") if schema else None


def _app_style(counts: dict[str, Counter[str]], everywhere: Counter[str], table: Table) -> str | None:
    """The case a clear majority of the top-level fields of the schema's *other* tables follow
    (`everywhere`: the cases of all tables, from which the table's own are taken away)."""
    own = counts.get(table.name)
    others = everywhere - own if own is not None else everywhere
    convention = Census.of_counts(others).convention_without(None, SCHEMA_EVIDENCE)
    return convention.style if convention is not None else None


def _cases_by_table(schema: Schema) -> dict[str, Counter[str]]:
    """The cases of each own table's top-level field names."""
    return {
        table.name: Counter(
            case
            for ref in distinct_fields(table)
            if ref.top_level and _judged(ref) and (case := name_case(_bare(ref))) is not None
        )
        for table in schema.tables
        if not is_package_table(table) and not table.name.startswith("_")
    }


def _deviation(ref: FieldRef, own: str, convention: Convention[str], scope: str) -> Violation | None:
    if convention.style == own:
        return None
    message = f"is {own}, but {convention.evidence()} {scope} are {convention.style}"
    if own == OTHER:
        message = (
            f"is neither camelCase nor snake_case, while {convention.evidence()} {scope} "
            f"are {convention.style}"
        )
    return _violation(ref, message, convention.style)


def _violation(ref: FieldRef, problem: str, case: str) -> Violation:
    name = _bare(ref)
    prefix = ref.name[: len(ref.name) - len(name)]
    suggestion = prefix + (to_camel_case(name) if case == CAMEL else to_snake_case(name))
    return Violation(
        f'Field name "{ref.name}" {problem}' + (f' (in "{ref.path}")' if not ref.top_level else ""),
        help=f'Rename it to "{suggestion}".',
        span=ref.span,
        field=ref.path,
    )


def _wire_format(name: str, names: set[str], literals: frozenset[str]) -> bool:
    """Whether `name` mirrors a format the project does not own: an OAuth token field, an enum
    value used as a key, or a composite of sibling field names (`model_table_userId`)."""
    if name in WIRE_FORMAT_NAMES or name in literals:
        return True
    parts = name.split("_")
    return len(parts) > 1 and all(part in names for part in parts)


def _string_literals(schema: Schema) -> frozenset[str]:
    """Every string `v.literal` value in the schema."""
    return frozenset(
        validator.value
        for table in schema.tables
        for validator, _ in table_validators(table)
        if isinstance(validator, VLiteral) and isinstance(validator.value, str)
    )


def _top_level_census(schema: Schema) -> Census[str]:
    """The cases of the top-level field names of the schema's own tables."""
    return Census(
        case
        for table in schema.tables
        if not is_package_table(table) and not table.name.startswith("_")
        for ref in distinct_fields(table)
        if ref.top_level and _judged(ref) and (case := name_case(_bare(ref))) is not None
    )
