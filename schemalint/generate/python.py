"""`schemalint generate python`: render the package's files from the view model.

`render_python` returns `relative path -> content` for `schemalint.generate.output`; every
Python file has been compiled first, so nothing invalid is ever written. The templates print the
final layout themselves (blank lines as PEP 8 and `ruff format` have them); the tests check it
with libcst (`tests/python_layout_oracle.py`), which is not a dependency of this path.
Imports jinja2; only the generate commands import this module.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2

from schemalint.generate.precompiled import PrecompiledLoader
from schemalint.generate.python_model import API_MODULE, DOCUMENTS_MODULE, PackageView, build_package
from schemalint.generate.python_names import package_name_problem
from schemalint.ir import ConvexFunction, Project
from schemalint.resources import data_dir

DEFAULT_PACKAGE = "convex_types"
GROUP = "python"  # of the precompiled templates


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
    rendered file does not compile.
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
    environment = template_environment()
    context = {
        "package": view.name,
        "init": view.init,
        "documents": view.documents,
        "api": view.api,
        "incomplete": view.incomplete,
    }
    return render_modules(environment, view.name, context)


def render_modules(environment: jinja2.Environment, package: str, context: dict[str, Any]) -> dict[str, str]:
    """The package's three modules rendered from `environment`'s templates, plus `py.typed`."""
    files = {}
    for module in ("__init__", DOCUMENTS_MODULE, API_MODULE):
        name = f"{package}/{module}.py"
        files[name] = checked(environment.get_template(f"{module}.py.jinja").render(context), name)
    files[f"{package}/py.typed"] = ""
    return files


@functools.cache
def template_environment() -> jinja2.Environment:
    """The templates' environment, made once: it keeps the compiled templates (compiled ahead of
    time when they can be, `schemalint.generate.precompiled`)."""
    return jinja2.Environment(
        loader=PrecompiledLoader(str(data_dir("generators") / "python"), GROUP),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


# ---------------------------------------------------------------------------------- checking


def checked(code: str, name: str) -> str:
    """`code`, after checking that it compiles (parsing and the checks after it, such as
    duplicate parameter names)."""
    try:
        compile(code, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # (ValueError: a null byte, before Python 3.12)
        raise GenerationError(f"{name}: generated code does not compile: {exc}") from None
    return code
