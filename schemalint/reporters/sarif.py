"""`--format sarif`: SARIF 2.1.0 (GitHub code scanning and other SARIF viewers)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from schemalint import __version__
from schemalint.catalog import CatalogEntry
from schemalint.diagnostics import Severity
from schemalint.findings import Diagnostic, relative_path
from schemalint.pretty_json import dumps_indented
from schemalint.reporters import ReportContext, rule_url
from schemalint.textsafe import json_safe

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "SRCROOT"  # the directory schemalint ran in; result URIs are relative to it
_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.NOTICE: "note",
}
_CATEGORIES = {
    "D": "deploy-error",
    "R": "reference",
    "T": "type",
    "N": "naming",
    "I": "index",
    "M": "meta",
}


def _level(severity: Severity) -> str:
    return _LEVELS.get(severity, "note")  # info and below


def _unwrap(text: str) -> str:
    """Catalog prose with its hard line breaks removed (paragraphs kept)."""
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n"))


def _rule_descriptor(code: str, rule: str, entry: CatalogEntry | None, docs_url: str) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"id": code, "name": rule, "helpUri": rule_url(rule, docs_url)}
    if entry is not None:
        descriptor.update(
            shortDescription={"text": entry.summary},
            fullDescription={"text": _unwrap(entry.rationale)},
            help={"text": f"{entry.summary}\n\n{_unwrap(entry.rationale)}"},
            defaultConfiguration={"level": _level(entry.severity)},
        )
    descriptor["properties"] = {"tags": [_CATEGORIES.get(code[:1], "other")]}
    return descriptor


@functools.lru_cache(maxsize=1024)  # asked once per finding, about a few files
def _artifact_uri(file: str, root: Path) -> tuple[str, bool]:
    """The URI of `file` in a result, and whether it is relative to `ROOT_ID`."""
    path = relative_path(file, root)
    if Path(path).is_absolute():
        return Path(path).as_uri(), False
    return quote(path), True


def _location(diagnostic: Diagnostic, root: Path) -> dict[str, Any]:
    span = diagnostic.span
    uri, relative = _artifact_uri(span.file, root)
    artifact = {"uri": uri, "uriBaseId": ROOT_ID} if relative else {"uri": uri}
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": span.end_line,
                "endColumn": max(span.end_column, 1),
            },
        }
    }


def sarif_log(diagnostics: Sequence[Diagnostic], context: ReportContext) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict: one run, every catalog rule as metadata."""
    rules: dict[str, dict[str, Any]] = {
        code: _rule_descriptor(code, entry.name, entry, context.docs_url)
        for code, entry in sorted(context.rules.items())
    }
    for d in diagnostics:
        if d.code not in rules:
            rules[d.code] = _rule_descriptor(d.code, d.rule, None, context.docs_url)
    index = {code: i for i, code in enumerate(rules)}
    results = []
    for d in diagnostics:
        text = d.message + (f"\nhelp: {d.help}" if d.help else "")
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _level(d.severity),
                "message": {"text": text},
                "locations": [_location(d, context.root)],
            }
        )
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "schemalint",
                        "version": __version__,
                        "rules": list(rules.values()),
                    }
                },
                "originalUriBaseIds": {ROOT_ID: {"uri": context.root.resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """The SARIF 2.1.0 log, pretty-printed."""
    # Strings keep their exact value; characters that could act on a terminal are \u-escaped.
    stream.write(json_safe(dumps_indented(sarif_log(diagnostics, context))) + "\n")
