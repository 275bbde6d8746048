"""Every catalog example is a test: each `bad` example must make its rule fire, each `good`
example must keep it silent. Run one rule's examples with `pytest -k <rule-name>`.
"""

from __future__ import annotations

import pytest
from helpers import diff_lint, lint, with_imports

from schemalint.catalog import CatalogEntry, Example, load_catalog
from schemalint.rules import get_rule


def _cases() -> list[object]:
    cases = []
    for entry in load_catalog():
        for kind, examples in (("bad", entry.bad), ("good", entry.good)):
            for number, example in enumerate(examples, 1):
                cases.append(pytest.param(entry, kind, example, id=f"{entry.name}::{kind}::{number}"))
    return cases


def test_every_catalog_entry_has_a_registered_rule() -> None:
    assert [entry.name for entry in load_catalog() if get_rule(entry.name) is None] == []


@pytest.mark.parametrize(("entry", "kind", "example"), _cases())
def test_catalog_example(entry: CatalogEntry, kind: str, example: Example) -> None:
    options = {entry.name: example.options} if example.options else None
    files = {f"convex/{path}": code for path, code in example.functions.items()}
    if example.before is not None:
        diagnostics = diff_lint(example.before, example.source, options=options, files_after=files)
        shown = f"{with_imports(example.before) if example.before else '(no schema)'}\n--- after ---\n"
    else:
        diagnostics = lint(example.source, options=options, files=files)
        shown = ""
    own = [d for d in diagnostics if d.rule == entry.name]
    listing = "\n".join(
        f"  {d.span.line}:{d.span.column} {d.code} [{d.rule}] {d.message}" for d in diagnostics
    )
    context = (
        f"\n--- {kind} example ---\n{shown}{with_imports(example.source)}\n"
        f"--- found ---\n{listing or '  (nothing)'}"
    )
    if kind == "bad":
        assert own, f"{entry.name} did not fire on a bad example:{context}"
    else:
        assert not own, f"{entry.name} fired on a good example:{context}"


def _all_examples() -> list[object]:
    return [
        pytest.param(entry, kind, example, id=f"{entry.name}::{kind}::{number}")
        for entry in load_catalog()
        for kind, examples in (("bad", entry.bad), ("good", entry.good))
        for number, example in enumerate(examples, 1)
    ]


@pytest.mark.parametrize(("entry", "kind", "example"), _all_examples())
def test_catalog_example_is_readable_schema_source(entry: CatalogEntry, kind: str, example: Example) -> None:
    """Examples are syntactically valid, and good ones evaluate completely, so that an example
    of a rule not implemented yet already tests the right thing."""
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
