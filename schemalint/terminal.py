"""How the command line talks to a terminal: whether to colour, and a quiet exit when the
reader of stdout goes away (`schemalint check | head -1`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import NoReturn, TextIO

COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output written to `stream`.

    `always` and `never` win; under `auto`, a non-empty `NO_COLOR` turns colour off and a
    non-empty `FORCE_COLOR` turns it on (https://no-color.org, https://force-color.org; when
    both are set, NO_COLOR wins), else colour only on a terminal.
    """
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


def exit_on_broken_pipe() -> NoReturn:
    """Exit quietly with status 141 (what a shell reports for a process ended by SIGPIPE, as
    `git log | head -1` is) after the reader of stdout closed it: stdout is pointed at /dev/null
    so that the interpreter's final flush cannot fail again and print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(141)
