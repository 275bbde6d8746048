"""Run `schemalint ARGS` in this process as its console script does (`schemalint.fastpath.run`),
with the process exit replaced by an exception the test can catch."""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass

import pytest

from schemalint import fastpath


@dataclass(frozen=True)
class ScriptExit:
    status: int
    collector_was_off: bool  # whether the cyclic GC was disabled when the command exited


def run_console_script(args: list[str], monkeypatch: pytest.MonkeyPatch) -> ScriptExit:
    """`schemalint ARGS`: the fast path first, then the CLI, ending in `fastpath._exit`."""
    monkeypatch.setattr(sys, "argv", ["schemalint", *args])
    monkeypatch.setattr(fastpath, "_command_line", None)

    def leave(status: int) -> None:
        raise SystemExit(status)

    monkeypatch.setattr(fastpath, "_exit", leave)
    try:
        with pytest.raises(SystemExit) as stopped:
            fastpath.run()
        collector_was_off = not gc.isenabled()
    finally:
        gc.enable()  # commands run with the collector off
    code = stopped.value.code
    return ScriptExit(code if isinstance(code, int) else 0, collector_was_off)
