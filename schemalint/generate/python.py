"""`schemalint generate python`: render the package's files from the view model.

`render_python` returns `relative path -> content` for `schemalint.generate.output`; every
Python file has been parsed and normalised by libcst (and compiled) first, so nothing invalid
is ever written. Imports jinja2 and libcst; only the generate commands import this module.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

import jinja2
import libcst as cst

from schemalint.generate.python_model import API_MODULE, DOCUMENTS_MODULE, PackageView, build_package
from schemalint.generate.python_names import package_name_problem
from schemalint.ir import ConvexFunction, Project
from schemalint.resources import data_dir

DEFAULT_PACKAGE = "convex_types"


class GenerationError(Exception):
    """The generator produced something that is not valid Python (a bug in schemalint)."""


def render_python(
    project: Project,
    functions: Iterable[ConvexFunction],
    *,
    package: str = DEFAULT_PACKAGE,
    include_internal: bool = False,
    missing: Sequence[str] = (),
) -> dict[str, str]:
    """The files of the generated package, by path relative to the output directory.
    `missing` lists what schemalint could not read (`--allow-partial`); the module docstrings
    say so.

    Raises `ValueError` when `package` is not a valid package name, `GenerationError` when a
    rendered file does not parse.
    """
    problem = package_name_problem(package)
    if problem is not None:
        raise ValueError(f"--package {problem}")
    if project.schema is None:
        raise ValueError("the schema could not be read")
    root = Path(project.root)
    schema_file = Path(project.schema_file)
    relative = schema_file.is_relative_to(root)
    schema_path = schema_file.relative_to(root).as_posix() if relative else schema_file.name
    view = build_package(
        project.schema,
        functions,
        package=package,
        schema_path=schema_path,
        include_internal=include_internal,
        missing=missing,
    )
    return render_package(view)


def render_package(view: PackageView) -> dict[str, str]:
    """Render every template of `generators/python/` for `view`."""
    environment = _environment()
    context = {
        "package": view.name,
        "init": view.init,
        "documents": view.documents,
        "api": view.api,
        "incomplete": view.incomplete,
    }
    files = {}
    for module in ("__init__", DOCUMENTS_MODULE, API_MODULE):
        name = f"{view.name}/{module}.py"
        files[name] = normalise(environment.get_template(f"{module}.py.jinja").render(context), name)
    files[f"{view.name}/py.typed"] = ""
    return files


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates' environment, made once: it keeps the compiled templates."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(data_dir("generators") / "python"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


# ------------------------------------------------------------------------------- normalising


def normalise(code: str, name: str) -> str:
    """`code` parsed by libcst, with blank lines as PEP 8 has them: two around top-level
    classes and functions, one around methods, at most one elsewhere."""
    try:
        module = cst.parse_module(code)
    except cst.ParserSyntaxError as exc:
        raise GenerationError(f"{name}: generated code does not parse: {exc}") from None
    normalised = module.visit(_BlankLines()).code
    try:
        compile(normalised, name, "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise GenerationError(f"{name}: generated code does not compile: {exc}") from None
    return normalised


def _with_blank_lines(lines: Sequence[cst.EmptyLine], count: int) -> list[cst.EmptyLine]:
    comments = [line for line in lines if line.comment is not None]
    return [cst.EmptyLine(indent=False)] * count + comments


def _is_definition(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.ClassDef | cst.FunctionDef)


def _spaced(body: Sequence[cst.BaseStatement], around_definitions: int) -> list[cst.BaseStatement]:
    out: list[cst.BaseStatement] = []
    for index, statement in enumerate(body):
        lines = statement.leading_lines  # type: ignore[attr-defined]
        if index == 0:
            count = 0
        elif _is_definition(statement) or _is_definition(body[index - 1]):
            count = around_definitions
        else:
            count = min(1, sum(1 for line in lines if line.comment is None))
        out.append(statement.with_changes(leading_lines=_with_blank_lines(lines, count)))
    return out


class _BlankLines(cst.CSTTransformer):
    def on_visit(self, node: cst.CSTNode) -> bool:
        # Only statement blocks are respaced, and no simple statement or expression holds one.
        return not isinstance(node, cst.SimpleStatementLine | cst.BaseExpression)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = list(updated_node.body)
        spaced = _spaced(body, 2)
        if spaced and body[0].leading_lines:
            # Keep the blank line between the header comment block and the module docstring.
            spaced[0] = spaced[0].with_changes(leading_lines=body[0].leading_lines)
        return updated_node.with_changes(body=spaced)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        block = updated_node.body
        if not isinstance(block, cst.IndentedBlock):
            return updated_node
        body = _spaced(list(block.body), 1)
        if len(body) > 1 and _is_docstring(body[0]):
            lines = body[1].leading_lines  # type: ignore[attr-defined]
            body[1] = body[1].with_changes(leading_lines=_with_blank_lines(lines, 1))
        return updated_node.with_changes(body=block.with_changes(body=body))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        block = updated_node.body
        if not isinstance(block, cst.IndentedBlock):
            return updated_node
        return updated_node.with_changes(body=block.with_changes(body=_spaced(list(block.body), 0)))


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )
