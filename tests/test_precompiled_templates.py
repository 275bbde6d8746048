"""The templates' code compiled ahead of time (schemalint/generate/precompiled.py): the generated
modules are current, they are used only when made from the template's exact text by the running
Jinja, and rendering from them or from the templates gives the same files (docs, and both
variants of the Python client)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import CodeType, ModuleType

import jinja2
import pytest

from schemalint.discovery import discover
from schemalint.generate import precompiled, python, python_pydantic
from schemalint.generate.docs import render_docs, template_environment
from schemalint.generate.precompiled import precompiled_code
from schemalint.generate.precompiled_build import stale_files, template_groups
from schemalint.parser import parse_project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE = FIXTURES / "docs-edge-cases"


@pytest.fixture
def fresh_environment() -> Iterator[None]:
    """Templates loaded anew in the test, and again after it."""
    template_environment.cache_clear()
    yield
    template_environment.cache_clear()


def _source(name: str) -> str:
    environment = template_environment()
    assert environment.loader is not None
    return environment.loader.get_source(environment, name)[0]


def _compile_freshly(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on every template is compiled from its text; the names compiled are listed."""
    compiled_now: list[str] = []
    real_compile = precompiled.compile_template

    def compile_template(
        environment: jinja2.Environment, source: str, name: str, filename: str | None
    ) -> CodeType:
        compiled_now.append(name)
        return real_compile(environment, source, name, filename)

    monkeypatch.setattr(precompiled, "precompiled_code", lambda group, name, source: None)
    monkeypatch.setattr(precompiled, "compile_template", compile_template)
    return compiled_now


def test_the_generated_modules_are_current() -> None:
    # After editing a template or upgrading Jinja: python -m schemalint.generate.precompiled_build
    assert stale_files() == []


def test_a_template_is_taken_precompiled_only_from_its_exact_text_and_jinja_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for group, environment in template_groups().items():
        assert environment.loader is not None
        for name in environment.list_templates():
            source = environment.loader.get_source(environment, name)[0]
            found = precompiled_code(group, name, source)
            assert (found is not None) == ("/" not in name), (group, name)  # (subdirectories: other groups)
            assert precompiled_code(group, name, source + "{# edited #}") is None, (group, name)
    assert precompiled_code("docs", "missing.md.j2", "") is None
    monkeypatch.setattr(jinja2, "__version__", "0.0")
    assert precompiled_code("docs", "table.md.j2", _source("table.md.j2")) is None


def test_precompiled_and_freshly_compiled_templates_render_the_same_files(
    monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    project = parse_project(discover(FIXTURE))
    precompiled_files = render_docs(project)
    assert (template_environment().get_template("table.md.j2").filename or "").endswith("table.md.j2")

    template_environment.cache_clear()
    compiled_now = _compile_freshly(monkeypatch)
    assert render_docs(project) == precompiled_files
    assert sorted(compiled_now) == ["README.md.j2", "_fields.md.j2", "table.md.j2"]


@pytest.mark.parametrize("variant", [python, python_pydantic], ids=["typeddict", "pydantic"])
def test_the_python_client_renders_the_same_from_precompiled_and_freshly_compiled_templates(
    variant: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = parse_project(discover(FIXTURES / "functions-usage"), functions=True)
    functions = project.functions.functions if project.functions is not None else ()
    render = python.render_python if variant is python else python_pydantic.render_pydantic
    variant.template_environment.cache_clear()
    try:
        precompiled_files = render(project, functions, include_internal=True)
        variant.template_environment.cache_clear()
        compiled_now = _compile_freshly(monkeypatch)
        assert render(project, functions, include_internal=True) == precompiled_files
        assert "documents.py.jinja" in compiled_now
    finally:
        variant.template_environment.cache_clear()
