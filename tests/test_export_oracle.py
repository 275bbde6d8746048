"""`schemalint export` must print exactly what Convex's own `defineSchema(...).export()` prints.

For every fixture project in `fixtures/`, the oracle (`tests/oracle/export-schema.mjs`, which
bundles and runs the schema with the real `convex` package) gives the expected JSON.
"""

from __future__ import annotations

import difflib
import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from oracle_runner import run_oracle

from schemalint.cli import main

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_DIRS = sorted(p for p in FIXTURES_DIR.glob("*") if p.is_dir())


@pytest.fixture(scope="session")
def oracle_exports() -> dict[str, dict[str, Any]]:
    """The oracle's result for every fixture, from one node process."""
    return run_oracle(FIXTURE_DIRS)


def _pretty(value: Any) -> list[str]:
    return json.dumps(value, indent=2, sort_keys=True).splitlines(keepends=True)


def _strict(value: Any) -> Any:
    """`value` with booleans kept apart from numbers (in Python, `True == 1`) and 3.0 == 3."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", float(value))
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strict(v) for v in value]
    return value


def _diff(expected: Any, actual: Any) -> str:
    return "".join(
        difflib.unified_diff(_pretty(expected), _pretty(actual), "convex (oracle)", "schemalint export")
    )


def _cli_runner() -> CliRunner:
    # click < 8.2 mixes stderr into stdout unless told not to.
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


@pytest.mark.parametrize("fixture_dir", FIXTURE_DIRS, ids=[p.name for p in FIXTURE_DIRS])
def test_export_matches_convex(fixture_dir: Path, oracle_exports: dict[str, dict[str, Any]]) -> None:
    oracle = oracle_exports[str(fixture_dir)]
    if "export" not in oracle:
        pytest.fail(
            f"the oracle could not export {fixture_dir.name} (the fixture is a test bug): "
            f"{oracle.get('error')}"
        )
    expected = oracle["export"]

    result = _cli_runner().invoke(main, ["export", str(fixture_dir), "--compact"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), (
        f"schemalint export exited {result.exit_code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\n{result.exception!r}"
    )
    try:
        actual = json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        pytest.fail(f"schemalint export printed invalid JSON ({exc}):\n{result.stdout}")

    assert actual == expected and _strict(actual) == _strict(expected), (
        f"schemalint export differs from Convex's export() for {fixture_dir.name}"
        f" (diagnostics: {result.stderr.strip() or 'none'}):\n{_diff(expected, actual)}"
    )
