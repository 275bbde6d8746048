"""Draw the independent audit's sample of default-on findings, reproducibly.

The audit (benchmarks/PRECISION.md, "Independent audit") judged a stratified random sample of
the warnings and errors `corpus check` reports with the default selection, without looking at
the existing verdicts first, then compared. This script redraws that sample from a findings file,
so anyone can check the audit picked its findings at random:

    python -m benchmarks.realworld.audit_sample --findings F            # the main sample
    python -m benchmarks.realworld.audit_sample --findings F --supplement A   # or B

Main sample: seed 20261129; per rule, findings sorted by (project, file, line, message), then
`random.Random(seed).sample` of `QUOTA[rule]` (or all of them when the rule has fewer), rules in
alphabetical order from one generator. Supplement A: seed 20261130, 8 of the redundant-index
findings that recommend removing an index nothing queries and are not in the main sample (the
subset the earlier verdicts covered). Supplement B: seed 20261131, 20 more redundant-index
findings of any kind, from those in neither the main sample nor supplement A.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

SEED = 20261129
SUPPLEMENT_SEEDS = {"A": 20261130, "B": 20261131}
QUOTA = {
    "field-name-convention": 2,
    "unknown-index": 8,
    "string-foreign-key": 10,
    "missing-foreign-key-index": 10,
    "filter-without-index": 22,
    "redundant-index": 20,
}
Finding = dict[str, Any]


def _order(finding: Finding) -> tuple[str, str, int, str]:
    return (finding["project"], finding["file"], finding["line"], finding["message"])


def main_sample(findings: list[Finding]) -> list[Finding]:
    """The stratified sample of default-on warnings and errors."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding["severity"] in ("warning", "error"):
            by_rule[finding["rule"]].append(finding)
    rng = random.Random(SEED)
    sample: list[Finding] = []
    for rule in sorted(by_rule):
        pool = sorted(by_rule[rule], key=_order)
        sample += sorted(rng.sample(pool, min(QUOTA.get(rule, 8), len(pool))), key=_order)
    return sample


def supplement(findings: list[Finding], which: str) -> list[Finding]:
    """A: 8 more `redundant-index` findings of the "nothing queries it" kind; B: 20 more of any kind."""
    taken = {(f["project"], f["line"]) for f in main_sample(findings) if f["rule"] == "redundant-index"}
    if which == "B":
        taken |= {(f["project"], f["line"]) for f in supplement(findings, "A")}
    pool = sorted(
        (
            f
            for f in findings
            if f["rule"] == "redundant-index"
            and (which == "B" or "nothing queries it" in (f.get("help") or ""))
            and (f["project"], f["line"]) not in taken
        ),
        key=_order,
    )
    size = 8 if which == "A" else 20
    return sorted(random.Random(SUPPLEMENT_SEEDS[which]).sample(pool, min(size, len(pool))), key=_order)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--findings", type=Path, required=True)
    parser.add_argument("--supplement", choices=sorted(SUPPLEMENT_SEEDS))
    args = parser.parse_args(argv)
    findings = [json.loads(line) for line in args.findings.read_text(encoding="utf-8").splitlines() if line]
    chosen = supplement(findings, args.supplement) if args.supplement else main_sample(findings)
    for finding in chosen:
        print(f"{finding['rule']},{finding['project']},{finding['file']},{finding['line']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
