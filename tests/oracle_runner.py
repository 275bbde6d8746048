"""Run the test oracle: the real `convex` package's `defineSchema(...).export()` per fixture.

The oracle is `tests/oracle/export-schema.mjs`, a node script that bundles each project's
schema with esbuild and evaluates it. It needs `npm ci --prefix tests/oracle` once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ORACLE_DIR = Path(__file__).resolve().parent / "oracle"
ORACLE_SCRIPT = ORACLE_DIR / "export-schema.mjs"
INSTALL_HINT = "run `npm ci --prefix tests/oracle` (from the repository root) first"


def oracle_missing_reason() -> str | None:
    """Why the oracle cannot run on this machine, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed; the export oracle needs node >= 18"
    if not (ORACLE_DIR / "node_modules" / "esbuild").is_dir():
        return f"{ORACLE_DIR / 'node_modules'} is missing: {INSTALL_HINT}"
    return None


def run_oracle(dirs: list[Path], timeout: float = 300.0) -> dict[str, dict[str, Any]]:
    """Map each project directory, as `str(dir)`, to `{"export": ...}` or `{"error": ...}`.

    One node process handles all directories. Raises RuntimeError when the oracle is not
    installed or the script itself fails.
    """
    reason = oracle_missing_reason()
    if reason is not None:
        raise RuntimeError(reason)
    if not dirs:
        return {}
    args = [str(d) for d in dirs]
    completed = subprocess.run(
        ["node", str(ORACLE_SCRIPT), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the export oracle failed (exit {completed.returncode}):\n{completed.stderr}")
    try:
        results: dict[str, dict[str, Any]] = json.loads(completed.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"the export oracle printed invalid JSON ({exc}):\n{completed.stdout[:2000]}"
        ) from None
    missing = [a for a in args if a not in results]
    if missing:
        raise RuntimeError(f"the export oracle gave no result for: {', '.join(missing)}")
    return results
