"""What a rule is: metadata as class attributes, and hooks that yield `Violation`s.

A rule looks at the frozen IR only. The engine walks the schema once and calls, for every rule
that defines them:

- `check(ctx)` once per run (schema-level questions),
- `check_table(ctx, table)` for every table,
- `check_field(ctx, field)` for every object field at every depth (`irquery.FieldRef`),
- `check_index(ctx, index)` for every index of every kind (`irquery.IndexRef`).

A violation yielded from a hook inherits that node's table, field, index and span unless it sets
them itself; the engine then attaches code, severity and location (`schemalint.engine`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Literal, TypeVar, cast

from schemalint.diagnostics import ParserDiagnostic, Severity, Span
from schemalint.ir import Project, Schema, Table
from schemalint.irquery import FieldRef, IndexRef

OptionValue = bool | int | str | tuple[str, ...]
T = TypeVar("T")
OptionType = Literal["bool", "int", "string", "string-list"]

CODE_PATTERN = re.compile(r"^[DRTNIQCM][0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# The first digit of a code is fixed by its category letter.
# C7xx rules compare two versions of the schema (`schemalint diff`).
CATEGORY_DIGITS = {"D": "1", "R": "2", "T": "3", "N": "4", "I": "5", "Q": "6", "C": "7", "M": "9"}


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
class Option:
    """One configurable option of a rule (`rules.<rule-name>.<name>` in the config).

    `choices`, when given, are the allowed strings; `check` returns an error message for a
    value of the right type that is still unacceptable (e.g. a regex that does not compile).
    With both, a string outside `choices` is accepted when `check` accepts it (a named style
    or a regex).
    """

    name: str
    type: OptionType
    default: OptionValue
    description: str
    choices: tuple[str, ...] = ()
    check: Callable[[OptionValue], str | None] | None = None


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
    # tree's paths (a git revision): `convex/schema.ts@origin/main` is the old file.
    span_suffix: str = ""

    def old_span(self, span: Span | None) -> Span | None:
        """`span`, a position in the baseline's files, as findings show it."""
        if span is None or not self.span_suffix:
            return span
        return span._replace(file=span.file + self.span_suffix)


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
    """Base of every rule. Subclasses set the metadata and override the hooks they need."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()
    # False for rules that report on the project even when no schema could be produced.
    needs_schema: ClassVar[bool] = True
    # True for the C7xx rules: they compare the project with a baseline (`schemalint diff`) and
    # run only there; every other rule runs only in `check`.
    compares_versions: ClassVar[bool] = False

    def check(self, ctx: RuleContext) -> Iterable[Violation]:
        """Schema-level findings (called once per run)."""
        return ()

    def check_table(self, ctx: RuleContext, table: Table) -> Iterable[Violation]:
        """Findings about one table."""
        return ()

    def check_field(self, ctx: RuleContext, field: FieldRef) -> Iterable[Violation]:
        """Findings about one object field (at any depth)."""
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


def coerce_option(option: Option, raw: object) -> OptionValue:
    """`raw` (as read from TOML/YAML) as a value of `option`'s type; ValueError says why not."""
    if not _has_type(option.type, raw):
        raise ValueError(f"expected {_TYPE_WORDS[option.type]}, got {raw!r}")
    value = cast(OptionValue, tuple(raw) if isinstance(raw, list | tuple) else raw)
    if option.choices and value in option.choices:
        return value
    if option.check is not None:
        problem = option.check(value)
        if problem is not None:
            raise ValueError(problem)
    elif option.choices:
        raise ValueError(f"expected one of {', '.join(option.choices)}, got {value!r}")
    return value


def _has_type(option_type: OptionType, raw: object) -> bool:
    if option_type == "bool":
        return isinstance(raw, bool)
    if option_type == "int":
        return isinstance(raw, int) and not isinstance(raw, bool)
    if option_type == "string":
        return isinstance(raw, str)
    return isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw)


_TYPE_WORDS: dict[OptionType, str] = {
    "bool": "true or false",
    "int": "an integer",
    "string": "a string",
    "string-list": "a list of strings",
}


def metadata_problems(rule: type[Rule]) -> list[str]:
    """What is wrong with a rule class's metadata (empty when it is well-formed)."""
    label = rule.__name__
    problems: list[str] = []
    for attribute in ("code", "name", "summary"):
        if not isinstance(getattr(rule, attribute, None), str):
            problems.append(f"{label}: missing class attribute `{attribute}`")
    if problems:
        return problems
    if not CODE_PATTERN.match(rule.code):
        problems.append(f"{label}: code {rule.code!r} is not a letter of DRTNIQCM and three digits")
    elif rule.code[1] != CATEGORY_DIGITS[rule.code[0]]:
        problems.append(
            f"{label}: code {rule.code!r} must start with "
            f"{rule.code[0]}{CATEGORY_DIGITS[rule.code[0]]} (category numbering)"
        )
    if not NAME_PATTERN.match(rule.name):
        problems.append(f"{label}: name {rule.name!r} is not kebab-case")
    if not isinstance(rule.severity, Severity):
        problems.append(f"{label}: severity must be a Severity")
    if not rule.summary.strip():
        problems.append(f"{label}: empty summary")
    seen: set[str] = set()
    for option in rule.options:
        if option.name in seen:
            problems.append(f"{label}: option {option.name!r} declared twice")
        seen.add(option.name)
        try:
            coerce_option(option, option.default)
        except ValueError as exc:
            problems.append(f"{label}: default of option {option.name!r}: {exc}")
    return problems


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
