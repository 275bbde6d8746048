"""Rule documentation rendered from the catalog: a Markdown page per rule (`docs/rules/<name>.md`,
linked from JSON `url` and SARIF `helpUri`) and the JSON of `schemalint rule --output-format json`.

The pages are generated files, checked up to date by the test suite; regenerate them with

    python -m schemalint.rule_docs docs/rules
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from schemalint.catalog import CatalogEntry, Example, load_catalog

INDEX = "README.md"
_CATEGORIES = {
    "D": "Convex rejects the deploy",
    "R": "references",
    "T": "types",
    "N": "naming",
    "I": "indexes",
    "Q": "function code (index usage)",
    "C": "schema changes (`schemalint diff`)",
    "M": "meta",
}
_GENERATED = (
    "<!-- Generated from the rule catalog by `python -m schemalint.rule_docs docs/rules`. Do not edit. -->"
)


def category(code: str) -> str:
    """What a code's letter stands for."""
    return _CATEGORIES.get(code[:1], "other")


def entry_json(entry: CatalogEntry, url: str) -> dict[str, Any]:
    """One catalog entry as JSON: metadata, prose, options and examples."""

    def example(e: Example) -> dict[str, Any]:
        shown: dict[str, Any] = {"name": e.name, "source": e.source}
        if e.before is not None:
            shown["before"] = e.before
        if e.options:
            shown["options"] = dict(e.options)
        if e.functions:
            shown["functions"] = dict(e.functions)
        return shown

    return {
        "code": entry.code,
        "name": entry.name,
        "severity": entry.severity.label,
        "stage": entry.metadata.stage,
        "since": entry.metadata.since,
        "category": category(entry.code),
        "summary": entry.summary,
        "rationale": entry.rationale,
        "options": [
            {"name": o.name, "type": o.type, "default": o.default, "description": o.description}
            for o in entry.options
        ],
        "examples": {"bad": [example(e) for e in entry.bad], "good": [example(e) for e in entry.good]},
        "url": url,
    }


def _fence(text: str, language: str = "ts") -> list[str]:
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return [f"{ticks}{language}", text.rstrip("\n"), ticks]


def _examples(title: str, examples: Iterable[Example]) -> list[str]:
    lines: list[str] = []
    for example in examples:
        lines += ["", f"### {title}: {example.name}"]
        if example.options:
            settings = ", ".join(f"`{key} = {json.dumps(value)}`" for key, value in example.options.items())
            lines += ["", f"With options {settings}."]
        if example.before is not None:
            lines += ["", "Before (the deployed schema):", "", *_fence(example.before)]
            lines += ["", "After:"]
        lines += ["", *_fence(example.source)]
        for path, source in sorted(example.functions.items()):
            lines += ["", f"`{path}`:", "", *_fence(source)]
    return lines


def render_page(entry: CatalogEntry) -> str:
    """The Markdown page of one rule."""
    lines = [
        _GENERATED,
        "",
        f"# {entry.name} ({entry.code})",
        "",
        f"Default severity: **{entry.severity.label}** · category: {category(entry.code)} · "
        f"stage: {entry.metadata.stage} · since {entry.metadata.since}",
        "",
        entry.summary,
        "",
        "## Why this matters",
        "",
        entry.rationale,
    ]
    if entry.options:
        lines += ["", "## Options", "", "| Option | Type | Default | Description |", "|---|---|---|---|"]
        for option in entry.options:
            description = " ".join(option.description.split()).replace("|", "\\|")
            default = json.dumps(option.default, ensure_ascii=False)
            lines.append(f"| `{option.name}` | {option.type} | `{default}` | {description} |")
    lines += ["", "## Examples"]
    lines += _examples("Flagged", entry.bad)
    lines += _examples("Not flagged", entry.good)
    lines += [
        "",
        "## Configuration",
        "",
        f"Select or ignore it by code (`{entry.code}`), prefix (`{entry.code[:2]}`) or name "
        f"(`{entry.name}`); suppress one finding with `// schemalint-ignore {entry.name}: reason`. "
        "See [configuration](../configuration.md).",
    ]
    return "\n".join(lines) + "\n"


def render_index(entries: Iterable[CatalogEntry]) -> str:
    """`docs/rules/README.md`: every rule with its severity and summary."""
    lines = [
        _GENERATED,
        "",
        "# Rules",
        "",
        "Rules in `preview` run only with `--preview` (or `preview = true`), or when selected by name.",
        "",
        "| Code | Rule | Severity | Stage | Summary |",
        "|---|---|---|---|---|",
    ]
    for entry in entries:
        summary = entry.summary.replace("|", "\\|")
        lines.append(
            f"| {entry.code} | [{entry.name}]({entry.name}.md) | {entry.severity.label} "
            f"| {entry.metadata.stage} | {summary} |"
        )
    return "\n".join(lines) + "\n"


def render_all(entries: Iterable[CatalogEntry] | None = None) -> dict[str, str]:
    """Every page of `docs/rules/`, by file name."""
    catalog = tuple(load_catalog() if entries is None else entries)
    pages = {f"{entry.name}.md": render_page(entry) for entry in catalog}
    pages[INDEX] = render_index(catalog)
    return pages


def write_all(directory: Path) -> list[str]:
    """Write the pages into `directory`, remove pages of rules that no longer exist; returns
    the names of the files changed."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = render_all()
    changed = []
    for name, text in pages.items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    for stale in sorted(directory.glob("*.md")):
        if stale.name not in pages:
            stale.unlink()
            changed.append(stale.name)
    return changed


if __name__ == "__main__":  # python -m schemalint.rule_docs docs/rules
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
    for name in write_all(target):
        print(f"{target / name}")
