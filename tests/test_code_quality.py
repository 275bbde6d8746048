"""The package stays `mypy --strict` and `ruff` clean (STYLE.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_mypy_strict_passes_on_the_package() -> None:
    result = _run(sys.executable, "-m", "mypy", "--strict", "schemalint")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_passes() -> None:
    targets = [name for name in ("schemalint", "tests", "benchmarks") if (ROOT / name).is_dir()]
    result = _run(sys.executable, "-m", "ruff", "check", *targets)
    assert result.returncode == 0, result.stdout + result.stderr
