"""Helpers for tests of the usage model: write a project with function code, read it back.

`usage_lines(functions)` writes a small schema plus the given function modules and returns one
line per database access, e.g. `messages.ts:4 query messages withIndex(by_user: eq userId) collect`,
so a test states exactly what the parser saw.
"""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Mapping
from pathlib import Path

from schemalint.discovery import discover
from schemalint.ir import DbAccess, IndexUse, Project
from schemalint.parser import parse_project

SCHEMA = """
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), email: v.string() }).index("by_email", ["email"]),
  messages: defineTable({ userId: v.id("users"), channel: v.string(), body: v.string() })
    .index("by_channel", ["channel"])
    .index("by_user_channel", ["userId", "channel"]),
});
"""


def write_functions_project(root: Path, files: Mapping[str, str], schema: str = SCHEMA) -> Path:
    """`files` (paths relative to `convex/`) and `schema` as `convex/schema.ts` under `root`."""
    (root / "convex").mkdir(parents=True, exist_ok=True)
    (root / "convex" / "schema.ts").write_text(textwrap.dedent(schema).lstrip("\n"), encoding="utf-8")
    for name, text in files.items():
        path = root / "convex" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def parse_with_functions(files: Mapping[str, str], schema: str = SCHEMA) -> Project:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_functions_project(Path(tmp), files, schema)
        return parse_project(discover(root), functions=True)


def _names(names: tuple[str, ...] | None) -> str:
    return "?" if names is None else "|".join(names)


def _index(index: IndexUse) -> str:
    method = {"db": "withIndex", "search": "withSearchIndex", "vector": "vectorSearch"}[index.kind]
    if index.range is None:
        steps = ": ?" if index.kind == "db" else ""
    else:
        steps = "".join(f": {' '.join(f'{s.op} {s.field}' for s in index.range)}" if index.range else "")
    return f"{method}({_names(index.names)}{steps})"


def describe(access: DbAccess) -> str:
    """One line: `file:line kind tables steps... terminal [escapes]`."""
    parts = [f"{Path(access.span.file).name}:{access.span.line}", access.kind, _names(access.tables)]
    parts.extend(_index(i) for i in access.indexes)
    for use in access.filters:
        fields = [f"eq {f}" for f in use.eq_fields] + [f"range {f}" for f in use.range_fields]
        parts.append(f"filter({', '.join(fields)}{'' if use.complete else ', ?'})")
    if access.order:
        parts.append(f"order({access.order})")
    if access.terminal:
        parts.append(access.terminal)
    if access.escapes:
        parts.append("escapes")
    return " ".join(parts)


def usage_lines(files: Mapping[str, str], schema: str = SCHEMA) -> list[str]:
    project = parse_with_functions(files, schema)
    assert project.functions is not None and project.functions.usage is not None
    return [describe(a) for a in project.functions.usage.accesses]
