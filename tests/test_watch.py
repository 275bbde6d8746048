"""`--watch`: runs again when a file the run depends on changes, and only then."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import write_project

from schemalint.discovery import discover
from schemalint.watching import ProjectFiles, Targets, targets_of

SCHEMA = """
import { defineSchema, defineTable } from "convex/server";
import { profile } from "./fields";

export default defineSchema({ users: defineTable(profile) });
"""
FIELDS = 'import { v } from "convex/values";\nexport const profile = { name: v.string() };\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path, SCHEMA, {"convex/fields.ts": FIELDS, "README.md": "app\n"})
    return tmp_path


def test_what_a_check_depends_on(project: Path) -> None:
    layout = discover(project)
    targets = targets_of([ProjectFiles(layout, [str(layout.functions_dir / "fields.ts")], None)])
    convex = layout.functions_dir
    assert targets.matters(convex / "fields.ts") and targets.matters(convex / "schema.ts")
    assert targets.matters(convex / "new_module.ts")  # a new function module
    assert targets.matters(layout.root / "convex.json") and targets.matters(layout.root / "tsconfig.json")
    assert targets.matters(layout.root / "schemalint.yaml")  # a config file created later
    assert targets.matters(layout.root / "pyproject.toml")
    assert not targets.matters(layout.root / "README.md")
    assert not targets.matters(convex / "notes.md")
    (convex / "_generated").mkdir()
    (convex / "lib").mkdir()
    assert targets.directories() == [layout.root, convex, convex / "lib"]
    assert Targets().directories() == []


def test_a_check_run_under_watch_depends_on_what_the_resolver_looked_for(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schemalint.check_options import CheckOptions
    from schemalint.cli_check import _check_for_watch

    (project / "shared" / "lib").mkdir(parents=True)
    (project / "shared" / "lib" / "index.ts").write_text(FIELDS)
    (project / "convex" / "schema.ts").write_text(SCHEMA.replace('"./fields"', '"../shared/lib"'))
    monkeypatch.chdir(project)
    status, targets = _check_for_watch(
        [project], CheckOptions(output_file=project / "report.txt"), debug=False
    )
    assert status == 0 and targets is not None
    # `../shared/lib` was looked up as shared/lib.ts before shared/lib/index.ts: creating it matters
    assert targets.matters(project / "shared" / "lib.ts")
    assert targets.matters(project / "shared" / "lib" / "index.ts")
    assert project / "shared" in targets.directories()
    assert not targets.matters(project / "shared" / "notes.md")


class Watcher:
    """A `schemalint ... --watch` process whose output lines are collected as they come."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "schemalint", *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, predicate: str, timeout: float = 30) -> list[str]:
        """The lines up to and including the first one containing `predicate`."""
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            seen.append(line)
            if predicate in line:
                return seen
        raise AssertionError(f"no line containing {predicate!r} within {timeout}s; got {seen}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


def test_check_watch_reruns_on_an_imported_file_and_the_config(project: Path) -> None:
    watcher = Watcher(project, "check", "--watch", "--output-format", "concise")
    try:
        assert watcher.until("All checks passed!")
        watcher.until("Watching")
        (project / "convex" / "fields.ts").write_text(FIELDS.replace("v.string()", "v.any()"))
        run = watcher.until("Found 1 problem")
        assert "Changed: convex/fields.ts" in run
        assert any("info T302 [any-type]" in line for line in run)
        watcher.until("Watching")
        (project / "README.md").write_text("not read by check\n")
        (project / "schemalint.yaml").write_text("ignore: [any-type]\n")
        run = watcher.until("All checks passed!")
        assert "Changed: schemalint.yaml" in run
    finally:
        status = watcher.stop()
    assert status == 0


def test_generate_docs_watch_rewrites_the_pages(project: Path) -> None:
    watcher = Watcher(project, "generate", "docs", "--out", "schema-docs", "--watch")
    try:
        watcher.until("written")
        watcher.until("Watching")
        assert not (project / "schema-docs" / "posts.md").exists()
        (project / "convex" / "schema.ts").write_text(
            SCHEMA.replace(
                "users: defineTable(profile)", "users: defineTable(profile), posts: defineTable(profile)"
            )
        )
        assert "Changed: convex/schema.ts" in watcher.until("written")
        assert (project / "schema-docs" / "posts.md").is_file()
    finally:
        watcher.stop()
