"""The targets of issue #6, judged against one benchmark run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.measure import Measurement
from benchmarks.workloads import CHECK, GEN_DOCS, GEN_PYTHON, PARSE, TSC5, TSC7, Workload

X = "\N{MULTIPLICATION SIGN}"


@dataclass
class WorkloadResult:
    """Everything measured on one workload."""

    workload: Workload
    measurements: dict[str, Measurement]  # by role
    findings: int | None = None
    notes: list[str] = field(default_factory=list)
    # CPUs other processes kept busy just before each timed round (see `measure.Quiet`).
    background: list[float] = field(default_factory=list)

    def median(self, role: str) -> float | None:
        m = self.measurements.get(role)
        return m.median if m is not None and m.samples and not m.failed else None


@dataclass(frozen=True)
class TargetRow:
    target: str
    goal: str
    measured: str
    status: str  # "met", "missed: ..." or "not measured: ..."


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _judge(value: float, limit: float, unit: Callable[[float], str], higher_is_better: bool = False) -> str:
    met = value >= limit if higher_is_better else value <= limit
    if met:
        return "met"
    if higher_is_better:
        return f"missed: {unit(limit - value)} short ({value / limit:.2f}{X} of the goal)"
    return f"missed by {unit(value - limit)} ({value / limit:.2f}{X} the goal)"


def _ratio(value: float) -> str:
    return f"{value:.2f}{X}"


def _mb(value: float) -> str:
    return f"{value:,.0f} MB"


def _synthetic(results: list[WorkloadResult], tables: int) -> WorkloadResult | None:
    return next((r for r in results if r.workload.kind == "synthetic" and r.workload.tables == tables), None)


def _worst_seed(
    results: list[WorkloadResult], value: Callable[[WorkloadResult], float | None], higher_is_better: bool
) -> tuple[float, str] | None:
    pairs = [
        (v, r.workload.label) for r in results if r.workload.kind == "seed" and (v := value(r)) is not None
    ]
    if not pairs:
        return None
    return min(pairs) if higher_is_better else max(pairs)


def _seed_ratio(numerator: str, denominator: str) -> Callable[[WorkloadResult], float | None]:
    def ratio(result: WorkloadResult) -> float | None:
        top, bottom = result.median(numerator), result.median(denominator)
        return top / bottom if top is not None and bottom else None

    return ratio


def evaluate(
    results: list[WorkloadResult], forbidden_imports: list[str] | None, check_name: str
) -> list[TargetRow]:
    """One row per target: what was measured and whether the goal is met (with the gap if not)."""
    rows: list[TargetRow] = []
    seeds_note = "worst of the seed fixtures"

    def seed_row(
        target: str,
        goal: str,
        found: tuple[float, str] | None,
        limit: float,
        unit: Callable[[float], str],
        higher: bool = False,
    ) -> None:
        if found is None:
            rows.append(TargetRow(target, goal, "—", "not measured"))
            return
        value, label = found
        rows.append(
            TargetRow(
                target, goal, f"{unit(value)} ({label}, {seeds_note})", _judge(value, limit, unit, higher)
            )
        )

    seed_row(
        f"Cold `{check_name}` on a seed-sized schema",
        "≤ 150 ms",
        _worst_seed(results, lambda r: r.median(CHECK), False),
        0.150,
        _ms,
    )
    seed_row(
        f"`{check_name}` ÷ parse floor (seed-sized)",
        f"≤ 1.5{X}",
        _worst_seed(results, _seed_ratio(CHECK, PARSE), False),
        1.5,
        _ratio,
    )
    if forbidden_imports is None:
        rows.append(
            TargetRow("`check` imports neither jinja2 nor libcst", "none imported", "—", "not measured")
        )
    else:
        shown = ", ".join(forbidden_imports) or "none"
        rows.append(
            TargetRow(
                "`check` imports neither jinja2 nor libcst",
                "none imported",
                shown,
                "met" if not forbidden_imports else f"missed: imports {shown}",
            )
        )
    for tables, limit in ((1000, 1.0), (5000, 5.0)):
        result = _synthetic(results, tables)
        median = result.median(CHECK) if result else None
        rows.append(
            TargetRow(
                f"`{check_name}`, {tables:,} tables",
                f"≤ {limit:g} s",
                _ms(median) if median is not None else "—",
                _judge(median, limit, _ms) if median is not None else "not measured",
            )
        )
    small, large = _synthetic(results, 1000), _synthetic(results, 5000)
    if small and large and small.median(CHECK) and large.median(CHECK):
        growth = (large.median(CHECK) or 0) / (small.median(CHECK) or 1)
        rows.append(
            TargetRow(
                f"Growth 1,000 → 5,000 tables (5{X} the tables)",
                f"≤ 5.5{X}",
                _ratio(growth),
                _judge(growth, 5.5, _ratio),
            )
        )
    else:
        rows.append(
            TargetRow(f"Growth 1,000 → 5,000 tables (5{X} the tables)", f"≤ 5.5{X}", "—", "not measured")
        )
    seed_row(
        f"TypeScript 7 `tsc --noEmit` ÷ `{check_name}` (seed-sized)",
        f"> 1{X} (check faster)",
        _worst_seed(results, _seed_ratio(TSC7, CHECK), True),
        1.0,
        _ratio,
        higher=True,
    )
    seed_row(
        f"TypeScript 5 `tsc --noEmit` ÷ `{check_name}` (seed-sized)",
        f"≥ 10{X}",
        _worst_seed(results, _seed_ratio(TSC5, CHECK), True),
        10.0,
        _ratio,
        higher=True,
    )
    large_check = large.measurements.get(CHECK) if large else None
    if large_check is not None and large_check.samples:
        rss = large_check.peak_rss_mb
        rows.append(
            TargetRow(
                f"Peak RSS of `{check_name}`, 5,000 tables", "≤ 150 MB", _mb(rss), _judge(rss, 150, _mb)
            )
        )
    else:
        rows.append(TargetRow(f"Peak RSS of `{check_name}`, 5,000 tables", "≤ 150 MB", "—", "not measured"))
    for role, word in ((GEN_PYTHON, "python"), (GEN_DOCS, "docs")):
        median = small.median(role) if small else None
        rows.append(
            TargetRow(
                f"`generate {word}`, 1,000 tables",
                "≤ 2 s",
                _ms(median) if median is not None else "—",
                _judge(median, 2.0, _ms) if median is not None else "not measured",
            )
        )
    return rows
