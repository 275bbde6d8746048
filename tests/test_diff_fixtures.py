"""What `schemalint diff` tells the user about every fixture pair in `fixtures-diff/`:
`<case>/before/` is the project at the baseline, `<case>/after/` the project now.

The text report (code frames included; old-side findings show `file@before` and the old
line) is a reviewed snapshot; every C7xx rule fires in at least one pair.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from syrupy.assertion import SnapshotAssertion

from schemalint.cli import main
from schemalint.rules import RULES

PAIRS = sorted(p for p in (Path(__file__).resolve().parent.parent / "fixtures-diff").iterdir() if p.is_dir())


def _diff(pair: Path, output_format: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(pair)
    result = CliRunner().invoke(
        main, ["diff", "after", "--against-dir", "before", "--format", output_format, "--color", "never"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_text_report(pair: Path, snapshot: SnapshotAssertion, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _diff(pair, "text", monkeypatch)
    assert str(pair) not in output  # paths are relative
    assert (code, output) == snapshot


def test_every_diff_rule_fires_in_some_fixture_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    fired: set[str] = set()
    for pair in PAIRS:
        _, output = _diff(pair, "json", monkeypatch)
        fired |= {d["rule"] for d in json.loads(output)["diagnostics"]}
    assert sorted(rule.name for rule in RULES if rule.compares_versions and rule.name not in fired) == []
