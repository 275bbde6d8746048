"""`schemalint diff` over one or more projects: find each project's baseline, run the C7xx
rules, write one report (paths relative to the current directory, as `check` does)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from schemalint import files
from schemalint.checking import CheckOptions, ProjectResult, configure
from schemalint.diff import baseline as baselines
from schemalint.discovery import DiscoveryError, ProjectLayout
from schemalint.findings import Diagnostic
from schemalint.rules.base import Baseline


def run_diff(
    paths: Sequence[Path], options: CheckOptions, *, revision: str | None, against_dir: Path | None
) -> int:
    """Compare every project PATHS lead to with its baseline, write one report, and return the
    exit status (0 or 1)."""
    from schemalint.workspace import find_projects

    layouts = find_projects(paths)
    if options.select is None:
        # A configuration's `select` is written for `check`; diff runs every C7xx rule it does
        # not explicitly ignore (a `--select` on the command line still decides alone).
        options = replace(options, extend_select=(*options.extend_select, "C"))
    if against_dir is not None and len(layouts) != 1:
        raise DiscoveryError(f"--against-dir compares one project; {len(layouts)} were found")
    results: list[ProjectResult] = []
    sources: list[tuple[Baseline, files.FileSystem]] = []
    for layout in layouts:
        result, baseline, old_files = _diff_one(layout, options, revision, against_dir)
        results.append(result)
        sources.append((baseline, old_files))
    diagnostics = sorted((d for r in results for d in r.diagnostics), key=Diagnostic.sort_key)
    with contextlib.ExitStack() as stack:
        stream: TextIO = (
            stack.enter_context(options.output_file.open("w", encoding="utf-8"))
            if options.output_file is not None
            else sys.stdout
        )
        _write(diagnostics, tuple(sorted({f for r in results for f in r.files})), stream, options, sources)
    return 1 if any(result.failed for result in results) else 0


def _diff_one(
    layout: ProjectLayout, options: CheckOptions, revision: str | None, against_dir: Path | None
) -> tuple[ProjectResult, Baseline, files.FileSystem]:
    from schemalint import engine
    from schemalint.parser import parse_project

    config = configure(layout, options)
    project = parse_project(layout, functions=True)
    old_files: files.FileSystem = files.DISK
    if against_dir is not None:
        baseline = baselines.from_directory(layout, files.DISK.realpath(against_dir), label=str(against_dir))
    else:
        baseline, old_files = baselines.from_git(layout, revision)
        if revision is None:
            # Say which revision the default picked (on stderr: the report's format stays clean).
            print(f"schemalint diff: comparing with {baseline.label}", file=sys.stderr)
    found = engine.run(project, config, baseline)
    shown = tuple(sorted({project.schema_file, *(f.path for f in project.files)}))
    return ProjectResult(layout, config, found, shown), baseline, old_files


def _write(
    diagnostics: Sequence[Diagnostic],
    shown: tuple[str, ...],
    stream: TextIO,
    options: CheckOptions,
    sources: Sequence[tuple[Baseline, files.FileSystem]],
) -> None:
    from schemalint.reporters import DOCS_URL, ReportContext, get_reporter
    from schemalint.terminal import use_color

    rules = {}
    if options.output_format == "sarif":
        from schemalint.catalog import load_catalog

        rules = {entry.code: entry for entry in load_catalog()}
    context = ReportContext(
        root=Path.cwd(),
        files=shown,
        rules=rules,
        read_source=_reader(sources),
        color=use_color(options.color, stream),
        docs_url=options.docs_url or DOCS_URL,
    )
    get_reporter(options.output_format)(diagnostics, stream, context)


def _reader(sources: Sequence[tuple[Baseline, files.FileSystem]]) -> Callable[[str], str | None]:
    """Reads source for code frames: baseline files (shown as `file@REF`) from where they were
    read, every other file from disk."""
    from schemalint.reporters import read_text_file

    def read(shown: str) -> str | None:
        for baseline, old_files in sources:
            old = baseline.baseline_file(shown)
            if old is not None:
                try:
                    return old_files.read_bytes(Path(old)).decode("utf-8", errors="replace")
                except OSError:
                    return None
        return read_text_file(shown)

    return read
