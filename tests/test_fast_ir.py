"""The evaluator's fast IR builders build exactly what the classes' own constructors build."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from schemalint.diagnostics import Span
from schemalint.ir import (
    Field,
    Validator,
    VAny,
    VBoolean,
    VBytes,
    VCommitTs,
    VFloat64,
    VId,
    VInt64,
    VLiteral,
    VNull,
    VString,
)
from schemalint.parser import fast_ir

SPAN = Span("convex/schema.ts", 3, 5, 3, 17)
LEAVES = [VString, VFloat64, VInt64, VBoolean, VNull, VBytes, VAny, VCommitTs]


def _same(built: Any, expected: Any) -> None:
    assert type(built) is type(expected)
    assert built == expected
    assert repr(built) == repr(expected)  # also the fields equality ignores (`name`)


@pytest.mark.parametrize("cls", LEAVES, ids=lambda c: c.__name__)
def test_leaf_builder_builds_what_the_class_builds(cls: type[Validator]) -> None:
    build = fast_ir.leaf_builder(cls)
    _same(build(False, SPAN, None), cls(span=SPAN))
    _same(build(True, None, "shared"), cls(optional=True, name="shared"))


def test_id_literal_and_field_builders_build_what_the_classes_build() -> None:
    _same(
        fast_ir.build_id(True, SPAN, "ref", "users"),
        VId(optional=True, span=SPAN, name="ref", table_name="users"),
    )
    _same(
        fast_ir.build_literal(False, SPAN, None, "a", "string"),
        VLiteral(value="a", value_type="string", span=SPAN),
    )
    string = VString(span=SPAN)
    _same(
        fast_ir.build_field("title", string, SPAN, None, "the title"),
        Field(name="title", validator=string, span=SPAN, doc="the title"),
    )


def test_the_fast_path_is_taken_for_the_ir_as_it_is() -> None:
    """If this fails, the IR changed: the builders still work (through the constructors), but
    update `fast_ir`'s field lists so the evaluator keeps its fast path."""
    assert fast_ir.slot_setters(VString, fast_ir.BASE_FIELDS) is not None
    assert fast_ir.slot_setters(VId, fast_ir.ID_FIELDS) is not None
    assert fast_ir.slot_setters(VLiteral, fast_ir.LITERAL_FIELDS) is not None
    assert fast_ir.slot_setters(Field, fast_ir.FIELD_FIELDS) is not None


@dataclasses.dataclass(frozen=True, kw_only=True)
class _WithExtraField(Validator):
    extra: int = 7


def test_a_class_with_other_fields_falls_back_to_its_constructor() -> None:
    assert fast_ir.slot_setters(VId, fast_ir.BASE_FIELDS) is None  # `table_name` would be left unset
    assert fast_ir.slot_setters(_WithExtraField, fast_ir.BASE_FIELDS) is None
    _same(fast_ir.leaf_builder(_WithExtraField)(True, SPAN, None), _WithExtraField(optional=True, span=SPAN))
