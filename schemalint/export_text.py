"""One table of the export as JSON text, written straight from the IR.

`schemalint.export` defines the export as JSON-ready dicts (`table_json`) given to `json.dumps`;
building those dicts for every validator and encoding them again took most of a 5,000-table
export's time outside the parser. This writer walks the same IR once and writes the same text:
the keys in the same order, strings through the same C escaper as `json.dumps(...,
ensure_ascii=False)`, numbers formatted as it formats them. Anything it does not write exactly
like that (a value of an unexpected type, a number JSON cannot hold, an unknown validator)
raises `Unusual`, and the caller writes that table the old way, so the text, or the error, is
always `export`'s own.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, TypeVar

from schemalint.export import ExportError, js_number, literal_json
from schemalint.ir import (
    DbIndex,
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


class Unusual(Exception):
    """Something this writer leaves to `json.dumps` of the table's dict."""


# Validator kinds whose JSON is just `{"type": <tag>}` (as `export._SIMPLE_TAGS`).
_SIMPLE_TAGS = {
    "string": '"string"',
    "float64": '"number"',
    "int64": '"bigint"',
    "boolean": '"boolean"',
    "null": '"null"',
    "bytes": '"bytes"',
    "any": '"any"',
    "commitTs": '"commitTs"',
    "unknown": '"any"',
}
_INFINITY = float("inf")
_Index = TypeVar("_Index", DbIndex, SearchIndex, VectorIndex)


def table_text(table: Table, indent: int | None, depth: int) -> str:
    """`json.dumps(export.table_json(table), indent=indent, ensure_ascii=False,
    allow_nan=False)`, each line break followed by `depth` levels of indentation when
    indented. Raises `ExportError` where `table_json` does, `Unusual` where it cannot be sure to
    write the same text."""
    return TableWriter(indent).text(table, depth)


def _scalar(value: Any) -> str:
    """A JSON scalar as `json.dumps` writes it (strings escaped, not ASCII-only)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is float and value == value and value not in (_INFINITY, -_INFINITY):
        return float.__repr__(value)
    raise Unusual


def _strings(values: tuple[str, ...]) -> list[str]:
    for value in values:
        if type(value) is not str:
            raise Unusual
    return [encode_basestring(value) for value in values]


class _Layout:
    """The fixed pieces of text of a value that starts on a line `newline` (a line break and
    its indentation; "" when compact): made once per depth, not for every validator."""

    __slots__ = (
        "array_head",
        "child",
        "close",
        "field_head",
        "field_texts",
        "id_head",
        "inner",
        "literal_head",
        "next_item",
        "object_head",
        "optional_tails",
        "record_head",
        "simple",
        "union_head",
        "values_head",
    )

    child: _Layout | None
    field_texts: dict[str, tuple[str, str]] | None

    def __init__(self, newline: str, step: str, comma: str) -> None:
        inner = newline + step
        self.inner = inner  # the line of the value's members
        self.close = newline + "}"
        self.next_item = comma + inner
        self.simple = {
            kind: "{" + inner + '"type": ' + tag + newline + "}" for kind, tag in _SIMPLE_TAGS.items()
        }

        def head(tag: str, key: str) -> str:
            return "{" + inner + '"type": "' + tag + '"' + comma + inner + '"' + key + '": '

        self.object_head = head("object", "value")
        self.literal_head = head("literal", "value")
        self.id_head = head("id", "tableName")
        self.union_head = head("union", "value")
        self.array_head = head("array", "value")
        self.record_head = head("record", "keys")
        self.values_head = comma + inner + '"values": '
        self.field_head = "{" + inner + '"fieldType": '
        # indexed by `optional`: False, True
        self.optional_tails = (
            comma + inner + '"optional": false' + newline + "}",
            comma + inner + '"optional": true' + newline + "}",
        )
        self.child = None  # the layout of the line `inner` (set by the writer when first needed)
        # A field whose validator is a simple one, after its name, by kind and `optional`
        # (set by the writer when first needed).
        self.field_texts = None


class TableWriter:
    """Writes tables as `table_text` does, with one indentation; keeps what it worked out for
    one table (the fixed text at each depth) for the next.

    Its methods append the pieces of the text to `parts`; `newline` (an argument of each) is
    the line break and indentation of the line the value starts on ("" when compact)."""

    def __init__(self, indent: int | None) -> None:
        self.parts: list[str] = []
        self._indent = indent
        self._step = "" if indent is None else " " * indent
        self._comma = ", " if indent is None else ","
        self._layouts: dict[str, _Layout] = {}

    def text(self, table: Table, depth: int) -> str:
        """`table_text(table, indent, depth)` for this writer's indent."""
        self.parts = []
        newline = "" if self._indent is None else "\n" + " " * (self._indent * depth)
        self.table(table, newline)
        return "".join(self.parts)

    def _object(self, newline: str, members: list[tuple[str, Callable[[str], None] | str]]) -> None:
        """An object of `members`: each a key and either its JSON text or a function that
        writes it (given its line's `newline`)."""
        append = self.parts.append
        inner = newline + self._step
        separator = "{" + inner
        for key, value in members:
            append(separator + key + ": ")
            separator = self._comma + inner
            if isinstance(value, str):
                append(value)
            else:
                value(inner)
        append(newline + "}")

    def _list(self, newline: str, texts: list[str]) -> str:
        """A list of values already written as JSON text."""
        if not texts:
            return "[]"
        inner = newline + self._step
        return "[" + inner + (self._comma + inner).join(texts) + newline + "]"

    def table(self, table: Table, newline: str) -> None:
        if type(table.name) is not str:
            raise Unusual
        layout = self._layouts.get(newline) or self._layout(newline)
        inner, between = layout.inner, layout.next_item
        db = self._indexes(table.indexes, self._db_index, inner)
        search = self._indexes(table.search_indexes, self._search, inner)
        vector = self._indexes(table.vector_indexes, self._vector, inner)
        append = self.parts.append
        append(
            "".join(
                (
                    "{" + inner + '"tableName": ' + encode_basestring(table.name),
                    between + '"indexes": ' + db[0],
                    between + '"stagedDbIndexes": ' + db[1],
                    between + '"searchIndexes": ' + search[0],
                    between + '"stagedSearchIndexes": ' + search[1],
                    between + '"vectorIndexes": ' + vector[0],
                    between + '"stagedVectorIndexes": ' + vector[1],
                    between + '"documentType": ',
                )
            )
        )
        self.validator(table.document, inner)
        staged = table.staged_document
        if staged is not None:
            append(between + '"stagedDocumentType": ')
            self.validator(staged, inner)
        append(layout.close)

    def _indexes(
        self, indexes: tuple[_Index, ...], write: Callable[[_Index, str], str], newline: str
    ) -> tuple[str, str]:
        """The JSON lists, starting at `newline`, of the live and of the staged `indexes`."""
        if not indexes:
            return "[]", "[]"
        item = newline + self._step
        live = [write(index, item) for index in indexes if not index.staged]
        staged = [write(index, item) for index in indexes if index.staged]
        return self._list(newline, live), self._list(newline, staged)

    def _object_text(self, newline: str, members: list[tuple[str, str]]) -> str:
        inner = newline + self._step
        body = (self._comma + inner).join(f"{key}: {value}" for key, value in members)
        return "{" + inner + body + newline + "}"

    def _db_index(self, index: DbIndex, newline: str) -> str:
        layout = self._layouts.get(newline) or self._layout(newline)
        inner = layout.inner
        return "".join(
            (
                "{" + inner + '"indexDescriptor": ',
                _scalar(index.name),
                layout.next_item + '"fields": ',
                self._list(inner, _strings(index.fields)),
                layout.close,
            )
        )

    def _search(self, index: SearchIndex, newline: str) -> str:
        return self._object_text(
            newline,
            [
                ('"indexDescriptor"', _scalar(index.name)),
                ('"searchField"', _scalar(index.search_field)),
                ('"filterFields"', self._list(newline + self._step, _strings(index.filter_fields))),
            ],
        )

    def _vector(self, index: VectorIndex, newline: str) -> str:
        dimensions = index.dimensions
        if isinstance(dimensions, float):
            dimensions = js_number(dimensions)
        members = [('"indexDescriptor"', _scalar(index.name)), ('"vectorField"', _scalar(index.vector_field))]
        if dimensions is not None:  # JSON.stringify drops an undefined `dimensions`
            members.append(('"dimensions"', _scalar(dimensions)))
        members.append(('"filterFields"', self._list(newline + self._step, _strings(index.filter_fields))))
        return self._object_text(newline, members)

    def _layout(self, newline: str) -> _Layout:
        layout = self._layouts.get(newline)
        if layout is None:
            layout = self._layouts[newline] = _Layout(newline, self._step, self._comma)
        return layout

    def _child(self, layout: _Layout) -> _Layout:
        """The layout of `layout`'s inner line."""
        child = layout.child
        if child is None:
            child = layout.child = self._layout(layout.inner)
        return child

    def _field_texts(self, field_layout: _Layout) -> dict[str, tuple[str, str]]:
        """`field_layout.field_texts`: for a field on `field_layout`'s line whose validator is
        simple, the text after its name (its `{"fieldType": ..., "optional": ...}`)."""
        texts = field_layout.field_texts
        if texts is None:
            type_layout = self._child(field_layout)
            head, tails = ": " + field_layout.field_head, field_layout.optional_tails
            texts = field_layout.field_texts = {
                kind: (head + simple + tails[False], head + simple + tails[True])
                for kind, simple in type_layout.simple.items()
            }
        return texts

    def validator(self, validator: Validator, newline: str) -> None:
        """Append the `ValidatorJSON` of `validator` (as `export.validator_json`)."""
        append = self.parts.append
        layout = self._layouts.get(newline) or self._layout(newline)
        simple = layout.simple.get(validator.kind)
        if simple is not None:
            append(simple)
            return
        # The classes are disjoint: tested in the order of how common they are.
        if isinstance(validator, VObject):
            append(layout.object_head)
            self._fields(validator, layout.inner)
            append(layout.close)
        elif isinstance(validator, VUnion):
            append(layout.union_head)
            self._members(validator.members, layout.inner)
            append(layout.close)
        elif isinstance(validator, VId):
            append(layout.id_head + _scalar(validator.table_name) + layout.close)
        elif isinstance(validator, VArray):
            append(layout.array_head)
            self.validator(validator.element, layout.inner)
            append(layout.close)
        elif isinstance(validator, VLiteral):
            append(layout.literal_head + self._literal(validator, layout.inner) + layout.close)
        elif isinstance(validator, VRecord):
            keys, values = validator.keys, validator.values
            if keys.optional or values.optional:
                # `v.record()` throws this when it is built (rule `invalid-record` reports it).
                raise ExportError(
                    f"Record validator cannot have optional {'keys' if keys.optional else 'values'}"
                )
            append(layout.record_head)
            self.validator(keys, layout.inner)
            append(layout.values_head)
            self._field_type(values, layout.inner)
            append(layout.close)
        elif isinstance(validator, VFunction):
            self._function(validator, newline)
        else:
            raise Unusual

    def _members(self, members: tuple[Validator, ...], newline: str) -> None:
        """A union's members, a list starting at `newline`."""
        append = self.parts.append
        if not members:
            append("[]")
            return
        outer = self._layouts.get(newline) or self._layout(newline)
        item = outer.inner
        layout = outer.child or self._child(outer)
        simple_texts, literal_head, close = layout.simple, layout.literal_head, layout.close
        separator, between = "[" + item, outer.next_item
        for member in members:
            simple = simple_texts.get(member.kind)
            if simple is not None:
                append(separator + simple)
            elif isinstance(member, VLiteral):
                value = member.value
                if type(value) is str and member.value_type == "string":
                    append(separator + literal_head + encode_basestring(value) + close)
                else:
                    append(separator + literal_head + self._literal(member, layout.inner) + close)
            else:
                append(separator)
                self.validator(member, item)
            separator = between
        append(newline + "]")

    def _literal(self, literal: VLiteral, newline: str) -> str:
        value = literal.value
        if literal.value_type == "string" and type(value) is str:
            return encode_basestring(value)
        value = literal_json(literal)
        if type(value) is dict:
            # {"$integer": ...} or {"$float": ...}: one key, a base64 string
            ((key, text),) = value.items()
            return self._object_text(newline, [(encode_basestring(key), _scalar(text))])
        return _scalar(value)

    def _fields(self, obj: VObject, newline: str) -> None:
        """An object validator's fields, a JSON object starting at `newline`."""
        fields = obj.fields
        append = self.parts.append
        if not fields:
            append("{}")
            return
        if len(fields) > 1 and len({f.name for f in fields}) != len(fields):
            raise Unusual  # a repeated name: the dict keeps one entry
        layout = self._layouts.get(newline) or self._layout(newline)
        field_layout = layout.child or self._child(layout)  # each field's {"fieldType", "optional"}
        simple_texts = field_layout.field_texts or self._field_texts(field_layout)
        head, tails = ": " + field_layout.field_head, field_layout.optional_tails
        value_line = field_layout.inner
        value_layout = field_layout.child or self._child(field_layout)
        id_head, close = head + value_layout.id_head, value_layout.close
        separator, next_item = "{" + layout.inner, layout.next_item
        for f in fields:
            name, validator = f.name, f.validator
            if type(name) is not str:
                raise Unusual
            optional = validator.optional
            if optional is not True and optional is not False:
                raise Unusual
            texts = simple_texts.get(validator.kind)
            if texts is not None:
                append(separator + encode_basestring(name) + texts[optional])
            elif type(validator) is VId and type(validator.table_name) is str:
                table_name = encode_basestring(validator.table_name)
                append(separator + encode_basestring(name) + id_head + table_name + close + tails[optional])
            else:
                append(separator + encode_basestring(name) + head)
                self.validator(validator, value_line)
                append(tails[optional])
            separator = next_item
        append(layout.close)

    def _field_type(self, validator: Validator, newline: str) -> None:
        """A record's `{"fieldType": ..., "optional": false}` starting at `newline`."""
        layout = self._layout(newline)
        self.parts.append(layout.field_head)
        self.validator(validator, layout.inner)
        self.parts.append(layout.optional_tails[False])

    def _function(self, validator: VFunction, newline: str) -> None:
        members: list[tuple[str, Callable[[str], None] | str]] = [('"type"', '"function"')]
        if validator.fn_type is not None:
            members.append(('"fnType"', _scalar(validator.fn_type)))
        args, returns = validator.args, validator.returns
        if args is not None:
            members.append(('"args"', lambda at: self.validator(args, at)))
        if returns is not None:
            members.append(('"returns"', lambda at: self.validator(returns, at)))
        self._object(newline, members)
