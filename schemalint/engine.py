"""Run the selected rules over a project's IR and return located, filtered diagnostics.

The engine owns the walk (each table, field and index visited once, every rule hook called on
it), the single `report()` choke point that turns a rule's `Violation` into a `Diagnostic`,
per-file ignores, inline suppressions and the `unused-suppression` findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from schemalint.config import Config
from schemalint.diagnostics import Severity, Span
from schemalint.findings import Diagnostic, once_per_location, relative_path
from schemalint.ir import Project, Schema, Table
from schemalint.irquery import FieldRef, IndexRef, find_field, table_fields, table_indexes, table_named
from schemalint.records import dataclass
from schemalint.rules import SPECS, RuleSpec, spec_for
from schemalint.rules.base import Baseline, Rule, RuleContext, Violation
from schemalint.rules.unused_suppression import UnusedSuppression
from schemalint.selection import any_matches
from schemalint.suppressions import Suppressions
from schemalint.tablewalk import table_walk

_EMPTY_SCHEMA = Schema(tables=())


@dataclass(frozen=True)
class _Node:
    """The IR node a hook was called for: the defaults of a violation's location."""

    table: Table | None = None
    field: FieldRef | None = None
    index: IndexRef | None = None

    @property
    def span(self) -> Span | None:
        if self.field is not None:
            return self.field.span
        if self.index is not None:
            return self.index.span
        if self.table is not None:
            return _table_span(self.table)
        return None


def _table_span(table: Table) -> Span | None:
    return table.name_span or table.span or table.origin.spread_span


def run(
    project: Project,
    config: Config | None = None,
    baseline: Baseline | None = None,
    *,
    only: Callable[[RuleSpec], bool] | None = None,
) -> list[Diagnostic]:
    """Every diagnostic the configured rules report on `project`, sorted by file, line,
    column and code, with per-file ignores and suppression comments applied, and repeats of a
    finding at one source location merged (`findings.once_per_location`).

    Without a `baseline` the `check` rules run; with one, only the rules that compare the
    project with it (`schemalint diff`). With `only`, just the enabled rules it accepts run
    (the others' modules are not imported): their findings are those of a full run (rules do
    not see each other's findings), and `unused-suppression` runs only if accepted. A rule that
    needs what the project lacks (its catalog `needs`) cannot find anything: it is not run and
    its module is not imported, but counts as run for the suppressions that name it."""
    config = config or Config()
    compares_versions = baseline is not None
    specs = [
        spec
        for spec in config.enabled_rule_specs()
        if spec.compares_versions == compares_versions and (only is None or only(spec))
    ]
    rules = tuple(
        rule
        for rule in (spec.load() for spec in specs if _may_find_something(spec, project))
        if rule.compares_versions == compares_versions
    )
    reporter = _Reporter(project, config)
    found = [
        reporter.report(rule, violation, node)
        for rule, violation, node in _walk(project, config, rules, baseline)
    ]
    suppressions = Suppressions(project.files)
    kept = [d for d in found if not reporter.ignored_in_file(d) and not suppressions.suppresses(d)]
    if UnusedSuppression in rules:
        elsewhere = (spec.name for spec in SPECS if spec.compares_versions)
        # the skipped rules too (a loaded rule's `compares_versions` is its spec's: `RuleSpec.load`)
        for unused in suppressions.unused((spec.name for spec in specs), elsewhere):
            diagnostic = reporter.report(
                UnusedSuppression, Violation(unused.message, span=unused.comment.span), _Node()
            )
            if not reporter.ignored_in_file(diagnostic) and not suppressions.suppresses(diagnostic):
                kept.append(diagnostic)
    return sorted(once_per_location(kept), key=Diagnostic.sort_key)


def _may_find_something(spec: RuleSpec, project: Project) -> bool:
    """Whether `project` has what the rule needs to find anything (its catalog `needs`)."""
    if "database-accesses" in spec.needs:
        functions = project.functions
        return functions is not None and functions.usage is not None and bool(functions.usage.accesses)
    return True


def _walk(
    project: Project, config: Config, rules: Iterable[type[Rule]], baseline: Baseline | None
) -> Iterator[tuple[type[Rule], Violation, _Node]]:
    """Every rule's violations with the node its hook was called for. Each rule sees the nodes
    in walk order (the schema, then each table with its fields, validators and indexes), so a
    rule's own findings come out in the same order however the hooks are interleaved; the node
    is built only for a violation (a run visits tens of thousands of nodes and finds a few)."""
    schema = project.schema
    runnable = [rule for rule in rules if schema is not None or not rule.needs_schema]
    hooks: dict[str, list[tuple[type[Rule], Callable[..., Iterable[Violation]], RuleContext]]] = {
        hook: [] for hook in _HOOKS
    }
    for rule in runnable:
        context = RuleContext(project, schema or _EMPTY_SCHEMA, config.options_for(rule), baseline)
        instance = rule()
        for hook in _HOOKS:
            if rule.overrides(hook) and (hook != "check_validator" or rule.validator_kinds):
                hooks[hook].append((rule, getattr(instance, hook), context))

    for rule, method, context in hooks["check"]:
        for violation in method(context):
            yield rule, violation, _Node()
    if schema is None:
        return
    table_hooks, field_hooks, index_hooks = hooks["check_table"], hooks["check_field"], hooks["check_index"]
    validator_hooks = [
        (rule, method, context, rule.validator_kinds) for rule, method, context in hooks["check_validator"]
    ]
    for table in schema.tables:
        for rule, method, context in table_hooks:
            for violation in method(context, table):
                yield rule, violation, _Node(table=table)
        if field_hooks:
            for field in table_fields(table):
                for rule, method, context in field_hooks:
                    for violation in method(context, field):
                        yield rule, violation, _Node(table=table, field=field)
        if validator_hooks:
            walk = table_walk(table)
            validators, owners = walk.validators, walk.owners
            for rule, method, context, kinds in validator_hooks:
                for position in walk.positions(kinds):
                    owner = owners[position]
                    for violation in method(context, validators[position], owner):
                        yield rule, violation, _Node(table=table, field=owner)
        if index_hooks:
            for index in table_indexes(table):
                for rule, method, context in index_hooks:
                    for violation in method(context, index):
                        yield rule, violation, _Node(table=table, index=index)


_HOOKS = ("check", "check_table", "check_field", "check_validator", "check_index")


class _Reporter:
    """Turns violations into diagnostics (the one place that assigns code, severity and
    location) and answers per-file-ignore questions."""

    def __init__(self, project: Project, config: Config) -> None:
        self.project = project
        self.config = config
        self.root = Path(project.root)

    def report(self, rule: type[Rule], violation: Violation, node: _Node) -> Diagnostic:
        table = violation.table or (node.table.name if node.table is not None else None)
        field = violation.field or (node.field.path if node.field is not None else None)
        index = violation.index or (node.index.name if node.index is not None else None)
        # `is None` tests, not `or`: Severity.NOTICE is 0, which is falsy.
        severity = self.config.severity.get(rule.name)
        if severity is None:
            severity = violation.severity if violation.severity is not None else rule.severity
        return Diagnostic(
            code=rule.code,
            rule=rule.name,
            severity=severity,
            message=violation.message,
            help=violation.help,
            span=violation.span or node.span or self._locate(table, field),
            table=table,
            field=field,
            index=index,
            withheld=violation.withheld if severity is Severity.NOTICE else (),
        )

    def _locate(self, table_name: str | None, field_path: str | None) -> Span:
        """The best span for a finding that brought none: the field, the table, the schema,
        or the start of the schema file."""
        schema = self.project.schema
        table = table_named(schema, table_name) if schema is not None and table_name else None
        found = find_field(table, field_path) if table is not None and field_path else None
        candidates = (
            found.name_span if found is not None else None,
            found.span if found is not None else None,
            _table_span(table) if table is not None else None,
            schema.span if schema is not None else None,
        )
        return next(
            (span for span in candidates if span is not None),
            Span(self.project.schema_file, 1, 1, 1, 1),
        )

    def ignored_in_file(self, diagnostic: Diagnostic) -> bool:
        """Whether `per-file-ignores` switches this diagnostic's rule off in its file."""
        if not self.config.per_file_ignores:
            return False
        path = relative_path(diagnostic.span.file, self.root)
        selectors = [
            selector
            for entry in self.config.per_file_ignores
            if entry.applies_to(path)
            for selector in entry.selectors
        ]
        rule = spec_for(diagnostic.rule)
        return rule is not None and any_matches(selectors, rule)
