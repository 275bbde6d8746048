"""The TypeScript grammars are loaded without the package's `__init__`, or else through it."""

from __future__ import annotations

import sys

import pytest
import tree_sitter_typescript
from tree_sitter import Language

from schemalint.parser import grammars

SOURCE = b"export default defineSchema({ users: defineTable({ name: v.string() }) });\n"


def _same_grammar(loaded: object, tsx: bool) -> bool:
    from tree_sitter import Parser

    expected = tree_sitter_typescript.language_tsx() if tsx else tree_sitter_typescript.language_typescript()
    ours = (
        grammars.language(tsx)
        if loaded is None
        else getattr(loaded, "language_tsx" if tsx else "language_typescript")()
    )
    tree = Parser(Language(ours)).parse(SOURCE)
    return Language(ours) == Language(expected) and str(tree.root_node) == str(
        Parser(Language(expected)).parse(SOURCE).root_node
    )


def test_the_binding_alone_is_the_packages_grammar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, grammars.PACKAGE)
    monkeypatch.delitem(sys.modules, grammars.BINDING, raising=False)
    module = grammars._binding_alone()
    assert module is not None
    assert grammars.PACKAGE not in sys.modules  # the package's `__init__` did not run
    assert sys.modules[grammars.BINDING] is module  # the result cache notes the installed file
    assert "tree_sitter_typescript" in str(getattr(module, "__file__", ""))
    for tsx in (False, True):
        assert _same_grammar(module, tsx)


def test_an_unexpected_layout_falls_back_to_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, grammars.PACKAGE)
    monkeypatch.delitem(sys.modules, grammars.BINDING, raising=False)

    class NothingFound:
        @staticmethod
        def find_spec(name: str, path: object = None) -> None:
            return None

    monkeypatch.setattr(grammars, "PathFinder", NothingFound)
    assert grammars._binding_alone() is None
    monkeypatch.setattr(grammars, "grammars", grammars.grammars.__wrapped__)  # uncached
    assert grammars.grammars() is sys.modules[grammars.PACKAGE]  # imported the usual way
    for tsx in (False, True):
        assert _same_grammar(None, tsx)
