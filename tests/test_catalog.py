"""The rule catalog (schemalint/rules/*.yaml) is the single source of rule metadata, well-formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import schemalint.rules as registry
from schemalint.catalog import find_entry, load_catalog, load_entry
from schemalint.catalog_files import CatalogError, catalog_documents, rule_metadata
from schemalint.rulemeta import CATEGORY_DIGITS, CODE_PATTERN, NAME_PATTERN, is_code, is_name
from schemalint.rules import RULES, RegistryError, duplicate_problems, get_rule
from schemalint.rules.base import Rule

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
    "N405": "inconsistent-index-name",
    "I501": "missing-foreign-key-index",
    "I502": "redundant-index",
    "Q601": "unknown-index",
    "Q602": "index-range-order",
    "Q603": "filter-without-index",
    "Q604": "unused-index",
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


def test_every_registered_rule_takes_its_metadata_from_its_catalog_file() -> None:
    entries = {entry.name: entry for entry in load_catalog()}
    assert {rule.code: rule.name for rule in RULES} == EXPECTED
    for rule in RULES:
        entry = entries[rule.name]
        assert (rule.code, rule.severity, rule.summary) == (entry.code, entry.severity, entry.summary)
        assert (rule.stage, rule.since, rule.options) == (
            entry.metadata.stage,
            entry.metadata.since,
            entry.metadata.options,
        )
        assert entry.path.with_suffix(".py").is_file(), entry.path


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


MINIMAL = (
    "code: T302\nname: any-type\nseverity: info\nstage: stable\nsince: '0.1.0'\nsummary: s\n"
    "rationale: r\nexamples: {bad: [{name: b, source: x}], good: [{name: g, source: y}]}\n"
)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("code: T302", "code: D901"), "code 'D901' must start with D1 (category numbering)"),
        (("code: T302", "code: X302"), "code 'X302' is not a letter of DRTNIQCM and three digits"),
        (("name: any-type", "name: Any_Type"), "name 'Any_Type' is not kebab-case"),
        (("name: any-type", "name: other"), "file name must be the rule name with underscores ('other')"),
        (("severity: info", "severity: loud"), "severity: "),
        (("stage: stable", "stage: beta"), "stage: expected one of stable, preview, got 'beta'"),
        (("since: '0.1.0'\n", ""), "missing keys ['since']"),
        (("rationale: r\n", ""), "missing keys ['rationale']"),
        (("summary: s", "summary: ''"), "summary: expected a non-empty string"),
        (("since: '0.1.0'", "since: 1"), "since: expected a non-empty string"),
        (("code: T302", "code: ' '"), "code: expected a non-empty string"),
        (("code: T302\nname: any-type", "code: T302\nname: [a]"), "name: expected a non-empty string"),
        (("rationale: r\n", "rationale: r\nextra: 1\n"), "unknown keys ['extra'], missing keys []"),
        (("summary: s\n", "summary: s\nneeds: [functions]\n"), "needs: expected a list of database-accesses"),
        (
            (
                "summary: s\n",
                "summary: s\noptions: [{name: n, type: int, default: 0, description: d, minimum: 1}]\n",
            ),
            "option 'n': default: expected an integer of at least 1, got 0",
        ),
        (
            ("summary: s\n", "summary: s\noptions: [{name: n, type: regex, default: '(', description: d}]\n"),
            "option 'n': default: not a valid regular expression",
        ),
    ],
)
def test_malformed_metadata_is_an_error_naming_the_file_and_key(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    path = tmp_path / "any_type.yaml"
    path.write_text(MINIMAL.replace(*change))
    for metadata_only in (False, True):  # the registry reads the metadata-only view
        with pytest.raises(CatalogError, match=re.escape(f"{path}: ") + ".*" + re.escape(problem)):
            rule_metadata(path, catalog_documents(tmp_path, metadata_only=metadata_only)[path])


def test_the_minimal_catalog_file_is_well_formed(tmp_path: Path) -> None:
    path = tmp_path / "any_type.yaml"
    path.write_text(MINIMAL)
    entry = load_entry(path, catalog_documents(tmp_path)[path])
    assert (entry.code, entry.metadata.stage, entry.metadata.since) == ("T302", "stable", "0.1.0")
    assert [e.name for e in entry.bad] == ["b"] and entry.bad[0].expect is None


@pytest.mark.parametrize(
    ("examples", "problem"),
    [
        ("{bad: [x], good: [{name: g, source: y}]}", "examples.bad[0]: an example is a mapping"),
        (
            "{bad: [{source: x}], good: [{name: g, source: y}]}",
            "examples.bad[0]: name: expected a kebab-case name",
        ),
        ("{bad: [{name: a, source: x}], good: [{name: a, source: y}]}", "examples: names used twice: a"),
        (
            "{bad: [{name: b, source: x, expect: [{line: 1}]}], good: [{name: g, source: y}]}",
            "expect: each finding is {line, column, message}",
        ),
        (
            "{bad: [{name: b, source: x}], good: [{name: g, source: y, expect: [{line: 1, column: 1, message: m}]}]}",
            "a good example expects no findings",
        ),
    ],
)
def test_malformed_examples_are_described(tmp_path: Path, examples: str, problem: str) -> None:
    path = tmp_path / "any_type.yaml"
    path.write_text(MINIMAL.split("examples:")[0] + f"examples: {examples}\n")
    with pytest.raises(CatalogError, match=re.escape(problem)):
        load_entry(path, catalog_documents(tmp_path)[path])


def test_parsed_catalog_files_are_cached_until_a_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("SCHEMALINT_CACHE_DIR", str(cache))
    folder = tmp_path / "rules"
    folder.mkdir()
    path = folder / "any_type.yaml"
    path.write_text(MINIMAL)
    assert catalog_documents(folder)[path]["summary"] == "s"
    assert len(list(cache.glob("catalog-*.marshal"))) == 1
    path.write_text(MINIMAL.replace("summary: s", "summary: changed"))
    assert catalog_documents(folder)[path]["summary"] == "changed"
    view = catalog_documents(folder, metadata_only=True)[path]
    assert view == {**catalog_documents(folder)[path], "rationale": None, "examples": None}
    assert len(list(cache.glob("catalog-*-metadata.marshal"))) == 1
    assert catalog_documents(folder, metadata_only=True)[path] == view  # from its own cache


def test_the_registry_view_of_every_catalog_file_gives_its_metadata() -> None:
    full, view = catalog_documents(), catalog_documents(metadata_only=True)
    assert view.keys() == full.keys()
    for path, document in full.items():
        assert view[path].keys() == document.keys()
        assert rule_metadata(path, view[path]) == rule_metadata(path, document)


def test_a_rule_module_may_not_set_metadata_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    from schemalint.rules import any_type

    class AnyType(Rule):
        code = "T302"

    AnyType.__module__ = any_type.__name__
    monkeypatch.setattr(any_type, "AnyType", AnyType)
    with pytest.raises(RegistryError, match=r"any_type: sets code in Python; a rule's metadata lives only"):
        registry._load()


def test_the_registry_rejects_duplicate_codes_and_names() -> None:
    class Clash(Rule):
        pass

    Clash.code, Clash.name = "T302", "invalid-identifier"
    assert duplicate_problems([*RULES, Clash]) == [
        "code 'T302' used by both AnyType and Clash",
        "name 'invalid-identifier' used by both InvalidIdentifier and Clash",
    ]


def test_a_module_with_two_rules_breaks_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    from schemalint.rules import any_type

    class Extra(Rule):
        pass

    Extra.__module__ = any_type.__name__
    monkeypatch.setattr(any_type, "Extra", Extra, raising=False)
    with pytest.raises(RegistryError, match="any_type: defines 2 rules, expected exactly one"):
        registry._load()


_EDGE_CODES = [
    "D101",
    "D101\n",
    "D101\n\n",
    "\nD101",
    "d101",
    "X101",
    "D1011",
    "D10",
    "D10a",
    "D\uff1123",
    "D12\n3",
    "",
]
_EDGE_NAMES = [
    "a",
    "a-b",
    "a1-2b",
    "a-",
    "-a",
    "a--b",
    "1a",
    "A",
    "aB",
    "a\n",
    "a\n\n",
    "a_b",
    "é",
    "",
    "a-1",
]


@given(st.text(alphabet="DRTNIQCMXd0123456789\uff11\n", max_size=6) | st.sampled_from(_EDGE_CODES))
@settings(max_examples=300)
def test_is_code_answers_as_the_code_pattern(text: str) -> None:
    assert is_code(text) == bool(re.match(rf"^[{''.join(CATEGORY_DIGITS)}][0-9]{{3}}$", text))
    assert is_code(text) == bool(CODE_PATTERN.match(text))


@given(st.text(alphabet="az09-AZ_é\n", max_size=8) | st.sampled_from(_EDGE_NAMES))
@settings(max_examples=300)
def test_is_name_answers_as_the_name_pattern(text: str) -> None:
    assert is_name(text) == bool(re.match(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", text))
    assert is_name(text) == bool(NAME_PATTERN.match(text))
