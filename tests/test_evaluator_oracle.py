"""JS semantics of the static evaluator, each case compared with the real `convex` package.

Every `tests/evaluator_cases/<name>.ts` is a schema snippet (the usual `convex/server` and
`convex/values` imports are prepended) whose first line says what must happen:

- `// expect: equal`   — Convex exports it, and `schemalint export` prints the same JSON, exit 0;
- `// expect: unknown` — Convex exports it, schemalint cannot follow it: exit 1 naming why
  (never a different JSON with exit 0);
- `// expect: throws`  — Convex throws (the push fails): schemalint exits 1 with an error.

All cases go through one node process (`run_oracle`), so adding a case costs milliseconds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from oracle_runner import run_oracle

from schemalint.cli import main

CASES_DIR = Path(__file__).resolve().parent / "evaluator_cases"
CASES = sorted(CASES_DIR.glob("*.ts"))
HEADER = 'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n'


def _expectation(case: Path) -> str:
    first = case.read_text(encoding="utf-8").splitlines()[0]
    expectation = first.removeprefix("// expect:").strip()
    assert expectation in ("equal", "unknown", "throws"), f"{case.name}: bad first line {first!r}"
    return expectation


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("evaluator_cases")
    result: dict[str, Path] = {}
    for case in CASES:
        project = root / case.stem
        (project / "convex").mkdir(parents=True)
        (project / "convex" / "schema.ts").write_text(
            HEADER + case.read_text(encoding="utf-8"), encoding="utf-8"
        )
        result[case.stem] = project
    return result


@pytest.fixture(scope="module")
def oracle(projects: dict[str, Path]) -> dict[str, dict[str, Any]]:
    results = run_oracle(list(projects.values()))
    return {name: results[str(path)] for name, path in projects.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_export_agrees_with_convex(
    case: Path, projects: dict[str, Path], oracle: dict[str, dict[str, Any]]
) -> None:
    expectation = _expectation(case)
    expected = oracle[case.stem]
    result = CliRunner().invoke(main, ["export", str(projects[case.stem]), "--compact"])
    assert result.exit_code in (0, 1), result.output
    shown = f"\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}\n--- oracle ---\n{expected}"
    if expectation == "throws":
        assert "error" in expected, f"Convex does not throw for {case.name}{shown}"
        assert result.exit_code == 1 and ("evaluation-error" in result.stderr or "error:" in result.stderr), (
            f"schemalint misses that Convex throws{shown}"
        )
        return
    assert "export" in expected, f"the oracle could not export {case.name} (a test bug){shown}"
    if expectation == "equal":
        assert result.exit_code == 0, f"schemalint could not evaluate {case.name}{shown}"
        assert json.loads(result.stdout) == expected["export"], f"export differs{shown}"
    else:
        assert result.exit_code == 1 and "unevaluable-expression" in result.stderr, (
            f"schemalint must say it cannot evaluate {case.name}{shown}"
        )
