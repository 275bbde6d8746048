"""Where the time goes: cProfile of the parser (or the whole `check`) on one schema.

    python -m benchmarks.profiling --tables 1000          # parse_project on a synthetic schema
    python -m benchmarks.profiling --path fixtures/seed-002-community --check
    python -m benchmarks.profiling --tables 5000 --save /tmp/parse.prof   # for snakeviz & co.

Prints the wall time without the profiler, the share spent in tree-sitter's own parsing, and the
functions with the most own time and the most cumulative time.

Measured as the CLI runs: `check` with `--no-cache` (a cache hit would profile the lookup, not the
check), and every run with the cyclic garbage collector off, as `schemalint` runs its one-shot
commands (`fastpath._run_without_collector`); what a run leaves is collected between runs, outside
the timing.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.synth import write_project
from benchmarks.workloads import REPO


def _parse(path: Path) -> Callable[[], object]:
    from schemalint.discovery import discover
    from schemalint.parser import parse_project

    return lambda: parse_project(discover(path))


def _check(path: Path) -> Callable[[], object]:
    from schemalint.cli import main

    def run() -> object:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main(["check", str(path), "--exit-zero", "--no-cache"], prog_name="schemalint")
        return None

    return run


def _tree_sitter_only(path: Path) -> float:
    """Seconds tree-sitter alone takes to parse the files the parser reads for `path`."""
    from schemalint.discovery import discover
    from schemalint.parser import parse_project
    from schemalint.parser.source import _parser

    files = [Path(f.path) for f in parse_project(discover(path)).files]
    start = time.perf_counter()
    for file in files:
        _parser(file.suffix in (".tsx", ".jsx")).parse(file.read_bytes())
    return time.perf_counter() - start


def _without_collector(function: Callable[[], object]) -> Callable[[], object]:
    """`function` run with the cyclic garbage collector off, as the CLI runs its commands."""

    def run() -> object:
        gc.collect()  # what an earlier run left, outside the measured call
        gc.disable()
        try:
            return function()
        finally:
            gc.enable()

    return run


def _best_of(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.profiling", description=__doc__.splitlines()[0]
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--tables", type=int, help="profile a synthetic schema of this many tables")
    target.add_argument("--path", type=Path, help="profile this project")
    parser.add_argument(
        "--check", action="store_true", help="profile the whole `check` command, not the parser"
    )
    parser.add_argument("--limit", type=int, default=25, help="functions to list (default 25)")
    parser.add_argument("--repeat", type=int, default=3, help="unprofiled runs for the wall time (best of)")
    parser.add_argument("--save", type=Path, help="also write the raw profile here")
    args = parser.parse_args(argv)

    path = args.path
    if path is None:
        path = REPO / "benchmarks" / ".work" / f"synthetic-{args.tables}"
        write_project(path, args.tables)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    function = _check(path) if args.check else _parse(path)
    function()  # imports and caches warm
    wall = _best_of(function, args.repeat)
    parse_only = _tree_sitter_only(path)
    what = "schemalint check (in-process, imports warm)" if args.check else "parse_project(discover(path))"
    print(f"{what} on {path}")
    print(f"  wall time, best of {args.repeat}, no profiler: {wall * 1000:,.0f} ms")
    print(f"  of which tree-sitter parsing the same files:  {parse_only * 1000:,.0f} ms")
    profiler = cProfile.Profile()
    profiler.runcall(_without_collector(function))
    if args.save is not None:
        profiler.dump_stats(args.save)
    for key in ("tottime", "cumulative"):
        print(f"\n--- top {args.limit} by {key} (profiled, so slower than the wall time above)")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.strip_dirs().sort_stats(key).print_stats(args.limit)


if __name__ == "__main__":
    main()
