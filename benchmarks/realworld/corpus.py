"""Run schemalint over a local copy of the real-world corpus and score it against judgements.

The corpus itself (public repositories) is never committed: `manifest.yaml` pins each project
(repository, commit, Convex project root) and this script works on a copy you made yourself.

    python -m benchmarks.realworld.corpus materialize --mirrors DIR --src /work/corpus/src
    python -m benchmarks.realworld.corpus check --src /work/corpus/src --out findings.jsonl
    python -m benchmarks.realworld.corpus score --findings findings.jsonl
    python -m benchmarks.realworld.corpus functions --src /work/corpus/src
    python -m benchmarks.realworld.corpus oracle --src /work/corpus/src

`oracle` compares `schemalint export` with the real `convex` package's `export()` on every
project (tests/oracle, after `npm ci --prefix tests/oracle`). That evaluates each project's
schema module in node, so run it only on a copy you have read. A project is `equal`,
`unknown` (schemalint exits 1 and names what it could not evaluate), `oracle-error` (the
bundle does not build or throws here, e.g. a package the oracle does not have) or `DIFFERENT`
with exit 0: a silently wrong export, the one outcome that must never happen.

`materialize` expects one bare git directory per repository at `DIR/<owner>+<name>/repo` (any
clone works: `git clone https://github.com/<repo> DIR/<owner>+<name>/repo`) and extracts the
pinned commit with `git archive`; nothing is checked out in place and nothing runs.
`check` runs `schemalint check --format json` (with the options you pass through `--args`) on
every project and writes one JSON line per finding. `score` joins findings with the verdicts
in `judgements.csv` (rule, project, file, line -> TRUE / NOISE / FALSE) and prints per-rule
precision; findings without a verdict are counted as unjudged, never as true.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
JUDGEMENTS = HERE / "judgements.csv"
VERDICTS = ("TRUE", "NOISE", "FALSE")


@dataclass(frozen=True)
class Project:
    name: str
    repo: str
    commit: str
    root: str

    def directory(self, src: Path) -> Path:
        return src / self.name / self.root


def load_manifest(path: Path = MANIFEST) -> list[Project]:
    """The projects pinned in the manifest, in manifest order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Project(**entry) for entry in data["projects"]]


def materialize(projects: list[Project], mirrors: Path, src: Path) -> int:
    """Extract every pinned commit into `src/<name>`; returns how many projects are missing."""
    missing = 0
    for project in projects:
        target = src / project.name
        if target.exists():
            continue
        git_dir = mirrors / project.repo.replace("/", "+") / "repo"
        if not git_dir.exists():
            print(f"missing: {project.repo} (expected a git directory at {git_dir})", file=sys.stderr)
            missing += 1
            continue
        _extract_sources(git_dir, project.commit, target)
    return missing


SOURCE_SUFFIXES = {
    ".ts",
    ".tsx",
    ".mts",
    ".cts",
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".json",
    ".jsonc",
    ".yaml",
    ".yml",
    ".toml",
}


def _extract_sources(git_dir: Path, commit: str, target: Path) -> None:
    """Write the commit's source and config files (not media, not node_modules) under `target`."""
    listing = subprocess.run(
        ["git", "-C", str(git_dir), "ls-tree", "-r", "-z", commit],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8", "surrogateescape")
    for entry in filter(None, listing.split("\0")):
        meta, _, path = entry.partition("\t")
        mode, kind, sha = meta.split()
        relative = Path(path)
        if kind != "blob" or mode == "120000" or relative.suffix not in SOURCE_SUFFIXES:
            continue
        if "node_modules" in relative.parts or ".." in relative.parts:
            continue
        blob = subprocess.run(["git", "-C", str(git_dir), "cat-file", "blob", sha], capture_output=True)
        if blob.returncode != 0:  # a blob the snapshot lacks (large files)
            continue
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(blob.stdout)


def run_check(projects: list[Project], src: Path, extra_args: list[str]) -> Iterator[dict[str, object]]:
    """One record per finding of `schemalint check` on each project (plus one per failed run)."""
    for project in projects:
        directory = project.directory(src)
        # Run from inside the project so that reported paths are project-relative whatever
        # the reporters' base directory is.
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemalint",
                "check",
                ".",
                "--format",
                "json",
                "--exit-zero",
                *extra_args,
            ],
            capture_output=True,
            text=True,
            cwd=directory,
        )
        try:
            report = json.loads(proc.stdout)
        except json.JSONDecodeError:
            yield {
                "project": project.name,
                "rule": "<run-failed>",
                "file": "",
                "line": 0,
                "severity": "error",
                "message": (proc.stderr or proc.stdout)[-500:],
            }
            continue
        for finding in report.get("diagnostics", []):
            yield {
                "project": project.name,
                "rule": finding.get("rule"),
                "code": finding.get("code"),
                "severity": finding.get("severity"),
                "file": finding.get("file", ""),
                "line": finding.get("line", 0),
                "message": finding.get("message"),
                "help": finding.get("help"),
            }


def load_judgements(path: Path = JUDGEMENTS) -> dict[tuple[str, str, str, int], tuple[str, str]]:
    """(rule, project, file, line) -> (verdict, reason)."""
    if not path.exists():
        return {}
    judged: dict[tuple[str, str, str, int], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            verdict = row["verdict"].strip().upper()
            if verdict not in VERDICTS:
                raise SystemExit(f"{path}: bad verdict {row['verdict']!r} in {row}")
            key = (row["rule"], row["project"], row["file"], int(row["line"]))
            judged[key] = (verdict, row.get("reason", ""))
    return judged


def score(findings: list[dict[str, object]], judged: dict[tuple[str, str, str, int], tuple[str, str]]) -> str:
    """A Markdown table: per rule and severity, findings, judged, verdicts and precision."""
    per_rule: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f in findings:
        key = (str(f["rule"]), str(f["project"]), str(f["file"]), int(str(f["line"])))
        verdict = judged.get(key, ("UNJUDGED", ""))[0]
        bucket = per_rule[(str(f["rule"]), str(f["severity"]))]
        bucket["findings"] += 1
        bucket[verdict] += 1
    lines = [
        "| rule | severity | findings | judged | TRUE | NOISE | FALSE | precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (rule, severity), c in sorted(per_rule.items(), key=lambda item: (-item[1]["findings"], item[0])):
        judged_n = c["TRUE"] + c["NOISE"] + c["FALSE"]
        precision = f"{100 * c['TRUE'] / judged_n:.0f}%" if judged_n else "—"
        lines.append(
            f"| {rule} | {severity} | {c['findings']} | {judged_n} | {c['TRUE']} | {c['NOISE']} "
            f"| {c['FALSE']} | {precision} |"
        )
    return "\n".join(lines)


FUNCTION_EXPORT = re.compile(
    r"^\s*export\s+(?:const|let)\s+\w+\s*(?::[^=]+)?=\s*"
    r"(?:query|mutation|action|internalQuery|internalMutation|internalAction|httpAction)\s*[(<]",
    re.MULTILINE,
)


def grep_functions(projects: list[Project], src: Path) -> dict[str, int]:
    """A careful grep: `export const x = query(...)`-style exports per project (no custom builders)."""
    counts: dict[str, int] = {}
    for project in projects:
        convex_dir = project.directory(src) / "convex"
        total = 0
        for path in sorted(convex_dir.rglob("*")):
            if (
                path.suffix not in {".ts", ".js", ".tsx", ".jsx", ".mts", ".mjs"}
                or "_generated" in path.parts
            ):
                continue
            if "node_modules" in path.parts or not path.is_file():
                continue
            total += len(FUNCTION_EXPORT.findall(path.read_text(encoding="utf-8", errors="replace")))
        counts[project.name] = total
    return counts


def compare_with_oracle(projects: list[Project], src: Path) -> dict[str, str]:
    """Per project: equal / unknown / oracle-error / DIFFERENT (see the module docstring)."""
    sys.path.insert(0, str(HERE.parent.parent / "tests"))
    from oracle_runner import run_oracle  # the test suite's oracle driver

    directories = [project.directory(src) for project in projects]
    oracle = run_oracle(directories, timeout=900)
    outcome: dict[str, str] = {}
    for project, directory in zip(projects, directories, strict=True):
        proc = subprocess.run(
            [sys.executable, "-m", "schemalint", "export", ".", "--compact"],
            capture_output=True,
            text=True,
            cwd=directory,
        )
        expected = oracle[str(directory)]
        if "error" in expected:
            outcome[project.name] = "oracle-error: " + str(expected["error"]).splitlines()[0][:120]
        elif proc.returncode == 1:
            outcome[project.name] = "unknown: " + (proc.stderr.strip().splitlines() or [""])[0][:120]
        elif proc.returncode != 0:
            outcome[project.name] = f"schemalint exit {proc.returncode}: " + proc.stderr.strip()[:120]
        elif json.loads(proc.stdout) == expected["export"]:
            outcome[project.name] = "equal"
        else:
            outcome[project.name] = "DIFFERENT"
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("materialize")
    m.add_argument("--mirrors", type=Path, required=True)
    m.add_argument("--src", type=Path, required=True)
    c = sub.add_parser("check")
    c.add_argument("--src", type=Path, required=True)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--args", default="", help="extra arguments for schemalint check, space-separated")
    s = sub.add_parser("score")
    s.add_argument("--findings", type=Path, required=True)
    s.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    f = sub.add_parser("functions")
    f.add_argument("--src", type=Path, required=True)
    o = sub.add_parser("oracle")
    o.add_argument("--src", type=Path, required=True)
    args = parser.parse_args(argv)
    projects = load_manifest()
    if args.command == "materialize":
        return 1 if materialize(projects, args.mirrors, args.src) else 0
    if args.command == "check":
        records = list(run_check(projects, args.src, args.args.split()))
        with args.out.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, sort_keys=True) + "\n")
        print(f"{len(records)} findings from {len(projects)} projects -> {args.out}")
        return 0
    if args.command == "score":
        findings = [
            json.loads(line) for line in args.findings.read_text(encoding="utf-8").splitlines() if line
        ]
        print(score(findings, load_judgements(args.judgements)))
        return 0
    if args.command == "oracle":
        outcome = compare_with_oracle(projects, args.src)
        for name, verdict in outcome.items():
            print(f"{name}: {verdict}")
        tally = Counter(verdict.split(":")[0] for verdict in outcome.values())
        print(", ".join(f"{n} {kind}" for kind, n in tally.most_common()))
        return 1 if tally["DIFFERENT"] else 0
    counts = grep_functions(projects, args.src)
    for name, n in counts.items():
        print(f"{n:5d}  {name}")
    print(f"{sum(counts.values()):5d}  total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
