"""The repository is self-contained: no module or test reads files from outside it, and modules
cite docs/ (in the repository) or public Convex documentation for the facts they rely on."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The workspace's shared folder beside the repository (its reference/ documents), or the spec
# documents that lived there, by name.
OUTSIDE = re.compile(
    r"shared/reference|/work/shared|parents?(\[\d+\])?\s*/\s*\"shared\"|convex-semantics\.md|convex-schema-changes\.md"
)


def test_no_module_or_test_depends_on_files_outside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("schemalint", "tests", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "test_hermetic.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []


def test_the_cited_facts_page_is_in_the_repository() -> None:
    cited = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "schemalint").rglob("*.py")
        if "docs/convex-facts.md" in path.read_text(encoding="utf-8")
    }
    assert cited and (ROOT / "docs" / "convex-facts.md").is_file()
