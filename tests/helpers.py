"""Small helpers that let tests read like documentation.

`assert_findings(source, *names)` lints a `convex/schema.ts` snippet and compares the rule
names found; `lint(source)` returns the diagnostics. Snippets are dedented and get the usual
Convex imports prepended when they have none.
"""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from schemalint.config import Config, parse_config
from schemalint.engine import run
from schemalint.findings import Diagnostic

SERVER_IMPORT = 'import { defineSchema, defineTable } from "convex/server";'
VALUES_IMPORT = 'import { v } from "convex/values";'


def with_imports(source: str) -> str:
    """`source` dedented, with the defineSchema/defineTable and `v` imports added if missing."""
    text = textwrap.dedent(source).lstrip("\n")
    header = []
    if '"convex/server"' not in text:
        header.append(SERVER_IMPORT)
    if '"convex/values"' not in text:
        header.append(VALUES_IMPORT)
    return "\n".join([*header, text]) if header else text


def write_project(root: Path, source: str, files: Mapping[str, str] | None = None) -> Path:
    """Write `source` as `root/convex/schema.ts` (plus any `files`, relative to root)."""
    (root / "convex").mkdir(parents=True, exist_ok=True)
    schema = root / "convex" / "schema.ts"
    schema.write_text(with_imports(source), encoding="utf-8")
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return schema


def lint(
    source: str,
    *,
    config: Config | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    files: Mapping[str, str] | None = None,
    preview: bool = False,
) -> list[Diagnostic]:
    """The diagnostics of `source` as a project's schema (rule `options` by rule name), with
    `files` (paths relative to the project root, e.g. `convex/messages.ts`) as its other files;
    function modules are read as `schemalint check` reads them. `preview` runs preview rules."""
    from schemalint.discovery import discover
    from schemalint.parser import parse_project

    if options or preview:
        raw: dict[str, Any] = {"rules": {name: dict(o) for name, o in (options or {}).items()}}
        if preview:
            raw["preview"] = True
        config = parse_config(raw)
    with tempfile.TemporaryDirectory() as tmp:
        write_project(Path(tmp), source, files)
        return run(parse_project(discover(Path(tmp)), functions=True), config)


def assert_findings(source: str, *names: str, **kwargs: Any) -> list[Diagnostic]:
    """Assert that linting `source` reports exactly the rules `names` (in any order, with
    repeats), printing the input, the expectation and what was found when it does not."""
    diagnostics = lint(source, **kwargs)
    found = sorted(d.rule for d in diagnostics)
    if found != sorted(names):
        listing = "\n".join(
            f"  {d.span.line}:{d.span.column} {d.code} [{d.rule}] {d.message}" for d in diagnostics
        )
        raise AssertionError(
            f"\n--- input ---\n{with_imports(source)}\n"
            f"--- expected ---\n  {sorted(names)}\n"
            f"--- found ---\n{listing or '  (nothing)'}\n"
        )
    return diagnostics


def diff_lint(
    before: str,
    after: str,
    *,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    files_before: Mapping[str, str] | None = None,
    files_after: Mapping[str, str] | None = None,
) -> list[Diagnostic]:
    """The `schemalint diff` diagnostics of the change from `before` to `after` (two schema
    sources; `before == ""` means the old version had no schema)."""
    from schemalint.diff.baseline import from_directory
    from schemalint.discovery import discover
    from schemalint.parser import parse_project

    config = parse_config({"rules": {name: dict(o) for name, o in options.items()}}) if options else None
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp, "old").resolve(), Path(tmp, "new").resolve()
        if before:
            write_project(old, before, files_before)
        else:
            old.mkdir()
        write_project(new, after, files_after)
        layout = discover(new)
        return run(parse_project(layout, functions=True), config, from_directory(layout, old, label="old/"))


def diff_findings(before: str, after: str, **kwargs: Any) -> list[str]:
    """`rule: message` of each diff diagnostic, for exact assertions."""
    return [f"{d.rule}: {d.message}" for d in diff_lint(before, after, **kwargs)]
