"""`export_text.table_text` writes exactly what `json.dumps(export.table_json(table))` writes, or
raises what `table_json` raises, or leaves the table to it (`Unusual`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemalint import export
from schemalint.discovery import discover
from schemalint.export_text import Unusual, table_text
from schemalint.ir import (
    DbIndex,
    Field,
    Schema,
    SearchIndex,
    Table,
    Validator,
    VAny,
    VArray,
    VBoolean,
    VBytes,
    VCommitTs,
    VectorIndex,
    VFloat64,
    VFunction,
    VId,
    VInt64,
    VLiteral,
    VNull,
    VObject,
    VRecord,
    VString,
    VUnion,
    VUnknown,
)
from schemalint.parser import parse_project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INDENTS = (None, 0, 2, 4)


def _outcome(write: Callable[..., str], *args: object) -> str:
    """What a writer gives: its text, or the error it raises."""
    try:
        return write(*args)
    except ValueError as exc:  # ExportError, or a number JSON cannot hold
        return f"{type(exc).__name__}: {exc}"


def _dict_text(table: Table, indent: int | None, depth: int) -> str:
    return export._dumps(export.table_json(table), indent, depth)


def _assert_same(table: Table, depth: int = 2) -> None:
    for indent in INDENTS:
        expected = _outcome(_dict_text, table, indent, depth)
        try:
            actual = _outcome(table_text, table, indent, depth)
        except Unusual:
            continue  # left to the dict writer, which gives `expected`
        assert actual == expected, f"indent={indent}"


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if (p / "convex").is_dir()))
def test_every_fixture_table_is_written_as_json_dumps_writes_it(fixture: str) -> None:
    schema = parse_project(discover(FIXTURES / fixture)).schema
    for table in schema.tables if schema is not None else ():
        _assert_same(table)


def _table(document: Validator, **more: object) -> Table:
    return Table(name="t", document=document, **more)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value, value_type",
    [
        (2**63, "bigint"),
        (-(2**63), "bigint"),
        (float("nan"), "number"),
        (float("-inf"), "number"),
        (-0.0, "number"),
        (2.0**60, "number"),
        (1e21, "number"),
        (0.1, "number"),
        (7, "number"),
        ('é\u2028"\\\n\x00 \ud800', "string"),
        (True, "boolean"),
        ("an object", "unsupported"),
    ],
    ids=repr,
)
def test_literals_of_every_kind(value: object, value_type: str) -> None:
    literal = VLiteral(value=value, value_type=value_type)  # type: ignore[arg-type]
    _assert_same(_table(VObject(fields=(Field(name="f", validator=literal),))))


def test_records_with_optional_parts_raise_export_error() -> None:
    record = VRecord(keys=VString(optional=True), values=VString())
    with pytest.raises(export.ExportError):
        table_text(_table(VObject(fields=(Field(name="r", validator=record),))), 2, 2)
    _assert_same(_table(record))


@pytest.mark.parametrize(
    "dimensions", [768, 768.0, 1e300, 2.0**60, None, True, "768", float("inf")], ids=repr
)
def test_vector_index_dimensions(dimensions: object) -> None:
    index = VectorIndex(name="v", vector_field="e", dimensions=dimensions, filter_fields=("a",))  # type: ignore[arg-type]
    staged = VectorIndex(name="w", vector_field="e", dimensions=3, filter_fields=(), staged=True)
    _assert_same(_table(VAny(), vector_indexes=(index, staged)))


_NAMES = st.text(max_size=6) | st.sampled_from(["_id", "a\ud800", "\u2028", 'q"'])
_SIMPLE = st.sampled_from([VString, VFloat64, VInt64, VBoolean, VNull, VBytes, VAny, VCommitTs])
_LITERALS = (
    st.builds(VLiteral, value=st.text(max_size=4), value_type=st.just("string"))
    | st.builds(VLiteral, value=st.floats(), value_type=st.just("number"))
    | st.builds(VLiteral, value=st.integers(-(2**64), 2**64), value_type=st.just("bigint"))
    | st.builds(VLiteral, value=st.booleans(), value_type=st.just("boolean"))
)
_LEAVES = (
    st.builds(lambda kind, optional: kind(optional=optional), _SIMPLE, st.booleans())
    | st.builds(VId, table_name=_NAMES, optional=st.booleans())
    | st.builds(VUnknown, reason=st.just("?"))
    | _LITERALS
)


def _nested(children: st.SearchStrategy[Validator]) -> st.SearchStrategy[Validator]:
    fields = st.lists(st.builds(Field, name=_NAMES, validator=children), max_size=3)
    return (
        st.builds(VArray, element=children, optional=st.booleans())
        | st.builds(lambda fs: VObject(fields=tuple(fs)), fields)
        | st.builds(VRecord, keys=children, values=children)
        | st.builds(lambda ms: VUnion(members=tuple(ms)), st.lists(children, max_size=3))
        | st.builds(
            VFunction,
            fn_type=st.none() | st.sampled_from(["query", "mutation"]),
            args=st.none() | children,
            returns=st.none() | children,
        )
    )


_VALIDATORS = st.recursive(_LEAVES, _nested, max_leaves=12)
_INDEX_FIELDS = st.lists(_NAMES, max_size=3).map(tuple)


# A fortieth of the profile's examples (50 in CI, ~1 s); 20,000 passed when it was written.
@settings(max_examples=max(10, settings.default.max_examples // 40))
@given(
    document=_VALIDATORS,
    staged_document=st.none() | _VALIDATORS,
    indexes=st.lists(st.builds(DbIndex, name=_NAMES, fields=_INDEX_FIELDS, staged=st.booleans()), max_size=2),
    search=st.lists(
        st.builds(
            SearchIndex, name=_NAMES, search_field=_NAMES, filter_fields=_INDEX_FIELDS, staged=st.booleans()
        ),
        max_size=2,
    ),
    depth=st.integers(0, 3),
)
def test_any_table_is_written_as_json_dumps_writes_it(
    document: Validator,
    staged_document: Validator | None,
    indexes: list[DbIndex],
    search: list[SearchIndex],
    depth: int,
) -> None:
    table = Table(
        name="t\u2028",
        document=document,
        staged_document=staged_document,
        indexes=tuple(indexes),
        search_indexes=tuple(search),
    )
    _assert_same(table, depth)


def test_a_table_the_writer_leaves_is_exported_through_its_dict() -> None:
    repeated = VObject(fields=(Field(name="a", validator=VString()), Field(name="a", validator=VNull())))
    with pytest.raises(Unusual):
        table_text(_table(repeated), None, 2)
    schema = Schema(tables=(_table(VObject(fields=())), Table(name="u", document=repeated)))
    for indent in INDENTS:
        whole = json.dumps(export.schema_json(schema), indent=indent, ensure_ascii=False, allow_nan=False)
        assert export.dumps(schema, indent=indent) == whole
