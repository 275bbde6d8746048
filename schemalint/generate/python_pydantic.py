"""`schemalint generate python --models pydantic`: the typed client with pydantic v2 models.

The same package layout, names, namespaces and escaping as the TypedDict variant
(`schemalint.generate.python`), with pydantic models for objects and a facade that validates
every argument before it is sent and every result as it arrives (strictly: no coercion).
The generator does not import pydantic; only the generated code does.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

import jinja2

from schemalint.generate.precompiled import PrecompiledLoader
from schemalint.generate.python import render_modules
from schemalint.generate.python_api import API_RESERVED
from schemalint.generate.python_model import (
    API_MODULE,
    DOCUMENTS_MODULE,
    TYPING_NAMES,
    InitView,
    exported_names,
    from_import,
    incomplete_lines,
    within_depth_inputs,
)
from schemalint.generate.python_names import (
    BUILTIN_NAMES,
    NameRegistry,
    comment_line,
    package_name_problem,
    py_string,
)
from schemalint.generate.python_pydantic_api import build_api
from schemalint.generate.python_pydantic_documents import DOCUMENTS_RESERVED, build_documents
from schemalint.generate.python_types import FUNCTION_HANDLE, SYSTEM_ID_TYPES
from schemalint.ir import ConvexFunction, Project
from schemalint.resources import data_dir

DEFAULT_PACKAGE = "convex_types"
GROUP = "pydantic"  # of the precompiled templates


def render_pydantic(
    project: Project,
    functions: Iterable[ConvexFunction],
    *,
    package: str = DEFAULT_PACKAGE,
    include_internal: bool = False,
    missing: Sequence[str] = (),
) -> dict[str, str]:
    """The files of the generated package (pydantic models), by path relative to the output
    directory; see `schemalint.generate.python.render_python` for the arguments and errors."""
    problem = package_name_problem(package)
    if problem is not None:
        raise ValueError(f"--package {problem}")
    if project.schema is None:
        raise ValueError("the schema could not be read")
    from schemalint.generate.output import generated_notice

    root, schema_file = Path(project.root), Path(project.schema_file)
    schema_path = (
        schema_file.relative_to(root).as_posix() if schema_file.is_relative_to(root) else schema_file.name
    )
    header = comment_line(generated_notice(schema_path))
    schema, chosen = within_depth_inputs(project.schema, functions, include_internal)
    names = NameRegistry(
        (
            *TYPING_NAMES,
            *BUILTIN_NAMES,
            *API_RESERVED,
            *DOCUMENTS_RESERVED,
            *SYSTEM_ID_TYPES.values(),
            FUNCTION_HANDLE,
        )
    )
    documents, reusable, id_type = build_documents(schema, chosen, names, header)
    api = build_api(chosen, names, reusable, id_type, header)
    init = InitView(
        header=header,
        imports=(
            (
                from_import(f".{API_MODULE}", api.exports),
                from_import(f".{DOCUMENTS_MODULE}", documents.exports),
            ),
        ),
        exports=tuple(py_string(n) for n in exported_names({*documents.exports, *api.exports})),
    )
    context = {
        "package": package,
        "init": init,
        "documents": documents,
        "api": api,
        "incomplete": incomplete_lines(missing),
    }
    return render_modules(template_environment(), package, context)


@functools.cache
def template_environment() -> jinja2.Environment:
    """The templates' environment, made once (its templates compiled ahead of time when they can
    be, `schemalint.generate.precompiled`)."""
    generators = data_dir("generators") / "python"
    return jinja2.Environment(
        # The pydantic templates first; the shared macros (imports) from the TypedDict variant.
        loader=PrecompiledLoader([str(generators / "pydantic"), str(generators)], GROUP),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
