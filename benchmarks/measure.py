"""Timing whole processes: wall time and the peak RSS of each child.

Peak RSS comes from GNU time (`/usr/bin/time -f %M`): the measured process's own `ru_maxrss`.
`wait4`'s rusage of a direct child is not enough: Python starts children with vfork, and Linux
carries the parent's high-water RSS into the child's `ru_maxrss` at exec, so every child would
look at least as large as this harness. Without GNU time, that upper bound is what is reported.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")


# Children run as they do after `pip install`: with cached bytecode. (Some shells, CI images and
# this project's dev sessions set PYTHONDONTWRITEBYTECODE, which would make every run recompile
# schemalint and measure the compiler instead; the warm-up run writes the .pyc files.)
# Children write bytecode caches (as an installed schemalint has them) and use the result cache
# (the harness points SCHEMALINT_CACHE_DIR into its work directory).
CHILD_ENV = {
    k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "SCHEMALINT_NO_CACHE")
}


def rss_is_exact() -> bool:
    """Whether peak RSS is the child's own (GNU time available) or an upper bound."""
    return GNU_TIME.is_file() and os.access(GNU_TIME, os.X_OK)


@dataclass(frozen=True)
class Command:
    """One thing to time: its role (what results and targets call it), a display name and the
    process to start."""

    role: str
    name: str
    argv: tuple[str, ...]
    cwd: Path | None = None
    # Runs before each start, outside the timed region (e.g. emptying an output directory).
    prepare: Callable[[], None] | None = None
    # A return code other than these marks the measurement as failed (None: any is fine).
    ok_codes: frozenset[int] | None = frozenset({0})


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_kib: int
    returncode: int
    cpu_seconds: float = 0.0  # user + system time of the child and its waited-for descendants


@dataclass
class Measurement:
    """The samples of one command on one workload (the warm-up is not among them)."""

    command: Command
    samples: list[Sample] = field(default_factory=list)
    warmup_returncode: int | None = None
    log: Path | None = None

    @property
    def times(self) -> list[float]:
        return [s.seconds for s in self.samples]

    @property
    def minimum(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(s.cpu_seconds for s in self.samples)

    @property
    def maximum(self) -> float:
        return max(self.times)

    @property
    def peak_rss_mb(self) -> float:
        """The largest peak RSS of any sample, in MB (10^6 bytes)."""
        return max(s.max_rss_kib for s in self.samples) * 1024 / 1e6

    @property
    def returncodes(self) -> set[int]:
        return {s.returncode for s in self.samples}

    @property
    def failed(self) -> bool:
        codes = self.command.ok_codes
        return codes is not None and not self.returncodes <= codes


def run_once(command: Command, log: Path, timeout: float) -> Sample:
    """Start `command`, wait for it, and return its wall time and peak RSS.

    The child's output goes to `log` (stdout) and `log.err` (stderr). The peak RSS is the
    child's (or its largest waited-for descendant's, e.g. the native `tsc` under node). A child
    running longer than `timeout` seconds is killed.
    """
    if command.prepare is not None:
        command.prepare()
    log.parent.mkdir(parents=True, exist_ok=True)
    rss_file = log.with_name(log.name + ".rss")
    argv = command.argv
    if rss_is_exact():
        argv = (str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *argv)
    with log.open("wb") as out, log.with_name(log.name + ".err").open("wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, cwd=command.cwd, env=CHILD_ENV)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    max_rss = int(usage.ru_maxrss)
    if rss_is_exact():
        # GNU time writes "Command exited with non-zero status N" first when the exit code is not 0.
        lines = rss_file.read_text(encoding="utf-8", errors="replace").split()
        max_rss = int(lines[-1]) if lines and lines[-1].isdigit() else max_rss
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds=elapsed, max_rss_kib=max_rss, returncode=process.returncode, cpu_seconds=cpu)


def busy_cpus(interval: float = 0.3) -> float | None:
    """How many CPUs other processes kept busy over `interval` seconds (None off Linux).

    Call it while no benchmarked child runs: everything it sees is someone else's work.
    """

    def sample() -> tuple[int, int] | None:
        try:
            fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]
        except OSError:
            return None
        values = [int(v) for v in fields]
        idle = values[3] + (values[4] if len(values) > 4 else 0)
        return sum(values[:8]), idle

    first = sample()
    time.sleep(interval)
    second = sample()
    if first is None or second is None or second[0] == first[0]:
        return None
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    total, idle = second[0] - first[0], second[1] - first[1]
    return (total - idle) / total * cpus


@dataclass(frozen=True)
class Quiet:
    """Waiting for other processes to leave the CPUs alone before each round of runs."""

    threshold: float = 0.3  # busy CPUs tolerated
    max_wait: float = 30.0  # seconds to wait at most, per round

    def wait(self) -> float | None:
        """Wait until the CPUs are quiet (or `max_wait` passes); return the last busy reading."""
        deadline = time.monotonic() + self.max_wait
        while True:
            busy = busy_cpus()
            if busy is None or busy <= self.threshold or time.monotonic() >= deadline:
                return busy
            time.sleep(1.0)


def measure_side_by_side(
    commands: Sequence[Command],
    runs: int,
    warmup: int,
    log_dir: Path,
    timeout: float,
    quiet: Quiet,
    progress: Callable[[str], None] = lambda _: None,
) -> tuple[list[Measurement], list[float]]:
    """Time every command `runs` times after `warmup` untimed runs, interleaving the commands
    run by run so that drift on a noisy machine affects them alike. Before each timed round,
    wait for other processes to quieten (see `Quiet`); also return how many CPUs they kept
    busy just before each round."""
    measurements = [Measurement(c, log=log_dir / f"{c.role}.out") for c in commands]
    background: list[float] = []
    for _ in range(warmup):
        for m in measurements:
            assert m.log is not None
            m.warmup_returncode = run_once(m.command, m.log, timeout).returncode
    for run in range(runs):
        busy = quiet.wait()
        if busy is not None:
            background.append(busy)
        for m in measurements:
            assert m.log is not None
            sample = run_once(m.command, m.log, timeout)
            m.samples.append(sample)
            progress(f"  run {run + 1}/{runs} {m.command.name}: {sample.seconds * 1000:.0f} ms")
    return measurements, background
