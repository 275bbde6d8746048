"""Q601 unknown-index: function code names an index (or a table) the schema does not define."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import DbAccess, IndexUse
from schemalint.irquery import table_named
from schemalint.rules.base import Rule, RuleContext, Violation
from schemalint.usagequery import SYSTEM_INDEXES, checkable_table, index_names, schema_tables_known, usage_of

_WHAT = {"db": "index", "search": "search index", "vector": "vector index"}
# A table name is short and tables share words: only a very close one is a likely slip.
TABLE_CUTOFF = 0.8
_CALL = {"db": ".withIndex", "search": ".withSearchIndex", "vector": "vectorSearch"}


class UnknownIndex(Rule):
    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        usage = usage_of(ctx.project)
        if usage is None:
            return
        tables_known = schema_tables_known(ctx.project) and ctx.schema.strict_table_name_types
        missing: dict[tuple[str, str], list[DbAccess]] = {}
        for access in usage.accesses:
            if access.tables is None or access.kind not in ("query", "helper", "vector-search"):
                continue
            name = self._missing_table(ctx, access, tables_known)
            if name is not None:
                missing.setdefault((access.span.file, name), []).append(access)
            for use in access.indexes:
                yield from self._missing_indexes(ctx, access, use)
        known = [t.name for t in ctx.schema.tables]
        # A name missing in several modules gets one search (each compares it with every table).
        suggestions: dict[str, str | None] = {}
        for (_, name), accesses in missing.items():
            if name not in suggestions:
                suggestions[name] = _closest_table(name, known)
            yield _missing_table_violation(name, accesses, suggestions[name])

    def _missing_table(self, ctx: RuleContext, access: DbAccess, tables_known: bool) -> str | None:
        """The table the access queries when the schema does not define it."""
        assert access.tables is not None
        if not tables_known or len(access.tables) != 1 or access.tables[0].startswith("_"):
            return None
        name = access.tables[0]
        return None if table_named(ctx.schema, name) is not None else name

    def _missing_indexes(self, ctx: RuleContext, access: DbAccess, use: IndexUse) -> Iterator[Violation]:
        assert access.tables is not None
        if use.names is None:
            return
        tables = [table_named(ctx.schema, name) for name in access.tables]
        if any(t is None or not checkable_table(ctx.project, t) for t in tables):
            return
        for name in use.names:
            # With several tables, a name may belong to one of them only (the choices may go
            # together): report only names no table has.
            if any(name in index_names(t, use.kind, staged=False) for t in tables if t is not None):
                continue
            staged = [
                t.name for t in tables if t is not None and name in index_names(t, use.kind, staged=True)
            ]
            if staged:
                yield _staged(access, use, staged[0], name)
                continue
            table_names = " or ".join(f'"{t}"' for t in access.tables)
            choices = "" if len(use.names) == 1 else f" (one of the names {_CALL[use.kind]} may get)"
            candidates = [n for t in tables if t is not None for n in index_names(t, use.kind, staged=False)]
            yield Violation(
                f'{_CALL[use.kind]} names the {_WHAT[use.kind]} "{name}"{choices}, which table '
                f"{table_names} does not have: the query throws at run time",
                help=_did_you_mean(name, candidates)
                or f"Define the {_WHAT[use.kind]} in the schema, or use one the table has.",
                span=use.name_span or use.span or access.span,
                table=access.tables[0],
                index=name,
            )


def _closest_table(name: str, known: list[str]) -> str | None:
    """The table of `known` whose name is very close to `name`, if any."""
    import difflib  # only a finding needs a suggestion

    close = difflib.get_close_matches(name, known, n=1, cutoff=TABLE_CUTOFF)
    return close[0] if close else None


def _missing_table_violation(name: str, accesses: list[DbAccess], close: str | None) -> Violation:
    """One finding per missing table and module, at its first query, with the number of calls;
    `close` is the table it may have meant."""
    count = len(accesses)
    calls = f" ({count} queries in this module)" if count > 1 else ""
    return Violation(
        f'The code queries table "{name}", which the schema does not define{calls}: Convex runs such '
        "queries, but the module does not type-check (the schema's `strictTableNameTypes`, on by "
        "default, admits only its own tables) and the table's documents are not validated",
        help=f'Did you mean "{close}"?'
        if close is not None
        else f'Add the table "{name}" to the schema (defineTable), or fix the name.',
        span=accesses[0].span,
        table=name,
    )


def _staged(access: DbAccess, use: IndexUse, table: str, name: str) -> Violation:
    return Violation(
        f'{_CALL[use.kind]} names the {_WHAT[use.kind]} "{name}" of "{table}", which is staged: a '
        "staged index serves no query until it is enabled, so the query throws at run time",
        help="Remove `staged: true` once the index has finished building, or query another index.",
        span=use.name_span or use.span or access.span,
        table=table,
        index=name,
    )


def _did_you_mean(name: str, candidates: list[str]) -> str | None:
    """The closest candidate; a built-in index (`by_id`, `by_creation_time`) only when very
    close, since every `by_x` name shares its prefix with them."""
    import difflib  # only a finding needs a suggestion

    own = [c for c in candidates if c not in SYSTEM_INDEXES]
    close = difflib.get_close_matches(name, own, n=1, cutoff=0.6) or difflib.get_close_matches(
        name, [c for c in candidates if c in SYSTEM_INDEXES], n=1, cutoff=0.8
    )
    return f'Did you mean "{close[0]}"?' if close else None
