"""`CanonicalKeys` writes exactly the key `canonical` writes, for every kind of validator;
`NamedTypes` computed late holds what a mapping built at once would."""

from __future__ import annotations

from schemalint.generate.python_canonical import CanonicalKeys, NamedTypes
from schemalint.generate.python_validators import Context, canonical
from schemalint.ir import (
    Field,
    Validator,
    VAny,
    VArray,
    VBoolean,
    VFunction,
    VId,
    VInt64,
    VLiteral,
    VNull,
    VObject,
    VRecord,
    VString,
    VUnion,
    VUnknown,
)

SHARED = VObject(
    fields=(Field(name="b", validator=VInt64()), Field(name="a", validator=VString(optional=True)))
)
TOO_BIG = VLiteral(value=2**63, value_type="bigint")  # Convex cannot export it
VALIDATORS: list[Validator] = [
    VString(),
    VUnknown(reason="?"),
    VAny(),
    VId(table_name='ü"\n'),
    VLiteral(value="x\u2028", value_type="string"),
    VLiteral(value=-0.0, value_type="number"),
    VLiteral(value=5, value_type="bigint"),
    VArray(element=SHARED),
    VObject(
        fields=(
            Field(name="é", validator=SHARED),
            Field(name="é", validator=VNull()),
            Field(name="A", validator=SHARED),
        )
    ),
    VUnion(members=(SHARED, VBoolean(), VUnion(members=(VNull(),)))),
    VRecord(keys=VId(table_name="t"), values=SHARED),
    VRecord(keys=VString(), values=VString(optional=True)),
    VFunction(fn_type="query", args=SHARED, returns=VArray(element=SHARED)),
    VObject(fields=(Field(name="deep", validator=VArray(element=VUnion(members=(TOO_BIG, VString())))),)),
    VUnion(members=(VObject(fields=()), VRecord(keys=VString(optional=True), values=VString()))),
]


def test_composed_keys_equal_the_whole_serialisation_in_any_order_of_asking() -> None:
    for order in (VALIDATORS, list(reversed(VALIDATORS))):
        keys = CanonicalKeys()
        for validator in order:
            for _ in range(2):  # the second time from what was remembered
                assert keys(validator) == canonical(validator), repr(validator)


def test_named_types_read_late_hold_what_an_eager_mapping_holds() -> None:
    keys = CanonicalKeys()
    computed: list[Validator] = []

    def key_of(v: Validator, ctx: Context) -> tuple[str, str]:
        computed.append(v)
        return ("doc" if ctx == "doc" else ctx, keys(v))

    named = NamedTypes(key_of)
    eager: dict[str, str] = {}
    for number, validator in enumerate([*VALIDATORS, *VALIDATORS]):  # repeated keys: the first wins
        ctx: Context = "doc" if number % 3 else "ret"
        name = f"T{number}"
        given = key_of(validator, ctx) if number % 2 else None  # some callers have the key already
        if ctx == "doc":
            eager.setdefault(keys(validator), name)
        named.add(validator, ctx, name, given)
    asked_before_reading = len(computed)
    assert dict(named) == eager
    assert len(computed) > asked_before_reading  # the others' keys were computed when read
    named.add(SHARED, "doc", "Later")  # added after a read: seen by the next one
    assert named.get(canonical(SHARED)) == eager.get(canonical(SHARED), "Later")
