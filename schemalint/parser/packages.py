"""npm packages schemalint knows without node_modules (docs/convex-facts.md, "Packages").

`convex/server` and `convex/values` are modelled in `convex_values`, `convex_tables` and
`convex_server`; this module adds
`@convex-dev/auth/server`'s `authTables`, the convex-helpers validators and `Table()`, and the
fixed tables convex-helpers ships (`migrationsTable`, `rateLimitTables`).
Any other package is unknown: its exports evaluate to `Unknown`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from schemalint.ir import (
    DbIndex,
    Field,
    VAny,
    VBoolean,
    VFloat64,
    VId,
    VNull,
    VObject,
    VString,
    VUnion,
    VUnknown,
)
from schemalint.parser.convex_functions import custom_function_exports, zod_exports
from schemalint.parser.convex_server import convex_server_exports, generated_server_exports
from schemalint.parser.convex_tables import DEFINE_TABLE
from schemalint.parser.convex_values import (
    V_OBJECT,
    fields_object,
    literal_validator,
    object_validator,
    to_validator,
    validator_value,
)
from schemalint.parser.js import spread_into, unknown_from
from schemalint.parser.values import (
    Builtin,
    CallSite,
    JSObject,
    Prim,
    Property,
    TableDefValue,
    Unknown,
    ValidatorValue,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator

AUTH_PACKAGE = "@convex-dev/auth/server"
# The stand-in for `convex/_generated/server` when the generated file is not committed.
GENERATED_SERVER = "convex/_generated/server"

# (field name, validator, optional) per table, and (index name, fields); @convex-dev/auth 0.0.95.
_S, _N, _B = VString, VFloat64, VBoolean
TableSpec = tuple[list[tuple[str, Callable[[], object], bool]], list[tuple[str, tuple[str, ...]]]]
_AUTH_TABLES: dict[str, TableSpec] = {
    "users": (
        [
            ("name", _S, True),
            ("image", _S, True),
            ("email", _S, True),
            ("emailVerificationTime", _N, True),
            ("phone", _S, True),
            ("phoneVerificationTime", _N, True),
            ("isAnonymous", _B, True),
        ],
        [("email", ("email",)), ("phone", ("phone",))],
    ),
    "authSessions": (
        [("userId", lambda: VId(table_name="users"), False), ("expirationTime", _N, False)],
        [("userId", ("userId",))],
    ),
    "authAccounts": (
        [
            ("userId", lambda: VId(table_name="users"), False),
            ("provider", _S, False),
            ("providerAccountId", _S, False),
            ("secret", _S, True),
            ("emailVerified", _S, True),
            ("phoneVerified", _S, True),
        ],
        [
            ("userIdAndProvider", ("userId", "provider")),
            ("providerAndAccountId", ("provider", "providerAccountId")),
        ],
    ),
    "authRefreshTokens": (
        [
            ("sessionId", lambda: VId(table_name="authSessions"), False),
            ("expirationTime", _N, False),
            ("firstUsedTime", _N, True),
            ("parentRefreshTokenId", lambda: VId(table_name="authRefreshTokens"), True),
        ],
        [
            ("sessionId", ("sessionId",)),
            ("sessionIdAndParentRefreshTokenId", ("sessionId", "parentRefreshTokenId")),
        ],
    ),
    "authVerificationCodes": (
        [
            ("accountId", lambda: VId(table_name="authAccounts"), False),
            ("provider", _S, False),
            ("code", _S, False),
            ("expirationTime", _N, False),
            ("verifier", _S, True),
            ("emailVerified", _S, True),
            ("phoneVerified", _S, True),
        ],
        [("accountId", ("accountId",)), ("code", ("code",))],
    ),
    "authVerifiers": (
        [("sessionId", lambda: VId(table_name="authSessions"), True), ("signature", _S, True)],
        [("signature", ("signature",))],
    ),
    "authRateLimits": (
        [("identifier", _S, False), ("lastAttemptTime", _N, False), ("attemptsLeft", _N, False)],
        [("identifier", ("identifier",))],
    ),
}


def _fixed_table(spec: TableSpec, package: str) -> TableDefValue:
    """A table definition a package ships (fields and indexes fixed by the package version)."""
    fields, indexes = spec
    ir_fields = []
    for field_name, make, optional in fields:
        validator = make()
        assert isinstance(validator, VString | VFloat64 | VBoolean | VId | VUnion)
        ir_fields.append(Field(name=field_name, validator=dataclasses.replace(validator, optional=optional)))
    document = validator_value(VObject(fields=tuple(ir_fields)))
    table = TableDefValue(document=document, package=package)
    table.indexes.extend(DbIndex(name=index, fields=index_fields) for index, index_fields in indexes)
    return table


def _auth_tables() -> JSObject:
    tables = JSObject()
    for name, spec in _AUTH_TABLES.items():
        tables.props[name] = Property(_fixed_table(spec, AUTH_PACKAGE))
    return tables


# convex-helpers 0.1.124 (the version pinned in tests/oracle): `migrationsTable` of
# `convex-helpers/server/migrations` and `rateLimitTables` of `convex-helpers/server/rateLimit`.
MIGRATIONS_PACKAGE = "convex-helpers/server/migrations"
RATE_LIMIT_PACKAGE = "convex-helpers/server/rateLimit"
_MIGRATIONS_TABLE: TableSpec = (
    [
        ("name", _S, False),
        ("table", _S, False),
        ("cursor", lambda: VUnion(members=(VString(), VNull())), False),
        ("isDone", _B, False),
        ("workerId", lambda: VId(table_name="_scheduled_functions"), True),
        ("processed", _N, False),
        ("latestStart", _N, False),
        ("latestEnd", _N, True),
    ],
    [("name", ("name",))],
)
_RATE_LIMITS_TABLE: TableSpec = (
    [("name", _S, False), ("key", _S, True), ("value", _N, False), ("ts", _N, False)],
    [("name", ("name", "key"))],
)


def _rate_limit_tables() -> JSObject:
    tables = JSObject()
    tables.props["rateLimits"] = Property(_fixed_table(_RATE_LIMITS_TABLE, RATE_LIMIT_PACKAGE))
    return tables


# ------------------------------------------------------------------------------ convex-helpers


def _literals(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    members = tuple(literal_validator(arg, arg.span or site.span) for arg in args)
    return validator_value(VUnion(members=members, span=site.span))


def _helpers_nullable(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    inner = to_validator(args[0] if args else Prim(None), "in nullable()", site.arg_span(0))
    return validator_value(VUnion(members=(VNull(span=site.span), inner), span=site.span))


def _partial_object(validator: VObject) -> VObject:
    fields = tuple(
        dataclasses.replace(f, validator=dataclasses.replace(f.validator, optional=True))
        for f in validator.fields
    )
    return dataclasses.replace(validator, fields=fields)


def _helpers_partial(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    argument = args[0] if args else Prim(None)
    if isinstance(argument, ValidatorValue):
        validator = argument.validator
        if isinstance(validator, VObject):
            return validator_value(dataclasses.replace(_partial_object(validator), span=site.span))
        if isinstance(validator, VUnion):
            members = tuple(_partial_object(m) if isinstance(m, VObject) else m for m in validator.members)
            return validator_value(dataclasses.replace(validator, members=members, span=site.span))
        return Unknown(
            "partial only works with union or object validators, or an object of validators", site.span
        )
    if isinstance(argument, JSObject):
        result = JSObject(span=site.span)
        for key, prop in argument.ordered_items():
            value = prop.value
            if isinstance(value, ValidatorValue):
                value = validator_value(dataclasses.replace(value.validator, optional=True))
            result.props[key] = Property(value, prop.key_span, prop.span, prop.doc)
        result.unknown_parts.extend(argument.unknown_parts)
        return result
    return unknown_from(argument, "partial() needs validators")


def _pretend(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    return validator_value(VAny(optional=True, span=site.span))


def _pretend_required(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    inner = to_validator(args[0] if args else Prim(None), "in pretendRequired()", site.arg_span(0))
    return validator_value(dataclasses.replace(inner, optional=True, span=site.span))


def _branded_string(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    return validator_value(VString(span=site.span))


def _system_fields(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    name = args[0] if args else Prim(None)
    result = JSObject(span=site.span)
    if isinstance(name, Prim) and isinstance(name.value, str):
        id_validator: Value = validator_value(VId(table_name=name.value, span=site.span))
    else:
        id_validator = validator_value(VUnknown(reason="the table name cannot be evaluated", span=site.span))
    result.props["_id"] = Property(id_validator, site.span, site.span)
    result.props["_creationTime"] = Property(validator_value(VFloat64(span=site.span)), site.span, site.span)
    return result


def _with_system_fields(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    fields = args[1] if len(args) > 1 else Prim(None)
    result = JSObject(span=site.span)
    spread_into(result, fields, site.span or fields.span, "fields")  # type: ignore[arg-type]
    spread_into(result, _system_fields(ev, site, args[:1]), site.span, "systemFields")  # type: ignore[arg-type]
    return result


def _table_helper(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    name = args[0] if args else Prim(None)
    fields = args[1] if len(args) > 1 else Prim(None)
    table = DEFINE_TABLE.impl(ev, CallSite(site.span, site.arg_spans[1:]), [fields])
    system = _system_fields(ev, site, [name])
    assert isinstance(system, JSObject)
    with_system = JSObject(span=site.span)
    spread_into(with_system, fields, site.span or fields.span, "fields")  # type: ignore[arg-type]
    spread_into(with_system, system, site.span, "systemFields")  # type: ignore[arg-type]
    result = JSObject(span=site.span)
    entries: dict[str, Value] = {
        "name": name,
        "table": table,
        "doc": validator_value(object_validator(with_system, site.span)),
        "withoutSystemFields": fields,
        "withSystemFields": with_system,
        "systemFields": system,
        "_id": system.props["_id"].value,
    }
    for key, value in entries.items():
        result.props[key] = Property(value, site.span, site.span)
    return result


def _helpers_validators() -> dict[str, Value]:
    return {
        "literals": Builtin("literals", _literals),
        "nullable": Builtin("nullable", _helpers_nullable),
        "partial": Builtin("partial", _helpers_partial),
        "deprecated": validator_value(VAny(optional=True)),
        "pretend": Builtin("pretend", _pretend),
        "pretendRequired": Builtin("pretendRequired", _pretend_required),
        "brandedString": Builtin("brandedString", _branded_string),
        "systemFields": Builtin("systemFields", _system_fields),
        "withSystemFields": Builtin("withSystemFields", _with_system_fields),
    }


def package_exports(name: str) -> dict[str, Value] | None:
    """The exports schemalint models for package `name`, or None for an unknown package."""
    if name == "convex/values":
        return {"v": V_OBJECT}
    if name == "convex/server":
        return convex_server_exports()
    if name == GENERATED_SERVER:
        return generated_server_exports()
    if name == AUTH_PACKAGE:
        return {"authTables": _auth_tables()}
    if name == "convex-helpers/validators":
        return _helpers_validators()
    if name == "convex-helpers/server/customFunctions":
        return custom_function_exports()
    if name in ("convex-helpers/server/zod", "convex-helpers/server/zod3", "convex-helpers/server/zod4"):
        return zod_exports()
    if name == "convex-helpers/server":
        return {"Table": Builtin("Table", _table_helper)}
    if name in (MIGRATIONS_PACKAGE, MIGRATIONS_PACKAGE + ".js"):
        return {"migrationsTable": _fixed_table(_MIGRATIONS_TABLE, MIGRATIONS_PACKAGE)}
    if name in (RATE_LIMIT_PACKAGE, RATE_LIMIT_PACKAGE + ".js"):
        return {"rateLimitTables": _rate_limit_tables(), "RateLimitTable": Prim("rateLimits")}
    return None


__all__ = ["fields_object", "package_exports"]
