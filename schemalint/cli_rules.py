"""`schemalint rules` and `schemalint rule`: the rule catalog (imported when one of these
commands is looked up: `schemalint.cli`)."""

from __future__ import annotations

import sys

import click


@click.command("rules")
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


@click.command("rule")
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
        import json

        click.echo(json.dumps(documents if show_all else documents[0], indent=2, ensure_ascii=False))
        return
    click.echo(("\n\n" + "-" * 78 + "\n\n").join(render_entry(e) for e in entries))
