"""Jinja templates compiled ahead of time.

Jinja turns a template into Python source and compiles that on first use: for the docs templates
about a tenth of a small project's `generate docs`, for the Python client's ~30 ms of every
`generate python`. `python -m schemalint.generate.precompiled_build`
writes that Python source into `schemalint/generate/templates_compiled/`, one module per template,
so that it is compiled once into the package's bytecode cache like any other module.
`PrecompiledLoader` takes a template's code from there only when it was generated from exactly the
template's current text by the running Jinja version; otherwise (a template edited since, another
Jinja, a module missing or unreadable) it compiles the template as Jinja always does. Either way
the template is the same Python code (a test checks the modules are current).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.util
import re
from collections.abc import MutableMapping, Sequence
from types import CodeType
from typing import Any

import jinja2

PACKAGE = "schemalint.generate.templates_compiled"


def module_name(group: str, template: str) -> str:
    """The module that holds the code of `template` (in the templates directory `group`)."""
    return re.sub(r"[^0-9a-z]+", "_", f"{group}/{template}".lower()).strip("_")


def source_digest(source: str) -> str:
    """What identifies a template's text in the generated modules' stamps."""
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


class PrecompiledLoader(jinja2.FileSystemLoader):
    """A `FileSystemLoader` for the templates directory (or directories, searched in order)
    `group` that takes each template's code from its generated module when that module is
    current, and compiles the template otherwise."""

    def __init__(self, searchpath: str | Sequence[str], group: str) -> None:
        super().__init__(searchpath)
        self.group = group

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        code = precompiled_code(self.group, name, source)
        if code is None:
            code = compile_template(environment, source, name, filename)
        else:
            code = _with_filename(code, filename)
        return environment.template_class.from_code(
            environment, code, {} if globals is None else globals, uptodate
        )


def compile_template(
    environment: jinja2.Environment, source: str, name: str, filename: str | None
) -> CodeType:
    """The template's code as Jinja compiles it, in the form the generated modules hold: with
    `defer_init`, so that importing such a module defines its functions and runs nothing."""
    return environment.compile(source, name, filename, defer_init=True)


def python_source(environment: jinja2.Environment, source: str, name: str, filename: str | None) -> str:
    """The Python source Jinja makes of a template."""
    return environment.compile(source, name, filename, raw=True, defer_init=True)


def _with_filename(code: CodeType, filename: str | None) -> CodeType:
    """`code` (and the functions in it) as if compiled from `filename`: Jinja names the
    template's file in tracebacks by it."""
    consts = tuple(_with_filename(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename or "<template>", co_consts=consts)


def precompiled_code(group: str, name: str, source: str) -> CodeType | None:
    """The code of the template `name` compiled from `source` by this Jinja version, from its
    generated module; None when there is no such module or it was generated from anything else."""
    try:
        stamps = importlib.import_module(PACKAGE)
        module = module_name(group, name)
        if jinja2.__version__ != stamps.JINJA_VERSION or stamps.STAMPS.get(module) != source_digest(source):
            return None
        spec = importlib.util.find_spec(f"{PACKAGE}.{module}")
        loader = spec.loader if spec is not None else None
        if not isinstance(loader, importlib.abc.InspectLoader):
            return None
        return loader.get_code(f"{PACKAGE}.{module}")
    except (ImportError, AttributeError, SyntaxError, ValueError, OSError):
        return None
