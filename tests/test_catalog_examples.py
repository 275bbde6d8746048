"""Every catalog example is a test: each `bad` example must make its rule fire (exactly where
and how its `expect` says, when it pins findings), each `good` example must keep it silent.
Ids are `<rule-name>::<bad|good>::<example-name>`: `pytest -k <rule-name>` runs one rule's.
"""

from __future__ import annotations

import textwrap

import pytest
from helpers import diff_lint, lint, with_imports

from schemalint.catalog import CatalogEntry, Example, load_catalog
from schemalint.findings import Diagnostic
from schemalint.rules import get_rule


def _all_examples() -> list[object]:
    return [
        pytest.param(entry, kind, example, id=f"{entry.name}::{kind}::{example.name}")
        for entry in load_catalog()
        for kind, examples in (("bad", entry.bad), ("good", entry.good))
        for example in examples
    ]


def _imports_added(source: str) -> int:
    """How many import lines `with_imports` puts before the example's first line."""
    return with_imports(source).count("\n") - textwrap.dedent(source).lstrip("\n").count("\n")


def _listing(diagnostics: list[Diagnostic], offset: int) -> str:
    return "\n".join(
        f"  {d.span.line - offset}:{d.span.column} {d.code} [{d.rule}] {d.message}" for d in diagnostics
    )


def _where(d: Diagnostic, offset: int) -> tuple[str | None, int, int, str]:
    """A finding as an example's `expect` pins it: (function module or None, line, column, message)."""
    path = d.span.file.replace("\\", "/")
    if path.endswith("/convex/schema.ts"):
        return (None, d.span.line - offset, d.span.column, d.message)
    return (path.rsplit("/convex/", 1)[-1], d.span.line, d.span.column, d.message)


def test_every_catalog_entry_has_a_registered_rule() -> None:
    assert [entry.name for entry in load_catalog() if get_rule(entry.name) is None] == []


@pytest.mark.parametrize(("entry", "kind", "example"), _all_examples())
def test_catalog_example(entry: CatalogEntry, kind: str, example: Example) -> None:
    options = {entry.name: example.options} if example.options else None
    files = {f"convex/{path}": code for path, code in example.functions.items()}
    if example.before is not None:
        diagnostics = diff_lint(example.before, example.source, options=options, files_after=files)
        shown = f"{with_imports(example.before) if example.before else '(no schema)'}\n--- after ---\n"
    else:
        preview = entry.metadata.stage == "preview"
        diagnostics = lint(example.source, options=options, files=files, preview=preview)
        shown = ""
    own = [d for d in diagnostics if d.rule == entry.name]
    offset = _imports_added(example.source)
    context = (
        f"\n--- {kind} example {example.name} (lines as in the catalog) ---\n{shown}"
        f"{textwrap.dedent(example.source)}--- found ---\n{_listing(diagnostics, offset) or '  (nothing)'}"
    )
    if kind == "good":
        assert not own, f"{entry.name} fired on a good example:{context}"
        return
    assert own, f"{entry.name} did not fire on a bad example:{context}"
    if example.expect is not None:
        found = [_where(d, offset) for d in own]
        expected = [(f.file, f.line, f.column, f.message) for f in example.expect]
        assert found == expected, f"{entry.name} fired elsewhere or otherwise than `expect` says:{context}"


@pytest.mark.parametrize(("entry", "kind", "example"), _all_examples())
def test_catalog_example_is_readable_schema_source(entry: CatalogEntry, kind: str, example: Example) -> None:
    """Examples are syntactically valid, and good ones evaluate completely, so that an example
    tests the rule and not the evaluator."""
    meta = {"parse-error", "unresolved-import", "unevaluable-expression", "evaluation-error"}
    allowed = {entry.name} if kind == "bad" else set()
    if kind == "bad":
        allowed |= meta - {"parse-error"}  # a bad example may leave values unevaluated
    files = {f"convex/{path}": code for path, code in example.functions.items()}
    sources = [example.source] + ([example.before] if example.before else [])
    if example.before is not None:
        allowed = set()  # a diff example's sources are both complete (unknown-table-change aside)
        if entry.name == "unknown-table-change" and kind == "bad":
            allowed = meta - {"parse-error"}
    problems = [d for source in sources for d in lint(source, files=files) if d.rule in meta - allowed]
    assert not problems, [f"{d.span.line}:{d.span.column} {d.rule}: {d.message}" for d in problems]
