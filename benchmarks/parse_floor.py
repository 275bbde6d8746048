"""The parse floor: a Python process that only imports tree-sitter and parses the given files.

    python benchmarks/parse_floor.py FILE [FILE ...]

`schemalint check` cannot be faster than this; the benchmarks report how close it gets.
Run as a script (not `-m`) so that nothing but tree-sitter is imported.
"""

from __future__ import annotations

import sys

import tree_sitter_typescript
from tree_sitter import Language, Parser


def main(paths: list[str]) -> int:
    """Parse every file; return the number of nodes in the parse trees' roots (to use the result)."""
    typescript = Parser(Language(tree_sitter_typescript.language_typescript()))
    tsx: Parser | None = None
    children = 0
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        if path.endswith((".tsx", ".jsx")):
            tsx = tsx or Parser(Language(tree_sitter_typescript.language_tsx()))
            tree = tsx.parse(data)
        else:
            tree = typescript.parse(data)
        children += tree.root_node.child_count
    return children


if __name__ == "__main__":
    main(sys.argv[1:])
