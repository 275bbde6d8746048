"""The rule registry: every module of this package except `base` defines exactly one rule.

Importing the package reads the catalog files (`reserved_name.yaml`, rule `reserved-name`, beside
`reserved_name.py`) into `SPECS`, one `RuleSpec` per rule: its metadata, checked to be
well-formed and unique, with a module for each catalog file and a catalog file for each module.
A rule's module is imported only when the rule is needed (`RuleSpec.load`, `get_rule`): a
`check` imports the modules of the rules it runs, not those of `schemalint diff` or of rules in
preview. Loading checks that the module holds exactly one `Rule` subclass that sets no metadata
itself, and sets the catalog's metadata on it. `RULES`, every rule class, imports and checks
every module on first use. A broken registry raises `RegistryError`: a catalog problem on import,
a module problem when that module is loaded.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemalint.catalog_files import RuleMetadata
from schemalint.records import dataclass
from schemalint.rules.base import METADATA_ATTRIBUTES, OptionValue, Rule

if TYPE_CHECKING:
    RULES: tuple[type[Rule], ...]
    """Every registered rule, ordered by code (each module imported on first use)."""


class RegistryError(Exception):
    """The rule modules do not form a consistent registry; the message lists every problem."""


@dataclass(frozen=True)
class RuleSpec(RuleMetadata):
    """A registered rule as its catalog file describes it, before its module is imported."""

    module: str
    catalog_file: Path

    @property
    def compares_versions(self) -> bool:
        """Whether the rule compares the project with a baseline (`schemalint diff`): the C7xx
        rules, whose classes say so too (`Rule.compares_versions`, checked when loaded)."""
        return self.code.startswith("C")

    def default_options(self) -> dict[str, OptionValue]:
        """The rule's options with their default values."""
        return {option.name: option.default for option in self.options}

    def load(self) -> type[Rule]:
        """The rule's class, its module imported and checked on first use (RegistryError)."""
        rule = _LOADED.get(self.module)
        if rule is None:
            problems: list[str] = []
            rule = _rule_in_module(self, problems)
            if rule is None:
                raise RegistryError("invalid rule registry:\n  " + "\n  ".join(problems))
            _LOADED[self.module] = rule
        return rule


def _rule_in_module(spec: RuleSpec, problems: list[str]) -> type[Rule] | None:
    module = importlib.import_module(f"{__name__}.{spec.module}")
    found = [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type)  # inspect.isclass
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
            f"only in its catalog file {spec.module}.yaml"
        )
        return None
    if rule.compares_versions != spec.compares_versions:
        problems.append(
            f"{module.__name__}: compares_versions must be True exactly for the C7xx rules ({spec.code})"
        )
        return None
    for attribute in METADATA_ATTRIBUTES:
        setattr(rule, attribute, getattr(spec, attribute))
    rule._catalog_file = spec.catalog_file
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
    suffixes = _module_suffixes()
    endings = tuple(suffix for _, suffix in suffixes)
    names: set[str] = set()
    for directory in directories:
        try:
            entries = os.listdir(directory)
        except OSError:
            continue
        for entry in entries:
            name = _module_name(entry, suffixes) if entry.endswith(endings) else None
            if name is None and "." not in entry and _is_package(os.path.join(directory, entry), suffixes):
                name = entry
            if name and name != "__init__" and "." not in name:
                names.add(name)
    return names


def _module_suffixes() -> list[tuple[int, str]]:
    """The file name endings of modules, longest first, as `inspect.getmodulename` tries them."""
    from importlib.machinery import all_suffixes

    return sorted((-len(suffix), suffix) for suffix in all_suffixes())


def _module_name(file_name: str, suffixes: list[tuple[int, str]]) -> str | None:
    """`inspect.getmodulename(file_name)` with the suffixes computed once."""
    for negative_length, suffix in suffixes:
        if file_name.endswith(suffix):
            return file_name[:negative_length]
    return None


def _is_package(path: str, suffixes: list[tuple[int, str]]) -> bool:
    try:
        entries = os.listdir(path)
    except OSError:
        return False
    return any(
        entry.startswith("__init__.") and _module_name(entry, suffixes) == "__init__" for entry in entries
    )


def _specs() -> tuple[RuleSpec, ...]:
    from schemalint.catalog_files import RULES_DIR, CatalogError, documents_by_name, metadata_values

    problems: list[str] = []
    try:
        documents = documents_by_name(RULES_DIR, metadata_only=True)
    except CatalogError as exc:
        raise RegistryError(f"invalid rule registry:\n  {exc}") from None
    modules = _module_names(__path__) - {"base"}
    by_module = {_stem(name): name for name in documents}
    problems.extend(
        f"{name}: a catalog file without a rule module {stem}.py"
        for stem, name in ((_stem(name), name) for name in documents)
        if stem not in modules
    )
    specs: list[RuleSpec] = []
    for module_name in sorted(modules):
        name = by_module.get(module_name)
        if name is None:
            problems.append(f"{__name__}.{module_name}: no catalog file {module_name}.yaml beside it")
            continue
        path = RULES_DIR / name
        try:
            metadata = metadata_values(path, documents[name])
        except CatalogError as exc:
            problems.append(str(exc))
            continue
        specs.append(RuleSpec(*metadata, module=module_name, catalog_file=path))
    problems.extend(_duplicate_codes(specs))
    if problems:
        raise RegistryError("invalid rule registry:\n  " + "\n  ".join(problems))
    return tuple(sorted(specs, key=lambda s: s.code))


def _stem(file_name: str) -> str:
    """`Path(file_name).stem` (the name without its last suffix), without making a path."""
    dot = file_name.rfind(".")
    return file_name[:dot] if 0 < dot < len(file_name) - 1 else file_name


def _duplicate_codes(specs: Sequence[RuleSpec]) -> list[str]:
    """Codes given to more than one catalog file (names are unique: each is its file's name)."""
    seen: dict[str, str] = {}
    problems = []
    for spec in specs:
        if spec.code in seen:
            problems.append(f"code {spec.code!r} used by both {seen[spec.code]} and {spec.catalog_file.name}")
        seen[spec.code] = spec.catalog_file.name
    return problems


def _load() -> tuple[type[Rule], ...]:
    """Every rule's class, each module imported and checked anew (RegistryError lists every
    problem)."""
    problems: list[str] = []
    rules = []
    for spec in SPECS:
        rule = _rule_in_module(spec, problems)
        if rule is not None:
            rules.append(rule)
            _LOADED[spec.module] = rule
    problems.extend(duplicate_problems(rules))
    if problems:
        raise RegistryError("invalid rule registry:\n  " + "\n  ".join(problems))
    return tuple(rules)


_LOADED: dict[str, type[Rule]] = {}

SPECS: tuple[RuleSpec, ...] = _specs()
"""Every registered rule as its catalog file describes it, ordered by code."""

_BY_KEY: dict[str, RuleSpec] = {
    **{spec.code: spec for spec in SPECS},
    **{spec.name: spec for spec in SPECS},
}


def spec_for(key: str) -> RuleSpec | None:
    """The registered rule whose code (any case) or name is `key`, if any (nothing imported)."""
    return _BY_KEY.get(key) or _BY_KEY.get(key.upper())


def get_rule(key: str) -> type[Rule] | None:
    """The class of the rule whose code (any case) or name is `key`, if one is registered."""
    spec = spec_for(key)
    return spec.load() if spec is not None else None


def __getattr__(name: str) -> Any:
    if name == "RULES":  # computed once, on first use: it imports every rule module
        rules = _load()
        globals()["RULES"] = rules
        return rules
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
