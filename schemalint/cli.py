"""The `schemalint` command line. Heavy modules are imported inside the commands that need them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from schemalint import __version__


def _relative(path: str, root: Path) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="schemalint")
def main() -> None:
    """Lint Convex schemas and generate typed clients and docs from them."""


@main.command("export")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--compact", is_flag=True, help="Print the JSON on one line.")
def export_command(path: Path, compact: bool) -> None:
    """Print the schema as Convex's `defineSchema(...).export()` JSON.

    Diagnostics for anything that could not be evaluated go to stderr, and the exit code is 1.
    """
    from schemalint import export
    from schemalint.discovery import DiscoveryError, discover
    from schemalint.parser import parse_project

    try:
        layout = discover(path)
    except DiscoveryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    project = parse_project(layout)
    root = Path(project.root)
    for diagnostic in project.diagnostics:
        span = diagnostic.span
        click.echo(
            f"{_relative(span.file, root)}:{span.line}:{span.column}: "
            f"{diagnostic.kind}: {diagnostic.message}",
            err=True,
        )
    if project.schema is None:
        sys.exit(2)
    click.echo(export.dumps(project.schema, indent=None if compact else 2))
    sys.exit(1 if project.diagnostics else 0)
