"""Hostile schemas against the evaluation work budget (issue #17), with time and memory ceilings.

    python -m benchmarks.hostile [--only NAME]

Each workload is a small schema that makes naive evaluation explode (a union "billion laughs",
string, bigint and array doubling, a long `.map` chain). `schemalint check` runs on each in its
own process; the table shows wall time and peak RSS against the workload's ceiling, and the
exit status is 1 when a ceiling is exceeded. The small versions are in tests/test_work_budget.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEADER = 'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n'


def _union_bomb(levels: int = 40, uses: int = 1) -> str:
    lines = ["const u0 = v.union(v.string(), v.number());"]
    lines += [f"const u{i} = v.union(u{i - 1}, u{i - 1});" for i in range(1, levels + 1)]
    fields = ", ".join(f"f{i}: u{levels}" for i in range(uses))
    lines.append(f"export default defineSchema({{ t: defineTable({{ {fields} }}) }});")
    return "\n".join(lines)


def _string_doubling() -> str:
    lines = ['const s0 = "ab";'] + [f"const s{i} = s{i - 1} + s{i - 1};" for i in range(1, 32)]
    return "\n".join([*lines, "export default defineSchema({ t: defineTable({ f: v.literal(s31) }) });"])


def _bigint_squaring() -> str:
    body = "let b = 3n;\n" + "b = b * b;\n" * 60
    return body + "export default defineSchema({ t: defineTable({ f: v.literal(`${b}`) }) });"


def _array_doubling() -> str:
    lines = ['const a0 = ["x"];'] + [f"const a{i} = [...a{i - 1}, ...a{i - 1}];" for i in range(1, 40)]
    schema = "export default defineSchema({ t: defineTable({ f: v.literal(a39.length) }) });"
    return "\n".join([*lines, schema])


def _long_map_chain() -> str:
    return (
        "const add = (s: string): string => s + s;\n"
        "const many = 'x'.repeat(200000).split('').map(add).map(add).map(add).map(add).map(add);\n"
        "export default defineSchema({ t: defineTable({ f: v.literal(many.length) }) });"
    )


@dataclass(frozen=True)
class Hostile:
    name: str
    source: Callable[[], str]
    max_seconds: float
    max_mb: float


WORKLOADS = (
    Hostile("union bomb, 40 levels", _union_bomb, 2.0, 200),
    Hostile("union bomb, 14 levels x 2,000 fields", lambda: _union_bomb(14, 2000), 10.0, 300),
    Hostile("string doubling to 2^32 chars", _string_doubling, 2.0, 200),
    Hostile("bigint squaring x 60", _bigint_squaring, 2.0, 200),
    Hostile("array doubling x 39", _array_doubling, 5.0, 300),
    Hostile("map chain over 200,000 items", _long_map_chain, 20.0, 400),
)


def measure(workload: Hostile, workdir: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of `schemalint check` on the workload."""
    root = workdir / workload.name.replace(" ", "-").replace(",", "").replace("^", "")
    (root / "convex").mkdir(parents=True)
    (root / "convex" / "schema.ts").write_text(HEADER + workload.source(), encoding="utf-8")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "schemalint", "check", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1000, process.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run only workloads whose name contains this text")
    args = parser.parse_args(argv)
    failed = False
    print("| workload | seconds (ceiling) | peak MB (ceiling) | exit |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for workload in WORKLOADS:
            if args.only and args.only not in workload.name:
                continue
            seconds, mb, code = measure(workload, Path(tmp))
            over = seconds > workload.max_seconds or mb > workload.max_mb or code not in (0, 1)
            failed |= over
            mark = " **over**" if over else ""
            print(
                f"| {workload.name} | {seconds:.2f} ({workload.max_seconds:g}) | "
                f"{mb:.0f} ({workload.max_mb:g}) | {code}{mark} |"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
