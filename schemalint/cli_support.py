"""What the command-line modules share: paths as shown, error and diagnostic lines on stderr,
internal errors, and option help texts."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

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
