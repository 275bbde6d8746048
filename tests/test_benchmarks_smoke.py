"""The benchmark harness (`python -m benchmarks`) still runs end to end, at a tiny size."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from schemalint.diagnostics import PARSE_ERROR
from schemalint.discovery import discover
from schemalint.parser import parse_project

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )


def test_harness_writes_results_with_targets_and_floors(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    completed = _run(
        "benchmarks",
        *("--sizes", "5,fn5", "--runs", "1", "--warmup", "0", "--no-tsc", "--max-wait", "0"),
        *("--workdir", str(tmp_path / "work"), "--output", str(output)),
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    report = output.read_text(encoding="utf-8")
    assert "## Targets (issue #14)" in report
    assert "### synthetic 5 tables" in report
    assert "### synthetic 5 tables, with function code" in report
    for command in (
        "| python -c pass |",
        "| parse floor |",
        "| schemalint check (cold: --no-cache) |",
        "| schemalint check (warm: result cache) |",
        "| schemalint export |",
        "| Warm `check` (result cache) ÷ parse floor (seed-sized) | ≤ 1.0\N{MULTIPLICATION SIGN} | — | not measured |",
        "| schemalint check --preview (cold: --no-cache) |",
        "| Cold `check --preview` with function code: growth 1,000 → 5,000 tables | ≤ 5\N{MULTIPLICATION SIGN} | — "
        "| not measured |",
    ):
        assert command in report, f"{command!r} missing from:\n{report}"


def test_synthetic_projects_are_deterministic_and_parse_cleanly(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        completed = _run("benchmarks.synth", str(out), "--tables", "30", "--seed", "7")
        assert completed.returncode == 0, completed.stderr
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) >= 4  # schema.ts, validators.ts, tsconfig.json and table files
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative

    project = parse_project(discover(first))
    assert project.schema is not None
    assert len(project.schema.tables) == 30
    assert [d for d in project.diagnostics if d.kind == PARSE_ERROR] == []


def test_function_code_variant_adds_modules_and_keeps_the_schema_files(tmp_path: Path) -> None:
    from benchmarks.synth import render_project, write_project

    plain = render_project(40)
    with_functions = render_project(40, functions=True)
    assert render_project(40, functions=True) == with_functions
    assert {path: with_functions[path] for path in plain} == plain
    added = sorted(set(with_functions) - set(plain))
    assert "convex/model/index.ts" in added
    assert any(path.startswith("convex/api/") for path in added)
    assert with_functions["convex/model/index.ts"].count("export * from") >= 2

    project = write_project(tmp_path / "p", 40, functions=True)
    parsed = parse_project(discover(project.root), functions=True)
    assert [d for d in parsed.diagnostics if d.kind == PARSE_ERROR] == []
    # the harness takes every file written for the files check reads (its parse floor's input)
    read = sorted({Path(parsed.schema_file), *(Path(f.path) for f in parsed.files)})
    assert read == sorted(project.files)
    completed = _run(
        "schemalint", "check", str(project.root), "--exit-zero", "--no-cache", "--format", "json"
    )
    assert completed.returncode == 0, completed.stderr
    rules = [d["rule"] for d in json.loads(completed.stdout)["diagnostics"]]
    assert {"filter-without-index", "unknown-index", "index-range-order"} <= set(rules)
    directives = sum(text.count("schemalint-ignore") for text in with_functions.values())
    assert directives > 0
    assert rules.count("unused-suppression") < directives  # some directives suppress a finding


def test_the_ratio_to_check_compares_cpu_with_cpu_when_judged_on_cpu_and_tsc_by_wall_time() -> None:
    from benchmarks.measure import Command, Measurement, Sample
    from benchmarks.report import _measurement_row
    from benchmarks.targets import WorkloadResult
    from benchmarks.workloads import CHECK, PARSE, TSC7, Workload

    def measured(role: str, wall: float, cpu: float) -> Measurement:
        return Measurement(Command(role, role, ()), [Sample(wall, 1, 0, cpu)])

    workload = Workload("w", "seed", REPO, 1, (), None)
    measurements = {
        CHECK: measured(CHECK, 6.0, 3.0),
        PARSE: measured(PARSE, 1.0, 0.6),
        TSC7: measured(TSC7, 12.0, 20.0),
    }
    ratios = {
        basis: [
            _measurement_row(m, WorkloadResult(workload, measurements, basis=basis))[6]
            for m in measurements.values()
        ]
        for basis in ("wall", "cpu")
    }
    x = "\N{MULTIPLICATION SIGN}"
    assert ratios == {
        "wall": [f"1.00{x}", f"0.17{x}", f"2.00{x}"],
        "cpu": [f"1.00{x}", f"0.20{x}", f"2.00{x}"],
    }


def test_profiling_a_check_profiles_the_check_not_a_cache_hit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import profiling

    monkeypatch.setenv("SCHEMALINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SCHEMALINT_NO_CACHE")  # the suite turns the result cache off; users do not
    seed = REPO / "fixtures" / "seed-002-community"
    # The tool runs the check several times: with the result cache, every run after the first
    # would only look the result up.
    profiling.main(["--path", str(seed), "--check", "--repeat", "1", "--limit", "400"])
    profile = capsys.readouterr().out
    assert "parse_project" in profile
    assert gc.isenabled()  # switched off for the measured runs only
