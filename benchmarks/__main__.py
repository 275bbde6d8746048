"""Time `schemalint check` and the generators against their floors and `tsc`; write RESULTS.md.

python -m benchmarks                      # the full run: seeds, 100, 1,000, 5,000 tables
python -m benchmarks --quick              # seeds, 100 and 1,000 tables, 3 runs
python -m benchmarks --sizes 5 --runs 1 --warmup 0 --no-tsc --output /tmp/r.md
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import CHILD_ENV, Quiet, measure_side_by_side
from benchmarks.report import ImportReport, machine_rows, render
from benchmarks.targets import WorkloadResult, evaluate
from benchmarks.workloads import (
    CHECK,
    REPO,
    SYNTHETIC_FUNCTIONS,
    Tools,
    Workload,
    commands_for,
    count_findings,
    functions_workload,
    seed_workloads,
    synthetic_functions_workload,
    synthetic_workload,
)

FULL_SIZES = "seeds,functions,100,1000,5000,fn1000,fn5000"
QUICK_SIZES = "seeds,functions,100,1000,fn1000"
IMPORT_PROBE = REPO / "benchmarks" / "import_probe.py"
FUNCTIONS_PREFIX = "fn"  # `--sizes fn1000`: the synthetic 1,000-table project with function code


def _sizes(text: str) -> list[str | int]:
    """`seeds`, `functions`, table counts (`1000`) and table counts with function code (`fn1000`)."""
    sizes: list[str | int] = []
    for part in (p.strip() for p in text.split(",")):
        if part in ("seeds", "functions"):
            sizes.append(part)
        elif part:
            count = part.removeprefix(FUNCTIONS_PREFIX)
            value = int(count.replace("_", ""))
            if value < 1:
                raise argparse.ArgumentTypeError(f"a size must be at least 1 table, not {value}")
            sizes.append(f"{FUNCTIONS_PREFIX}{value}" if count != part else value)
    return sizes


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        help=f"`seeds`, `functions`, table counts, fnN: N tables with function code (default {FULL_SIZES})",
    )
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5; 3 with --quick)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}, 3 runs")
    parser.add_argument("--no-tsc", action="store_true", help="do not time tsc")
    parser.add_argument(
        "--judge-on",
        choices=("wall", "cpu"),
        default="wall",
        help="judge the targets on median wall time (default) or, on a machine other processes keep "
        "busy, on median CPU time (user + system; comparisons with the multi-threaded tsc 7 stay on "
        "wall time)",
    )
    parser.add_argument("--tsc5", action="store_true", help="also time TypeScript 5's tsc (seconds per run)")
    parser.add_argument(
        "--large-runs",
        type=int,
        default=2,
        help="timed runs (no warm-up) at 5,000 tables and more (default 2: the growth targets rest on them)",
    )
    parser.add_argument(
        "--tsc-sizes",
        type=_sizes,
        default=_sizes("seeds,functions,100"),
        help="where to time tsc (default seeds,functions,100)",
    )
    parser.add_argument("--seed", type=int, default=0, help="synthetic schema seed (default 0)")
    parser.add_argument(
        "--quiet-threshold", type=float, default=0.3, help="busy CPUs tolerated from other processes (0.3)"
    )
    parser.add_argument(
        "--max-wait",
        type=float,
        default=30.0,
        help="seconds to wait for quiet before each round (30; 0: never)",
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a run is killed")
    parser.add_argument("--workdir", type=Path, default=REPO / "benchmarks" / ".work")
    parser.add_argument(
        "--output",
        type=Path,
        help="Markdown report (default benchmarks/RESULTS.md; with --quick, WORKDIR/RESULTS.quick.md)",
    )
    args = parser.parse_args(argv)
    args.sizes = args.sizes or _sizes(QUICK_SIZES if args.quick else FULL_SIZES)
    args.runs = args.runs or (3 if args.quick else 5)
    if args.output is None:
        args.output = args.workdir / "RESULTS.quick.md" if args.quick else REPO / "benchmarks" / "RESULTS.md"
    return args


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def probe_imports(tools: Tools, path: Path) -> ImportReport | None:
    """What `schemalint check` imports on `path` (None when check is not available or the probe fails)."""
    if not tools.has_check:
        return None
    result = subprocess.run(
        [sys.executable, str(IMPORT_PROBE), str(path), "check"], capture_output=True, text=True, check=False
    )
    try:
        data = json.loads(result.stdout)
    except json.JSONDecodeError:
        _progress(f"import probe failed:\n{result.stderr}")
        return None
    return ImportReport(
        subcommand=str(data["subcommand"]),
        forbidden=list(data["forbidden_imported"]),
        third_party=list(data["third_party_packages"]),
        module_count=int(data["module_count"]),
    )


def busy_machine_notes(results: list[WorkloadResult], quiet: Quiet) -> list[str]:
    """A warning when other processes kept CPUs busy during the run."""
    readings = [b for r in results for b in r.background]
    noisy = [b for b in readings if b > quiet.threshold]
    if not noisy:
        return []
    return [
        f"**The machine was not idle**: before {len(noisy)} of {len(readings)} rounds of runs, other "
        f"processes still kept up to {max(noisy):.1f} CPUs busy after waiting up to {quiet.max_wait:g} s "
        "for them. Those rounds are slower than an idle machine would give; min is the least "
        "disturbed figure."
    ]


def _workloads(args: argparse.Namespace, with_node: bool) -> list[tuple[Workload, bool]]:
    """Each workload, and whether tsc is timed on it."""
    found: list[tuple[Workload, bool]] = []
    for size in args.sizes:
        tsc = with_node and size in args.tsc_sizes
        if size == "seeds":
            found += [(w, tsc) for w in seed_workloads(args.workdir, with_node)]
        elif size == "functions":
            workload = functions_workload(args.workdir, with_node)
            if workload is not None:
                found.append((workload, tsc))
        elif isinstance(size, str):  # fnN
            tables = int(size.removeprefix(FUNCTIONS_PREFIX))
            _progress(f"generating a synthetic project of {tables:,} tables with function code")
            found.append((synthetic_functions_workload(args.workdir, tables, args.seed), False))
        else:
            _progress(f"generating a synthetic schema of {size:,} tables")
            found.append((synthetic_workload(args.workdir, int(size), args.seed, with_node), tsc))
    return found


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    # the result cache of the timed `check` runs: emptied, then filled by the warm-up runs
    cache = args.workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    CHILD_ENV["SCHEMALINT_CACHE_DIR"] = str(cache)
    load_before = os.getloadavg()
    tools = Tools.find()
    with_node = not args.no_tsc and tools.node is not None and (tools.tsc5 or tools.tsc7) is not None
    notes: list[str] = []
    if not args.no_tsc and not with_node:
        notes.append("tsc not timed: needs node and `npm ci --prefix benchmarks/node`.")
    quiet = Quiet(args.quiet_threshold, args.max_wait)
    results: list[WorkloadResult] = []
    for workload, tsc in _workloads(args, with_node):
        _progress(f"{workload.label}: {workload.tables:,} tables, {len(workload.files)} files")
        slug = (
            workload.root.name
            if workload.kind in ("seed", SYNTHETIC_FUNCTIONS)
            else f"synthetic-{workload.tables}"
        )
        large = workload.tables >= 5000
        runs, warmup = (args.large_runs, 0) if large else (args.runs, args.warmup)
        commands, command_notes = commands_for(
            workload, tools, args.workdir / "out" / slug, tsc, args.tsc5, fill_cache=warmup == 0
        )
        notes += [n for n in command_notes if n not in notes]
        measurements, background = measure_side_by_side(
            commands, runs, warmup, args.workdir / "logs" / slug, args.timeout, quiet, _progress
        )
        failed = [f"`{m.command.name}` failed; see {m.log}" for m in measurements if m.failed]
        by_role = {m.command.role: m for m in measurements}
        check_log = by_role[CHECK].log if CHECK in by_role else None
        results.append(
            WorkloadResult(
                workload,
                by_role,
                count_findings(workload, tools, check_log),
                failed,
                background,
                basis=args.judge_on,
            )
        )
    notes += busy_machine_notes(results, quiet)
    load_after = os.getloadavg()
    notes.append(
        "Load average (1, 5, 15 min) at the start: "
        + ", ".join(f"{v:.1f}" for v in load_before)
        + "; at the end: "
        + ", ".join(f"{v:.1f}" for v in load_after)
        + f" (on {os.cpu_count()} CPUs)."
    )
    probe_target = next((r.workload.root for r in results if r.workload.kind == "seed"), None)
    probe = probe_imports(tools, probe_target or results[0].workload.root) if results else None
    check_name = "check" if tools.has_check else "export"
    targets = evaluate(results, probe.forbidden if probe else None, check_name, time.monotonic() - started)
    invocation = " ".join(["python -m benchmarks", *argv])
    markdown = render(results, targets, machine_rows(tools), probe, invocation, notes)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(markdown, encoding="utf-8")
    for target in targets:
        print(f"{target.status:<12.12}  {target.target}: {target.measured} (goal {target.goal})")
    print(f"wrote {args.output}")
    return 1 if any(r.notes for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
