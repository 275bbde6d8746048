"""The rule catalog: `rules/<name>.yaml`, the only documentation of each rule.

Each entry has `code`, `name`, `severity`, `summary`, `rationale`, `options` (each with `name`,
`type`, `default`, `description`) and `examples: {bad: [...], good: [...]}`. An example is a
`convex/schema.ts` source, or a mapping `{source: ..., options: {...}}` when it needs options;
`functions: {path: code}` adds function modules (paths under `convex/`) for the Q6xx rules.
An example of a rule that compares versions (`schemalint diff`, C7xx) is a mapping with
`before` (the schema at the baseline; an empty string for "no schema yet") and `source` (the
schema now).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemalint.diagnostics import Severity
from schemalint.resources import data_dir
from schemalint.rules.base import OptionValue, Rule

ENTRY_KEYS = ("code", "name", "severity", "summary", "rationale", "options", "examples")
OPTION_KEYS = ("name", "type", "default", "description")


class CatalogError(Exception):
    """A catalog file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Example:
    """A schema snippet, with the rule options it must be linted with."""

    source: str
    options: Mapping[str, Any] = field(default_factory=dict)
    # For `schemalint diff` rules: the schema at the baseline ("" when it had none).
    before: str | None = None
    # For rules that read function code: function modules, by path under `convex/`.
    functions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CatalogOption:
    name: str
    type: str
    default: Any
    description: str


@dataclass(frozen=True)
class CatalogEntry:
    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    options: tuple[CatalogOption, ...]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    path: Path


def load_catalog(directory: Path | None = None) -> tuple[CatalogEntry, ...]:
    """Every entry of the catalog directory (the packaged `rules/` by default), by code."""
    folder = directory if directory is not None else data_dir("rules")
    entries = [load_entry(path) for path in sorted(folder.glob("*.yaml"))]
    seen: dict[str, Path] = {}
    for entry in entries:
        if entry.code in seen:
            raise CatalogError(f"{entry.path}: code {entry.code} is also used by {seen[entry.code]}")
        seen[entry.code] = entry.path
    return tuple(sorted(entries, key=lambda e: e.code))


def find_entry(entries: Iterable[CatalogEntry], key: str) -> CatalogEntry | None:
    """The entry whose code (any case) or name is `key`."""
    for entry in entries:
        if key in (entry.name, entry.code) or key.upper() == entry.code:
            return entry
    return None


def load_entry(path: Path) -> CatalogEntry:
    """One catalog file, validated."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: expected a mapping")
    unknown = sorted(set(data) - set(ENTRY_KEYS))
    missing = [key for key in ENTRY_KEYS if key not in data and key != "options"]
    if unknown or missing:
        raise CatalogError(f"{path}: unknown keys {unknown}, missing keys {missing}")
    text = {key: _text(data, key, path) for key in ("code", "name", "summary", "rationale")}
    if path.stem != text["name"]:
        raise CatalogError(f"{path}: file name must be the rule name {text['name']!r}")
    try:
        severity = Severity.parse(_text(data, "severity", path))
    except ValueError as exc:
        raise CatalogError(f"{path}: severity: {exc}") from None
    examples = data["examples"]
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise CatalogError(f"{path}: examples: expected a mapping with `bad` and `good` lists")
    return CatalogEntry(
        code=text["code"],
        name=text["name"],
        severity=severity,
        summary=text["summary"].strip(),
        rationale=text["rationale"].strip(),
        options=tuple(_option(o, path) for o in data.get("options") or ()),
        bad=_examples(examples.get("bad"), f"{path}: examples.bad"),
        good=_examples(examples.get("good"), f"{path}: examples.good"),
        path=path,
    )


def _text(data: Mapping[str, Any], key: str, path: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{path}: {key}: expected a non-empty string")
    return value


def _option(raw: object, path: Path) -> CatalogOption:
    if not isinstance(raw, dict) or set(raw) != set(OPTION_KEYS):
        raise CatalogError(f"{path}: options: each option needs exactly {', '.join(OPTION_KEYS)}")
    return CatalogOption(raw["name"], raw["type"], raw["default"], str(raw["description"]).strip())


def _examples(raw: object, where: str) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise CatalogError(f"{where}: expected a non-empty list")
    examples = []
    for item in raw:
        if isinstance(item, str):
            examples.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("source"), str):
            functions = item.get("functions", {})
            if (
                set(item) - {"source", "options", "before", "functions"}
                or not isinstance(item.get("options", {}), dict)
                or not isinstance(item.get("before", ""), str)
                or not isinstance(functions, dict)
                or not all(isinstance(k, str) and isinstance(v, str) for k, v in functions.items())
            ):
                raise CatalogError(
                    f"{where}: an example mapping has `source`, `before`, `functions` and `options` only"
                )
            examples.append(Example(item["source"], item.get("options", {}), item.get("before"), functions))
        else:
            raise CatalogError(
                f"{where}: an example is a string or a {{source, before, functions, options}} mapping"
            )
    return tuple(examples)


def registry_problems(entries: Iterable[CatalogEntry], rules: Iterable[type[Rule]]) -> list[str]:
    """Disagreements between the catalog and the registered rules (empty when consistent).

    Every registered rule needs an entry with its code, severity and options; entries for
    rules not registered yet are allowed.
    """
    by_name = {entry.name: entry for entry in entries}
    problems = []
    for rule in rules:
        entry = by_name.get(rule.name)
        if entry is None:
            problems.append(f"{rule.name}: no catalog entry rules/{rule.name}.yaml")
            continue
        if (entry.code, entry.severity) != (rule.code, rule.severity):
            problems.append(
                f"{entry.path.name}: says {entry.code}/{entry.severity.label}, "
                f"the rule is {rule.code}/{rule.severity.label}"
            )
        declared = {o.name: (o.type, _normalise(o.default)) for o in rule.options}
        documented = {o.name: (o.type, _normalise(o.default)) for o in entry.options}
        if declared != documented:
            problems.append(f"{entry.path.name}: options {documented} != rule's {declared}")
    return problems


def _normalise(value: object) -> OptionValue | None:
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    if isinstance(value, bool | int | str):
        return value
    return None


def render_entry(entry: CatalogEntry) -> str:
    """The entry as text for `schemalint rule`: summary, rationale, options and examples."""
    parts = [
        f"{entry.code} {entry.name} (default severity: {entry.severity.label})",
        "",
        entry.summary,
    ]
    parts += ["", "Why this matters:", _indent(entry.rationale)]
    if entry.options:
        parts += ["", "Options:"]
        for option in entry.options:
            parts.append(f"  {option.name} ({option.type}, default {option.default!r})")
            parts.append(_indent(option.description, 6))
    for title, examples in (("Flagged", entry.bad), ("Not flagged", entry.good)):
        for number, example in enumerate(examples, 1):
            suffix = f" with options {dict(example.options)}" if example.options else ""
            if example.before is not None:
                before = example.before.rstrip() or "(no schema)"
                parts += ["", f"{title} ({number}){suffix}, before:", _indent(before), "  after:"]
                parts += [_indent(example.source.rstrip())]
            else:
                parts += ["", f"{title} ({number}){suffix}:", _indent(example.source.rstrip())]
            for path, code in example.functions.items():
                parts += [f"  convex/{path}:", _indent(code.rstrip())]
    return "\n".join(parts)


def _indent(text: str, width: int = 4) -> str:
    return "\n".join((" " * width + line) if line.strip() else "" for line in text.splitlines())
