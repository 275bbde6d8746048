"""The `schemalint` command line. Each command is defined in a module of its own, imported when
the command is looked up (to run it, or for `--help`); heavy modules are imported inside the
commands that need them."""

from __future__ import annotations

from typing import ClassVar

import click

from schemalint import __version__


class _Main(click.Group):
    """The command group; a reader that closes stdout early (`| head`) ends the run quietly.

    Every command is defined in a module imported only when that command is looked up (to run
    it, or for `--help`), so that a command does not pay for the others at start-up."""

    _LAZY: ClassVar[dict[str, tuple[str, str]]] = {
        "check": ("schemalint.cli_check", "check_command"),
        "diff": ("schemalint.diff.command", "diff_command"),
        "export": ("schemalint.cli_export", "export_command"),
        "generate": ("schemalint.cli_generate", "generate_group"),
        "rule": ("schemalint.cli_rules", "rule_command"),
        "rules": ("schemalint.cli_rules", "rules_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self._LAZY and cmd_name not in self.commands:
            import importlib

            module, name = self._LAZY[cmd_name]
            self.add_command(getattr(importlib.import_module(module), name))
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self._LAZY:  # not a command: click suggests the closest of
            for name in self._LAZY:  # the commands registered, so every one is registered first
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

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
