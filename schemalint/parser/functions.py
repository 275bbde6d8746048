"""Reading the project's function modules: which files are modules, and what they register.

Module rules follow the Convex bundler's entry points (docs/convex-facts.md, "Functions"); names follow
the same section (`dir/file:export`, `default` for default exports).
"""

from __future__ import annotations

from pathlib import Path

from tree_sitter import Node

from schemalint import files
from schemalint.diagnostics import UNEVALUABLE_EXPRESSION, ParserDiagnostic, Severity, Span
from schemalint.discovery import ProjectLayout
from schemalint.ir import ConvexFunction, FunctionModules, Validator, VUnknown, walk_validators
from schemalint.parser.budget import ValidatorBudget, deep_recursion
from schemalint.parser.comments import clean_comment
from schemalint.parser.evaluator import Evaluator, paused_gc
from schemalint.parser.modules import Module
from schemalint.parser.usage import scan_usage
from schemalint.parser.values import FunctionValue, Unknown

MODULE_EXTENSIONS = frozenset({".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx"})


def _is_candidate(path: Path, functions_dir: Path) -> bool:
    relative = path.relative_to(functions_dir)
    parts = relative.parts
    if parts[0] == "_generated" or any(p.startswith((".", "#")) or " " in p for p in parts):
        return False
    name = parts[-1]
    if path.suffix not in MODULE_EXTENSIONS or name.count(".") > 1:
        return False
    return name not in ("schema.ts", "schema.js")


def _in_component(path: Path, functions_dir: Path) -> bool:
    for parent in path.parents:
        if parent == functions_dir:
            return False
        fs = files.current()
        if fs.is_file(parent / "convex.config.ts") or fs.is_file(parent / "convex.config.js"):
            return True
    return False


def _has_module_syntax(path: Path) -> bool:
    """TS files with no line starting with `import`/`export` are not bundled."""
    if path.suffix not in (".ts", ".tsx"):
        return True
    try:
        text = files.current().read_bytes(path).decode("utf-8", errors="replace")
    except OSError:
        return False
    return any(line.startswith(("import", "export")) for line in text.splitlines())


def module_files(functions_dir: Path) -> list[Path]:
    """The files Convex treats as function modules, sorted."""
    found = [
        path
        for path in _files_below(functions_dir)
        if _is_candidate(path, functions_dir)
        and not _in_component(path, functions_dir)
        and _has_module_syntax(path)
    ]
    return sorted(found)


def _files_below(directory: Path) -> list[Path]:
    """The files in `directory` and its subdirectories (as `Path.rglob("*")` lists them: a
    symlinked subdirectory is not entered), through the current file system."""
    fs = files.current()
    found: list[Path] = []
    pending = [(directory, fs.realpath(directory))]
    while pending:
        current, real = pending.pop()
        try:
            names = fs.list_dir(current)
        except OSError:
            continue
        for name in names:
            child = current / name
            if fs.is_file(child):
                found.append(child)
            elif fs.is_dir(child) and fs.realpath(child) == real / name:
                pending.append((child, real / name))
    return found


def _export_docs(module: Module) -> dict[str, str]:
    """The comment right above each `export const name = ...` of a module."""
    docs: dict[str, str] = {}
    source = module.source
    if source is None or source.tree is None:
        return docs
    previous: Node | None = None
    for statement in source.tree.root_node.named_children:
        comment, previous = previous, statement
        if statement.type != "export_statement" or comment is None or comment.type != "comment":
            continue
        declaration = statement.child_by_field_name("declaration")
        text = clean_comment(source.text(comment))
        if declaration is None or not text or comment.end_point[0] + 1 < statement.start_point[0]:
            continue
        for declarator in declaration.named_children:
            name = declarator.child_by_field_name("name")
            if name is not None:
                docs[source.text(name)] = text
    return docs


def parse_functions(layout: ProjectLayout, evaluator: Evaluator | None = None) -> FunctionModules:
    """Every query, mutation and action the project's modules export, and the database
    accesses their code makes (`usage`). `evaluator` may be the one that read the schema:
    modules both import are then evaluated once."""
    with deep_recursion():
        return _parse_functions(layout, evaluator or Evaluator(layout.root))


def _parse_functions(layout: ProjectLayout, evaluator: Evaluator) -> FunctionModules:
    first_diagnostic = len(evaluator.diagnostics)
    functions: list[ConvexFunction] = []
    diagnostics: list[ParserDiagnostic] = []
    left_out: list[str] = []
    fs = files.current()
    root = fs.realpath(layout.root)
    skipped: list[ParserDiagnostic] = []
    noticed: set[str | None] = set()
    complete = True
    unreadable: list[Span] = []
    budget = ValidatorBudget()
    paths = module_files(layout.functions_dir)
    realpath = evaluator.resolver.realpath
    schema_only = frozenset(evaluator.linker.by_path) - {realpath(p) for p in paths}
    for path in paths:
        real = realpath(path)
        if not real.is_relative_to(root):
            continue  # a symlink out of the project: never read (imports obey the same rule)
        with paused_gc():
            module = evaluator.run_module(real)
        if module.source is None or not module.source.readable or module.source.diagnostics:
            complete = False
            first = module.source.diagnostics[0].span if module.source and module.source.diagnostics else None
            unreadable.append(first or Span(str(path), 1, 1, 1, 1))
        module_path = path.relative_to(layout.functions_dir).with_suffix("").as_posix()
        docs: dict[str, str] | None = None  # read only for a module with functions (its tree may be released)
        names = sorted(module.exports) + sorted(
            {n for star in module.star_exports for n in star.exports} - set(module.exports) - {"default"}
        )
        for name in names:
            value = evaluator.module_export(module, name, None)
            if isinstance(value, FunctionValue):
                docs = _export_docs(module) if docs is None else docs
                functions.append(_function(module_path, name, value, docs.get(name), budget, diagnostics))
                if value.notice is not None and value.builder not in noticed:
                    noticed.add(value.builder)
                    message = (
                        f"functions built with `{value.builder}` are listed with unknown args: {value.notice}"
                    )
                    diagnostics.append(_notice(message, value.span, module))
            elif isinstance(value, Unknown) and not value.quiet and value.span is not None:
                from schemalint.parser.function_guess import guess_definition, looks_like_function

                guess = guess_definition(module, name)
                if guess is not None:
                    callee, kind, visibility = guess
                    docs = _export_docs(module) if docs is None else docs
                    reason = f"the builder `{callee}` cannot be evaluated ({value.reason})"
                    functions.append(
                        ConvexFunction(
                            module=module_path,
                            name=name,
                            kind=kind,
                            visibility=visibility,
                            args=VUnknown(reason=reason, span=value.span),
                            span=value.span,
                            doc=docs.get(name),
                            builder=callee,
                        )
                    )
                    if callee not in noticed:
                        noticed.add(callee)
                        message = (
                            f"functions built with `{callee}` are listed with unknown args: the builder "
                            f"cannot be evaluated ({value.reason})"
                        )
                        diagnostics.append(_notice(message, value.span, module))
                    continue
                message = (
                    f"export `{name}` of `{module_path}` cannot be evaluated and is left out: {value.reason}"
                )
                diagnostic = ParserDiagnostic(UNEVALUABLE_EXPRESSION, message, value.span)
                if looks_like_function(module, name):
                    diagnostics.append(diagnostic)
                    left_out.append(f"{module_path}:{name}")
                else:
                    skipped.append(diagnostic)
    diagnostics.extend(evaluator.diagnostics[first_diagnostic:])
    functions.sort(key=lambda f: (f.module, f.name))
    with paused_gc():
        usage = scan_usage(evaluator, _code_modules(evaluator, root), complete, schema_only, unreadable)
    return FunctionModules(
        functions=tuple(functions),
        diagnostics=tuple(diagnostics),
        usage=usage,
        left_out=tuple(sorted(left_out)),
        skipped=tuple(skipped),
    )


def _function(
    module_path: str,
    name: str,
    value: FunctionValue,
    doc: str | None,
    budget: ValidatorBudget,
    diagnostics: list[ParserDiagnostic],
) -> ConvexFunction:
    where = f"`{module_path}:{name}`"
    return ConvexFunction(
        module=module_path,
        name=name,
        kind=value.kind,  # type: ignore[arg-type]
        visibility=value.visibility,  # type: ignore[arg-type]
        args=_admit(budget, value.args, f"the arguments of {where}", value.span, diagnostics),
        returns=_admit(budget, value.returns, f"the result of {where}", value.span, diagnostics),
        span=value.span,
        doc=doc,
        builder=value.builder,
    )


def _admit(
    budget: ValidatorBudget,
    validator: Validator | None,
    what: str,
    span: Span | None,
    diagnostics: list[ParserDiagnostic],
) -> Validator | None:
    """`validator` within the work budget; an unknown validator, reported, when it is too large."""
    if validator is None:
        return None
    admitted = budget.admit(validator, span)
    if admitted is not validator and admitted.span is not None:
        message = f"{what} unknown: too large"
        for node in walk_validators(admitted):
            if isinstance(node, VUnknown) and node.reason.startswith(("it expands", "the schema's")):
                message = f"{what} unknown: {node.reason}"
                break
        diagnostics.append(ParserDiagnostic(UNEVALUABLE_EXPRESSION, message, admitted.span))
    return admitted


def _notice(message: str, span: Span | None, module: Module) -> ParserDiagnostic:
    where = span or Span(str(module.path or module.display), 1, 1, 1, 1)
    return ParserDiagnostic(UNEVALUABLE_EXPRESSION, message, where, severity=Severity.NOTICE)


def _code_modules(evaluator: Evaluator, root: Path) -> list[Module]:
    """The project files the evaluator loaded (function modules and what they import), sorted."""
    found = []
    for path, module in evaluator.linker.by_path.items():
        parts = path.parts
        if "_generated" in parts or "node_modules" in parts or not path.is_relative_to(root):
            continue
        found.append(module)
    return sorted(found, key=lambda m: str(m.path))
