"""Spans are packed integers: they keep their five values exactly, whatever the values."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from schemalint.parser.source import load_source
from schemalint.span import POSITION_LIMIT, Span

VALUES = [
    ("/p/convex/schema.ts", 1, 1, 1, 1),
    ("/p/convex/schema.ts", 12, 3, 14, 80),
    ("", 0, 0, 0, 0),
    ("/p/é.ts", POSITION_LIMIT - 1, POSITION_LIMIT - 1, POSITION_LIMIT - 1, POSITION_LIMIT - 1),
    # Positions that do not fit in the packed form are kept whole.
    ("/p/big.json", POSITION_LIMIT, 2, POSITION_LIMIT + 5, 10**30),
    ("/p/odd.ts", -1, 0, 3, -7),
]


@pytest.mark.parametrize("values", VALUES)
def test_a_span_gives_back_its_values(values: tuple[str, int, int, int, int]) -> None:
    span = Span(*values)
    assert (span.file, span.line, span.column, span.end_line, span.end_column) == values
    assert span.as_tuple() == values
    assert span == Span(*values) and hash(span) == hash(Span(*values))
    assert span
    assert str(span) == f"{values[0]}:{values[1]}:{values[2]}"
    assert f"{span}" == str(span)
    assert repr(span) == (
        f"Span(file={values[0]!r}, line={values[1]}, column={values[2]}, "
        f"end_line={values[3]}, end_column={values[4]})"
    )
    assert copy.deepcopy(span) == span
    assert pickle.loads(pickle.dumps(span)) == span


def test_spans_differ_when_any_value_differs() -> None:
    spans = {Span(*values) for values in VALUES}
    spans |= {Span("/p/convex/schema.ts", 12, 3, 14, 81), Span("/p/convex/other.ts", 12, 3, 14, 80)}
    assert len(spans) == len(VALUES) + 2


def test_spans_are_ordered_as_tuples() -> None:
    spans = [Span(*values) for values in VALUES]
    spans.append(Span("/a.ts", 99, 1, 99, 2))  # numbered last, sorted first
    assert [s.as_tuple() for s in sorted(spans)] == sorted(s.as_tuple() for s in spans)


def test_source_spans_equal_spans_built_from_their_values(tmp_path: Path) -> None:
    path = tmp_path / "schema.ts"
    path.write_text('const a = { b: "x",\n  c: [1, 2] };\nconst d = "é" + `${a}`;\n', encoding="utf-8")
    source = load_source(path)
    assert source.tree is not None
    stack = [source.tree.root_node]
    while stack:
        node = stack.pop()
        span = source.span(node)
        (row, _), (end_row, _) = node.start_point, node.end_point
        assert (span.file, span.line, span.end_line) == (str(path), row + 1, end_row + 1)
        assert span == Span(*span.as_tuple())
        stack.extend(node.children)


def test_span_through_joins_a_start_and_an_end_as_the_constructor_does() -> None:
    from schemalint.span import span_through

    wide = 2**27 + 5  # beyond a packed field: the span is kept whole
    spans = [
        Span("a.ts", 3, 7, 3, 12),
        Span("a.ts", 9, 1, 11, 2),
        Span("b.ts", 1, 1, 1, 4),
        Span("a.ts", wide, 2, wide, 9),
        Span("a.ts", 4, 2, 5, wide),
        *(Span(*values) for values in VALUES),
    ]
    for start in spans:
        for end in spans:
            joined = span_through(start, end)
            assert joined == Span(end.file, start.line, start.column, end.end_line, end.end_column)
            assert joined.as_tuple() == (end.file, start.line, start.column, end.end_line, end.end_column)
