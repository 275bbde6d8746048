"""The targets of issue #14, judged against one benchmark run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.measure import Measurement
from benchmarks.workloads import (
    CHECK,
    CHECK_WARM,
    EXPORT,
    GEN_DOCS,
    GEN_PYTHON,
    PARSE,
    SYNTHETIC_FUNCTIONS,
    TSC7,
    Workload,
)

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

    # "wall" or "cpu": what `median` gives (CPU time on a machine other processes keep busy)
    basis: str = "wall"

    def median(self, role: str) -> float | None:
        m = self.measurements.get(role)
        if m is None or not m.samples or m.failed:
            return None
        return m.cpu_median if self.basis == "cpu" else m.median

    def wall_median(self, role: str) -> float | None:
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


def _synthetic(results: list[WorkloadResult], tables: int, kind: str = "synthetic") -> WorkloadResult | None:
    return next((r for r in results if r.workload.kind == kind and r.workload.tables == tables), None)


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
        # tsc 7 runs on several threads: it is compared by wall time whatever the basis
        wall = TSC7 in (numerator, denominator)
        top = result.wall_median(numerator) if wall else result.median(numerator)
        bottom = result.wall_median(denominator) if wall else result.median(denominator)
        return top / bottom if top is not None and bottom else None

    return ratio


def _median_cpu(result: WorkloadResult | None, role: str) -> tuple[str, float] | None:
    """The figure not judged, shown beside the judged one (CPU time, or wall time when judged on CPU)."""
    m = result.measurements.get(role) if result is not None else None
    if m is None or not m.samples or m.failed or result is None:
        return None
    return ("wall", m.median) if result.basis == "cpu" else ("CPU", m.cpu_median)


def _functions_growth(results: list[WorkloadResult], check_name: str) -> TargetRow:
    """Growth 1k → 5k of the cold check (preview rules included) on the synthetic projects with
    function code, with both times and the peak RSS at 5k beside it (reported, no goal)."""
    target = f"Cold `{check_name} --preview` with function code: growth 1,000 → 5,000 tables"
    goal = f"≤ 5{X}"
    small = _synthetic(results, 1000, SYNTHETIC_FUNCTIONS)
    large = _synthetic(results, 5000, SYNTHETIC_FUNCTIONS)
    a = small.median(CHECK) if small else None
    b = large.median(CHECK) if large else None
    if a is None or b is None or large is None:
        return TargetRow(target, goal, "—", "not measured")
    m = large.measurements[CHECK]
    measured = f"{_ratio(b / a)} ({_ms(a)} → {_ms(b)}; peak RSS at 5,000 tables {_mb(m.peak_rss_mb)})"
    return TargetRow(target, goal, measured, _judge(b / a, 5.0, _ratio))


def evaluate(
    results: list[WorkloadResult],
    forbidden_imports: list[str] | None,
    check_name: str,
    harness_seconds: float | None = None,
) -> list[TargetRow]:
    """One row per target of issue #14: what was measured and whether the goal is met (with the
    gap if not). Times are medians of whole-process wall times; CPU time (user + system) is shown
    beside them, as the less load-sensitive figure."""
    rows: list[TargetRow] = []
    seeds_note = "worst of the seed fixtures"

    def add(
        target: str,
        goal: str,
        value: float | None,
        limit: float,
        unit: Callable[[float], str],
        where: str = "",
        higher: bool = False,
        cpu: tuple[str, float] | None = None,
    ) -> None:
        if value is None:
            rows.append(TargetRow(target, goal, "—", "not measured"))
            return
        shown = (
            unit(value)
            + (f" ({where})" if where else "")
            + (f"; {cpu[0]} {_ms(cpu[1])}" if cpu is not None else "")
        )
        rows.append(TargetRow(target, goal, shown, _judge(value, limit, unit, higher)))

    def seed(
        target: str,
        goal: str,
        ratio: Callable[[WorkloadResult], float | None],
        limit: float,
        higher: bool = False,
    ) -> None:
        found = _worst_seed(results, ratio, higher)
        add(
            target,
            goal,
            found[0] if found else None,
            limit,
            _ratio,
            f"{found[1]}, {seeds_note}" if found else "",
            higher,
        )

    seed(f"Cold `{check_name}` ÷ parse floor (seed-sized)", f"≤ 2.0{X}", _seed_ratio(CHECK, PARSE), 2.0)
    seed(
        f"TypeScript 7 `tsc --noEmit` ÷ cold `{check_name}` (seed-sized)",
        f"≥ 2{X} (check ≤ 0.5{X} tsgo)",
        _seed_ratio(TSC7, CHECK),
        2.0,
        higher=True,
    )
    seed(
        f"Warm `{check_name}` (result cache) ÷ parse floor (seed-sized)",
        f"≤ 1.0{X}",
        _seed_ratio(CHECK_WARM, PARSE),
        1.0,
    )
    functions = next((r for r in results if r.workload.kind == "functions"), None)
    if functions is not None:
        label = functions.workload.label
        for name, top, bottom, goal, limit, higher in (
            (f"Cold `{check_name}` ÷ parse floor, with function code", CHECK, PARSE, f"≤ 2.0{X}", 2.0, False),
            (
                f"TypeScript 7 `tsc --noEmit` ÷ cold `{check_name}`, with function code",
                TSC7,
                CHECK,
                f"≥ 2{X}",
                2.0,
                True,
            ),
        ):
            ratio = _seed_ratio(top, bottom)(functions)
            add(name, goal, ratio, limit, _ratio, label, higher)
    else:
        rows.append(
            TargetRow(
                f"`{check_name}` with function code",
                "seed targets",
                "—",
                "not measured: the corpus (/work/corpus) is not on this machine",
            )
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
    small, large = _synthetic(results, 1000), _synthetic(results, 5000)
    add(
        f"Cold `{check_name}`, 1,000 tables",
        "≤ 0.5 s",
        small.median(CHECK) if small else None,
        0.5,
        _ms,
        cpu=_median_cpu(small, CHECK),
    )

    def growth(role: str, word: str, limit: float) -> None:
        a = small.median(role) if small else None
        b = large.median(role) if large else None
        add(
            f"{word}: growth 1,000 → 5,000 tables",
            f"≤ {limit:g}{X}",
            b / a if a and b else None,
            limit,
            _ratio,
        )

    growth(CHECK, f"Cold `{check_name}`", 5.0)
    large_check = large.measurements.get(CHECK) if large else None
    rss = large_check.peak_rss_mb if large_check is not None and large_check.samples else None
    add(f"Peak RSS of `{check_name}`, 5,000 tables", "≤ 120 MB", rss, 120, _mb)
    rows.append(_functions_growth(results, check_name))
    for role, word in ((GEN_PYTHON, "python"), (GEN_DOCS, "docs")):
        add(
            f"`generate {word}`, 1,000 tables",
            "≤ 1 s",
            small.median(role) if small else None,
            1.0,
            _ms,
            cpu=_median_cpu(small, role),
        )
        growth(role, f"`generate {word}`", 5.5)
    add(
        "`export`, 5,000 tables",
        "≤ 2 s",
        large.median(EXPORT) if large else None,
        2.0,
        _ms,
        cpu=_median_cpu(large, EXPORT),
    )
    export = large.measurements.get(EXPORT) if large else None
    add(
        "Peak RSS of `export`, 5,000 tables",
        "≤ 150 MB",
        export.peak_rss_mb if export is not None and export.samples else None,
        150,
        _mb,
    )
    add("The benchmark harness's own run time", "≤ 5 min", harness_seconds, 300, _ms)
    return rows
