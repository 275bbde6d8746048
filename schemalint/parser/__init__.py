"""The parser: a Convex project's schema files → the IR (`schemalint.ir.Project`).

`parse_project` statically evaluates the schema module and every local module it imports
(tree-sitter TypeScript; no code is executed) and lowers the `defineSchema(...)` value to the IR.
"""

from __future__ import annotations

from pathlib import Path

from schemalint.diagnostics import (
    EVALUATION_ERROR,
    PARSE_ERROR,
    UNEVALUABLE_EXPRESSION,
    UNRESOLVED_IMPORT,
    ParserDiagnostic,
    Severity,
    Span,
)
from schemalint.discovery import ProjectLayout
from schemalint.ir import Project, Schema, SourceFile
from schemalint.parser.budget import deep_recursion
from schemalint.parser.evaluator import Evaluator, paused_gc
from schemalint.parser.lower import lower_schema
from schemalint.parser.values import SchemaValue, Unknown

MISSING_DEFAULT_EXPORT = (
    "Schema file missing default export: Convex reads the schema from `export default defineSchema(...)`"
)


def _evaluate(
    evaluator: Evaluator, schema_file: Path, file_span: Span
) -> tuple[Schema | None, list[ParserDiagnostic]]:
    module = evaluator.run_module(schema_file)
    if module.source is None or module.source.tree is None:
        return None, []
    if "default" not in module.exports and not module.star_exports:
        return None, [ParserDiagnostic(EVALUATION_ERROR, MISSING_DEFAULT_EXPORT, file_span)]
    default = evaluator.module_export(module, "default", file_span)
    if isinstance(default, SchemaValue):
        return lower_schema(default, evaluator.runtime_accesses, file_span)
    if isinstance(default, Unknown):
        if "has no export named" in default.reason:
            return None, [ParserDiagnostic(EVALUATION_ERROR, MISSING_DEFAULT_EXPORT, file_span)]
        message = f"the schema (the default export) cannot be evaluated: {default.reason}"
        return None, [] if default.quiet else [
            ParserDiagnostic(UNEVALUABLE_EXPRESSION, message, default.span or file_span)
        ]
    message = f"the default export is {default.describe()}, not a Convex schema; export `defineSchema(...)`"
    return None, [ParserDiagnostic(EVALUATION_ERROR, message, default.span or file_span)]


def parse_project(layout: ProjectLayout, *, functions: bool = False, descriptions: bool = True) -> Project:
    """Everything the parser understands about the project at `layout`. Never raises for bad input.

    With `functions`, the function modules are read too (`Project.functions`: what they
    register and which tables and indexes their code uses), by the same evaluator. Without
    `descriptions`, tables and fields have no `doc` (the comments are not read); nothing else
    changes."""
    with deep_recursion():
        return _parse_project(layout, functions, descriptions)


def _parse_project(layout: ProjectLayout, functions: bool, descriptions: bool) -> Project:
    evaluator = Evaluator(layout.root, descriptions=descriptions, usage=functions)
    schema_path = str(layout.schema_file)
    file_span = Span(schema_path, 1, 1, 1, 1)
    try:
        with paused_gc():
            schema, lowering_diagnostics = _evaluate(evaluator, layout.schema_file, file_span)
    except RecursionError:
        schema = None
        lowering_diagnostics = [
            ParserDiagnostic(UNEVALUABLE_EXPRESSION, "the schema is nested too deeply to analyse", file_span)
        ]
    found = _without_noise([*evaluator.diagnostics, *lowering_diagnostics])
    diagnostics = _dedupe(_without_consequences(found))
    function_modules = None
    if functions:
        from schemalint.parser.functions import parse_functions

        try:
            function_modules = parse_functions(layout, evaluator)
        except RecursionError:
            function_modules = None
        if function_modules is not None:
            diagnostics = _dedupe([*diagnostics, *deploy_errors(function_modules.diagnostics)])
        if function_modules is not None and function_modules.usage is not None:
            from schemalint.parser.usage import usage_notices

            diagnostics.extend(usage_notices(function_modules.usage))
    files = tuple(
        SourceFile(path=source.path, directives=source.directives()) for source in evaluator.loaded_sources
    )
    evaluator.release()
    return Project(
        root=str(layout.root),
        schema_file=schema_path,
        schema=schema,
        diagnostics=tuple(diagnostics),
        files=files,
        functions=function_modules,
    )


def deploy_errors(diagnostics: tuple[ParserDiagnostic, ...]) -> list[ParserDiagnostic]:
    """The diagnostics from reading the function modules that fail `npx convex deploy`.

    Convex bundles and evaluates every function module at push time, so a syntax error, an
    import of a local file (or export) that does not exist, or code that surely throws at
    module level fails the push exactly as in the schema (an import esbuild drops because its
    names are only types is a warning: `tsc` fails, the bundle builds). What schemalint merely
    cannot evaluate there stays out of `check`'s report (the usage notices say what it costs)."""
    errors = (PARSE_ERROR, UNRESOLVED_IMPORT, EVALUATION_ERROR)
    return [
        d
        for d in _without_noise(list(diagnostics))
        if d.kind in errors and (d.severity is None or d.severity >= Severity.WARNING)
    ]


def _without_noise(diagnostics: list[ParserDiagnostic]) -> list[ParserDiagnostic]:
    """Drop evaluation findings in files with syntax errors (the syntax error is the cause, and
    what tree-sitter recovered around it is not what the author wrote), and
    `unevaluable-expression` where Convex throws (the throw is the cause)."""
    broken = {d.span.file for d in diagnostics if d.kind == PARSE_ERROR}
    thrown = {d.span for d in diagnostics if d.kind == EVALUATION_ERROR}
    evaluation = (UNEVALUABLE_EXPRESSION, EVALUATION_ERROR)
    return [
        d
        for d in diagnostics
        if d.kind not in evaluation
        or (d.span.file not in broken and not (d.kind == UNEVALUABLE_EXPRESSION and d.span in thrown))
    ]


def _without_consequences(diagnostics: list[ParserDiagnostic]) -> list[ParserDiagnostic]:
    """Drop the notices that only repeat an error's cause (the error already says what fails)."""
    errors = {d.cause for d in diagnostics if d.kind == EVALUATION_ERROR and d.cause is not None}
    return [d for d in diagnostics if d.kind != UNEVALUABLE_EXPRESSION or d.cause not in errors]


def _dedupe(diagnostics: list[ParserDiagnostic]) -> list[ParserDiagnostic]:
    seen: set[tuple[str, str, Span]] = set()
    unique: list[ParserDiagnostic] = []
    for diagnostic in diagnostics:
        key = (diagnostic.kind, diagnostic.message, diagnostic.span)
        if key not in seen:
            seen.add(key)
            unique.append(diagnostic)
    unique.sort(key=lambda d: (d.span.file, d.span.line, d.span.column))
    return unique
