"""`schemalint export`: the schema as Convex's own export JSON (imported when the command is
looked up: `schemalint.cli`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from schemalint.cli_support import echo_error as _echo_error
from schemalint.cli_support import echo_parser_diagnostics as _echo_parser_diagnostics
from schemalint.cli_support import internal_error as _internal_error


@click.command("export")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--compact", is_flag=True, help="Print the JSON on one line.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def export_command(path: Path, compact: bool, debug: bool) -> None:
    """Print the schema of the Convex project at PATH as Convex's `defineSchema(...).export()` JSON.

    Diagnostics for anything that could not be evaluated go to stderr, and the exit code is 1.
    """
    from schemalint.discovery import DiscoveryError

    try:
        status = _export(path, compact)
    except BrokenPipeError:
        raise
    except (DiscoveryError, OSError) as exc:
        _echo_error(exc)
        sys.exit(2)
    except Exception as exc:
        _internal_error(exc, debug)
    sys.exit(status)


def _export(path: Path, compact: bool) -> int:
    from schemalint import export
    from schemalint.parser import parse_project
    from schemalint.workspace import find_one_project

    # The export holds no descriptions: the comments are not read.
    project = parse_project(find_one_project(path), descriptions=False)
    _echo_parser_diagnostics(project.diagnostics)
    if project.schema is None:
        return 1
    try:
        pieces = export.dump_pieces(project.schema, indent=None if compact else 2)
    except export.ExportError as exc:  # Convex's own export() throws here: no JSON to show
        _echo_error(exc)
        return 1
    from schemalint.textsafe import json_safe

    # The same JSON; control, line-separator and bidi characters in names as \u escapes. Written
    # in chunks: the whole text and its copies would take as much memory as the parse.
    for chunk in _joined_in_chunks(pieces):
        click.echo(json_safe(chunk), nl=False)
    click.echo()
    return 1 if project.diagnostics else 0


def _joined_in_chunks(pieces: list[str], size: int = 1 << 20) -> Iterator[str]:
    """`pieces` joined into strings of about `size` characters (the last one shorter)."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)
