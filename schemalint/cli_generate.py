"""`schemalint generate docs` and `schemalint generate python` (imported when `generate` is
looked up: `schemalint.cli`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from schemalint.cli_support import WATCH_HELP as _WATCH_HELP
from schemalint.cli_support import echo_error as _echo_error
from schemalint.cli_support import echo_parser_diagnostics as _echo_parser_diagnostics
from schemalint.cli_support import internal_error as _internal_error
from schemalint.cli_support import relative as _relative

if TYPE_CHECKING:
    from schemalint.discovery import ProjectLayout
    from schemalint.generate.completeness import Gaps
    from schemalint.ir import Project


_ALLOW_PARTIAL_HELP = (
    "Generate even when the project has errors or lost tables or functions (the generated files "
    "say what may be missing)."
)


@click.group("generate")
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
