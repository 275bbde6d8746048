"""The usage analysis finds the calls a tree-sitter query would match without compiling one,
in one order: by start, then end (nested calls starting at one place: the inner one first)."""

from __future__ import annotations

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser, Query, QueryCursor

from schemalint.parser import usage
from schemalint.parser.usage_chains import HELPER_INDEX_ARG

SOURCE = b"""
export const list = query({ handler: async (ctx, args) => {
  const a = await ctx.db.query("messages").withIndex("by_x", (q) => q.eq("x", 1)).collect();
  const b = await ctx.db.get(args.id);
  await ctx.db.patch(b._id, { n: "withIndex" }); // withIndex in a comment, query in a string
  const c = await getManyFrom(ctx.db, "messages", "by_y", args.id);
  return ctx.vectorSearch("messages", "by_v", { vector: [] }).then(x.querySomething());
}});
"""
# Two index calls starting where the chain starts (Convex rejects the chain; it is still read).
CHAINED = b'const r = ctx.db.query("my-table").withIndex("a").withSearchIndex("b", (q) => q);\n'
# Other calls starting at one place, outer ones named before inner ones in the method list.
STRINGS = b'const s = name.replace("a", "b").replace("c", "d").get("e").query("f");\n'
# What the analysis reads, as the query it once compiled (the reference here).
PATTERN = f"""
(call_expression function: (member_expression property: (property_identifier) @method
  (#any-of? @method {" ".join(f'"{m}"' for m in usage._METHODS)}))) @call
(call_expression function: (identifier) @helper
  (#any-of? @helper {" ".join(f'"{h}"' for h in HELPER_INDEX_ARG)})) @helper_call
"""
LANGUAGE = Language(tree_sitter_typescript.language_typescript())


def _root(data: bytes) -> Node:
    return Parser(LANGUAGE).parse(data).root_node


def _extents(nodes: list[Node]) -> list[tuple[int, int]]:
    return [(n.start_byte, n.end_byte) for n in nodes]


def test_the_calls_found_from_their_names_are_the_querys() -> None:
    query = Query(LANGUAGE, PATTERN)
    for data in (SOURCE, CHAINED, STRINGS):
        calls, helpers = usage._candidate_calls(data, _root(data))
        captures = QueryCursor(query).captures(_root(data))
        assert _extents(calls) == sorted(_extents(captures.get("call", [])))
        assert _extents(helpers) == sorted(_extents(captures.get("helper_call", [])))
    calls, helpers = usage._candidate_calls(SOURCE, _root(SOURCE))
    assert len(calls) == 5 and len(helpers) == 1


def test_calls_starting_at_one_place_are_read_inner_first_on_every_parse() -> None:
    for _ in range(3):
        calls, _helpers = usage._candidate_calls(CHAINED, _root(CHAINED))
        assert _extents(calls) == [(10, 34), (10, 49), (10, 80)]  # query, withIndex, withSearchIndex
        calls, _helpers = usage._candidate_calls(STRINGS, _root(STRINGS))
        assert [n.end_byte for n in calls] == sorted(n.end_byte for n in calls)
        assert len({n.start_byte for n in calls}) == 1 and len(calls) == 4


def _exported_function_by_parents(node: Node, text: object) -> str | None:
    """The reference: walk up `parent` by `parent` to the top-level statement."""
    current: Node | None = node
    while current is not None:
        parent = current.parent
        if parent is not None and parent.type == "program":
            if current.type == "export_statement":
                declaration = current.child_by_field_name("declaration")
                if declaration is not None:
                    for declarator in declaration.named_children:
                        name = declarator.child_by_field_name("name")
                        if name is not None and callable(text):
                            return str(text(name))
            return None
        current = parent
    return None


def test_the_exported_function_is_found_as_walking_up_finds_it() -> None:
    from pathlib import Path

    fixtures = Path(__file__).parent.parent / "fixtures"
    sources = [SOURCE, CHAINED, b"export const f = query(async (ctx) => ctx.db.get(x);\nexport { f as g };\n"]
    sources += [path.read_bytes() for path in sorted(fixtures.glob("functions-usage/convex/*.ts"))]
    checked = 0
    for data in sources:
        root = _root(data)

        def text(node: Node, data: bytes = data) -> str:
            return data[node.start_byte : node.end_byte].decode()

        stack = [root]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if node.type == "call_expression":
                assert usage._exported_function(node, root, text) == _exported_function_by_parents(node, text)
                checked += 1
    assert checked > 20
