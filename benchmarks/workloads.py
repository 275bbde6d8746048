"""What the benchmarks run on (seed fixtures, synthetic projects) and the commands they time."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import Command
from benchmarks.synth import TSCONFIG, link_node_modules, write_project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
NODE_DIR = REPO / "benchmarks" / "node"
NODE_MODULES = NODE_DIR / "node_modules"
PARSE_FLOOR = REPO / "benchmarks" / "parse_floor.py"

CORPUS = Path("/work/corpus/src")  # the real-world corpus (benchmarks/realworld), outside the repo
# A seed-sized real project with function code (the usage analysis included in `check`).
FUNCTIONS_PROJECT = "get-convex__fullstack-convex"

SYNTHETIC_FUNCTIONS = "synthetic-functions"  # the kind of a synthetic workload with function code
# Options of its cold `check`: the preview rules too (field-name-convention, unused-index: rules
# whose cost per table could grow with the number of tables or database accesses).
FUNCTIONS_CHECK_OPTIONS = ("--preview",)

# Roles: the keys results and targets use for each command.
STARTUP, PARSE, CHECK, CHECK_WARM, TSC5, TSC7, GEN_PYTHON, GEN_DOCS, EXPORT = (
    "startup",
    "parse",
    "check",
    "check-warm",
    "tsc5",
    "tsc7",
    "gen-python",
    "gen-docs",
    "export",
)


@dataclass(frozen=True)
class Workload:
    """One schema to time everything on."""

    label: str
    # "seed", "synthetic", "functions" (a real project, its function code included) or
    # "synthetic-functions" (a synthetic project with function code: `benchmarks.synth --functions`)
    kind: str
    root: Path  # what `schemalint check` is given
    tables: int
    files: tuple[Path, ...]  # the TypeScript files schemalint reads (the parse floor's input)
    tsconfig: Path | None  # what `tsc -p` is given (None: tsc cannot run on it)

    @property
    def total_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.files)

    @property
    def total_lines(self) -> int:
        return sum(path.read_bytes().count(b"\n") for path in self.files)


def _describe(root: Path, functions: bool = False) -> tuple[int, tuple[Path, ...]]:
    """The table count and the files schemalint's parser reads for the project at `root`
    (with `functions`, the function modules and what they import too)."""
    from schemalint.discovery import discover
    from schemalint.parser import parse_project

    project = parse_project(discover(root), functions=functions)
    tables = len(project.schema.tables) if project.schema is not None else 0
    return tables, tuple(sorted({Path(project.schema_file), *(Path(f.path) for f in project.files)}))


def functions_workload(work_dir: Path, with_node: bool, name: str = FUNCTIONS_PROJECT) -> Workload | None:
    """A seed-sized project of the real-world corpus, function code included (None when the
    corpus is not on this machine). tsc checks a copy with a `node_modules` link and a tsconfig
    covering its whole functions directory."""
    from schemalint.discovery import discover

    root = CORPUS / name
    if not (root / "convex").is_dir():
        return None
    tables, files = _describe(root, functions=True)
    tsconfig = None
    if with_node:
        copy = work_dir / "functions" / name
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns("node_modules", ".git"))
        link_node_modules(copy, NODE_MODULES)
        functions_dir = copy / discover(root).functions_dir.relative_to(root)
        tsconfig = functions_dir / "tsconfig.bench.json"
        config = {"compilerOptions": TSCONFIG["compilerOptions"], "include": ["./**/*"]}
        tsconfig.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return Workload(f"{name} (functions)", "functions", root, tables, files, tsconfig)


def seed_workloads(work_dir: Path, with_node: bool) -> list[Workload]:
    """The seed fixtures. With `with_node`, each is copied under `work_dir` with a tsconfig
    covering only its schema (and what it imports) and a `node_modules` link, for tsc."""
    workloads = []
    for fixture in sorted(FIXTURES.glob("seed-*")):
        tables, files = _describe(fixture)
        tsconfig = _tsc_copy(fixture, files, work_dir / "seeds" / fixture.name) if with_node else None
        workloads.append(Workload(fixture.name, "seed", fixture, tables, files, tsconfig))
    return workloads


def _tsc_copy(fixture: Path, files: tuple[Path, ...], copy: Path) -> Path:
    from schemalint.discovery import discover

    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(fixture, copy, symlinks=True)
    link_node_modules(copy, NODE_MODULES)
    schema = copy / discover(fixture).schema_file.relative_to(fixture)
    tsconfig = schema.parent / "tsconfig.bench.json"
    config = {"compilerOptions": TSCONFIG["compilerOptions"], "files": [schema.name]}
    tsconfig.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return tsconfig


def synthetic_workload(work_dir: Path, tables: int, seed: int, with_node: bool) -> Workload:
    """A synthetic project of `tables` tables, written under `work_dir`."""
    root = work_dir / f"synthetic-{tables}"
    project = write_project(root, tables, seed, NODE_MODULES if with_node else None)
    counted, files = _describe(root)
    if counted != tables:
        raise RuntimeError(f"{root}: schemalint read {counted} tables, the generator wrote {tables}")
    tsconfig = project.root / "convex" / "tsconfig.json" if with_node else None
    return Workload(f"synthetic {tables:,} tables", "synthetic", root, tables, files, tsconfig)


def synthetic_functions_workload(work_dir: Path, tables: int, seed: int) -> Workload:
    """A synthetic project of `tables` tables with function code, written under `work_dir`.

    Its files are every TypeScript file written (each is a function module or the schema's
    import, so `check` reads them all; tests/test_benchmarks_smoke.py compares with the parser's
    list at a small size rather than parsing the whole project here). tsc is not timed on it."""
    root = work_dir / f"synthetic-functions-{tables}"
    project = write_project(root, tables, seed, functions=True)
    label = f"synthetic {tables:,} tables, with function code"
    return Workload(label, SYNTHETIC_FUNCTIONS, root, tables, tuple(sorted(project.files)), None)


@dataclass(frozen=True)
class Tools:
    """The programs available on this machine (found once per benchmark run)."""

    schemalint: tuple[str, ...]
    has_check: bool
    has_generate_python: bool
    has_generate_docs: bool
    node: str | None
    tsc5: tuple[Path, str] | None  # (bin js, version)
    tsc7: tuple[Path, str] | None

    @classmethod
    def find(cls) -> Tools:
        console_script = Path(sys.executable).parent / "schemalint"
        schemalint = (
            (str(console_script),) if console_script.exists() else (sys.executable, "-m", "schemalint")
        )

        def has(*words: str) -> bool:
            result = subprocess.run([*schemalint, *words, "--help"], capture_output=True, check=False)
            return result.returncode == 0

        node = shutil.which("node")
        return cls(
            schemalint=schemalint,
            has_check=has("check"),
            has_generate_python=has("generate", "python"),
            has_generate_docs=has("generate", "docs"),
            node=node,
            tsc5=_typescript("typescript") if node else None,
            tsc7=_typescript("typescript7") if node else None,
        )


def _typescript(package: str) -> tuple[Path, str] | None:
    directory = NODE_MODULES / package
    bin_js = directory / "bin" / "tsc"
    if not bin_js.is_file():
        return None
    version = json.loads((directory / "package.json").read_text(encoding="utf-8"))["version"]
    return bin_js, str(version)


def commands_for(
    workload: Workload, tools: Tools, out_dir: Path, tsc: bool, tsc5: bool = False, fill_cache: bool = False
) -> tuple[list[Command], list[str]]:
    """The commands to time on `workload`, and notes on what was left out or substituted."""
    notes: list[str] = []
    root = str(workload.root)
    commands = [
        Command(STARTUP, "python -c pass", (sys.executable, "-c", "pass")),
        Command(PARSE, "parse floor", (sys.executable, str(PARSE_FLOOR), *map(str, workload.files))),
    ]
    if workload.kind == SYNTHETIC_FUNCTIONS:
        # only the cold check: what grows with function code (warm check, export and the
        # generators do not read it, or are timed on the plain projects)
        if tools.has_check:
            argv = (*tools.schemalint, "check", root, "--exit-zero", "--no-cache", *FUNCTIONS_CHECK_OPTIONS)
            commands.append(Command(CHECK, "schemalint check --preview (cold: --no-cache)", argv))
        else:
            notes.append("`schemalint check` is not available yet: nothing timed with function code.")
        return commands, notes
    if tools.has_check:
        check = (*tools.schemalint, "check", root, "--exit-zero")
        commands.append(Command(CHECK, "schemalint check (cold: --no-cache)", (*check, "--no-cache")))
        # the warm-up run fills the result cache (SCHEMALINT_CACHE_DIR under the work directory)
        fill = _once(check) if fill_cache else None  # without warm-up runs: one untimed run first
        commands.append(Command(CHECK_WARM, "schemalint check (warm: result cache)", check, prepare=fill))
    else:
        notes.append("`schemalint check` is not available yet: `schemalint export` is timed in its place.")
        commands.append(
            Command(
                CHECK,
                "schemalint export (no check yet)",
                (*tools.schemalint, "export", root, "--compact"),
                ok_codes=frozenset({0, 1}),
            )
        )
    if tsc and workload.tsconfig is not None and tools.node is not None:
        for role, found in ((TSC5, tools.tsc5 if tsc5 else None), (TSC7, tools.tsc7)):
            if role == TSC5 and not tsc5:
                continue
            if found is None:
                notes.append(f"{role}: not installed; run `npm ci --prefix benchmarks/node`.")
                continue
            bin_js, version = found
            tsc_argv = (tools.node, str(bin_js), "--noEmit", "-p", str(workload.tsconfig))
            commands.append(Command(role, f"tsc --noEmit (TypeScript {version})", tsc_argv, ok_codes=None))
    if workload.kind == "synthetic":
        export = (*tools.schemalint, "export", root, "--compact")
        commands.append(Command(EXPORT, "schemalint export", export, ok_codes=frozenset({0, 1})))
    if workload.kind != "synthetic":
        return commands, notes  # the generators' targets are at 1,000 and 5,000 tables
    for role, word, available in (
        (GEN_PYTHON, "python", tools.has_generate_python),
        (GEN_DOCS, "docs", tools.has_generate_docs),
    ):
        if not available:
            notes.append(f"`schemalint generate {word}` is not available yet: not timed.")
            continue
        out = out_dir / word
        argv = (*tools.schemalint, "generate", word, root, "--out", str(out))
        commands.append(
            Command(
                role, f"schemalint generate {word}", argv, prepare=_emptier(out), ok_codes=frozenset({0, 1})
            )
        )
    return commands, notes


def _once(argv: tuple[str, ...]) -> Callable[[], None]:
    done: list[bool] = []

    def run() -> None:
        if not done:
            from benchmarks.measure import CHILD_ENV

            subprocess.run(argv, capture_output=True, check=False, env=CHILD_ENV)
            done.append(True)

    return run


def _emptier(directory: Path) -> Callable[[], None]:
    def empty() -> None:
        shutil.rmtree(directory, ignore_errors=True)

    return empty


FOUND = re.compile(r"^Found ([\d,]+) problems?\b", re.MULTILINE)


def count_findings(workload: Workload, tools: Tools, check_log: Path | None = None) -> int | None:
    """How many problems `schemalint check` reports on `workload` (None when it cannot say).

    With a synthetic project with function code, read from `check_log` (the text report of the
    last timed run; a further run would cost as much as the timed one)."""
    if not tools.has_check:
        return None
    if workload.kind == SYNTHETIC_FUNCTIONS:
        try:
            found = FOUND.findall(check_log.read_text(encoding="utf-8")) if check_log else []
        except OSError:
            found = []
        return int(found[-1].replace(",", "")) if found else None
    argv = [*tools.schemalint, "check", str(workload.root), "--exit-zero", "--statistics", "--format", "json"]
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    try:
        return sum(int(row["count"]) for row in json.loads(result.stdout))
    except (ValueError, TypeError, KeyError):
        return None
