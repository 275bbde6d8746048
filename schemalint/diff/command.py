"""`schemalint diff`: the C7xx findings for the change from a baseline to the working tree.

Kept import-light (only click at module level) because `schemalint.cli` registers it at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from schemalint.cli_support import report_options


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
@report_options
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
