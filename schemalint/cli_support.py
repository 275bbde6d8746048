"""What the command-line modules share: paths as shown, error and diagnostic lines on stderr,
internal errors, and option help texts."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from schemalint.reporters import FORMATS

if TYPE_CHECKING:
    from schemalint.diagnostics import ParserDiagnostic

WATCH_HELP = (
    "Run again whenever a file it read changes (the schema's imports, function modules, "
    "convex.json, tsconfig.json, the configuration); Ctrl-C stops."
)


def relative(path: str) -> str:
    """`path` relative to the current directory (absolute when outside it), as ruff shows it."""
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def echo_parser_diagnostics(diagnostics: Sequence[ParserDiagnostic]) -> None:
    """Print what the parser could not read to stderr, one `file:line:col: kind: message` line
    each (control characters in names and paths shown escaped)."""
    from schemalint.textsafe import visible

    for diagnostic in diagnostics:
        span = diagnostic.span
        where = f"{relative(span.file)}:{span.line}:{span.column}"
        click.echo(visible(f"{where}: {diagnostic.kind}: {diagnostic.message}"), err=True)


def echo_error(message: object) -> None:
    """`error: message` on stderr (control characters shown escaped)."""
    from schemalint.textsafe import visible

    click.echo(f"error: {visible(str(message))}", err=True)


def internal_error(exc: Exception, debug: bool) -> NoReturn:
    """Report a bug in schemalint itself: a short message (a traceback only with --debug), exit 2."""
    from schemalint.textsafe import visible

    if debug:
        import traceback  # only --debug prints one (it imports textwrap)

        traceback.print_exc()
    click.echo(
        f"error: internal error: {type(exc).__name__}: {visible(str(exc))}"
        + ("" if debug else " (rerun with --debug for a traceback)"),
        err=True,
    )
    sys.exit(2)


def split_selectors(values: tuple[str, ...]) -> list[str]:
    """Selectors given as repeated options and/or comma-separated lists, one per item."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


F = TypeVar("F", bound=Callable[..., object])

# The options every reporting command (`check`, `diff`) takes, in the order `--help` lists them.
_REPORT_OPTIONS = (
    click.option(
        "--output-format",
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="Output format (`--format` is an alias).",
    ),
    click.option("--output-file", "-o", type=click.Path(path_type=Path), help="Write the report to a file."),
    click.option(
        "--select",
        multiple=True,
        help="Rules to run (codes, prefixes, names), replacing the config's selection.",
    ),
    click.option("--extend-select", multiple=True, help="Rules to run in addition to the selection."),
    click.option("--ignore", multiple=True, help="Rules not to run (codes, prefixes, names)."),
    click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "info"]),
        help="Lowest severity that makes the exit code 1 [config `fail-on`; default: warning].",
    ),
    click.option(
        "--strict",
        is_flag=True,
        help="Also fail on notices (what schemalint could not read statically) [config `strict`].",
    ),
    click.option(
        "--preview/--no-preview",
        default=None,
        help="Also run the rules in preview (not yet precise enough to be on by default) [config `preview`].",
    ),
    click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found."),
    click.option(
        "--config",
        "config_file",
        type=click.Path(path_type=Path, exists=True, dir_okay=False),
        help="Configuration file (instead of searching upwards from each schema).",
    ),
    click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour the text formats (auto: on a terminal, unless NO_COLOR is set or FORCE_COLOR is).",
    ),
    click.option(
        "--docs-url",
        envvar="SCHEMALINT_DOCS_URL",
        metavar="URL",
        help="Base URL of the rule pages linked from json (`url`) and sarif (`helpUri`) "
        "[env SCHEMALINT_DOCS_URL; default: the repository's docs/rules/].",
    ),
    click.option("--debug", is_flag=True, help="Show tracebacks of internal errors."),
)


def report_options(command: F) -> F:
    """Add the options shared by the reporting commands (format, selection, exit status, colour)."""
    for option in reversed(_REPORT_OPTIONS):
        command = option(command)
    return command
