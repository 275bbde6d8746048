"""Whether a generator may write: never from a schema Convex would reject, nor one whose tables
or functions were lost to code schemalint could not evaluate (unless `--allow-partial`).

`find_gaps` collects what stands in the way; `Gaps.describe` says it in words for stderr and,
with `--allow-partial`, for the generated files' docstrings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from schemalint.diagnostics import ParserDiagnostic, Severity
from schemalint.findings import Diagnostic
from schemalint.ir import FunctionModules, Project, VUnknown
from schemalint.records import dataclass

if TYPE_CHECKING:
    from schemalint.rules import RuleSpec


@dataclass(frozen=True)
class Gaps:
    """What makes the generated files wrong or incomplete."""

    errors: tuple[ParserDiagnostic, ...] = ()  # error-level parser diagnostics
    rule_errors: tuple[Diagnostic, ...] = ()  # deploy-error rules (D1xx) `check` reports as errors
    lost_tables: tuple[VUnknown, ...] = ()  # schema parts that may hold more tables
    lost_functions: tuple[str, ...] = ()  # `module:name` of exports that could not be evaluated

    def __bool__(self) -> bool:
        return bool(self.errors or self.rule_errors or self.lost_tables or self.lost_functions)

    def headline(self) -> str:
        """What kind of gaps these are, in words: errors, unread parts, or both."""
        errors = bool(self.errors or self.rule_errors)
        lost = bool(self.lost_tables or self.lost_functions)
        held = " or ".join(
            what for what, lost in (("tables", self.lost_tables), ("functions", self.lost_functions)) if lost
        )
        unread = f"parts schemalint could not read may hold more {held}"
        if errors and lost:
            return f"the project has errors (`schemalint check` reports them), and {unread}"
        if errors:
            return "the project has errors (`schemalint check` reports them)"
        return unread

    def describe(self, shown: Callable[[str], str]) -> list[str]:
        """One line per gap, with its place (`shown(file):line`) where it has one."""
        lines = [f"{shown(d.span.file)}:{d.span.line}: {d.kind}: {d.message}" for d in self.errors]
        lines += [
            f"{shown(d.span.file)}:{d.span.line}: {d.code} {d.rule}: {d.message}" for d in self.rule_errors
        ]
        lines += [
            f"{f'{shown(part.span.file)}:{part.span.line}' if part.span else 'the schema'}: "
            f"tables may be missing: {part.reason}"
            for part in self.lost_tables
        ]
        lines += [
            f"function `{name}` may be missing: it could not be evaluated" for name in self.lost_functions
        ]
        return lines


class IncompleteProject(Exception):
    """Raised by a generator's render step instead of rendering from a project with `gaps`."""

    def __init__(self, gaps: Gaps) -> None:
        super().__init__("the project has errors or parts schemalint could not read")
        self.gaps = gaps


def find_gaps(
    project: Project, modules: FunctionModules | None = None, *, findings: Sequence[Diagnostic] | None = None
) -> Gaps:
    """The gaps of `project` (and of its function modules, when the generator reads them).
    `findings`, when the caller has them, are what `engine.run` reports on `project` with its
    configuration (every rule): the deploy errors are taken from them, not found again."""
    # (dict.fromkeys: the function modules' deploy errors are in both)
    diagnostics = dict.fromkeys([*project.diagnostics, *(modules.diagnostics if modules is not None else ())])
    errors = tuple(d for d in diagnostics if effective_severity(d) >= Severity.ERROR)
    lost_tables = project.schema.unknown_parts if project.schema is not None else ()
    lost_functions = modules.left_out if modules is not None else ()
    return Gaps(
        errors=errors,
        rule_errors=deploy_errors(project, findings),
        lost_tables=lost_tables,
        lost_functions=lost_functions,
    )


def deploy_errors(project: Project, findings: Sequence[Diagnostic] | None = None) -> tuple[Diagnostic, ...]:
    """What the deploy-error rules (D1xx) report as errors on `project`, with the project's
    configuration: the same findings `schemalint check` shows (a schema Convex would reject).
    Taken from `findings` (a run of every rule) when given."""
    if project.schema is None:
        return ()
    if findings is None:
        from schemalint import engine
        from schemalint.config import load_config

        # Only the D1xx rules run (a full run costs ~4 times as much on big schemas); each rule's
        # findings do not depend on the others'.
        findings = engine.run(project, load_config(Path(project.schema_file)), only=_is_deploy_rule)
    return tuple(d for d in findings if d.code.startswith("D1") and d.severity >= Severity.ERROR)


def _is_deploy_rule(rule: RuleSpec) -> bool:
    return rule.code.startswith("D1")


def effective_severity(diagnostic: ParserDiagnostic) -> Severity:
    """The severity `schemalint check` reports `diagnostic` with by default."""
    if diagnostic.severity is not None:
        return diagnostic.severity
    from schemalint.rules import get_rule

    rule = get_rule(diagnostic.kind)
    return rule.severity if rule is not None else Severity.ERROR


def relative_to(root: str) -> Callable[[str], str]:
    """A `shown` function for `Gaps.describe`: files relative to `root` (POSIX separators)."""

    def shown(file: str) -> str:
        path = Path(file)
        return Path(os.path.relpath(path, root)).as_posix() if path.is_absolute() else path.as_posix()

    return shown
