"""The `schemalint` command line. Heavy modules are imported inside the commands that need them."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import click

from schemalint import __version__
from schemalint.cli_support import WATCH_HELP as _WATCH_HELP
from schemalint.cli_support import echo_error as _echo_error
from schemalint.cli_support import echo_parser_diagnostics as _echo_parser_diagnostics
from schemalint.cli_support import internal_error as _internal_error
from schemalint.cli_support import relative as _relative

if TYPE_CHECKING:
    from schemalint.discovery import ProjectLayout
    from schemalint.generate.completeness import Gaps
    from schemalint.ir import Project


class _Main(click.Group):
    """The command group; a reader that closes stdout early (`| head`) ends the run quietly.

    `diff` is defined in a module imported only when that command is looked up (to run it, or
    for `--help`), so that other commands do not pay for it at start-up."""

    _LAZY: ClassVar[dict[str, tuple[str, str]]] = {"diff": ("schemalint.diff.command", "diff_command")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self._LAZY and cmd_name not in self.commands:
            import importlib

            module, name = self._LAZY[cmd_name]
            self.add_command(getattr(importlib.import_module(module), name))
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            from schemalint.terminal import exit_on_broken_pipe

            exit_on_broken_pipe()


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="schemalint")
def main() -> None:
    """Lint Convex schemas and generate typed clients and docs from them."""


@main.command("export")
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

    project = parse_project(find_one_project(path))
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


@main.command("rules")
def rules_command() -> None:
    """List every rule of the catalog: code, name, default severity, stage and summary."""
    from schemalint.catalog import load_catalog

    entries = load_catalog()
    width = max(len(entry.name) for entry in entries)
    for entry in entries:
        meta = entry.metadata
        click.echo(
            f"{entry.code}  {entry.name:<{width}}  {meta.severity.label:<7}  {meta.stage:<7}  {entry.summary}"
        )


@main.command("rule")
@click.argument("key", required=False)
@click.option("--all", "show_all", is_flag=True, help="Explain every rule of the catalog.")
@click.option(
    "--output-format",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format (`--format` is an alias).",
)
@click.option(
    "--docs-url",
    envvar="SCHEMALINT_DOCS_URL",
    metavar="URL",
    help="Base URL of the rule pages (the JSON `url`) [env SCHEMALINT_DOCS_URL].",
)
def rule_command(key: str | None, show_all: bool, output_format: str, docs_url: str | None) -> None:
    """Explain one rule (by code or name), or every rule with --all: what it flags, why, its
    options and examples."""
    from schemalint.catalog import find_entry, load_catalog, render_entry
    from schemalint.reporters import DOCS_URL, rule_url
    from schemalint.rule_docs import entry_json

    if show_all == (key is not None):
        raise click.UsageError("give a rule (code or name) or --all")
    entries = load_catalog()
    if key is not None:
        entry = find_entry(entries, key)
        if entry is None:
            click.echo(f"error: no rule {key!r}; `schemalint rules` lists them", err=True)
            sys.exit(2)
        entries = (entry,)
    if output_format == "json":
        documents = [entry_json(e, rule_url(e.name, docs_url or DOCS_URL)) for e in entries]
        click.echo(json.dumps(documents if show_all else documents[0], indent=2, ensure_ascii=False))
        return
    click.echo(("\n\n" + "-" * 78 + "\n\n").join(render_entry(e) for e in entries))


_ALLOW_PARTIAL_HELP = (
    "Generate even when the project has errors or lost tables or functions (the generated files "
    "say what may be missing)."
)


@main.group("generate")
def generate_group() -> None:
    """Generate files from the schema: Markdown docs (`docs`), a typed Python client (`python`)."""


@generate_group.command("docs")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Directory to write the docs into (README.md and one page per table).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and print a diff if DIR is out of date.")
@click.option(
    "--with-findings", is_flag=True, help="List each table's `schemalint check` findings on its page."
)
@click.option("--allow-partial", is_flag=True, help=_ALLOW_PARTIAL_HELP)
@click.option("--watch", is_flag=True, help=_WATCH_HELP)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def generate_docs_command(
    path: Path, out_dir: Path, check: bool, with_findings: bool, allow_partial: bool, watch: bool, debug: bool
) -> None:
    """Write Markdown documentation of the Convex schema at PATH into --out DIR.

    Only files schemalint wrote before are replaced or removed. Nothing is written when the
    project has errors (those `schemalint check` reports as errors) or tables schemalint could
    not read, unless --allow-partial. Exit status: 0 on success (or, with --check, when DIR is
    up to date), 1 when the schema cannot be read in full (or DIR is out of date), 2 for usage
    errors.
    """

    def render(project: Project, layout: ProjectLayout) -> dict[str, str]:
        from schemalint.generate.completeness import IncompleteProject, find_gaps
        from schemalint.generate.docs import render_docs

        findings = None
        if with_findings:  # every rule runs: the refusal check takes the deploy errors from these
            from schemalint import engine
            from schemalint.config import load_config

            findings = engine.run(project, load_config(layout.schema_file))
        gaps = find_gaps(project, findings=findings)
        if gaps and not allow_partial:
            raise IncompleteProject(gaps)
        return render_docs(project, findings)

    sys.exit(
        _maybe_watching(
            watch,
            path,
            lambda: _run_generator(path, out_dir, check=check, generator="docs", render=render, debug=debug),
        )
    )


def _maybe_watching(watch: bool, path: Path, run: Callable[[], int]) -> int:
    """`run()`, or with --watch `run()` again on every change of a file the project reads."""
    if not watch:
        return run()
    from schemalint.watching import project_targets
    from schemalint.watching import watch as watch_loop

    return watch_loop(lambda: (run(), project_targets(path)))


def _run_generator(
    path: Path,
    out_dir: Path,
    *,
    check: bool,
    generator: str,
    render: Callable[[Project, ProjectLayout], dict[str, str]],
    debug: bool = False,
    functions: bool = False,
) -> int:
    """Discover and parse the project (with its function modules if `functions`), render the
    generator's files, then write them into `out_dir` (or compare them with it, for --check);
    returns the exit status."""
    from schemalint.config import ConfigError
    from schemalint.discovery import DiscoveryError
    from schemalint.generate.completeness import IncompleteProject
    from schemalint.generate.output import OutputError, check_files, ensure_safe_out_dir, write_files
    from schemalint.parser import parse_project
    from schemalint.textsafe import visible
    from schemalint.workspace import find_one_project

    try:
        layout = find_one_project(path)
        ensure_safe_out_dir(out_dir, functions_dir=layout.functions_dir, schema_file=layout.schema_file)
        project = parse_project(layout, functions=functions)
        _echo_parser_diagnostics(project.diagnostics)
        if project.schema is None:
            click.echo("error: the schema could not be read; nothing generated", err=True)
            return 1
        try:
            files = render(project, layout)
        except IncompleteProject as exc:
            _echo_incomplete(exc.gaps)
            return 1
        if check:
            result = check_files(out_dir, files, generator=generator)
            click.echo(result.diff, nl=False)
            for name in result.unlisted:
                shown = visible(_relative(str(out_dir / name)))
                click.echo(f"note: {shown} was not generated by schemalint (left alone)", err=True)
            state = f"{len(result.changed)} file(s) out of date" if result.changed else "up to date"
            click.echo(f"{out_dir}: {state}", err=True)
            return result.exit_code
        written = write_files(out_dir, files, generator=generator)
        click.echo(
            f"{out_dir}: {len(written.written)} written, {len(written.unchanged)} unchanged, "
            f"{len(written.removed)} removed",
            err=True,
        )
        return 0
    except (DiscoveryError, OutputError, ConfigError) as exc:
        _echo_error(exc)
        return 2
    except Exception as exc:
        _internal_error(exc, debug)


def _echo_incomplete(gaps: Gaps) -> None:
    """Say why nothing was generated, and how to generate anyway."""
    from schemalint.textsafe import visible

    click.echo(f"error: nothing generated: {gaps.headline()}:", err=True)
    for line in gaps.describe(_relative):
        click.echo(f"  {visible(line)}", err=True)
    click.echo("Fix them, or pass --allow-partial to generate from what could be read.", err=True)


def _python_package_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from schemalint.generate.python_names import package_name_problem

    problem = package_name_problem(value)
    if problem is not None:
        raise click.BadParameter(problem)
    return value


@generate_group.command("python")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Directory to write the package into (as DIR/NAME/).",
)
@click.option(
    "--package",
    default="convex_types",
    show_default=True,
    callback=_python_package_name,
    help="Name of the generated package.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and print a diff if DIR is out of date.")
@click.option("--internal", is_flag=True, help="Include internal functions (callable with an admin key).")
@click.option(
    "--verbose", is_flag=True, help="List each skipped export that is not a function, not only their number."
)
@click.option("--allow-partial", is_flag=True, help=_ALLOW_PARTIAL_HELP)
@click.option(
    "--models",
    type=click.Choice(["typeddict", "pydantic"]),
    default="typeddict",
    show_default=True,
    help="TypedDicts (no dependency), or pydantic v2 models validating arguments and results.",
)
@click.option("--watch", is_flag=True, help=_WATCH_HELP)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def generate_python_command(
    path: Path,
    out_dir: Path,
    package: str,
    check: bool,
    internal: bool,
    verbose: bool,
    allow_partial: bool,
    models: str,
    watch: bool,
    debug: bool,
) -> None:
    """Write a typed Python client for the Convex project at PATH into --out DIR.

    The package holds TypedDicts and Id types for the schema's documents and a typed facade over
    the `convex` client for the project's queries, mutations and actions (with --models pydantic:
    pydantic v2 models, and a facade validating arguments and results). Only files schemalint
    wrote before are replaced or removed. Nothing is written when the project has errors (those
    `schemalint check` reports as errors) or tables or functions schemalint could not read, unless
    --allow-partial (the module docstrings then say what may be missing). Exit status: 0 on
    success (or, with --check, when DIR is up to date), 1 when the project cannot be read in full
    (or DIR is out of date), 2 for usage errors.
    """

    def render(project: Project, layout: ProjectLayout) -> dict[str, str]:
        from schemalint.parser.evaluator import paused_gc

        # What is built from here on lives until the files are written: the collector's passes
        # over it (and over the parsed project) free nothing and cost a third of the rendering.
        with paused_gc():
            return render_unpaused(project, layout)

    def render_unpaused(project: Project, layout: ProjectLayout) -> dict[str, str]:
        from schemalint.generate.completeness import IncompleteProject, find_gaps, relative_to
        from schemalint.generate.python import render_python
        from schemalint.parser.functions import parse_functions

        # Read by the schema's evaluator (`functions=True` below): shared modules are read once.
        modules = project.functions if project.functions is not None else parse_functions(layout)
        shown = set(project.diagnostics)  # (function modules' deploy errors are among them)
        _echo_parser_diagnostics([d for d in modules.diagnostics if d not in shown])
        if modules.skipped and verbose:
            _echo_parser_diagnostics(modules.skipped)
        elif modules.skipped:
            count = len(modules.skipped)
            click.echo(
                f"{count} export{'s' if count != 1 else ''} that {'are' if count != 1 else 'is'} not a "
                "Convex function (zod schemas, classes, constants, ...) could not be evaluated and "
                f"{'were' if count != 1 else 'was'} skipped; --verbose lists them",
                err=True,
            )
        gaps = find_gaps(project, modules)
        if gaps and not allow_partial:
            raise IncompleteProject(gaps)
        missing = gaps.describe(relative_to(project.root))
        if models == "pydantic":
            from schemalint.generate.python_pydantic import render_pydantic as render_python
        return render_python(
            project, modules.functions, package=package, include_internal=internal, missing=missing
        )

    def run() -> int:
        generator = f"python:{package}"
        return _run_generator(
            path, out_dir, check=check, generator=generator, render=render, debug=debug, functions=True
        )

    sys.exit(_maybe_watching(watch, path, run))


def _register_check() -> None:
    from schemalint.cli_check import check_command

    main.add_command(check_command)


_register_check()
