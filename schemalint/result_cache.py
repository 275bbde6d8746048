"""The result cache of `schemalint check`: an unchanged project is not linted twice.

A run's report is stored with everything it depended on:

- the *key*: the cache format, schemalint's version and a fingerprint of its installed files
  (their names, sizes and modification times: a changed rule or catalog file is a new
  schemalint), the Python version, the current directory, the PATHs as given, every
  command-line option, and whether the report is coloured;
- the *probes*: every question the run asked the disk through `schemalint.files` and the
  answer it got: the content (a BLAKE2 digest) of every file read (schemas, imported modules,
  function modules, configuration, tsconfig.json, package.json), every "is this a file / a
  directory" check (the resolver's extension and index probes, the configuration search up the
  directory tree, discovery's markers), every real path and every directory listing (the
  function modules). A file that appears where the resolver looked, a new function module, an
  edited configuration or tsconfig changes an answer, and the entry no longer matches. The
  size and modification time of the installed tree-sitter packages' files are recorded too (an
  upgraded grammar may parse a file differently).

A later run with the same key asks every probe again; only if every answer is the same does it
print the stored report (and return the stored exit status) instead of linting. Entries live in
the user's cache directory (`$SCHEMALINT_CACHE_DIR`, else `$XDG_CACHE_HOME/schemalint` or
`~/.cache/schemalint`), one file per key, written atomically (a temporary file renamed over the
entry). An entry that cannot be read, is not valid JSON, has another format or another key (a
hash collision, a file copied from elsewhere) is ignored, never trusted. A run that read the
disk around the recording file system (the monorepo search below a directory that is not a
project) or that saw a file change while it ran is not stored. `--no-cache` (or
`SCHEMALINT_NO_CACHE=1`) neither reads nor writes entries.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemalint import __version__, fastpath, files

if TYPE_CHECKING:
    from schemalint.check_options import CheckOptions

FORMAT = 2


def cache_key(paths: Sequence[Path], options: CheckOptions, color: bool) -> dict[str, Any]:
    """Everything besides the disk that a `check` report depends on: the command line as given
    when `check` runs from one (`schemalint.fastpath` finds the entry before parsing it), else
    the parsed options."""
    from_command_line = fastpath.command_line_key()
    if from_command_line is not None:
        return from_command_line
    settings = {name: _plain(value) for name, value in asdict(options).items()}
    return {
        "format": FORMAT,
        "version": __version__,
        "code": fastpath.code_fingerprint(),
        "python": sys.version,
        "cwd": os.getcwd(),
        "paths": [str(path) for path in paths],
        "options": settings,
        "color": color,
    }


def _plain(value: object) -> object:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def lookup(key: dict[str, Any]) -> dict[str, Any] | None:
    """The entry stored for `key` if it exists, is well-formed, was written for exactly this key
    and every probe still gets its recorded answer; else None."""
    data = fastpath.read_entry(key)
    if data is None:
        return None
    probes = data["probes"]
    recorded: list[tuple[files.Probe, object]] = []
    for item in probes:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], list)):
            return None
        probe = item[0]
        if not (2 <= len(probe) <= 3 and all(isinstance(part, str) for part in probe)):
            return None
        recorded.append((tuple(probe), item[1]))
    return data if files.unchanged(recorded) else None


def store(
    key: dict[str, Any], run: tuple[int, int, str, str | None], recorder: files.RecordingFileSystem
) -> None:
    """Write the entry for `key` (the run's status, exit status, report and output file)
    atomically; a cache that cannot be written is simply not used."""
    if not recorder.complete:
        return
    entry = Path(fastpath.entry_file(key))
    status, exit_status, report, output = run
    document = {
        "key": key,
        "status": status,
        "exit": exit_status,
        "report": report,
        "output": output,
        "probes": [[list(probe), answer] for probe, answer in recorder.probes.items()],
    }
    partial = entry.with_name(f"{entry.stem}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        _write_gitignore(entry.parent.parent)
        partial.write_text(json.dumps(document), encoding="utf-8")
        os.replace(partial, entry)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _write_gitignore(directory: Path) -> None:
    """A cache directory placed inside a repository (`SCHEMALINT_CACHE_DIR=.schemalint_cache`)
    ignores itself."""
    marker = directory / ".gitignore"
    if not marker.exists():
        marker.write_text("# created by schemalint\n*\n", encoding="utf-8")


def run_check_cached(paths: Sequence[Path], options: CheckOptions, *, exit_zero: bool = False) -> int:
    """`schemalint check` on the projects `paths` lead to, through the cache: the stored report
    if it still holds, else a run inside a recording file system whose report is stored.
    Returns the status (0, or 1 when a finding reaches `fail-on`)."""
    from schemalint.terminal import use_color

    output = None if options.output_file is None else str(options.output_file)
    color = use_color(options.color, sys.stdout if output is None else io.StringIO())
    key = cache_key(paths, options, color)
    hit = lookup(key)
    if hit is not None:
        _emit(hit["report"], output)
        return int(hit["status"])
    recorder = files.RecordingFileSystem()
    with files.reading_from(recorder):
        status, report, shown = _run(paths, options, color)
        for path in shown:  # a reporter's code frame reads the file again: its content counts
            with contextlib.suppress(OSError):
                recorder.read_bytes(Path(path))
        for name, module in list(sys.modules.items()):  # the parser's installed packages
            where = getattr(module, "__file__", None)
            if name.startswith("tree_sitter") and isinstance(where, str):
                recorder.note_installed(Path(where))
    _emit(report, output)
    store(key, (status, 0 if exit_zero else status, report, output), recorder)
    return status


def _run(paths: Sequence[Path], options: CheckOptions, color: bool) -> tuple[int, str, list[str]]:
    """Lint: the status, the report, and the files the findings point into."""
    from schemalint.checking import lint, write_report
    from schemalint.findings import Diagnostic
    from schemalint.workspace import find_projects

    results = [lint(layout, options) for layout in find_projects(paths)]
    diagnostics = sorted((d for r in results for d in r.diagnostics), key=Diagnostic.sort_key)
    checked = tuple(sorted({f for r in results for f in r.files}))
    buffer = io.StringIO()
    write_report(diagnostics, checked, buffer, options, color=color)
    status = 1 if any(result.failed for result in results) else 0
    return status, buffer.getvalue(), sorted({d.span.file for d in diagnostics})


def _emit(report: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(report)
    else:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(report)
