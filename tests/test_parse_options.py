"""`parse_project(descriptions=False)` (what `export` runs) reads the same project, without the
comments that describe tables and fields."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from schemalint import export
from schemalint.discovery import discover
from schemalint.parser import parse_project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _without_docs(value: object) -> object:
    """`value` with every `doc` of the dataclasses it holds set to None."""
    if isinstance(value, tuple):
        return tuple(_without_docs(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _without_docs(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        if "doc" in changes:
            changes["doc"] = None
        return dataclasses.replace(value, **changes)
    return value


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if (p / "convex").is_dir()))
def test_a_parse_without_descriptions_differs_only_by_the_docs(fixture: str) -> None:
    layout = discover(FIXTURES / fixture)
    described = parse_project(layout)
    plain = parse_project(layout, descriptions=False)
    assert plain.diagnostics == described.diagnostics
    assert plain.files == described.files
    if described.schema is None:
        assert plain.schema is None
        return
    assert plain.schema is not None
    assert _without_docs(plain.schema) == plain.schema  # no doc anywhere
    assert plain.schema == _without_docs(described.schema)
    assert export.dumps(plain.schema) == export.dumps(described.schema)


def test_fixtures_with_descriptions_are_among_them() -> None:
    schema = parse_project(discover(FIXTURES / "docs-edge-cases")).schema
    assert schema is not None and any(table.doc for table in schema.tables)
