"""The rest of `convex/server` and `convex/_generated/server` that projects use: function
builders (`query`, `internalMutation`, ...), pagination validators, HTTP routers and cron tables
(docs/convex-facts.md, "Functions").
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from schemalint.ir import (
    Field,
    Validator,
    VArray,
    VBoolean,
    VFloat64,
    VLiteral,
    VNull,
    VObject,
    VString,
    VUnion,
)
from schemalint.parser.values import (
    UNDEFINED,
    Builtin,
    CallSite,
    OpaqueValue,
    Prim,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator

from schemalint.parser.convex_functions import function_builder
from schemalint.parser.convex_tables import DEFINE_SCHEMA, DEFINE_TABLE
from schemalint.parser.convex_values import arg_at, to_validator, validator_value

# ---------------------------------------------------------------------------------- functions


def _registration(kind: str, visibility: str) -> Builtin:
    """`query`, `internalMutation`, ...: `builder({args?, returns?, handler})` or `builder(handler)`."""
    return function_builder(kind, visibility)


REGISTRATIONS = {
    ("public" if not name.startswith("internal") else "internal", kind): name
    for name, kind in (
        ("query", "query"),
        ("mutation", "mutation"),
        ("action", "action"),
        ("internalQuery", "query"),
        ("internalMutation", "mutation"),
        ("internalAction", "action"),
    )
}


def _opaque_factory(name: str, methods: tuple[str, ...] = ()) -> Builtin:
    """A function returning an object schemalint does not model (an HTTP router, a cron table),
    whose methods accept anything and return `undefined`."""

    def ignore(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        return Prim(UNDEFINED, site.span)

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        members: dict[str, object] = {m: Builtin(f"{name}.{m}", ignore) for m in methods}
        return OpaqueValue(name, members, site.span)

    return Builtin(name, impl)


HTTP_ACTION = _opaque_factory("httpAction")
HTTP_ROUTER = _opaque_factory("httpRouter", ("route", "lookup"))
CRON_JOBS = _opaque_factory("cronJobs", ("interval", "cron", "hourly", "daily", "weekly", "monthly"))


def generated_server_exports() -> dict[str, Value]:
    """What `convex/_generated/server` exports, when the generated file is not on disk."""
    exports: dict[str, Value] = {
        name: _registration(kind, visibility) for (visibility, kind), name in REGISTRATIONS.items()
    }
    exports["httpAction"] = HTTP_ACTION
    return exports


def _pagination_opts() -> Validator:
    def field(name: str, validator: Validator) -> Field:
        return Field(name=name, validator=validator)

    string_or_null = VUnion(members=(VString(), VNull()))
    return VObject(
        fields=(
            field("numItems", VFloat64()),
            field("cursor", string_or_null),
            field("endCursor", dataclasses.replace(string_or_null, optional=True)),
            field("id", VFloat64(optional=True)),
            field("maximumRowsRead", VFloat64(optional=True)),
            field("maximumBytesRead", VFloat64(optional=True)),
        )
    )


def _pagination_result(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    item = to_validator(arg_at(args, 0, site), "in paginationResultValidator()", site.arg_span(0))
    status = VUnion(
        members=(
            VLiteral(value="SplitRecommended", value_type="string"),
            VLiteral(value="SplitRequired", value_type="string"),
            VNull(),
        ),
        optional=True,
    )
    fields = (
        Field(name="page", validator=VArray(element=item)),
        Field(name="continueCursor", validator=VString()),
        Field(name="isDone", validator=VBoolean()),
        Field(name="splitCursor", validator=VUnion(members=(VString(), VNull()), optional=True)),
        Field(name="pageStatus", validator=status),
    )
    return validator_value(VObject(fields=fields, span=site.span))


def convex_server_exports() -> dict[str, Value]:
    exports: dict[str, Value] = {"defineSchema": DEFINE_SCHEMA, "defineTable": DEFINE_TABLE}
    for (visibility, kind), name in REGISTRATIONS.items():
        exports[name + "Generic"] = _registration(kind, visibility)
    exports["httpActionGeneric"] = HTTP_ACTION
    exports["httpRouter"] = HTTP_ROUTER
    exports["cronJobs"] = CRON_JOBS
    exports["paginationOptsValidator"] = validator_value(_pagination_opts())
    exports["paginationResultValidator"] = Builtin("paginationResultValidator", _pagination_result)
    return exports
