"""The environment of a child process that may write bytecode, as Python does after `pip install`.

The generated `schemalint.records_compiled` and `records_texts` are used only when their bytecode
can be cached (compiling them from source on every start would cost more than it saves); a test
environment that sets PYTHONDONTWRITEBYTECODE would otherwise never exercise them."""

from __future__ import annotations

import os
import sys


def env_that_writes_bytecode() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def running_python() -> str:
    return ".".join(map(str, sys.version_info[:3]))
