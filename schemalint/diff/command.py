"""`schemalint diff`: the C7xx findings for the change from a baseline to the working tree.

Kept import-light (only click at module level) because `schemalint.cli` registers it at start-up.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from schemalint.reporters import FORMATS

if TYPE_CHECKING:
    from schemalint.files import FileSystem
    from schemalint.rules.base import Baseline


@click.command("diff")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option(
    "--against",
    "revision",
    metavar="REF",
    help="Git revision to compare with [default: the merge-base with the default branch, else HEAD].",
)
@click.option(
    "--against-dir",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    metavar="DIR",
    help="Compare with the project root in DIR instead of a git revision.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--output-file", "-o", type=click.Path(path_type=Path), help="Write the report to a file.")
@click.option("--select", multiple=True, help="Rules to run (codes, prefixes, names), replacing the config.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selection.")
@click.option("--ignore", multiple=True, help="Rules not to run (codes, prefixes, names).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that makes the exit code 1 [config `fail-on`; default: warning].",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Also fail on notices (what schemalint could not read statically) [config `strict`].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Configuration file (instead of searching upwards from the schema).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text formats (auto: on a terminal, unless NO_COLOR is set or FORCE_COLOR is).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def diff_command(
    path: Path,
    revision: str | None,
    against_dir: Path | None,
    output_format: str,
    output_file: Path | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    strict: bool,
    exit_zero: bool,
    config_file: Path | None,
    color: str,
    debug: bool,
) -> None:
    """Say what pushing the schema at PATH does to a deployment running the baseline's schema.

    The baseline is the same project at git revision REF (read from git objects; nothing is
    checked out) or in DIR. Per table: whether Convex re-validates every document on push and
    what could make the push fail, index backfills, removed tables and indexes, staged
    validators, with the safe path for each breaking change.

    Exit status: 0 when nothing at or above --fail-on was found, 1 otherwise, 2 for usage,
    git, configuration or internal errors.
    """
    from schemalint.cli import _internal_error, _split
    from schemalint.config import ConfigError
    from schemalint.diff.git_files import GitError
    from schemalint.discovery import DiscoveryError

    if revision is not None and against_dir is not None:
        click.echo("error: give --against or --against-dir, not both", err=True)
        sys.exit(2)
    try:
        status = _diff(
            path,
            revision,
            against_dir,
            output_format,
            output_file,
            select=_split(select) if select else None,
            extend_select=_split(extend_select),
            ignore=_split(ignore),
            fail_on=fail_on,
            strict=strict,
            config_file=config_file,
            color=color,
        )
    except (DiscoveryError, ConfigError, GitError, OSError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:
        _internal_error(exc, debug)
    sys.exit(0 if exit_zero else status)


def _diff(
    path: Path,
    revision: str | None,
    against_dir: Path | None,
    output_format: str,
    output_file: Path | None,
    *,
    select: list[str] | None,
    extend_select: list[str],
    ignore: list[str],
    fail_on: str | None,
    strict: bool,
    config_file: Path | None,
    color: str,
) -> int:
    """Compare, write the report, and return the exit status (0 or 1)."""
    from schemalint import engine, files
    from schemalint.catalog import load_catalog
    from schemalint.config import load_config
    from schemalint.diff import baseline as baselines
    from schemalint.discovery import discover
    from schemalint.findings import fails
    from schemalint.parser import parse_project
    from schemalint.reporters import ReportContext, get_reporter
    from schemalint.terminal import use_color

    given = files.DISK.realpath(Path.cwd() / path)
    layout = discover(given)
    config = load_config(layout.schema_file, config_file).with_overrides(
        select=select, extend_select=extend_select, ignore=ignore, fail_on=fail_on, strict=strict
    )
    project = parse_project(layout, functions=True)
    old_files: files.FileSystem = files.DISK
    if against_dir is not None:
        baseline = baselines.from_directory(
            given, layout, files.DISK.realpath(against_dir), label=str(against_dir)
        )
    else:
        baseline, old_files = baselines.from_git(given, layout, revision)
    diagnostics = engine.run(project, config, baseline)
    with contextlib.ExitStack() as stack:
        stream: TextIO = (
            stack.enter_context(output_file.open("w", encoding="utf-8"))
            if output_file is not None
            else sys.stdout
        )
        context = ReportContext(
            root=Path(project.root),
            files=tuple(sorted({project.schema_file, *(f.path for f in project.files)})),
            rules={entry.code: entry for entry in load_catalog()} if output_format == "sarif" else {},
            read_source=_reader(baseline, old_files),
            color=use_color(color, stream),
        )
        get_reporter(output_format)(diagnostics, stream, context)
    return 1 if any(fails(d, config.fail_on, config.strict) for d in diagnostics) else 0


def _reader(baseline: Baseline, old_files: FileSystem) -> Callable[[str], str | None]:
    """Reads source for code frames: baseline files (shown as `file@REF`) from `old_files`."""
    from schemalint.reporters import read_text_file

    def read(shown: str) -> str | None:
        old = baseline.baseline_file(shown)
        if old is None:
            return read_text_file(shown)
        try:
            return old_files.read_bytes(Path(old)).decode("utf-8", errors="replace")
        except OSError:
            return None

    return read
