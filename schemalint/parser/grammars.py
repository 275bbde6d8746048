"""The compiled TypeScript and TSX grammars of the `tree-sitter-typescript` package.

The package's `__init__` imports `importlib.resources` (and through it `tempfile`, `shutil`,
`random`, `bz2`, `lzma`, ...) only to serve its query files, which schemalint never reads: about
13 M instructions, some 3% of a seed-sized `check`. So the compiled extension module next to it
(`tree_sitter_typescript._binding`, which is all the package's `language_typescript` and
`language_tsx` are) is loaded by itself, with the import system's public API, and registered in
`sys.modules` under its own name (the result cache finds the installed grammar there). Anything
unexpected (another layout, a missing or failing module) falls back to importing the package.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib.machinery import ExtensionFileLoader, PathFinder
from types import ModuleType
from typing import Protocol, cast

PACKAGE = "tree_sitter_typescript"
BINDING = f"{PACKAGE}._binding"


class Grammars(Protocol):
    """What schemalint reads from the package: the two language pointers."""

    def language_typescript(self) -> object: ...

    def language_tsx(self) -> object: ...


@cache
def grammars() -> Grammars:
    """The module providing `language_typescript()` and `language_tsx()`."""
    return _binding_alone() or _package()


def language(tsx: bool) -> object:
    """The grammar pointer for `tree_sitter.Language(...)`: TSX's or TypeScript's."""
    module = grammars()
    return module.language_tsx() if tsx else module.language_typescript()


def _package() -> Grammars:
    import tree_sitter_typescript

    return cast(Grammars, tree_sitter_typescript)


def _binding_alone() -> Grammars | None:
    """The extension module loaded without its package's `__init__` (None when this cannot be
    done safely: the caller then imports the package)."""
    for name in (PACKAGE, BINDING):  # already imported (by a test, a plug-in): use that
        module = sys.modules.get(name)
        if module is not None and _provides_languages(module):
            return cast(Grammars, module)
    try:
        package = PathFinder.find_spec(PACKAGE)
        locations = None if package is None else package.submodule_search_locations
        if not locations:
            return None
        spec = PathFinder.find_spec(BINDING, list(locations))
        if spec is None or not isinstance(spec.loader, ExtensionFileLoader):
            return None
        module = spec.loader.create_module(spec)
        if not isinstance(module, ModuleType):
            return None
        for attribute, value in (("__spec__", spec), ("__loader__", spec.loader), ("__file__", spec.origin)):
            setattr(module, attribute, value)
        module.__package__ = PACKAGE
        spec.loader.exec_module(module)
    except (ImportError, OSError, AttributeError, TypeError, ValueError):
        return None
    if not _provides_languages(module):
        return None
    sys.modules.setdefault(BINDING, module)
    return cast(Grammars, module)


def _provides_languages(module: ModuleType) -> bool:
    return callable(getattr(module, "language_typescript", None)) and callable(
        getattr(module, "language_tsx", None)
    )
