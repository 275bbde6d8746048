"""A string literal's span, computed on demand from its offsets, is the span of its node."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemalint.parser.source import load_source

TEXT = (
    'const a = "x";\r\nconst b = "é\\\r\n   ü" ;\rconst c = `t\n  ${"in"}`;\n'
    'const d = { "k\u2028": \'v\' }; // "ö"\n  const e = ["\u00e9\u00e9", "z"]\n'
)


@pytest.mark.parametrize("text", [TEXT, TEXT.encode("ascii", "replace").decode()], ids=["utf-8", "ascii"])
def test_byte_range_spans_are_node_spans(tmp_path: Path, text: str) -> None:
    path = tmp_path / "schema.ts"
    path.write_bytes(text.encode())
    source = load_source(path)
    assert source.tree is not None
    checked = 0
    stack = [source.tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        assert source.byte_range_span(node.start_byte, node.end_byte) == source.span(node), node
        checked += 1
    assert checked > 50
