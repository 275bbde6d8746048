"""What a rule is: metadata as class attributes, and hooks that yield `Violation`s.

A rule looks at the frozen IR only. The engine walks the schema once and calls, for every rule
that defines them:

- `check(ctx)` once per run (schema-level questions),
- `check_table(ctx, table)` for every table,
- `check_field(ctx, field)` for every object field at every depth (`irquery.FieldRef`),
- `check_validator(ctx, validator, field)` for every validator of the classes the rule lists in
  `validator_kinds` (exactly those classes, not subclasses), with the field it describes
  (`None` for the document itself and what lies above its top-level objects),
- `check_index(ctx, index)` for every index of every kind (`irquery.IndexRef`).

A table's hooks run in that order: the table, its fields, its validators, its indexes.

A violation yielded from a hook inherits that node's table, field, index and span unless it sets
them itself; the engine then attaches code, severity and location (`schemalint.engine`).

A rule module holds only the check. Its metadata (code, name, severity, summary, options, stage,
since) lives in the catalog file next to it (`<module>.yaml`); the registry
(`schemalint.rules`) reads it (`schemalint.catalog_files`) and sets it on the class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import ClassVar, TypeVar, cast

from schemalint.diagnostics import ParserDiagnostic, Severity, Span
from schemalint.ir import Project, Schema, Table, Validator
from schemalint.irquery import FieldRef, IndexRef
from schemalint.records import dataclass
from schemalint.rulemeta import (
    CATEGORY_DIGITS,
    CODE_PATTERN,
    NAME_PATTERN,
    OPTION_TYPES,
    STAGES,
    Option,
    OptionType,
    OptionValue,
    Stage,
    coerce_option,
)

__all__ = [
    "CATEGORY_DIGITS",
    "CODE_PATTERN",
    "METADATA_ATTRIBUTES",
    "NAME_PATTERN",
    "OPTION_TYPES",
    "STAGES",
    "Baseline",
    "Option",
    "OptionType",
    "OptionValue",
    "ParserDiagnosticRule",
    "Rule",
    "RuleContext",
    "RuleOptions",
    "Stage",
    "Violation",
    "coerce_option",
]

T = TypeVar("T")

# What the catalog file sets on a rule class; a rule module must not set these itself.
METADATA_ATTRIBUTES = ("code", "name", "severity", "summary", "options", "stage", "since")


@dataclass(frozen=True)
class Violation:
    """What a rule found: a message and an optional fix hint (`help`).

    `table`, `field` (dotted path), `index` and `span` default to the node the hook was called
    for; `severity` overrides the rule's default for this one finding (e.g. an error above a
    hard limit, a warning above a documented one).
    """

    message: str
    help: str | None = None
    span: Span | None = None
    table: str | None = None
    field: str | None = None
    index: str | None = None
    severity: Severity | None = None
    # For notices: the tables whose findings are withheld because of what this one could not read.
    withheld: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleOptions:
    """A rule's option values (defaults overlaid with the validated config), with typed getters."""

    values: Mapping[str, OptionValue] = field(default_factory=dict)

    def _get(self, name: str) -> OptionValue:
        try:
            return self.values[name]
        except KeyError:
            raise KeyError(f"no option {name!r}; declare it in the rule's `options`") from None

    def get_bool(self, name: str) -> bool:
        value = self._get(name)
        assert isinstance(value, bool), name
        return value

    def get_int(self, name: str) -> int:
        value = self._get(name)
        assert isinstance(value, int) and not isinstance(value, bool), name
        return value

    def get_str(self, name: str) -> str:
        value = self._get(name)
        assert isinstance(value, str), name
        return value

    def get_strings(self, name: str) -> tuple[str, ...]:
        value = self._get(name)
        assert isinstance(value, tuple), name
        return value


@dataclass(frozen=True)
class Baseline:
    """The version of the project a `schemalint diff` compares against.

    `project` is None when that version has no schema at all (every table is then new);
    `label` names it in messages (a git revision such as `origin/main`, or a directory).
    """

    project: Project | None
    label: str
    # Appended to the file of a baseline span when the baseline's files have the working
    # tree's paths (a git revision): `convex/schema.ts@origin/main:12:3` is line 12 of the
    # old file. A directory baseline's files have their own paths and need none.
    span_suffix: str = ""

    def old_span(self, span: Span | None) -> Span | None:
        """`span`, a position in the baseline's files, as findings show it."""
        if span is None or not self.span_suffix:
            return span
        return Span(span.file + self.span_suffix, span.line, span.column, span.end_line, span.end_column)

    def baseline_file(self, shown: str) -> str | None:
        """The baseline file a file name shown by `old_span` stands for, or None when it names a
        file on disk."""
        if not self.span_suffix or not shown.endswith(self.span_suffix):
            return None
        return shown.removesuffix(self.span_suffix)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at: the project's IR and its own options.

    `schema` is the parsed schema; for rules with `needs_schema = False` run on a project
    whose schema could not be produced, it is an empty schema. `baseline` is the version being
    compared against, set only for rules with `compares_versions = True` (run by `diff`).
    """

    project: Project
    schema: Schema
    options: RuleOptions = field(default_factory=RuleOptions)
    baseline: Baseline | None = None
    _memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, computed once per run of this rule (for schema-wide lookups that
        per-table hooks share, so that a rule stays linear in the number of tables)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])


class Rule:
    """Base of every rule. Subclasses override the hooks they need; the registry sets the
    metadata attributes from the rule's catalog file."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()
    stage: ClassVar[Stage] = "stable"
    since: ClassVar[str]
    # The catalog file the registry read the metadata from.
    _catalog_file: ClassVar[Path]
    # False for rules that report on the project even when no schema could be produced.
    needs_schema: ClassVar[bool] = True
    # True for the C7xx rules: they compare the project with a baseline (`schemalint diff`) and
    # run only there; every other rule runs only in `check`.
    compares_versions: ClassVar[bool] = False
    # The validator classes `check_validator` is called for (the engine visits only those).
    validator_kinds: ClassVar[tuple[type[Validator], ...]] = ()

    def check(self, ctx: RuleContext) -> Iterable[Violation]:
        """Schema-level findings (called once per run)."""
        return ()

    def check_table(self, ctx: RuleContext, table: Table) -> Iterable[Violation]:
        """Findings about one table."""
        return ()

    def check_field(self, ctx: RuleContext, field: FieldRef) -> Iterable[Violation]:
        """Findings about one object field (at any depth)."""
        return ()

    def check_validator(
        self, ctx: RuleContext, validator: Validator, field: FieldRef | None
    ) -> Iterable[Violation]:
        """Findings about one validator of a class in `validator_kinds`, in the field `field`."""
        return ()

    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterable[Violation]:
        """Findings about one index (database, search or vector; staged or not)."""
        return ()

    @classmethod
    def overrides(cls, hook: str) -> bool:
        """Whether this rule defines the hook `hook` (so the engine needs to call it)."""
        return getattr(cls, hook) is not getattr(Rule, hook)

    @classmethod
    def default_options(cls) -> dict[str, OptionValue]:
        """The rule's options with their default values."""
        return {option.name: option.default for option in cls.options}


class ParserDiagnosticRule(Rule):
    """A meta rule reporting the parser's own diagnostics whose `kind` is this rule's name.

    Diagnostics that share a `cause` (schemalint's blind spots: one unknown package used in
    five tables) are reported once, at the first place, naming what else they cost.
    """

    needs_schema = False

    def check(self, ctx: RuleContext) -> Iterable[Violation]:
        groups: dict[str, list[ParserDiagnostic]] = {}
        for diagnostic in ctx.project.diagnostics:
            if diagnostic.kind != self.name:
                continue
            if diagnostic.cause is None:
                yield _violation(diagnostic, [diagnostic])
            else:
                groups.setdefault(diagnostic.cause, []).append(diagnostic)
        for group in groups.values():
            yield _violation(group[0], group)


def _violation(first: ParserDiagnostic, group: list[ParserDiagnostic]) -> Violation:
    message = first.message
    tables = tuple(dict.fromkeys(d.table for d in group if d.table is not None))
    if len(group) > 1:
        others = len(group) - 1
        message += f" (the same cause loses {others} other part{'s' if others > 1 else ''} of the schema"
        elsewhere = [table for table in tables if table != first.table]
        if elsewhere:
            names = ", ".join(f"`{name}`" for name in elsewhere[:5]) + (", …" if len(elsewhere) > 5 else "")
            message += f", in table{'s' if len(elsewhere) > 1 else ''} {names}"
        message += ")"
    return Violation(message, span=first.span, table=first.table, severity=first.severity, withheld=tables)
