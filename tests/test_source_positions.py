"""Source positions: columns count characters, and computing them stays linear on long lines."""

from __future__ import annotations

import time
from pathlib import Path

from schemalint.parser.source import load_source


def _identifier_columns(path: Path) -> list[tuple[str, int, int]]:
    source = load_source(path)
    assert source.tree is not None
    found = []
    stack = [source.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in ("identifier", "property_identifier"):
            span = source.span(node)
            found.append((source.text(node), span.column, span.end_column))
        stack.extend(reversed(node.children))
    return found


def test_columns_count_characters_of_every_utf8_length(tmp_path: Path) -> None:
    path = tmp_path / "schema.ts"
    path.write_text('const a = "é中😀"; const b = { c: "x" };\n', encoding="utf-8")
    line = path.read_text(encoding="utf-8").rstrip("\n")
    expected = [(name[0], line.index(name) + 1, line.index(name) + 2) for name in ("a =", "b =", "c:")]
    assert _identifier_columns(path) == expected


def test_one_long_non_ascii_line_is_positioned_in_linear_time(tmp_path: Path) -> None:
    # One `é` used to make every span decode its line prefix again: quadratic on a one-line file.
    path = tmp_path / "schema.ts"
    keys = ", ".join(f"k{i}: {i}" for i in range(60_000))
    path.write_text(f'const e = "é"; const o = {{ {keys} }};\n', encoding="utf-8")
    # CPU time, not wall time: a busy machine must not fail it (linear is ~1 s; quadratic, minutes).
    started = time.process_time()
    columns = _identifier_columns(path)
    elapsed = time.process_time() - started
    assert len(columns) == 60_002
    assert columns[-1][0] == "k59999"
    assert columns[-1][1] == path.read_text(encoding="utf-8").index("k59999") + 1
    assert elapsed < 3.0, f"{elapsed:.2f}s of CPU for 60,000 spans on one line"


def test_unparsable_type_constructs_are_blanked_out_only_in_code() -> None:
    from schemalint.parser.source import _parser
    from schemalint.parser.syntax import neutralise_unparsable_types

    source = (
        b'const s = "import(\\"a\\").B<c>"; // export type * from "x"\n'
        b'export type * from "./t";\n'
        b'type Q = import("./a").T<Array<() => void>>;\n'
    )
    blanked, stars = neutralise_unparsable_types(source, _parser(False).parse(source).root_node)
    assert len(blanked) == len(source)
    assert blanked.splitlines() == [
        source.splitlines()[0],
        b'export type {}from "./t";',
        b"type Q = any" + b" " * (len(b'import("./a").T<Array<() => void>>') - len(b"any")) + b";",
    ]
    assert stars == {source.index(b"\nexport type *") + 1}
    assert not _parser(False).parse(blanked).root_node.has_error


def test_field_ids_name_the_same_fields_in_typescript_and_tsx(tmp_path: Path) -> None:
    # The two grammars number their fields differently; each file reads its own grammar's ids.
    for suffix in (".ts", ".tsx"):
        path = tmp_path / f"schema{suffix}"
        path.write_text("const t = { k: v.string() };\n", encoding="utf-8")
        source = load_source(path)
        assert source.tree is not None
        obj = source.tree.root_node.named_children[0].named_children[0].child_by_field_name("value")
        assert obj is not None
        pair = obj.named_children[0]
        value = pair.child_by_field_id(source.fields.value)
        assert value is not None
        member = value.child_by_field_id(source.fields.function)
        assert member is not None
        names = {
            "key": pair.child_by_field_id(source.fields.key),
            "object": member.child_by_field_id(source.fields.object),
            "property": member.child_by_field_id(source.fields.property),
            "arguments": value.child_by_field_id(source.fields.arguments),
        }
        assert {k: n.type if n is not None else None for k, n in names.items()} == {
            "key": "property_identifier",
            "object": "identifier",
            "property": "property_identifier",
            "arguments": "arguments",
        }


_PAIRS_SOURCE = """\
const t = {
  a: v.string(), // after
  /* before */ "b": v.optional(v.id("x")),
  c /* inside */ : [1, 2],
  [d]: { e: v.number(), ...f, g, h() {} },
  i: [, "j", /* k */ ...l, ],
  7: v.object({}) /* trailing */ ,
};
"""


def _pairs(source_path: Path) -> tuple[object, list[object]]:
    source = load_source(source_path)
    assert source.tree is not None
    pairs = []
    stack = [source.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "pair":
            pairs.append(node)
        stack.extend(node.children)
    return source, pairs


def test_node_kinds_match_node_types_in_typescript_and_tsx(tmp_path: Path) -> None:
    for suffix in (".ts", ".tsx"):
        path = tmp_path / f"schema{suffix}"
        path.write_text(_PAIRS_SOURCE, encoding="utf-8")
        source = load_source(path)
        assert source.tree is not None
        seen = set()
        stack = [source.tree.root_node]
        while stack:
            node = stack.pop()
            seen.add(node.kind_id)
            for name, kind_id in source.kinds._asdict().items():
                token = {"comma": ",", "close_bracket": "]"}.get(name)
                expected = node.type == token and not node.is_named if token else node.type == name and node.is_named
                assert (node.kind_id == kind_id) == expected, (name, node)
            stack.extend(node.children)
        assert seen.issuperset(source.kinds)  # each kind was compared where it occurs


def test_key_and_pair_spans_are_the_spans_of_key_and_pair(tmp_path: Path) -> None:
    # Three points instead of four on an error-free ASCII tree; the plain spans elsewhere.
    texts = {
        "clean.ts": _PAIRS_SOURCE,
        "non_ascii.ts": _PAIRS_SOURCE.replace("// after", "// après"),
        "broken.ts": _PAIRS_SOURCE.replace("[1, 2]", "[1, 2 3 +"),
    }
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        source, pairs = _pairs(path)
        assert pairs, name
        for pair in pairs:
            key = pair.child_by_field_name("key")
            value = pair.child_by_field_name("value")
            assert key is not None and value is not None
            assert source.key_and_pair_spans(pair, key, value) == (source.span(key), source.span(pair))


def test_method_span_runs_from_the_method_name_to_the_end_of_the_call(tmp_path: Path) -> None:
    from schemalint.diagnostics import Span
    from schemalint.parser.values import CallSite

    path = tmp_path / "schema.ts"
    path.write_text('const t = defineTable({ a: v.string() })\n  .index("by_a", ["a"]);\n', encoding="utf-8")
    source, _ = _pairs(path)
    assert source.tree is not None
    call = source.tree.root_node.named_children[0].named_children[0].child_by_field_name("value")
    assert call is not None and call.type == "call_expression"
    member = call.child_by_field_id(source.fields.function)
    assert member is not None
    name = member.child_by_field_id(source.fields.property)
    assert name is not None
    start = source.span(name)
    other_file = Span("elsewhere.ts", 1, 1, 9, 9)
    wide = Span(source.path, 1, 1, 2**27, 5)  # beyond the packed fields: kept whole
    for end in (source.span(call), other_file, wide):
        expected = Span(end.file, start.line, start.column, end.end_line, end.end_column)
        method_span = CallSite(end, [], source, member).method_span
        assert method_span == expected
        assert method_span is not None
        fields = (method_span.file, method_span.line, method_span.column, method_span.end_column)
        assert fields == (end.file, 2, 4, end.end_column)  # `index` starts line 2, column 4
