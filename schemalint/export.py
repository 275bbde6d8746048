"""The IR as Convex's `defineSchema(...).export()` JSON (docs/convex-facts.md, "The schema")."""

from __future__ import annotations

import base64
import json
import math
import struct
from typing import Any

from schemalint.intdigits import short_int
from schemalint.ir import (
    DbIndex,
    Schema,
    SearchIndex,
    Table,
    Validator,
    VArray,
    VectorIndex,
    VFunction,
    VId,
    VLiteral,
    VObject,
    VRecord,
    VUnion,
)
from schemalint.parser.js_numbers import number_to_string
from schemalint.parser.js_strings import escape_lone_surrogates
from schemalint.pretty_json import dumps_indented

# Validator kinds whose JSON is just `{"type": <tag>}`.
_SIMPLE_TAGS = {
    "string": "string",
    "float64": "number",
    "int64": "bigint",
    "boolean": "boolean",
    "null": "null",
    "bytes": "bytes",
    "any": "any",
    "commitTs": "commitTs",
    "unknown": "any",
}


class ExportError(ValueError):
    """Convex's `export()` itself throws for this schema (e.g. a bigint literal outside int64)."""


def js_number(value: float) -> Any:
    """A finite JS number as JSON would print it: integral values without a fraction, and
    beyond 2**53 with JS's shortest digits (`2 ** 60` is printed 1152921504606847000)."""
    if value.is_integer() and abs(value) < 1e21:
        return int(value) if abs(value) <= 2**53 else int(number_to_string(value))
    return value


def literal_json(literal: VLiteral) -> Any:
    """`convexToJson` of a literal value: plain JSON, or `$integer`/`$float` wrappers."""
    value = literal.value
    if literal.value_type == "bigint":
        assert isinstance(value, int)
        if not -(2**63) <= value < 2**63:
            raise ExportError(f"BigInt {short_int(value)} does not fit into a 64-bit signed integer.")
        raw = struct.pack("<q", value)
        return {"$integer": base64.b64encode(raw).decode("ascii")}
    if literal.value_type == "number":
        assert isinstance(value, float | int) and not isinstance(value, bool)
        number = float(value)
        if math.isnan(number) or math.isinf(number) or (number == 0 and math.copysign(1, number) < 0):
            return {"$float": base64.b64encode(struct.pack("<d", number)).decode("ascii")}
        return js_number(number)
    return value


def validator_json(validator: Validator) -> dict[str, Any]:
    """The `ValidatorJSON` of one validator (optionality is not part of it)."""
    simple = _SIMPLE_TAGS.get(validator.kind)
    if simple is not None:
        return {"type": simple}
    if isinstance(validator, VId):
        return {"type": "id", "tableName": validator.table_name}
    if isinstance(validator, VLiteral):
        return {"type": "literal", "value": literal_json(validator)}
    if isinstance(validator, VArray):
        return {"type": "array", "value": validator_json(validator.element)}
    if isinstance(validator, VObject):
        return {
            "type": "object",
            "value": {
                f.name: {"fieldType": validator_json(f.validator), "optional": f.optional}
                for f in validator.fields
            },
        }
    if isinstance(validator, VRecord):
        if validator.keys.optional or validator.values.optional:
            # `v.record()` throws this when it is built (rule `invalid-record` reports it).
            part = "keys" if validator.keys.optional else "values"
            raise ExportError(f"Record validator cannot have optional {part}")
        return {
            "type": "record",
            "keys": validator_json(validator.keys),
            "values": {"fieldType": validator_json(validator.values), "optional": False},
        }
    if isinstance(validator, VUnion):
        return {"type": "union", "value": [validator_json(m) for m in validator.members]}
    if isinstance(validator, VFunction):
        result: dict[str, Any] = {"type": "function"}
        if validator.fn_type is not None:
            result["fnType"] = validator.fn_type
        if validator.args is not None:
            result["args"] = validator_json(validator.args)
        if validator.returns is not None:
            result["returns"] = validator_json(validator.returns)
        return result
    raise TypeError(f"unexpected validator {validator!r}")


def _db_index_json(index: DbIndex) -> dict[str, Any]:
    return {"indexDescriptor": index.name, "fields": list(index.fields)}


def _search_index_json(index: SearchIndex) -> dict[str, Any]:
    return {
        "indexDescriptor": index.name,
        "searchField": index.search_field,
        "filterFields": list(index.filter_fields),
    }


def _vector_index_json(index: VectorIndex) -> dict[str, Any]:
    dimensions = index.dimensions
    if isinstance(dimensions, float):
        dimensions = js_number(dimensions)
    result: dict[str, Any] = {"indexDescriptor": index.name, "vectorField": index.vector_field}
    if dimensions is not None:  # JSON.stringify drops an undefined `dimensions`
        result["dimensions"] = dimensions
    result["filterFields"] = list(index.filter_fields)
    return result


def table_json(table: Table) -> dict[str, Any]:
    """One entry of the export's `tables` array."""
    result: dict[str, Any] = {
        "tableName": table.name,
        "indexes": [_db_index_json(i) for i in table.indexes if not i.staged],
        "stagedDbIndexes": [_db_index_json(i) for i in table.indexes if i.staged],
        "searchIndexes": [_search_index_json(i) for i in table.search_indexes if not i.staged],
        "stagedSearchIndexes": [_search_index_json(i) for i in table.search_indexes if i.staged],
        "vectorIndexes": [_vector_index_json(i) for i in table.vector_indexes if not i.staged],
        "stagedVectorIndexes": [_vector_index_json(i) for i in table.vector_indexes if i.staged],
        "documentType": validator_json(table.document),
    }
    if table.staged_document is not None:
        result["stagedDocumentType"] = validator_json(table.staged_document)
    return result


def schema_json(schema: Schema) -> dict[str, Any]:
    """The whole export, as a JSON-ready dict with Convex's key order."""
    return {
        "tables": [table_json(t) for t in schema.tables],
        "schemaValidation": schema.schema_validation,
    }


def dumps(schema: Schema, *, indent: int | None = 2) -> str:
    """The export as text (pretty-printed by default).

    Lone UTF-16 surrogates (JS strings may hold them) are written as `\\udxxx` escapes, as
    `JSON.stringify` writes them, so the text is valid UTF-8 and means the same string.
    """
    return "".join(dump_pieces(schema, indent=indent))


def dump_pieces(schema: Schema, *, indent: int | None = 2) -> list[str]:
    """`dumps(schema, indent=indent)` in pieces (about one a table) that make the text when
    joined: a caller may write them one after the other instead of holding the whole text.

    The text is `json.dumps(schema_json(schema), indent=indent, ensure_ascii=False,
    allow_nan=False)`, written one table at a time (the whole document's dicts would take more
    memory than the IR they come from): straight from the IR by `export_text`, or through the
    table's JSON-ready dict for a table that writer leaves to `json.dumps`.
    """
    from schemalint.export_text import TableWriter, Unusual

    writer = TableWriter(indent)
    tables: list[str] = []
    for position, table in enumerate(schema.tables):
        try:  # straight from the IR; the JSON-ready dict only for what that writer leaves to it
            text = writer.text(table, 2)
            tables.append(text if text.isascii() else escape_lone_surrogates(text))  # isascii: O(1)
            continue
        except (Unusual, RecursionError):
            pass
        data = table_json(table)
        try:
            tables.append(escape_lone_surrogates(_dumps(data, indent, 2)))
        except ValueError:  # a number JSON cannot hold: as when the whole document was
            for later in schema.tables[position + 1 :]:  # built first, an ExportError of a
                table_json(later)  # later table is raised instead
            raise
    validation = _dumps(schema.schema_validation, indent, 1)
    if indent is None:
        head, between, tail = '{"tables": [', ", ", f'], "schemaValidation": {validation}}}'
    else:
        pad = " " * indent
        if tables:
            head, between = f'{{\n{pad}"tables": [\n{pad * 2}', ",\n" + pad * 2
            tail = f'\n{pad}],\n{pad}"schemaValidation": {validation}\n}}'
        else:
            head, between = f'{{\n{pad}"tables": [', ""
            tail = f'],\n{pad}"schemaValidation": {validation}\n}}'
    pieces = [head]
    for number, text in enumerate(tables):
        pieces.append(text if number == 0 else between + text)
    pieces.append(tail)
    return pieces


def _dumps(value: Any, indent: int | None, depth: int) -> str:
    """`value` as JSON text, placed `depth` levels deep in an indented document."""
    if indent is None:
        return json.dumps(value, indent=None, ensure_ascii=False, allow_nan=False)
    # Every line break of JSON text is its own (strings escape theirs): indenting is replacing.
    return dumps_indented(value, indent).replace("\n", "\n" + " " * (indent * depth))
