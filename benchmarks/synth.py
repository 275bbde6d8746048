"""Synthetic Convex projects for benchmarks: N tables, seeded and deterministic.

The mix follows the seed fixtures: 8-15 fields a table, nested objects, literal unions,
`v.id` references (some indexed, some not), search and vector indexes, shared validator
constants in `convex/validators.ts`, and the tables split over `convex/tables/*.ts` whose
table objects are spread into `defineSchema({...})`.

    python -m benchmarks.synth OUT_DIR --tables 1000 [--seed 0] [--node-modules PATH] [--functions]

With `--functions`, the project also has function code (`benchmarks/synth_functions.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synth_fields import Table, TableFactory
from benchmarks.synth_functions import function_files

TABLES_PER_FILE = 25

# Convex's default `convex/tsconfig.json` (what `npx convex dev` writes).
TSCONFIG = {
    "compilerOptions": {
        "allowJs": True,
        "strict": True,
        "moduleResolution": "Bundler",
        "jsx": "react-jsx",
        "skipLibCheck": True,
        "allowSyntheticDefaultImports": True,
        "target": "ESNext",
        "lib": ["ES2021", "dom"],
        "forceConsistentCasingInFileNames": True,
        "module": "ESNext",
        "isolatedModules": True,
        "noEmit": True,
    },
    "include": ["./**/*"],
    "exclude": ["./_generated"],
}

VALIDATORS_TS = """\
import { v } from "convex/values";

// Shared validators, reused across table files.

export const visibility = v.union(v.literal("public"), v.literal("private"), v.literal("unlisted"));

export const status = v.union(
  v.literal("draft"),
  v.literal("active"),
  v.literal("archived"),
  v.literal("deleted"),
);

export const priority = v.union(v.literal("low"), v.literal("medium"), v.literal("high"));

export const money = v.object({
  amount: v.number(), // Minor units (cents)
  currency: v.string(), // ISO 4217 code
});

export const address = v.object({
  line1: v.string(),
  line2: v.optional(v.string()),
  city: v.string(),
  postalCode: v.string(),
  country: v.string(),
});

// Every table that tracks edits spreads these in.
export const timestamps = {
  createdAt: v.number(),
  updatedAt: v.number(),
};

export const softDelete = {
  deletedAt: v.optional(v.number()), // Soft delete marker
};
"""


@dataclass(frozen=True)
class SynthProject:
    """A generated project: its root (pass it to `schemalint check`) and what it holds."""

    root: Path
    tables: int
    files: tuple[Path, ...]

    @property
    def schema_file(self) -> Path:
        return self.root / "convex" / "schema.ts"

    @property
    def total_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.files)


def _table_file(part: str, tables: list[Table]) -> str:
    shared = sorted({name for table in tables for name in table.shared})
    lines = ['import { defineTable } from "convex/server";', 'import { v } from "convex/values";']
    if shared:
        lines.append(f'import {{ {", ".join(shared)} }} from "../validators";')
    lines += ["", f"export const {part}Tables = {{"]
    for table in tables:
        lines += table.render()
    lines += ["};", ""]
    return "\n".join(lines)


def _schema_file(parts: list[str]) -> str:
    lines = ['import { defineSchema } from "convex/server";']
    lines += [f'import {{ {part}Tables }} from "./tables/{part}";' for part in parts]
    lines += ["", "export default defineSchema({"]
    lines += [f"  ...{part}Tables," for part in parts]
    lines += ["});", ""]
    return "\n".join(lines)


def render_project(tables: int, seed: int = 0, functions: bool = False) -> dict[str, str]:
    """The files of a synthetic project with `tables` tables: relative path -> text. With
    `functions`, function code too (`benchmarks.synth_functions`; the other files are the same)."""
    if tables < 1:
        raise ValueError("a schema needs at least one table")
    rng = random.Random(f"schemalint-bench:{seed}:{tables}")
    factory = TableFactory(rng, tables)
    all_tables = [factory.table(index) for index in range(tables)]
    files: dict[str, str] = {
        "convex/tsconfig.json": json.dumps(TSCONFIG, indent=2) + "\n",
        "convex/validators.ts": VALIDATORS_TS,
    }
    parts: list[str] = []
    for start in range(0, tables, TABLES_PER_FILE):
        part = f"part{start // TABLES_PER_FILE:03d}"
        parts.append(part)
        files[f"convex/tables/{part}.ts"] = _table_file(part, all_tables[start : start + TABLES_PER_FILE])
    files["convex/schema.ts"] = _schema_file(parts)
    if functions:
        files.update(function_files(all_tables, parts, TABLES_PER_FILE, seed))
    return files


def write_project(
    out_dir: Path, tables: int, seed: int = 0, node_modules: Path | None = None, functions: bool = False
) -> SynthProject:
    """Write a synthetic project to `out_dir` (replacing its `convex/`) and describe it (with
    `functions`, function code too: see `render_project`).

    With `node_modules`, `out_dir/node_modules` becomes a symlink to it, so that
    `tsc -p out_dir/convex` resolves `convex/server`.
    """
    convex_dir = out_dir / "convex"
    if convex_dir.exists():
        for path in sorted(convex_dir.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
    written: list[Path] = []
    for relative, text in render_project(tables, seed, functions).items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if node_modules is not None:
        link_node_modules(out_dir, node_modules)
    return SynthProject(root=out_dir, tables=tables, files=tuple(p for p in written if p.suffix == ".ts"))


def link_node_modules(project_root: Path, node_modules: Path) -> None:
    """Make `project_root/node_modules` a symlink to `node_modules` (replacing an old link)."""
    link = project_root / "node_modules"
    if link.is_symlink():
        link.unlink()
    if not link.exists():
        os.symlink(node_modules.resolve(), link, target_is_directory=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synth", description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--tables", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--node-modules", type=Path, help="symlink this as OUT_DIR/node_modules")
    parser.add_argument(
        "--functions",
        action="store_true",
        help="also write function code: queries and mutations, helpers behind a barrel, suppressions",
    )
    args = parser.parse_args(argv)
    project = write_project(args.out_dir, args.tables, args.seed, args.node_modules, args.functions)
    files = len(project.files)
    print(f"{project.root}: {project.tables} tables in {files} files, {project.total_bytes:,} bytes")


if __name__ == "__main__":
    main()
