"""Rule documentation: a page per catalog entry under docs/rules/, kept up to date, linked from
the reports; `schemalint rule --all` in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from schemalint.catalog import load_catalog
from schemalint.cli import main
from schemalint.reporters import DOCS_URL
from schemalint.rule_docs import render_all

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def test_the_rule_pages_are_up_to_date() -> None:
    expected = render_all()
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    stale = sorted(
        name for name in expected.keys() | on_disk.keys() if expected.get(name) != on_disk.get(name)
    )
    assert stale == [], f"run `python -m schemalint.rule_docs docs/rules` (out of date: {stale})"


def test_every_rule_has_a_page_with_its_prose_and_examples() -> None:
    for entry in load_catalog():
        page = (DOCS / f"{entry.name}.md").read_text(encoding="utf-8")
        assert page.splitlines()[2] == f"# {entry.name} ({entry.code})"
        assert entry.summary in page and entry.rationale in page
        assert all(example.source.rstrip() in page for example in (*entry.bad, *entry.good))


def test_report_links_lead_to_the_pages() -> None:
    assert DOCS_URL.endswith("/docs/rules/")
    documents = json.loads(CliRunner().invoke(main, ["rule", "--all", "--output-format", "json"]).stdout)
    assert [d["code"] for d in documents] == [e.code for e in load_catalog()]
    for document in documents:
        assert document["url"].startswith(DOCS_URL)
        assert (DOCS / document["url"].removeprefix(DOCS_URL)).is_file()


def test_rule_all_explains_every_rule_and_rule_json_explains_one() -> None:
    text = CliRunner().invoke(main, ["rule", "--all"]).stdout
    assert all(
        f"{e.code} {e.name} (default severity: {e.severity.label}; {e.metadata.stage}, since {e.metadata.since})"
        in text
        for e in load_catalog()
    )
    one = json.loads(CliRunner().invoke(main, ["rule", "any-type", "--format", "json"]).stdout)
    assert (one["code"], one["name"], one["category"], one["stage"]) == ("T302", "any-type", "types", "stable")
    assert one["url"] == DOCS_URL + "any-type.md"
    assert one["examples"]["bad"][0]["name"] == "any-field"
    assert one["examples"]["bad"][0]["source"].startswith("export default defineSchema")


def test_rule_needs_a_key_or_all() -> None:
    assert CliRunner().invoke(main, ["rule"]).exit_code == 2
    assert CliRunner().invoke(main, ["rule", "any-type", "--all"]).exit_code == 2
