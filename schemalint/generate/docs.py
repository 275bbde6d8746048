"""`schemalint generate docs`: the view model rendered through `generators/docs/*.md.j2`."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import jinja2

from schemalint.generate.docs_model import README, build_docs
from schemalint.generate.precompiled import PrecompiledLoader
from schemalint.ir import Project
from schemalint.resources import data_dir

if TYPE_CHECKING:
    from schemalint.findings import Diagnostic

GENERATOR = "docs"
_BLANK_LINES = re.compile(r"\n{3,}")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


class DocsError(Exception):
    """The rendered docs failed their own consistency checks (a bug in the generator)."""


def render_docs(project: Project, findings: Sequence[Diagnostic] | None = None) -> dict[str, str]:
    """Every docs file of `project`, `relative name -> Markdown`, checked and ready to write."""
    model = build_docs(project, findings)
    environment = template_environment()
    files = {README: environment.get_template("README.md.j2").render(overview=model.overview)}
    table_template = environment.get_template("table.md.j2")
    for page in model.pages:
        files[page.file_name] = table_template.render(page=page)
    files = {name: _tidy(text) for name, text in sorted(files.items())}
    for name, text in files.items():
        _validate(name, text)
    return files


@functools.cache
def template_environment() -> jinja2.Environment:
    """The templates' environment, made once: it keeps the compiled templates (compiled ahead of
    time when they can be, `schemalint.generate.precompiled`)."""
    return jinja2.Environment(
        loader=PrecompiledLoader(str(data_dir("generators") / "docs"), GENERATOR),
        autoescape=False,  # Markdown: the view model has escaped every string already
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates are the package's: no file check at every get_template
    )


def _tidy(text: str) -> str:
    """At most one blank line in a row, and exactly one newline at the end."""
    if "\n\n\n" in text:  # the templates seldom leave a run of blank lines: skip the search
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n") + "\n"


def _validate(name: str, text: str) -> None:
    """Raise `DocsError` unless the file starts with the notice, has only `\\n` line ends and
    every Markdown table row has as many cells as its header."""
    if not text.startswith("<!-- ") or "\r" in text:
        raise DocsError(f"{name}: missing notice or stray carriage return")
    expected: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.startswith("|"):
            expected = None
            continue
        # without a backslash, every `|` separates cells
        cells = (len(_UNESCAPED_PIPE.findall(line)) if "\\" in line else line.count("|")) - 1
        if expected is None:
            expected = cells
        elif cells != expected:
            raise DocsError(f"{name}:{number}: table row has {cells} cells, expected {expected}")
