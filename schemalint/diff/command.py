"""`schemalint diff`: the C7xx findings for the change from a baseline to the working tree.

Kept import-light (only click at module level) because `schemalint.cli` registers it at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from schemalint.reporters import FORMATS


@click.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
    help="Compare with the old copy of the project root in DIR instead of a git revision.",
)
@click.option(
    "--output-format",
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format (`--format` is an alias).",
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
@click.option(
    "--preview/--no-preview",
    default=None,
    help="Also run the rules in preview [config `preview`].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Configuration file (instead of searching upwards from each schema).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text formats (auto: on a terminal, unless NO_COLOR is set or FORCE_COLOR is).",
)
@click.option(
    "--docs-url",
    envvar="SCHEMALINT_DOCS_URL",
    metavar="URL",
    help="Base URL of the rule pages linked from json and sarif [env SCHEMALINT_DOCS_URL].",
)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def diff_command(
    paths: tuple[Path, ...],
    revision: str | None,
    against_dir: Path | None,
    output_format: str,
    output_file: Path | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    strict: bool,
    preview: bool | None,
    exit_zero: bool,
    config_file: Path | None,
    color: str,
    docs_url: str | None,
    debug: bool,
) -> None:
    """Say what pushing the schemas at PATHS (default `.`) does to deployments running the
    baseline's schemas.

    The baseline is the same project at git revision REF (read from git objects; nothing is
    checked out or written) or, for one project, its old copy in DIR. Per table: whether Convex
    re-validates every document on push and what could make the push fail; index backfills;
    removed tables and indexes (with the queries still using them); staged validators; and the
    safe path for each breaking change. Findings on removed code are shown at `file@REF`.

    Exit status: 0 when nothing at or above --fail-on was found, 1 otherwise, 2 for usage,
    git, configuration or internal errors.
    """
    from schemalint.checking import CheckOptions
    from schemalint.cli_support import echo_error as _echo_error
    from schemalint.cli_support import internal_error as _internal_error
    from schemalint.cli_support import split_selectors as _split
    from schemalint.config import ConfigError
    from schemalint.diff.git_files import GitError
    from schemalint.diff.run import run_diff
    from schemalint.discovery import DiscoveryError

    if revision is not None and against_dir is not None:
        raise click.UsageError("give --against or --against-dir, not both")
    options = CheckOptions(
        output_format=output_format,
        output_file=output_file,
        select=_split(select) if select else None,
        extend_select=tuple(_split(extend_select)),
        ignore=tuple(_split(ignore)),
        fail_on=fail_on,
        strict=strict,
        preview=preview,
        config_file=config_file,
        color=color,
        docs_url=docs_url,
    )
    try:
        status = run_diff(paths or (Path("."),), options, revision=revision, against_dir=against_dir)
    except BrokenPipeError:
        raise
    except (DiscoveryError, ConfigError, GitError, OSError) as exc:
        _echo_error(exc)
        sys.exit(2)
    except Exception as exc:
        _internal_error(exc, debug)
    sys.exit(0 if exit_zero else status)
