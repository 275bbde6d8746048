"""Validators written back as Convex source: `v.optional(v.array(v.id("users")))`.

Plain text, not Markdown: callers escape for their output format. Control and invisible
characters in strings are written as JS escapes, so the result is always one line.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from schemalint.intdigits import int_to_decimal
from schemalint.ir import Validator, VArray, VFunction, VId, VLiteral, VObject, VRecord, VUnion, VUnknown
from schemalint.lazy_pattern import lazy_compile

UNKNOWN = "unknown"

_SIMPLE = {
    "string": "v.string()",
    "float64": "v.number()",
    "int64": "v.int64()",
    "boolean": "v.boolean()",
    "null": "v.null()",
    "bytes": "v.bytes()",
    "any": "v.any()",
    "commitTs": "v.commitTs()",
}
# `json.dumps(text, ensure_ascii=False)` without building an encoder per call (made on first use:
# a check that quotes no string does not import json).
_json_encoder: Callable[[str], str] | None = None
_JS_KEY = lazy_compile(r"^[A-Za-z_$][A-Za-z0-9_$]*\Z")


def js_string(text: str) -> str:
    """`text` as a double-quoted JS string literal on one line."""
    global _json_encoder
    if _json_encoder is None:
        import json

        _json_encoder = json.JSONEncoder(ensure_ascii=False).encode
    quoted = _json_encoder(text)
    if quoted.isprintable():  # no Cc, Cf, Zl, Zp, Co or Cs character: nothing to escape
        return quoted
    return "".join(_escape_invisible(char) for char in quoted)


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape_invisible(char: str) -> str:
    if not _invisible(char):
        return char
    code = ord(char)
    return _SHORT_ESCAPES.get(char) or (f"\\u{code:04x}" if code <= 0xFFFF else f"\\u{{{code:x}}}")


def _invisible(char: str) -> bool:
    import unicodedata  # only text that is not printable gets here

    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs")


def visible(text: str) -> str:
    """`text` with control and invisible characters written as JS escapes (`\\n`, `\\u202e`)."""
    if text.isprintable():  # no Cc, Cf, Zl, Zp, Co or Cs character: nothing to escape
        return text
    return "".join(_escape_invisible(char) for char in text)


def js_number(value: float) -> str:
    """A JS number literal for `value` (`3`, `1.5`, `-0`, `NaN`, `Infinity`, `1e+21`)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"


def literal_source(literal: VLiteral) -> str:
    """The argument of `v.literal(...)` as written in TypeScript."""
    value = literal.value
    if literal.value_type == "string":
        return js_string(str(value))
    if literal.value_type == "boolean":
        return "true" if value else "false"
    if literal.value_type == "bigint":
        return f"{int_to_decimal(int(value))}n"
    if literal.value_type == "number":
        return js_number(float(value))
    return visible(str(value))


def object_key(name: str) -> str:
    """`name` as an object literal key: bare when it is an identifier, else quoted."""
    return name if _JS_KEY.match(name) else js_string(name)


def validator_source(
    validator: Validator,
    *,
    with_optional: bool = True,
    collapse: Callable[[VObject], bool] | None = None,
) -> str:
    """`validator` in Convex syntax. `v.optional(...)` wraps it when it is optional and
    `with_optional` is set (Convex honours optionality only on object fields). Objects for
    which `collapse` returns True are written `v.object({…})`; unevaluated parts as `unknown`."""
    inner = _source(validator, collapse)
    return f"v.optional({inner})" if with_optional and validator.optional else inner


def _source(validator: Validator, collapse: Callable[[VObject], bool] | None) -> str:
    simple = _SIMPLE.get(validator.kind)
    if simple is not None:
        return simple
    if isinstance(validator, VId):
        return f"v.id({js_string(validator.table_name)})"
    if isinstance(validator, VLiteral):
        return f"v.literal({literal_source(validator)})"
    if isinstance(validator, VArray):
        return f"v.array({_source(validator.element, collapse)})"
    if isinstance(validator, VRecord):
        return f"v.record({_source(validator.keys, collapse)}, {_source(validator.values, collapse)})"
    if isinstance(validator, VUnion):
        return f"v.union({', '.join(_source(m, collapse) for m in validator.members)})"
    if isinstance(validator, VObject):
        if collapse is not None and collapse(validator):
            return "v.object({…})"
        parts = [
            f"{object_key(f.name)}: {validator_source(f.validator, collapse=collapse)}"
            for f in validator.fields
        ]
        parts.extend(f"...{UNKNOWN}" for _ in validator.unknown_parts)
        return "v.object({ " + ", ".join(parts) + " })" if parts else "v.object({})"
    if isinstance(validator, VFunction):
        parts = [f"fnType: {js_string(validator.fn_type)}"] if validator.fn_type is not None else []
        if validator.args is not None:
            parts.append(f"args: {_source(validator.args, collapse)}")
        if validator.returns is not None:
            parts.append(f"returns: {_source(validator.returns, collapse)}")
        return "v.function({ " + ", ".join(parts) + " })" if parts else "v.function()"
    if isinstance(validator, VUnknown):
        return UNKNOWN
    return UNKNOWN  # pragma: no cover - every validator kind is handled above
