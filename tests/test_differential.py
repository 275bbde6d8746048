"""Differential testing: generated schema programs through the real `convex` package and
`schemalint export`. For each program, export either prints exactly Convex's JSON with exit 0,
or exits 1 saying what it could not evaluate (or what Convex throws); never a different JSON
with exit 0, never an internal error.

Each hypothesis example is a batch of programs sent to one node process. CI runs a few
batches (36 programs) with a fixed seed (about 6 s); `--hypothesis-profile=long` runs many more, by hand:

    pytest tests/test_differential.py --hypothesis-profile=long
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from oracle_runner import oracle_missing_reason, run_oracle
from schema_programs import schema_programs

from schemalint.cli import main

BATCH = 12
# A few batches in CI; the long profile (100,000 examples elsewhere) runs 1/1000 of that.
# SCHEMALINT_DIFF_BATCHES and SCHEMALINT_DIFF_SEED override both (for exploring by hand).
BATCHES = int(
    os.environ.get("SCHEMALINT_DIFF_BATCHES")
    or (max(3, settings.default.max_examples // 1000) if settings.default.max_examples > 2000 else 3)
)
SEED = int(os.environ.get("SCHEMALINT_DIFF_SEED", "20261129"))

pytestmark = pytest.mark.skipif(oracle_missing_reason() is not None, reason=str(oracle_missing_reason()))


def _strict(value: Any) -> Any:
    """`value` with booleans kept apart from numbers (in Python, `True == 1`)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", float(value))
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strict(v) for v in value]
    return value


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def check_program(root: Path, oracle: dict[str, Any]) -> str | None:
    """What is wrong with schemalint's export of the project at `root`, or None."""
    result = CliRunner().invoke(main, ["export", str(root), "--compact"])
    if result.exit_code not in (0, 1) or "internal error" in result.output:
        return f"export exited {result.exit_code}: {result.output[-2000:]}"
    if result.exit_code == 1:
        return None if result.stderr.strip() else "export exited 1 without saying why"
    if "export" not in oracle:
        return f"export exited 0 but Convex fails: {oracle.get('error')}\n{result.stdout[:2000]}"
    actual = json.loads(result.stdout)
    if actual != oracle["export"] or _strict(actual) != _strict(oracle["export"]):
        return (
            "export differs from Convex with exit 0\n"
            f"convex:     {json.dumps(oracle['export'], ensure_ascii=False)[:3000]}\n"
            f"schemalint: {json.dumps(actual, ensure_ascii=False)[:3000]}"
        )
    return None


@seed(SEED)
@settings(
    max_examples=BATCHES,
    deadline=None,
    derandomize=False,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a batch takes minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(schema_programs(), min_size=BATCH, max_size=BATCH))
def test_export_equals_convex_or_says_what_it_cannot_evaluate(programs: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        roots = []
        for index, files in enumerate(programs):
            root = Path(tmp) / f"p{index}"
            _write(root, files)
            roots.append(root)
        oracle = run_oracle(roots)
        problems = []
        for root, files in zip(roots, programs, strict=True):
            problem = check_program(root, oracle[str(root)])
            if problem is not None:
                problems.append(f"{problem}\n--- convex/schema.ts ---\n{files['convex/schema.ts']}")
        assert not problems, "\n\n".join(problems)
