"""What `schemalint check` tells the user about every fixture project, in `text` and `json`.

Wording and spans change only through a reviewed snapshot diff (`pytest --snapshot-update`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from syrupy.assertion import SnapshotAssertion

from schemalint.cli import main

FIXTURES = sorted(p for p in (Path(__file__).resolve().parent.parent / "fixtures").iterdir() if p.is_dir())


@pytest.fixture(autouse=True)
def _in_the_fixtures_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES[0].parent)  # paths are shown relative to it: `<fixture>/convex/...`


def _check(fixture: Path, output_format: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", fixture.name, "--format", output_format])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_text_report(fixture: Path, snapshot: SnapshotAssertion) -> None:
    code, output = _check(fixture, "text")
    assert str(fixture) not in output  # paths are relative to the current directory
    assert (code, output) == snapshot


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_json_report(fixture: Path, snapshot: SnapshotAssertion) -> None:
    code, output = _check(fixture, "json")
    report = json.loads(output)
    assert report["version"] == 1
    assert code == (1 if any(d["severity"] in ("error", "warning") for d in report["diagnostics"]) else 0)
    assert report == snapshot


def test_a_clean_fixture_exits_0_and_a_violating_one_exits_1() -> None:
    root = Path(__file__).resolve().parent.parent / "fixtures"
    assert _check(root / "auth-tables-override", "concise")[0] == 0
    assert _check(root / "seed-003-byod", "concise")[0] == 1
