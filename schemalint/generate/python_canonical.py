"""Canonical keys of validators, each computed once: `CanonicalKeys()(v) == canonical(v)`.

`canonical` (python_validators) serialises a validator's whole `ValidatorJSON`, so a mapper that
asks for the key of an object and then of every object nested in it serialises the nested
ones again and again. `CanonicalKeys` builds the key of an array, object, union or record from
its children's keys (remembered by identity), writing exactly what `json.dumps(...,
sort_keys=True, separators=(",", ":"))` writes; other validators go through `canonical`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from schemalint.export import ExportError, validator_json
from schemalint.ir import (
    Validator,
    VAny,
    VArray,
    VBoolean,
    VBytes,
    VCommitTs,
    VFloat64,
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

if TYPE_CHECKING:
    from schemalint.generate.python_validators import Context

# Validators without parameters (`v.string()`): one key per kind.
_PLAIN = frozenset({VString, VFloat64, VInt64, VBoolean, VNull, VBytes, VAny, VCommitTs, VUnknown})
_Known = tuple[Validator, str | None]  # the validator (kept alive: its id stays its own), its key


class CanonicalKeys:
    """`canonical(v)` for validators of one generation run, sharing the work between a
    validator and the ones nested in it."""

    def __init__(self) -> None:
        self._known: dict[int, _Known] = {}
        self._plain: dict[str, str] = {}
        self._strings: dict[str, str] = {}

    def __call__(self, v: Validator) -> str:
        key = self._key(v)
        return key if key is not None else repr(v)  # as `canonical` does when export fails

    def _key(self, v: Validator) -> str | None:
        """The key, or None when Convex cannot export `v` (nor anything holding it)."""
        if type(v) in _PLAIN:
            plain = self._plain.get(v.kind)
            if plain is None:
                plain = self._plain[v.kind] = _dumps(validator_json(v))
            return plain
        if isinstance(v, VId):
            return f'{{"tableName":{self._string(v.table_name)},"type":"id"}}'
        if isinstance(v, VLiteral) and v.value_type == "string":
            return f'{{"type":"literal","value":{self._string(str(v.value))}}}'
        known = self._known.get(id(v))
        if known is not None:
            return known[1]
        key = self._compose(v)
        self._known[id(v)] = (v, key)
        return key

    def _string(self, text: str) -> str:
        """`json.dumps(text)`, each text's written once (names repeat across tables)."""
        written = self._strings.get(text)
        if written is None:
            written = self._strings[text] = json.dumps(text)
        return written

    def _compose(self, v: Validator) -> str | None:
        if isinstance(v, VArray):
            element = self._key(v.element)
            return None if element is None else f'{{"type":"array","value":{element}}}'
        if isinstance(v, VObject):
            fields: dict[str, str] = {}
            for f in v.fields:  # a repeated name keeps its last field, as a dict display does
                value = self._key(f.validator)
                if value is None:
                    return None
                optional = "true" if f.optional else "false"
                fields[f.name] = f'{{"fieldType":{value},"optional":{optional}}}'
            entries = ",".join(f"{self._string(name)}:{fields[name]}" for name in sorted(fields))
            return f'{{"type":"object","value":{{{entries}}}}}'
        if isinstance(v, VUnion):
            members = [self._key(m) for m in v.members]
            if any(m is None for m in members):
                return None
            return f'{{"type":"union","value":[{",".join(m for m in members if m is not None)}]}}'
        if isinstance(v, VRecord) and not (v.keys.optional or v.values.optional):
            keys, values = self._key(v.keys), self._key(v.values)
            if keys is None or values is None:
                return None
            return f'{{"keys":{keys},"type":"record","values":{{"fieldType":{values},"optional":false}}}}'
        try:  # a leaf, a function validator, or a record Convex refuses: as `canonical` does
            return _dumps(validator_json(v))
        except ExportError:
            return None


def _dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


class NamedTypes(Mapping[str, str]):
    """Canonical key → name of the types a mapper defined in the `doc` context (the first name
    given for a key wins), computing each type's key only when the mapping is first read.

    A documents module's types are looked up by key only when the api module has a type to
    reuse them for; a project without functions never reads this mapping, so the keys of its
    documents' objects are never computed. Entries are kept in the order they were added, and
    each key is what `key_of(validator, context)` would have returned when it was added (the
    validators are frozen), so the mapping is exactly the one built eagerly.
    """

    def __init__(self, key_of: Callable[[Validator, Context], tuple[str, str]]) -> None:
        self._key_of = key_of
        self._names: dict[str, str] = {}
        self._pending: list[tuple[Validator, Context, str, tuple[str, str] | None]] = []

    def add(self, v: Validator, ctx: Context, name: str, key: tuple[str, str] | None = None) -> None:
        """Remember `name` for `v` (in `ctx`); `key`, when the caller has it, is `key_of(v, ctx)`."""
        self._pending.append((v, ctx, name, key))

    def _resolved(self) -> dict[str, str]:
        if self._pending:
            pending, self._pending = self._pending, []
            for v, ctx, name, key in pending:
                context, canonical = key if key is not None else self._key_of(v, ctx)
                if context == "doc":
                    self._names.setdefault(canonical, name)
        return self._names

    def __getitem__(self, canonical: str) -> str:
        return self._resolved()[canonical]

    def get(self, canonical: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return self._resolved().get(canonical, default)

    def __contains__(self, canonical: object) -> bool:
        return canonical in self._resolved()

    def __iter__(self) -> Iterator[str]:
        return iter(self._resolved())

    def __len__(self) -> int:
        return len(self._resolved())
