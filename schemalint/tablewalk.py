"""One walk of each table's document, shared by every rule: its fields at every depth, its
validators with the field each describes, and where each class of validator occurs.

A run asks these questions about every table from several rules; the answers are found in a
single walk per table (`table_walk`) and kept on the table (`irquery` answers from them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from schemalint.diagnostics import Span
from schemalint.ir import Field, Table, Validator, VArray, VObject, VRecord, VUnion
from schemalint.records import dataclass

ContainerKind = Literal["array", "record", "union"]

_WALK = "_schemalint_walk"


@dataclass(frozen=True, slots=True)
class FieldRef:
    """One object field of a table's document, at any depth.

    `through` lists the non-object validators crossed on the way from the document root
    (outermost first): a field inside `v.array(v.object(...))` has `("array",)`.
    """

    table: Table
    path: str
    field: Field
    through: tuple[ContainerKind, ...] = ()

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def validator(self) -> Validator:
        return self.field.validator

    @property
    def depth(self) -> int:
        """1 for a top-level field, 2 for a field of a top-level object, and so on."""
        return self.path.count(".") + 1

    @property
    def top_level(self) -> bool:
        return self.depth == 1

    @property
    def indexable(self) -> bool:
        """Whether an index can name this path (not inside an array or a record)."""
        return "array" not in self.through and "record" not in self.through

    @property
    def span(self) -> Span | None:
        """Where the field's name is written (or the whole field when the name has no span)."""
        return self.field.name_span or self.field.span or self.field.validator.span

    @property
    def validators(self) -> tuple[Validator, ...]:
        """`field_validators(self.validator)`: the validators describing the field itself."""
        return own_validators(self.field.validator)


def field_validators(validator: Validator) -> Iterator[Validator]:
    """`validator` and the validators nested in it without crossing into an object's fields.

    For a field's validator these are the types that describe the field itself (array
    elements, union members, record keys and values), not its object sub-fields, which
    `table_fields` visits on their own.
    """
    yield validator
    if isinstance(validator, VObject):
        return
    for child in validator.children():
        yield from field_validators(child)


def own_validators(validator: Validator) -> tuple[Validator, ...]:
    """`tuple(field_validators(validator))`, without a generator."""
    if isinstance(validator, VObject) or type(validator).children is Validator.children:
        return (validator,)
    found: list[Validator] = []
    _collect(validator, found)
    return tuple(found)


def _collect(validator: Validator, found: list[Validator]) -> None:
    """Append `field_validators(validator)` to `found`."""
    found.append(validator)
    if not isinstance(validator, VObject):
        for child in validator.children():
            _collect(child, found)


class TableWalk:
    """What one walk of a table's document (and staged document) found.

    `fields`: every field at every depth, then those only in the staged document.
    `validators` and `owners`: every validator, each with the field it describes (`None` for
    the document itself and what lies above its top-level objects); the document's come first.
    `kinds`: for each class of validator, its positions in `validators`, in order.
    `distinct`: `fields` with each declaration once (a field reached again at the same source
    position, through a spread shared by union members, is skipped); `fields` itself when no
    two members of a union have fields and there is no staged document (every path then occurs
    once).
    """

    __slots__ = ("_distinct_ids", "distinct", "fields", "kinds", "owners", "validators")

    def __init__(
        self,
        fields: tuple[FieldRef, ...],
        validators: list[Validator],
        owners: list[FieldRef | None],
        kinds: dict[type[Validator], list[int]],
        distinct: tuple[FieldRef, ...],
    ) -> None:
        self.fields = fields
        self.validators = validators
        self.owners = owners
        self.kinds = kinds
        self.distinct = distinct
        self._distinct_ids: frozenset[int] | None = None

    def is_distinct(self, ref: FieldRef) -> bool:
        """Whether `ref` is one of `distinct` (the same object, not an equal one)."""
        if self.distinct is self.fields:
            return True
        if self._distinct_ids is None:
            self._distinct_ids = frozenset(id(r) for r in self.distinct)
        return id(ref) in self._distinct_ids

    def positions(self, kinds: tuple[type[Validator], ...]) -> list[int]:
        """The positions in `validators` of validators of exactly one of `kinds`, in order."""
        if len(kinds) == 1:
            return self.kinds.get(kinds[0], [])
        found = [p for kind in kinds for p in self.kinds.get(kind, ())]
        found.sort()
        return found


def table_walk(table: Table) -> TableWalk:
    """The walk of `table`, made once and kept on the table (outside its fields: equality and
    hashing ignore it)."""
    walk: TableWalk | None = table.__dict__.get(_WALK)
    if walk is None:
        walk = _walk(table)
        object.__setattr__(table, _WALK, walk)
    return walk


def _walk(table: Table) -> TableWalk:
    validators: list[Validator] = []
    owners: list[FieldRef | None] = []
    for document in (table.document, table.staged_document):
        for validator in field_validators(document) if document is not None else ():
            if validator not in validators:
                validators.append(validator)
                owners.append(None)
    fields, shared_paths = _document_fields(table, table.document)
    staged = table.staged_document
    if staged is not None:
        known = {(ref.path, id(ref.field)) for ref in fields}
        current = list(fields)
        fields.extend(
            ref
            for ref in _document_fields(table, staged)[0]
            if (ref.path, id(ref.field)) not in known and not _same_field_in(ref, current)
        )
    for ref in fields:
        validator = ref.field.validator
        if isinstance(validator, VObject) or type(validator).children is Validator.children:
            validators.append(validator)  # a leaf or an object: `own_validators` is itself
            owners.append(ref)
        else:
            below = len(validators)
            _collect(validator, validators)
            owners.extend([ref] * (len(validators) - below))
    kinds: dict[type[Validator], list[int]] = {}
    for position, validator in enumerate(validators):
        positions = kinds.get(type(validator))
        if positions is None:
            kinds[type(validator)] = [position]
        else:
            positions.append(position)
    refs = tuple(fields)
    distinct = refs if staged is None and not shared_paths else _distinct(refs)
    return TableWalk(refs, validators, owners, kinds, distinct)


def _same_field_in(ref: FieldRef, refs: list[FieldRef]) -> bool:
    return any(other.path == ref.path and other.field == ref.field for other in refs)


def _distinct(refs: tuple[FieldRef, ...]) -> tuple[FieldRef, ...]:
    seen: set[object] = set()
    found = []
    for ref in refs:
        span = ref.span
        key = (ref.path, span) if span is not None else (ref.path, id(ref.field))
        if key not in seen:
            seen.add(key)
            found.append(ref)
    return tuple(found)


def _document_fields(table: Table, document: Validator) -> tuple[list[FieldRef], bool]:
    """The field references of `document` in `table`, depth first, in order, and whether two
    of them may share a path: only fields of different members of one union can (the keys of
    an object are unique)."""
    found: list[FieldRef] = []
    shared_paths = False
    # The union of a union-of-objects document is not a container a user nests into.
    skip = 1 if isinstance(document, VUnion) else 0
    new = object.__new__
    set_attribute = object.__setattr__

    def walk(validator: Validator, prefix: str, through: tuple[ContainerKind, ...]) -> None:
        nonlocal shared_paths
        if isinstance(validator, VObject):
            inner = through[skip:]
            for f in validator.fields:
                path = f"{prefix}.{f.name}" if prefix else f.name
                # The dataclass's frozen `__init__` would do the same four assignments through
                # a keyword call; a run makes one reference per field of every table.
                ref = new(FieldRef)
                set_attribute(ref, "table", table)
                set_attribute(ref, "path", path)
                set_attribute(ref, "field", f)
                set_attribute(ref, "through", inner)
                found.append(ref)
                child = f.validator
                if type(child).children is not Validator.children:
                    walk(child, path, through)
        elif isinstance(validator, VArray):
            if type(validator.element).children is not Validator.children:
                walk(validator.element, prefix, (*through, "array"))
        elif isinstance(validator, VRecord):
            if type(validator.values).children is not Validator.children:
                walk(validator.values, prefix, (*through, "record"))
        elif isinstance(validator, VUnion):
            # Scalar members (`v.union(v.string(), v.null())`) hold no fields: not visited.
            members = [m for m in validator.members if type(m).children is not Validator.children]
            if not members:
                return
            inner = (*through, "union")
            with_fields = 0
            for member in members:
                before = len(found)
                walk(member, prefix, inner)
                with_fields += len(found) > before
            if with_fields > 1:
                shared_paths = True

    walk(document, "", ())
    return found, shared_paths
