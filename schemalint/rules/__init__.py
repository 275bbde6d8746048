"""The rule registry: every module of this package except `base` defines exactly one rule.

Importing the package imports every rule module and checks, once, that each module holds one
`Rule` subclass, with its catalog file beside it (`reserved_name.py` ↔ `reserved_name.yaml`,
rule `reserved-name`), whose metadata it sets on the class; codes and names must be well-formed
and unique. A broken registry raises `RegistryError` at import time.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schemalint.rules.base import METADATA_ATTRIBUTES, Rule


class RegistryError(Exception):
    """The rule modules do not form a consistent registry; the message lists every problem."""


def _rule_in_module(
    module_name: str, documents: dict[Path, dict[str, Any]], problems: list[str]
) -> type[Rule] | None:
    from schemalint.catalog_files import CatalogError, rule_metadata

    module = importlib.import_module(f"{__name__}.{module_name}")
    found = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, Rule)
        and obj is not Rule
        and obj.__module__ == module.__name__
    ]
    if len(found) != 1:
        problems.append(f"{module.__name__}: defines {len(found)} rules, expected exactly one")
        return None
    rule = found[0]
    in_python = [attribute for attribute in METADATA_ATTRIBUTES if attribute in vars(rule)]
    if in_python and "_catalog_file" not in vars(rule):
        problems.append(
            f"{module.__name__}: sets {', '.join(in_python)} in Python; a rule's metadata lives "
            f"only in its catalog file {module_name}.yaml"
        )
        return None
    path = next((p for p in documents if p.stem == module_name), None)
    if path is None:
        problems.append(f"{module.__name__}: no catalog file {module_name}.yaml beside it")
        return None
    try:
        metadata = rule_metadata(path, documents[path])
    except CatalogError as exc:
        problems.append(str(exc))
        return None
    for attribute in METADATA_ATTRIBUTES:
        setattr(rule, attribute, getattr(metadata, attribute))
    rule._catalog_file = path
    return rule


def duplicate_problems(rules: Sequence[type[Rule]]) -> list[str]:
    """Codes or names used by more than one of `rules`."""
    problems: list[str] = []
    for attribute in ("code", "name"):
        seen: dict[str, str] = {}
        for rule in rules:
            value = getattr(rule, attribute, None)
            if not isinstance(value, str):
                continue
            if value in seen:
                problems.append(f"{attribute} {value!r} used by both {seen[value]} and {rule.__name__}")
            seen[value] = rule.__name__
    return problems


def _module_names(directories: Sequence[str]) -> set[str]:
    """The modules and packages directly in `directories`, as `pkgutil.iter_modules` lists them
    (without importing pkgutil and importlib.util at every start)."""
    names: set[str] = set()
    for directory in directories:
        try:
            entries = os.listdir(directory)
        except OSError:
            continue
        for entry in entries:
            name = inspect.getmodulename(entry)
            if name is None and "." not in entry and _is_package(os.path.join(directory, entry)):
                name = entry
            if name and name != "__init__" and "." not in name:
                names.add(name)
    return names


def _is_package(path: str) -> bool:
    try:
        return any(inspect.getmodulename(entry) == "__init__" for entry in os.listdir(path))
    except OSError:
        return False


def _load() -> tuple[type[Rule], ...]:
    from schemalint.catalog_files import CatalogError, catalog_documents

    problems: list[str] = []
    rules = []
    try:
        documents = catalog_documents()
    except CatalogError as exc:
        raise RegistryError(f"invalid rule registry:\n  {exc}") from None
    modules = _module_names(__path__) - {"base"}
    problems.extend(
        f"{path.name}: a catalog file without a rule module {path.stem}.py"
        for path in documents
        if path.stem not in modules
    )
    for module_name in sorted(modules):
        rule = _rule_in_module(module_name, documents, problems)
        if rule is not None:
            rules.append(rule)
    problems.extend(duplicate_problems(rules))
    if problems:
        raise RegistryError("invalid rule registry:\n  " + "\n  ".join(problems))
    return tuple(sorted(rules, key=lambda r: r.code))


RULES: tuple[type[Rule], ...] = _load()
"""Every registered rule, ordered by code."""

_BY_KEY: dict[str, type[Rule]] = {
    **{rule.code: rule for rule in RULES},
    **{rule.name: rule for rule in RULES},
}


def get_rule(key: str) -> type[Rule] | None:
    """The rule whose code (any case) or name is `key`, if one is registered."""
    return _BY_KEY.get(key) or _BY_KEY.get(key.upper())
