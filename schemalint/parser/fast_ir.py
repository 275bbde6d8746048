"""Building the IR's most numerous frozen objects without calling their generated `__init__`.

The IR's validators and fields are frozen, keyword-only dataclasses with slots: their
`__init__` receives keywords and stores each field through `object.__setattr__`, which makes
building a `VString` cost about twice what storing its three slots directly costs, and the
evaluator builds one for every `v.string()` a schema holds. Each builder here makes a new
instance with `object.__new__` and stores the fields through the slots' own descriptors, with
positional arguments in the class's field order.

A builder is made only after checking that its class has exactly the fields it stores, each in
a slot; otherwise (a field added to the IR, slots dropped) the builder calls the class with
keywords instead. Either way the object built is the same (`tests/test_fast_ir.py` builds
with both and compares).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from typing import Any, TypeVar

from schemalint.diagnostics import Span
from schemalint.ir import Field, Validator, VId, VLiteral

_V = TypeVar("_V", bound=Validator)
_new = object.__new__

# The fields of every validator, in order, and those of the validators that add their own.
BASE_FIELDS = ("optional", "span", "name")
ID_FIELDS = (*BASE_FIELDS, "table_name")
LITERAL_FIELDS = (*BASE_FIELDS, "value", "value_type")
FIELD_FIELDS = ("name", "validator", "span", "name_span", "doc")


def slot_setters(cls: type, names: tuple[str, ...]) -> list[Callable[[Any, Any], None]] | None:
    """The `__set__` of the slot holding each of `names`, or None unless `names` are exactly
    the dataclass fields of `cls`, in order, each held in a slot (and nothing runs after
    `__init__` has stored them)."""
    if tuple(f.name for f in dataclasses.fields(cls)) != names or hasattr(cls, "__post_init__"):
        return None
    setters = []
    for name in names:
        descriptor = next((k.__dict__[name] for k in cls.__mro__ if name in k.__dict__), None)
        if not isinstance(descriptor, types.MemberDescriptorType):
            return None
        setters.append(descriptor.__set__)
    return setters


def leaf_builder(cls: type[_V]) -> Callable[[bool, Span | None, str | None], _V]:
    """Builds `cls(optional=, span=, name=)` for a validator with no fields of its own."""
    setters = slot_setters(cls, BASE_FIELDS)
    if setters is None:
        return lambda optional, span, name: cls(optional=optional, span=span, name=name)
    set_optional, set_span, set_name = setters

    def build(optional: bool, span: Span | None, name: str | None) -> _V:
        validator = _new(cls)
        set_optional(validator, optional)
        set_span(validator, span)
        set_name(validator, name)
        return validator

    return build


def _id_builder() -> Callable[[bool, Span | None, str | None, str], VId]:
    setters = slot_setters(VId, ID_FIELDS)
    if setters is None:
        return lambda optional, span, name, table_name: VId(
            optional=optional, span=span, name=name, table_name=table_name
        )
    set_optional, set_span, set_name, set_table = setters

    def build(optional: bool, span: Span | None, name: str | None, table_name: str) -> VId:
        validator = _new(VId)
        set_optional(validator, optional)
        set_span(validator, span)
        set_name(validator, name)
        set_table(validator, table_name)
        return validator

    return build


def _literal_builder() -> Callable[[bool, Span | None, str | None, Any, Any], VLiteral]:
    setters = slot_setters(VLiteral, LITERAL_FIELDS)
    if setters is None:
        return lambda optional, span, name, value, value_type: VLiteral(
            optional=optional, span=span, name=name, value=value, value_type=value_type
        )
    set_optional, set_span, set_name, set_value, set_type = setters

    def build(optional: bool, span: Span | None, name: str | None, value: Any, value_type: Any) -> VLiteral:
        validator = _new(VLiteral)
        set_optional(validator, optional)
        set_span(validator, span)
        set_name(validator, name)
        set_value(validator, value)
        set_type(validator, value_type)
        return validator

    return build


def _field_builder() -> Callable[[str, Validator, Span | None, Span | None, str | None], Field]:
    setters = slot_setters(Field, FIELD_FIELDS)
    if setters is None:
        return lambda name, validator, span, name_span, doc: Field(
            name=name, validator=validator, span=span, name_span=name_span, doc=doc
        )
    set_name, set_validator, set_span, set_name_span, set_doc = setters

    def build(
        name: str, validator: Validator, span: Span | None, name_span: Span | None, doc: str | None
    ) -> Field:
        field = _new(Field)
        set_name(field, name)
        set_validator(field, validator)
        set_span(field, span)
        set_name_span(field, name_span)
        set_doc(field, doc)
        return field

    return build


# `VId(optional=, span=, name=, table_name=)`, positionally.
build_id = _id_builder()
# `VLiteral(optional=, span=, name=, value=, value_type=)`, positionally.
build_literal = _literal_builder()
# `Field(name=, validator=, span=, name_span=, doc=)`, positionally.
build_field = _field_builder()
