"""`schemalint check` over one or more projects: configure, parse and lint each, then write one
report. Paths in the report are relative to the current directory."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from schemalint.check_options import STATISTICS_FORMATS, CheckOptions
from schemalint.records import dataclass

__all__ = [
    "STATISTICS_FORMATS",
    "CheckOptions",
    "check_projects",
    "configure",
    "lint",
    "run_check",
    "write_report",
]
from schemalint.config import Config, load_config
from schemalint.discovery import ProjectLayout
from schemalint.findings import Diagnostic, count_by_rule, fails


def configure(layout: ProjectLayout, options: CheckOptions) -> Config:
    """The project's configuration (found walking up from its schema, or --config) with the
    command line's flags on top."""
    return load_config(layout.schema_file, options.config_file).with_overrides(
        select=options.select,
        extend_select=options.extend_select,
        ignore=options.ignore,
        fail_on=options.fail_on,
        strict=options.strict,
        preview=options.preview,
    )


@dataclass(frozen=True)
class ProjectResult:
    """What checking one Convex project found: its layout, configuration and diagnostics."""

    layout: ProjectLayout
    config: Config
    diagnostics: list[Diagnostic]
    files: tuple[str, ...]

    @property
    def failed(self) -> bool:
        """Whether a finding reaches this project's `fail-on` severity (notices only if `strict`)."""
        return any(fails(d, self.config.fail_on, self.config.strict) for d in self.diagnostics)


def lint(layout: ProjectLayout, options: CheckOptions) -> ProjectResult:
    """Configure, parse and lint one project."""
    from schemalint import engine
    from schemalint.parser import parse_project

    config = configure(layout, options)
    project = parse_project(layout, functions=True)
    files = tuple(sorted({project.schema_file, *(f.path for f in project.files)}))
    return ProjectResult(layout, config, engine.run(project, config), files)


def run_check(layouts: Sequence[ProjectLayout], options: CheckOptions) -> int:
    """Lint every project, write one report, and return the exit status (0 or 1)."""
    return check_projects(layouts, options)[0]


def check_projects(
    layouts: Sequence[ProjectLayout], options: CheckOptions
) -> tuple[int, list[ProjectResult]]:
    """Lint every project and write one report; the exit status (0 or 1) and each project's
    result."""
    results = [lint(layout, options) for layout in layouts]
    diagnostics = sorted((d for r in results for d in r.diagnostics), key=Diagnostic.sort_key)
    files = tuple(sorted({f for r in results for f in r.files}))
    with contextlib.ExitStack() as stack:
        stream: TextIO = (
            stack.enter_context(options.output_file.open("w", encoding="utf-8"))
            if options.output_file is not None
            else sys.stdout
        )
        write_report(diagnostics, files, stream, options)
    return (1 if any(result.failed for result in results) else 0), results


def write_report(
    diagnostics: Sequence[Diagnostic],
    files: tuple[str, ...],
    stream: TextIO,
    options: CheckOptions,
    *,
    color: bool | None = None,
) -> None:
    """The report (or the statistics) in the chosen format (coloured if `color`; None: if
    `options.color` says so for `stream`)."""
    from schemalint.reporters import DOCS_URL, ReportContext, get_reporter
    from schemalint.terminal import use_color

    if options.statistics:
        write_statistics(diagnostics, stream, as_json=options.output_format == "json")
        return
    rules = {}
    if options.output_format == "sarif":
        from schemalint.catalog import load_catalog

        rules = {entry.code: entry for entry in load_catalog()}
    context = ReportContext(
        root=Path.cwd(),
        files=files,
        rules=rules,
        color=use_color(options.color, stream) if color is None else color,
        docs_url=options.docs_url or DOCS_URL,
    )
    get_reporter(options.output_format)(diagnostics, stream, context)


def write_statistics(diagnostics: Sequence[Diagnostic], stream: TextIO, *, as_json: bool) -> None:
    """How many findings each rule reported, most first: a table, or JSON rows."""
    counts = count_by_rule(diagnostics)
    if as_json:
        import json  # only this format needs it

        rows = [{"code": code, "rule": rule, "count": n} for code, rule, n in counts]
        stream.write(json.dumps(rows, indent=2) + "\n")
        return
    width = max((len(str(n)) for _, _, n in counts), default=1)
    for code, rule, n in counts:
        stream.write(f"{n:>{width}}  {code}  {rule}\n")
