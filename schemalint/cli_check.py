"""`schemalint check`: its options, and running it once or under --watch."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from schemalint.cli_support import WATCH_HELP, echo_error, internal_error, report_options, split_selectors

if TYPE_CHECKING:
    from schemalint.check_options import CheckOptions
    from schemalint.watching import Targets


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@report_options
@click.option(
    "--statistics",
    is_flag=True,
    help="Print the number of findings per rule instead (a table; JSON rows with --output-format json).",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print each project's effective configuration and where each value came from, then exit.",
)
@click.option("--watch", is_flag=True, help=WATCH_HELP)
@click.option("--clear", is_flag=True, help="With --watch: clear the screen before each re-run.")
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="SCHEMALINT_NO_CACHE",
    help="Neither read nor write the result cache (an unchanged project's report is otherwise "
    "reused) [env SCHEMALINT_NO_CACHE].",
)
def check_command(
    paths: tuple[Path, ...],
    output_format: str,
    output_file: Path | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    strict: bool,
    preview: bool | None,
    exit_zero: bool,
    statistics: bool,
    config_file: Path | None,
    show_settings: bool,
    color: str,
    docs_url: str | None,
    watch: bool,
    clear: bool,
    no_cache: bool,
    debug: bool,
) -> None:
    """Lint the Convex schemas at PATHS (default `.`).

    A PATH is a schema file, a functions directory or a project root; a directory that is not a
    Convex project is searched for projects (a monorepo root: `node_modules`, VCS directories and
    .gitignored paths skipped), and each project uses the configuration found walking up from
    its schema. Paths in the report are relative to the current directory.

    Exit status: 0 when nothing at or above --fail-on was found, 1 otherwise, 2 for usage,
    configuration or internal errors. Notices (what schemalint could not read statically) never
    change the exit status unless --strict.
    """
    from schemalint.check_options import STATISTICS_FORMATS, CheckOptions

    if statistics and output_format not in STATISTICS_FORMATS:
        raise click.UsageError(
            f"--statistics prints a table or JSON: use --output-format "
            f"{', '.join(STATISTICS_FORMATS)}, not {output_format}"
        )
    options = CheckOptions(
        output_format=output_format,
        output_file=output_file,
        select=split_selectors(select) if select else None,
        extend_select=tuple(split_selectors(extend_select)),
        ignore=tuple(split_selectors(ignore)),
        fail_on=fail_on,
        strict=strict,
        preview=preview,
        statistics=statistics,
        config_file=config_file,
        color=color,
        docs_url=docs_url,
    )
    if watch:
        from schemalint.watching import watch as watch_loop

        status = watch_loop(lambda: _check_for_watch(paths or (Path("."),), options, debug), clear=clear)
        sys.exit(0 if exit_zero else status)
    try:
        status = _check(
            paths or (Path("."),),
            options,
            show_settings=show_settings,
            cache=not no_cache,
            exit_zero=exit_zero,
        )
    except BrokenPipeError:
        raise
    except Exception as exc:
        from schemalint.config import ConfigError
        from schemalint.discovery import DiscoveryError

        if not isinstance(exc, (DiscoveryError, ConfigError, OSError)):
            internal_error(exc, debug)
        echo_error(exc)
        sys.exit(2)
    sys.exit(0 if exit_zero else status)


def _check_for_watch(paths: Sequence[Path], options: CheckOptions, debug: bool) -> tuple[int, Targets | None]:
    """One run of `check --watch`: the status and what it read; an error is shown, not fatal."""
    from schemalint import files
    from schemalint.checking import check_projects
    from schemalint.config import ConfigError
    from schemalint.discovery import DiscoveryError
    from schemalint.watching import ProjectFiles, targets_of
    from schemalint.workspace import find_projects

    # every file the run read or looked for (the same record the result cache validates): a
    # file created where the resolver looked, outside the watched trees, triggers a re-run too
    recorder = files.RecordingFileSystem()
    try:
        with files.reading_from(recorder):
            status, results = check_projects(find_projects(paths), options)
    except (DiscoveryError, ConfigError, OSError) as exc:
        echo_error(exc)
        return 2, None
    except Exception as exc:
        if debug:
            import traceback  # only --debug prints one (it imports textwrap)

            traceback.print_exc()
        echo_error(f"internal error: {type(exc).__name__}: {exc}")
        return 2, None
    probed = tuple(
        sorted({Path(os.path.normpath(probe[1])) for probe in recorder.probes if probe[0] != "realpath"})
    )
    projects = [ProjectFiles(r.layout, r.files, r.config.source, probed) for r in results]
    return status, targets_of(projects)


def _check(
    paths: Sequence[Path],
    options: CheckOptions,
    *,
    show_settings: bool,
    cache: bool = False,
    exit_zero: bool = False,
) -> int:
    """Find the projects, then lint them (or show their settings); returns the exit status."""
    if cache and not show_settings:
        from schemalint.result_cache import run_check_cached

        return run_check_cached(paths, options, exit_zero=exit_zero)
    from schemalint.checking import run_check
    from schemalint.workspace import find_projects

    layouts = find_projects(paths)
    if show_settings:
        from schemalint.checking import configure
        from schemalint.settings_view import render_settings

        for layout in layouts:
            click.echo(render_settings(layout, configure(layout, options)))
        return 0
    return run_check(layouts, options)
