"""The rule catalog (rules/*.yaml) and the registry agree, and both are well-formed."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemalint.catalog import CatalogError, find_entry, load_catalog, load_entry, registry_problems
from schemalint.rules import RULES, RegistryError, duplicate_problems, get_rule
from schemalint.rules.base import Rule, metadata_problems

# The rule set of the issue: every code and name is fixed.
EXPECTED = {
    "D101": "invalid-identifier",
    "D102": "reserved-name",
    "D103": "duplicate-table",
    "D104": "duplicate-index-name",
    "D105": "duplicate-index",
    "D106": "invalid-index-fields",
    "D107": "too-many-indexes",
    "D108": "unknown-index-field",
    "D109": "invalid-vector-index",
    "D110": "invalid-search-index",
    "D111": "invalid-document-type",
    "D112": "invalid-record",
    "D113": "invalid-literal",
    "D114": "schema-runtime-access",
    "D115": "dropped-optional",
    "R201": "string-foreign-key",
    "R202": "unknown-table-reference",
    "T301": "iso-timestamp",
    "T302": "any-type",
    "T303": "deep-nesting",
    "T304": "schema-validation-disabled",
    "N401": "index-name-convention",
    "N402": "index-name-mismatch",
    "N403": "table-name-convention",
    "N404": "field-name-convention",
    "I501": "missing-foreign-key-index",
    "I502": "redundant-index",
    "Q601": "unknown-index",
    "Q602": "index-range-order",
    "Q603": "filter-without-index",
    # `schemalint diff` (issue #12)
    "C701": "revalidated-table",
    "C702": "unknown-table-change",
    "C703": "safe-table-change",
    "C704": "new-table",
    "C705": "schema-validation-changed",
    "C706": "removed-table",
    "C707": "removed-table-referenced",
    "C708": "renamed-table",
    "C709": "index-backfill",
    "C710": "removed-index",
    "C711": "index-made-staged",
    "C712": "staged-validator-change",
    "M901": "parse-error",
    "M902": "unresolved-import",
    "M903": "unevaluable-expression",
    "M904": "unused-suppression",
    "M905": "evaluation-error",
}


def test_the_catalog_documents_exactly_the_rules_of_the_issue() -> None:
    assert {entry.code: entry.name for entry in load_catalog()} == EXPECTED


def test_every_registered_rule_matches_its_catalog_entry() -> None:
    assert registry_problems(load_catalog(), RULES) == []
    assert {rule.code: rule.name for rule in RULES}.items() <= EXPECTED.items()


def test_every_entry_has_a_rationale_and_both_kinds_of_example() -> None:
    for entry in load_catalog():
        assert len(entry.rationale) > 150, entry.name
        assert entry.bad and entry.good, entry.name


def test_rules_are_found_by_code_in_any_case_or_by_name() -> None:
    assert get_rule("d101") is get_rule("invalid-identifier") is get_rule("D101")
    assert get_rule("nope") is None
    entries = load_catalog()
    found = find_entry(entries, "t302")
    assert found is not None and found.name == "any-type"


def test_malformed_rule_metadata_is_described() -> None:
    class Bad(Rule):
        code = "D901"
        name = "Bad_Name"
        summary = ""

    problems = metadata_problems(Bad)
    assert "Bad: code 'D901' must start with D1 (category numbering)" in problems
    assert "Bad: name 'Bad_Name' is not kebab-case" in problems
    assert "Bad: empty summary" in problems


def test_the_registry_rejects_duplicate_codes_and_names() -> None:
    class Clash(Rule):
        code = "T302"
        name = "invalid-identifier"
        summary = "x"

    assert duplicate_problems([*RULES, Clash]) == [
        "code 'T302' used by both AnyType and Clash",
        "name 'invalid-identifier' used by both InvalidIdentifier and Clash",
    ]


def test_a_module_with_two_rules_breaks_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    import schemalint.rules as registry
    from schemalint.rules import any_type

    class Extra(Rule):
        code = "T399"
        name = "extra"
        summary = "x"

    Extra.__module__ = any_type.__name__
    monkeypatch.setattr(any_type, "Extra", Extra, raising=False)
    with pytest.raises(RegistryError, match="any_type: defines 2 rules, expected exactly one"):
        registry._load()


def test_a_malformed_catalog_file_names_the_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "any-type.yaml"
    path.write_text(
        "code: T302\nname: any-type\nseverity: loud\nsummary: s\nrationale: r\nexamples: {bad: [x], good: [y]}\n"
    )
    with pytest.raises(CatalogError, match=r"any-type\.yaml: severity"):
        load_entry(path)
    path.write_text(
        "code: T302\nname: other\nseverity: info\nsummary: s\nrationale: r\nexamples: {bad: [x], good: [y]}\n"
    )
    with pytest.raises(CatalogError, match="file name must be the rule name"):
        load_entry(path)
