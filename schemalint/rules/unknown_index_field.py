"""D108 unknown-index-field: index paths that cannot exist under the table's document validator."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.ir import (
    DbIndex,
    SearchIndex,
    Table,
    Validator,
    VAny,
    VArray,
    VObject,
    VRecord,
    VUnion,
    VUnknown,
)
from schemalint.irquery import (
    IndexRef,
    can_contain_field,
    describe_validator,
    index_path,
    index_path_problem,
    table_fields,
)
from schemalint.rules.base import Rule, RuleContext, Violation


class UnknownIndexField(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        table = index.table
        reported: set[str] = set()
        for role, raw in _paths(index):
            path = index_path(raw)
            if path in reported or not _checkable(index, path) or _may_exist(table, path):
                continue
            reported.add(path)
            checked = ctx.schema.schema_validation and role != "vector filter field"
            yield Violation(
                _message(index, role, path, checked),
                help=_help(table, path, role, checked),
                severity=None if checked else Severity.WARNING,
            )


def _paths(index: IndexRef) -> Iterator[tuple[str, str]]:
    """`(role, path)` for every field path the index names."""
    found = index.index
    if isinstance(found, DbIndex):
        for path in found.fields:
            yield "index field", path
    elif isinstance(found, SearchIndex):
        yield "search field", found.search_field
        for path in found.filter_fields:
            yield "filter field", path
    else:
        yield "vector field", found.vector_field
        for path in found.filter_fields:
            yield "vector filter field", path


def _checkable(index: IndexRef, path: str) -> bool:
    """Well-formed paths Convex checks for existence (malformed and `_` paths are
    invalid-index-fields' findings; a single top-level `_` field always passes)."""
    if index_path_problem(path) is not None:
        return False
    parts = path.split(".")
    if index.kind == "db":
        return not any(part.startswith("_") for part in parts)
    return not (len(parts) == 1 and parts[0].startswith("_"))


def _may_exist(table: Table, path: str) -> bool:
    """Whether documents under the current or the staged validator can have `path`."""
    documents = (table.document, table.staged_document)
    return any(document is not None and can_contain_field(document, path) for document in documents)


def _message(index: IndexRef, role: str, path: str, checked: bool) -> str:
    table = index.table.name
    if checked:
        return (
            f'In table "{table}" the index "{index.name}" is invalid because it references the field '
            f'"{path}" that does not exist.'
        )
    return f'The {role} "{path}" of index "{index.name}" cannot exist in the documents of table "{table}"'


def _help(table: Table, path: str, role: str, checked: bool) -> str:
    import difflib  # only a finding needs a suggestion

    obstacle, missing = _obstacle(table.document, path.split("."), "")
    parts = [obstacle]
    known = [ref.path for ref in table_fields(table) if ref.indexable]
    close = difflib.get_close_matches(path, known, n=1, cutoff=0.75) if missing else []
    if close:
        parts.append(f'Did you mean "{close[0]}"?')
    elif role == "vector field":
        parts.append(f'Declare "{path}" in the table as v.array(v.float64()), or fix the path.')
    else:
        parts.append(f'Declare "{path}" in the table, or fix the path.')
    if role == "vector filter field":
        parts.append("Convex does not check vector filter fields at deploy; filtering on it finds nothing.")
    elif not checked:
        parts.append("Convex does not check this while schemaValidation is false.")
    return " ".join(part for part in parts if part)


def _obstacle(validator: Validator, parts: list[str], walked: str) -> tuple[str, bool]:
    """Why `parts` cannot be walked from `validator` (reached at `walked`), as a sentence, and
    whether the reason is a missing object key (rather than an array, record or scalar)."""
    if not parts or isinstance(validator, VAny | VUnknown):
        return "", False
    where = f'"{walked}"' if walked else "The document"
    if isinstance(validator, VObject):
        f = validator.field(parts[0])
        if f is None:
            return f'{where} has no field "{parts[0]}".', True
        return _obstacle(f.validator, parts[1:], f"{walked}.{parts[0]}" if walked else parts[0])
    if isinstance(validator, VUnion):
        at = where if walked else "the top level"
        return f'No member of the union at {at} has "{".".join(parts)}".', True
    if isinstance(validator, VArray):
        return f"{where} is an array: index paths cannot reach into array elements.", False
    if isinstance(validator, VRecord):
        return f"{where} is a record: index paths cannot reach into records.", False
    return f"{where} is {describe_validator(validator)}, which has no fields.", False
