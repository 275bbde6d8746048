"""The usage analysis finds the calls its tree-sitter query matches without compiling the query."""

from __future__ import annotations

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser, QueryCursor

from schemalint.parser import usage

SOURCE = b"""
export const list = query({ handler: async (ctx, args) => {
  const a = await ctx.db.query("messages").withIndex("by_x", (q) => q.eq("x", 1)).collect();
  const b = await ctx.db.get(args.id);
  await ctx.db.patch(b._id, { n: "withIndex" }); // withIndex in a comment, query in a string
  const c = await getManyFrom(ctx.db, "messages", "by_y", args.id);
  return ctx.vectorSearch("messages", "by_v", { vector: [] }).then(x.querySomething());
}});
"""
# Two index calls starting where the chain starts: read in the query's own order.
CHAINED = b'const r = ctx.db.query("my-table").withIndex("a").withSearchIndex("b", (q) => q);\n'


def _by_query(data: bytes) -> tuple[list[int], list[int]]:
    tree = Parser(Language(tree_sitter_typescript.language_typescript())).parse(data)
    captures = QueryCursor(usage._query(False)).captures(tree.root_node)
    calls = sorted(captures.get("call", []), key=lambda n: n.start_byte)
    return [n.start_byte for n in calls], [n.start_byte for n in captures.get("helper_call", [])]


def _found(data: bytes) -> tuple[list[Node], list[Node]]:
    tree = Parser(Language(tree_sitter_typescript.language_typescript())).parse(data)
    return usage._candidate_calls(data, tree.root_node, False)


def _query_uses() -> int:
    info = usage._query.cache_info()
    return info.hits + info.misses


def test_the_calls_found_from_their_names_are_the_querys() -> None:
    uses = _query_uses()
    calls, helpers = _found(SOURCE)
    assert _query_uses() == uses  # found without the query
    assert ([n.start_byte for n in calls], [n.start_byte for n in helpers]) == _by_query(SOURCE)
    methods = [usage._method_of(SOURCE, n) for n in calls]
    assert sorted(methods) == sorted([b"query", b"withIndex", b"get", b"patch", b"vectorSearch"])
    assert len(helpers) == 1


def test_index_calls_starting_at_one_place_are_left_to_the_query() -> None:
    # the query's order of such calls is its own (it may differ between two parses of a file)
    uses = _query_uses()
    calls, _ = _found(CHAINED)
    assert _query_uses() == uses + 1
    assert sorted((n.start_byte, n.end_byte) for n in calls) == [(10, 34), (10, 49), (10, 80)]
