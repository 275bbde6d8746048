"""A table's document validator as Convex's backend sees it when it decides about re-validation.

The backend treats a table's documents as `any` (no `defineTable`, or `v.any()` documents) or
as a union of objects (a plain `defineTable({...})` is a union of one object). The validator
"enforced today" is `any` when the table was not in the previous schema or that schema had
`schemaValidation: false`.
"""

from __future__ import annotations

from schemalint.diff.subset import is_evaluated
from schemalint.ir import Table, Validator, VAny, VObject, VUnion

ANY = VAny()


def document_validator(table: Table | None) -> Validator:
    """The validator Convex compares for `table` (`any` for no table)."""
    if table is None:
        return ANY
    document = table.document
    if isinstance(document, VObject):
        return VUnion(members=(document,), span=document.span)
    return document


def is_document_known(table: Table) -> bool:
    """Whether the table's documents have a validator Convex accepts and the parser fully
    evaluated: `any`, an object, or a union of objects."""
    document = table.document
    if isinstance(document, VUnion):
        shaped = all(isinstance(member, VObject) for member in document.members)
    else:
        shaped = isinstance(document, VObject | VAny)
    return shaped and is_evaluated(document)


def object_members(validator: Validator) -> tuple[VObject, ...]:
    """The objects of a document validator (none for `any`)."""
    if isinstance(validator, VUnion):
        return tuple(m for m in validator.members if isinstance(m, VObject))
    if isinstance(validator, VObject):
        return (validator,)
    return ()
