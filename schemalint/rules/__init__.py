"""The rule registry: every module of this package except `base` defines exactly one rule.

Importing the package imports every rule module and checks, once, that each module holds one
`Rule` subclass named like the module (`reserved_name.py` ↔ `reserved-name`), and that codes and
names are well-formed and unique. A broken registry raises `RegistryError` at import time.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Sequence

from schemalint.rules.base import Rule, metadata_problems


class RegistryError(Exception):
    """The rule modules do not form a consistent registry; the message lists every problem."""


def _rule_in_module(module_name: str, problems: list[str]) -> type[Rule] | None:
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
    problems.extend(metadata_problems(rule))
    if getattr(rule, "name", "").replace("-", "_") != module_name:
        problems.append(
            f"{module.__name__}: rule {getattr(rule, 'name', '?')!r} is not named after its module"
        )
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


def _load() -> tuple[type[Rule], ...]:
    problems: list[str] = []
    rules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name == "base":
            continue
        rule = _rule_in_module(info.name, problems)
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
