"""The port of Convex's subset relation, one row per case of the backend's rule.

`old ⊆ new` means Convex skips re-validating existing documents when a field's validator
changes from `old` to `new`. Every case is written as Convex source and parsed by schemalint's
own parser (all cases in one schema, parsed once).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers import write_project

from schemalint.diff.subset import is_evaluated, is_subset, same
from schemalint.discovery import discover
from schemalint.ir import Validator, VArray, VCommitTs, VInt64, VLiteral, VObject, VString, VUnknown
from schemalint.parser import parse_project

# (old, new, old ⊆ new)
CASES: list[tuple[str, str, bool]] = [
    # anything ⊆ any
    ("v.string()", "v.any()", True),
    ("v.object({ a: v.string() })", "v.any()", True),
    ("v.union(v.string(), v.null())", "v.any()", True),
    ("v.any()", "v.string()", False),
    # identical validators
    ("v.string()", "v.string()", True),
    ("v.record(v.string(), v.number())", "v.record(v.string(), v.number())", True),
    ('v.id("users")', 'v.id("users")', True),
    ("v.bytes()", "v.bytes()", True),
    # arrays compare their elements
    ('v.array(v.literal("a"))', "v.array(v.string())", True),
    ("v.array(v.string())", 'v.array(v.literal("a"))', False),
    ('v.array(v.array(v.id("users")))', "v.array(v.array(v.string()))", True),
    ("v.array(v.string())", "v.string()", False),
    # objects: fields kept, optional ↔ required, new fields, nested objects
    ("v.object({ a: v.string() })", "v.object({ a: v.string(), b: v.optional(v.string()) })", True),
    ("v.object({ a: v.string() })", "v.object({ a: v.string(), b: v.string() })", False),
    ("v.object({ a: v.string(), b: v.string() })", "v.object({ a: v.string() })", False),
    ("v.object({ a: v.string() })", "v.object({ a: v.optional(v.string()) })", True),
    ("v.object({ a: v.optional(v.string()) })", "v.object({ a: v.string() })", False),
    ("v.object({ a: v.literal(1) })", "v.object({ a: v.number() })", True),
    ("v.object({ a: v.number() })", "v.object({ a: v.literal(1) })", False),
    ("v.object({ o: v.object({ x: v.string() }) })", "v.object({ o: v.object({ x: v.any() }) })", True),
    (
        "v.object({ o: v.object({ x: v.string() }) })",
        "v.object({ o: v.object({ x: v.string(), y: v.boolean() }) })",
        False,
    ),
    ("v.object({ b: v.string(), a: v.number() })", "v.object({ a: v.number(), b: v.string() })", True),
    # literals ⊆ their base type, never the reverse, never another base type
    ('v.literal("a")', "v.string()", True),
    ("v.literal(1n)", "v.int64()", True),
    ("v.literal(1n)", "v.float64()", False),
    ("v.literal(1.5)", "v.float64()", True),
    ("v.literal(1.5)", "v.int64()", False),
    ("v.literal(true)", "v.boolean()", True),
    ('v.literal("a")', 'v.literal("b")', False),
    ("v.string()", 'v.literal("a")', False),
    ("v.boolean()", "v.literal(true)", False),
    # int64 (bigint) and float64 are different types
    ("v.int64()", "v.float64()", False),
    ("v.float64()", "v.int64()", False),
    # id(t) ⊆ string; not the reverse, not another table
    ('v.id("users")', "v.string()", True),
    ("v.string()", 'v.id("users")', False),
    ('v.id("users")', 'v.id("teams")', False),
    # a union on the left: every member must be a subset
    ('v.union(v.literal("a"), v.literal("b"))', "v.string()", True),
    ('v.union(v.literal("a"), v.number())', "v.string()", False),
    (
        'v.union(v.literal("a"), v.literal("b"))',
        'v.union(v.literal("a"), v.literal("b"), v.literal("c"))',
        True,
    ),
    ('v.union(v.literal("a"), v.literal("b"))', 'v.union(v.literal("a"))', False),
    ('v.union(v.literal("b"), v.literal("a"))', 'v.union(v.literal("a"), v.literal("b"))', True),
    # a union on the right: some member must be a superset
    ("v.string()", "v.union(v.string(), v.null())", True),
    ("v.string()", "v.union(v.number(), v.null())", False),
    ('v.literal("a")', "v.union(v.null(), v.string())", True),
    (
        "v.object({ a: v.string() })",
        "v.union(v.object({ a: v.string() }), v.object({ b: v.string() }))",
        True,
    ),
    # boolean ⊆ true | false, and the reverse
    ("v.boolean()", "v.union(v.literal(true), v.literal(false))", True),
    ("v.boolean()", "v.union(v.literal(false), v.null(), v.literal(true))", True),
    ("v.boolean()", "v.union(v.literal(true), v.null())", False),
    ("v.union(v.literal(true), v.literal(false))", "v.boolean()", True),
    # records: only identical records
    ("v.record(v.string(), v.literal(1))", "v.record(v.string(), v.number())", False),
    ('v.record(v.id("users"), v.number())', "v.record(v.string(), v.number())", False),
    ("v.record(v.string(), v.number())", "v.any()", True),
    ("v.record(v.string(), v.number())", "v.object({})", False),
    # anything else: no
    ("v.null()", "v.string()", False),
    ("v.bytes()", "v.string()", False),
    ("v.object({})", "v.array(v.any())", False),
]


@pytest.fixture(scope="module")
def parsed() -> dict[str, Validator]:
    """Every validator of CASES, parsed once: field `v<n>` of table `cases`."""
    sources = sorted({text for old, new, _ in CASES for text in (old, new)})
    fields = "\n".join(f"    v{n}: {text}," for n, text in enumerate(sources))
    with tempfile.TemporaryDirectory() as tmp:
        write_project(Path(tmp), f"export default defineSchema({{ cases: defineTable({{\n{fields}\n}}) }});")
        project = parse_project(discover(Path(tmp)))
    assert project.schema is not None and not project.diagnostics, project.diagnostics
    table = project.schema.tables[0]
    assert isinstance(table.document, VObject)
    return {text: table.document.fields[n].validator for n, text in enumerate(sources)}


@pytest.mark.parametrize(("old", "new", "expected"), CASES, ids=[f"{o} -> {n}" for o, n, _ in CASES])
def test_subset(parsed: dict[str, Validator], old: str, new: str, expected: bool) -> None:
    assert is_subset(parsed[old], parsed[new]) is expected


def test_every_validator_is_a_subset_of_itself(parsed: dict[str, Validator]) -> None:
    assert [text for text, validator in parsed.items() if not is_subset(validator, validator)] == []


def test_same_ignores_spans_and_field_order(parsed: dict[str, Validator]) -> None:
    assert same(
        parsed["v.object({ b: v.string(), a: v.number() })"],
        parsed["v.object({ a: v.number(), b: v.string() })"],
    )
    assert not same(parsed["v.literal(1.5)"], parsed["v.float64()"])


def test_cases_are_fully_evaluated(parsed: dict[str, Validator]) -> None:
    assert all(is_evaluated(validator) for validator in parsed.values())


def test_int64_and_commit_ts_are_interchangeable_and_take_bigint_literals() -> None:
    bigint = VLiteral(value=7, value_type="bigint")
    assert is_subset(VInt64(), VCommitTs()) and is_subset(VCommitTs(), VInt64())
    assert is_subset(bigint, VCommitTs())
    assert not is_subset(VCommitTs(), VString())


def test_unevaluated_parts_are_not_evaluated() -> None:
    unknown_spread = VObject(fields=(), unknown_parts=(VUnknown(reason="spread of x"),))
    assert not is_evaluated(VArray(element=VUnknown(reason="x")))
    assert not is_evaluated(unknown_spread)
    assert not is_evaluated(VLiteral(value="null", value_type="unsupported"))
    assert is_evaluated(VArray(element=VString()))
