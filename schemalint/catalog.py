"""The rule catalog: each rule's documentation, from its catalog file (`schemalint.catalog_files`).

Besides the metadata, an entry has a `rationale` and `examples: {bad: [...], good: [...]}`. An
example is a mapping with a `name` (kebab-case, unique within the entry), a `source` (a
`convex/schema.ts`; the `convex/server` and `convex/values` imports are added when missing),
optional rule `options`, and, for a bad example, optionally `expect`: the rule's findings in
that source, each `{line, column, message}` (lines of the source as written; with `file: <path
under convex/>` for a finding in one of the example's function modules), which must be exactly
what the rule reports. An example of a rule that compares versions (`schemalint diff`,
C7xx) also has `before`: the schema at the baseline (an empty string for "no schema yet"); one
of a rule that reads function code (Q6xx) has `functions: {path: code}`, function modules by
path under `convex/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from schemalint.catalog_files import (
    CatalogError,
    RuleMetadata,
    catalog_documents,
    rule_metadata,
)
from schemalint.diagnostics import Severity
from schemalint.records import dataclass
from schemalint.rulemeta import NAME_PATTERN, Option

__all__ = ["CatalogEntry", "CatalogError", "Example", "ExpectedFinding", "find_entry", "load_catalog"]
EXAMPLE_KEYS = ("name", "source", "before", "functions", "options", "expect")


@dataclass(frozen=True)
class ExpectedFinding:
    """A finding a bad example pins: where (in the example as written) and what it says."""

    line: int
    column: int
    message: str
    # The function module (path under `convex/`) the finding is in; None for the schema.
    file: str | None = None


@dataclass(frozen=True)
class Example:
    """A named schema snippet, the rule options it is linted with, and the findings it pins
    (None: the rule must fire somewhere, for a bad example)."""

    name: str
    source: str
    options: Mapping[str, Any] = field(default_factory=dict)
    expect: tuple[ExpectedFinding, ...] | None = None
    # For `schemalint diff` rules: the schema at the baseline ("" when it had none).
    before: str | None = None
    # For rules that read function code: function modules, by path under `convex/`.
    functions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CatalogEntry:
    """One rule's catalog page: its metadata, why it exists, bad and good examples, where it lives."""

    metadata: RuleMetadata
    rationale: str
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    path: Path

    @property
    def code(self) -> str:
        return self.metadata.code

    @property
    def name(self) -> str:
        return self.metadata.name

    @property
    def summary(self) -> str:
        return self.metadata.summary

    @property
    def severity(self) -> Severity:
        return self.metadata.severity

    @property
    def options(self) -> tuple[Option, ...]:
        return self.metadata.options


def load_catalog(directory: Path | None = None) -> tuple[CatalogEntry, ...]:
    """Every entry of the catalog directory (the rule package by default), by code."""
    entries = [load_entry(path, data) for path, data in catalog_documents(directory).items()]
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


def load_entry(path: Path, data: Mapping[str, Any]) -> CatalogEntry:
    """One catalog file's parsed content, validated."""
    metadata = rule_metadata(path, data)
    rationale = data.get("rationale")
    if not isinstance(rationale, str) or not rationale.strip():
        raise CatalogError(f"{path}: rationale: expected a non-empty string")
    examples = data["examples"]
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise CatalogError(f"{path}: examples: expected a mapping with `bad` and `good` lists")
    bad = _examples(examples.get("bad"), f"{path}: examples.bad")
    good = _examples(examples.get("good"), f"{path}: examples.good")
    names = [example.name for example in (*bad, *good)]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise CatalogError(f"{path}: examples: names used twice: {', '.join(duplicates)}")
    if any(example.expect is not None for example in good):
        raise CatalogError(f"{path}: examples.good: a good example expects no findings (no `expect`)")
    return CatalogEntry(metadata, rationale.strip(), bad, good, path)


def _examples(raw: object, where: str) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise CatalogError(f"{where}: expected a non-empty list")
    return tuple(_example(item, f"{where}[{number}]") for number, item in enumerate(raw))


def _example(item: object, where: str) -> Example:
    if not isinstance(item, dict) or set(item) - set(EXAMPLE_KEYS):
        raise CatalogError(f"{where}: an example is a mapping of {', '.join(EXAMPLE_KEYS)}")
    name, source, options = item.get("name"), item.get("source"), item.get("options", {})
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise CatalogError(f"{where}: name: expected a kebab-case name, got {name!r}")
    before = item.get("before")
    if not isinstance(source, str) or not isinstance(options, dict) or not isinstance(before, str | None):
        raise CatalogError(f"{where} ({name}): `source` and `before` are strings, `options` a mapping")
    functions = item.get("functions", {})
    if not isinstance(functions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in functions.items()
    ):
        raise CatalogError(f"{where} ({name}): `functions` maps paths under convex/ to code")
    expect = item.get("expect")
    if expect is None:
        return Example(name, source, options, before=before, functions=functions)
    if not isinstance(expect, list) or not expect:
        raise CatalogError(f"{where} ({name}): expect: expected a non-empty list of findings")
    findings = []
    for finding in expect:
        if (
            not isinstance(finding, dict)
            or not {"line", "column", "message"} <= set(finding) <= {"line", "column", "message", "file"}
            or not isinstance(finding["line"], int)
            or not isinstance(finding["column"], int)
            or not isinstance(finding["message"], str)
            or finding.get("file", "") not in ("", *functions)
        ):
            raise CatalogError(
                f"{where} ({name}): expect: each finding is {{line, column, message}} "
                "(and `file`, one of the example's function modules)"
            )
        findings.append(
            ExpectedFinding(finding["line"], finding["column"], finding["message"], finding.get("file"))
        )
    return Example(name, source, options, tuple(findings), before, functions)


def render_entry(entry: CatalogEntry) -> str:
    """The entry as text for `schemalint rule`: summary, rationale, options and examples."""
    parts = [
        f"{entry.code} {entry.name} (default severity: {entry.metadata.severity.label}; "
        f"{entry.metadata.stage}, since {entry.metadata.since})",
        "",
        entry.summary,
    ]
    parts += ["", "Why this matters:", _indent(entry.rationale)]
    if entry.metadata.stage == "preview":
        parts += ["", "This rule is in preview: it runs with `--preview` (or `preview = true`)."]
    if entry.metadata.options:
        parts += ["", "Options:"]
        for option in entry.metadata.options:
            default = list(option.default) if isinstance(option.default, tuple) else option.default
            choices = f", one of {', '.join(option.choices)}" if option.choices else ""
            minimum = f", at least {option.minimum}" if option.minimum is not None else ""
            parts.append(f"  {option.name} ({option.type}, default {default!r}{choices}{minimum})")
            parts.append(_indent(option.description, 6))
    for title, examples in (("Flagged", entry.bad), ("Not flagged", entry.good)):
        for example in examples:
            suffix = f" with options {dict(example.options)}" if example.options else ""
            if example.before is not None:
                before = example.before.rstrip() or "(no schema)"
                parts += ["", f"{title} ({example.name}){suffix}, before:", _indent(before), "  after:"]
                parts += [_indent(example.source.rstrip())]
            else:
                parts += ["", f"{title} ({example.name}){suffix}:", _indent(example.source.rstrip())]
            for path, code in example.functions.items():
                parts += [f"  convex/{path}:", _indent(code.rstrip())]
    return "\n".join(parts)


def _indent(text: str, width: int = 4) -> str:
    return "\n".join((" " * width + line) if line.strip() else "" for line in text.splitlines())
