"""Names no scope defines: a deploy error when Convex surely throws, a blind spot otherwise.

Convex evaluates the schema (and every function module's top level) at push time; reading a
name that is defined nowhere throws `ReferenceError` there and the push fails. schemalint says
so only when it is sure: the name is not a global any JavaScript runtime provides, and no loaded
file declares it anywhere (so a gap in schemalint's scope analysis cannot turn into an invented
error). Everything else is an unknown value, reported as a notice where it costs something.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tree_sitter import Node

from schemalint.diagnostics import EVALUATION_ERROR, ParserDiagnostic, Span
from schemalint.parser.values import UNDEFINED, OpaqueValue, Prim, Unknown, Value

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator
    from schemalint.parser.source import SourceText

# Globals of V8, Node, browsers and other runtimes: a name among these may exist at run time.
_GLOBAL_NAMES = """
    AbortController AbortSignal AggregateError Array ArrayBuffer Atomics BigInt BigInt64Array
    BigUint64Array Blob Boolean BroadcastChannel Buffer ByteLengthQueuingStrategy CompressionStream
    CountQueuingStrategy Crypto CryptoKey CustomEvent DOMException DataView Date DecompressionStream
    Error EvalError Event EventTarget File FinalizationRegistry Float16Array Float32Array
    Float64Array FormData Function Headers Infinity Int16Array Int32Array Int8Array Intl Iterator
    JSON Map Math MessageChannel MessageEvent MessagePort NaN Number Object Performance Promise
    Proxy RangeError ReadableStream ReferenceError Reflect RegExp Request Response Set
    SharedArrayBuffer String SubtleCrypto Symbol SyntaxError TextDecoder TextDecoderStream
    TextEncoder TextEncoderStream TransformStream TypeError URIError URL URLSearchParams
    Uint16Array Uint32Array Uint8Array Uint8ClampedArray WeakMap WeakRef WeakSet WebAssembly
    WritableStream __dirname __filename arguments atob btoa clearImmediate clearInterval
    clearTimeout console crypto decodeURI decodeURIComponent encodeURI encodeURIComponent escape
    eval exports fetch global globalThis isFinite isNaN module parseFloat parseInt performance
    process queueMicrotask require setImmediate setInterval setTimeout structuredClone undefined
    unescape window self document navigator location localStorage sessionStorage Deno Bun
"""
MAYBE_GLOBALS = frozenset(_GLOBAL_NAMES.split())
# In `declared_names`: the file imports a package for its side effects, which may define any global.
ANY_NAME = "*"

# Parents under which an identifier names something being declared (not read).
_BINDING_PARENTS = frozenset(
    {
        "variable_declarator",
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "generator_function",
        "class_declaration",
        "abstract_class_declaration",
        "class",
        "enum_declaration",
        "internal_module",
        "module",
        "required_parameter",
        "optional_parameter",
        "arrow_function",
        "catch_clause",
        "import_specifier",
        "namespace_import",
        "import_clause",
        "import_alias",
        "object_pattern",
        "array_pattern",
        "pair_pattern",
        "assignment_pattern",
        "object_assignment_pattern",
        "rest_pattern",
        "for_in_statement",
        "formal_parameters",
        "function_signature",
    }
)
_GLOBAL_OBJECTS = frozenset({"globalThis", "global", "window", "self"})


def declared_names(source: SourceText) -> frozenset[str]:
    """Every name `source` declares anywhere (any scope, any kind of declaration), plus the
    properties it assigns on the global object (`globalThis.x = ...`); `ANY_NAME` when it
    imports a package only for its side effects (`import "some-polyfill"`: it may define any
    global)."""
    if source.tree is None:
        return frozenset()
    names: set[str] = set()
    for statement in source.tree.root_node.named_children:
        if statement.type == "import_statement" and _imports_package_for_effects(statement, source):
            names.add(ANY_NAME)
    stack: list[Node] = [source.tree.root_node]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind == "shorthand_property_identifier_pattern":
            names.add(source.text(node))
        elif kind == "identifier":
            parent = node.parent
            if parent is not None and parent.type in _BINDING_PARENTS:
                names.add(source.text(node))
        elif kind == "member_expression":
            receiver = node.child_by_field_name("object")
            member = node.child_by_field_name("property")
            if receiver is not None and member is not None and source.text(receiver) in _GLOBAL_OBJECTS:
                names.add(source.text(member))
        stack.extend(node.children)
    return frozenset(names)


def _imports_package_for_effects(statement: Node, source: SourceText) -> bool:
    if any(child.type == "import_clause" for child in statement.named_children):
        return False
    specifier = statement.child_by_field_name("source")
    text = source.text(specifier).strip("\"'`") if specifier is not None else ""
    return bool(text) and not text.startswith((".", "/", "convex/")) and text != "server-only"


def surely_undefined(ev: Evaluator, name: str) -> bool:
    """Whether reading `name` surely throws a ReferenceError when Convex evaluates it."""
    if name in MAYBE_GLOBALS:
        return False
    names = ev.declared_names
    if names.loaded_declare(name, ev.loaded_sources):
        return False
    if not ev.linker.linking:
        return True
    return not names.ahead_declare(name, len(ev.loaded_sources), ev.linker.look_ahead)


class _Gathered:
    """The names a list of files declares, gathered file by file, in order, only as far as the
    questions asked so far needed."""

    __slots__ = ("folded", "names")

    def __init__(self) -> None:
        self.folded = 0  # how many of the files `names` holds the names of
        self.names: set[str] = set()

    def declare(
        self, name: str, sources: list[SourceText], names_of: Callable[[SourceText], frozenset[str]]
    ) -> bool:
        """Whether one of `sources` (the list gathered from, perhaps grown since) declares
        `name` or may declare any global."""
        names = self.names
        if name in names or ANY_NAME in names:
            return True
        while self.folded < len(sources):
            declared = names_of(sources[self.folded])
            self.folded += 1
            names.update(declared)
            if name in declared or ANY_NAME in declared:
                return True
        return False


class DeclaredNames:
    """`declared_names` of the files a parse has read, each found once, when a read of a name
    no scope defines first needs it, and gathered so that a read does not ask every file again.

    The loaded files (`Evaluator.loaded_sources`, a list that only grows) are gathered in load
    order across the whole parse. The files the modules being linked will still load
    (`ModuleLinker.look_ahead`) are asked for once per number of loaded files: the linker's
    state changes only when a file is loaded (between two loads a module only leaves the
    linking stack, its imports all loaded), so until the next load they are the same files.
    """

    __slots__ = ("_ahead", "_ahead_at", "_ahead_sources", "_by_path", "_loaded")

    def __init__(self) -> None:
        self._by_path: dict[str, frozenset[str]] = {}
        self._loaded = _Gathered()
        self._ahead = _Gathered()
        self._ahead_sources: list[SourceText] = []
        self._ahead_at = -1  # the number of loaded files when `_ahead_sources` were asked for

    def clear(self) -> None:
        self._by_path.clear()
        self._loaded = _Gathered()
        self._ahead = _Gathered()
        self._ahead_sources = []
        self._ahead_at = -1

    def of(self, source: SourceText) -> frozenset[str]:
        """`declared_names(source)`, read once per path."""
        declared = self._by_path.get(source.path)
        if declared is None:
            declared = self._by_path[source.path] = declared_names(source)
        return declared

    def loaded_declare(self, name: str, loaded: list[SourceText]) -> bool:
        """Whether one of `loaded` (the parse's loaded files, in load order) declares `name`
        or may declare any global."""
        return self._loaded.declare(name, loaded, self.of)

    def ahead_declare(self, name: str, loaded: int, look_ahead: Callable[[], list[SourceText]]) -> bool:
        """Whether one of the files `look_ahead()` lists declares `name` or may declare any
        global, `loaded` being the number of files loaded so far."""
        if loaded != self._ahead_at:
            self._ahead_at = loaded
            self._ahead_sources = look_ahead()
            self._ahead = _Gathered()
        return self._ahead.declare(name, self._ahead_sources, self.of)


def undefined_name(ev: Evaluator, name: str, span: Span) -> Unknown:
    """The value of `name` that no scope defines: an `evaluation-error` when Convex surely
    throws on it, an unknown value (a global schemalint does not model) otherwise."""
    if not surely_undefined(ev, name):
        return Unknown(f"`{name}` is a global schemalint does not model", span)
    reason = f"`{name}` is not defined"
    message = f"{reason}: Convex fails with `ReferenceError: {name} is not defined` when it evaluates this"
    report(ev, ParserDiagnostic(EVALUATION_ERROR, message, span, cause=reason))
    return Unknown(reason, span)


def report(ev: Evaluator, diagnostic: ParserDiagnostic) -> None:
    """Record a throw: an error, or, inside a `try` block being run, a throw it catches."""
    (ev.catching[-1] if ev.catching else ev.diagnostics).append(diagnostic)


def missing_member(ev: Evaluator, receiver: OpaqueValue, name: str, span: Span) -> Prim:
    """`receiver.name` where the real object has no such member (`v.strng`): `undefined`, and
    an `evaluation-error` with the closest real member once it is called (a TypeError)."""
    return _missing(ev, f"`{receiver.name}`", f"{receiver.name}.", list(receiver.members), name, span)


# The members every Convex validator has (convex 1.49.0), besides Object.prototype's, and the
# members of each kind.
_VALIDATOR_MEMBERS = frozenset(
    {"asOptional", "constructor", "fieldPaths", "isConvexValidator", "isOptional", "json", "kind"}
    | {"optional", "type"}
)
_KIND_MEMBERS = {
    "id": ("tableName",),
    "literal": ("value",),
    "array": ("element",),
    "object": ("extend", "fields", "omit", "partial", "pick"),
    "record": ("key", "value"),
    "union": ("members",),
    "function": ("args", "fnType", "returns"),
}
_OBJECT_PROTOTYPE = frozenset(
    {"__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "__proto__"}
    | {"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString"}
    | {"toString", "valueOf"}
)


def validator_lacks(kind: str, name: str) -> bool:
    """Whether a validator of `kind` surely has no member `name` (convex 1.49.0)."""
    if kind == "unknown" or name in _VALIDATOR_MEMBERS or name in _OBJECT_PROTOTYPE:
        return False
    return name not in _KIND_MEMBERS.get(kind, ())


def missing_validator_member(ev: Evaluator, kind: str, name: str, span: Span) -> Prim | None:
    """`undefined` for `validator.name` when a validator of `kind` surely has no such member
    (`v.string().optinal`; calling it is an `evaluation-error`), else None."""
    if not validator_lacks(kind, name):
        return None
    members = sorted(_VALIDATOR_MEMBERS | set(_KIND_MEMBERS.get(kind, ())))
    return _missing(ev, f"a `{kind}` validator", ".", members, name, span)


def _missing(ev: Evaluator, owner: str, prefix: str, members: list[str], name: str, span: Span) -> Prim:
    import difflib  # only a finding needs a suggestion

    close = difflib.get_close_matches(name, members, n=1)
    hint = f" (did you mean `{prefix}{close[0]}`?)" if close else ""
    reason = f"{owner} has no member `{name}`"
    message = f"{reason}{hint}: Convex fails with a TypeError when it evaluates this"
    missing = Prim(UNDEFINED, span)
    ev.missing_members[id(missing)] = (
        missing,
        ParserDiagnostic(EVALUATION_ERROR, message, span, cause=reason),
    )
    return missing


def call_missing_member(ev: Evaluator, callee: Value) -> Unknown | None:
    """When `callee` is a missing member (`v.strng`), calling it throws: reported, and the
    unknown result; else None."""
    entry = ev.missing_members.get(id(callee))
    if entry is None or entry[0] is not callee:
        return None
    diagnostic = entry[1]
    report(ev, diagnostic)
    return Unknown(diagnostic.cause or diagnostic.message, diagnostic.span)
