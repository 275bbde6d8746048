"""Making a dataclass by replaying what the standard decorator did to the same class definition.

`dataclasses.dataclass` spends most of its time deciding: which annotations are fields (a regular
expression and module lookups per annotation), what each generated method's text is (string
formatting per field and method), then compiling each text. `schemalint.records_build` runs the
standard decorator on every schemalint dataclass and writes, for each, a *plan*: the class's
*shape* (everything about the class definition the decorator's decisions depend on, see
`shape_of`) and the decisions themselves (which annotations are fields or class variables, which
method it made from which text, in which order). A class whose shape is exactly the recorded one
is made by `replay`: the same `Field` objects, the same functions from the same (precompiled)
texts and the same closure values, set in the same order, the same `__slots__` class (made by
the decorator's own `_add_slots`). Any other class (no plan, another shape, another Python, a
`dataclasses` without the internals used here) is left to the standard decorator.

Every name taken from `dataclasses` that is not public is listed in `_INTERNALS`; when one is
missing, `usable()` is false and nothing is replayed. `tests/test_records_replay.py` checks that
every replayed schemalint class equals the standard decorator's, attribute by attribute.
"""

from __future__ import annotations

import abc
import dataclasses
import sys
from types import CodeType, FunctionType, MemberDescriptorType
from typing import Any, cast

# The private names of `dataclasses` (3.11) a replay uses.
_INTERNALS = (
    "_FIELD",
    "_FIELD_CLASSVAR",
    "_FIELD_INITVAR",
    "_FIELDS",
    "_PARAMS",
    "_DataclassParams",
    "_HAS_DEFAULT_FACTORY",
    "_recursive_repr",
    "_add_slots",
    "_MODULE_IDENTIFIER_RE",
)
# Dunder names whose presence in the class body changes what the decorator does.
_DECIDING_DUNDERS = (
    "__init__",
    "__repr__",
    "__eq__",
    "__hash__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__setattr__",
    "__delattr__",
    "__match_args__",
    "__slots__",
    "__post_init__",
    "__getstate__",
    "__setstate__",
    "__weakref__",
    "__dict__",
)
_MISSING = dataclasses.MISSING
# What the key stores for the `MISSING` sentinel (the key is written as a Python literal).
_NOT_GIVEN = "<missing>"
# The decorator's keyword arguments and their defaults, in its order.
OPTION_DEFAULTS = (
    ("init", True),
    ("repr", True),
    ("eq", True),
    ("order", False),
    ("unsafe_hash", False),
    ("frozen", False),
    ("match_args", True),
    ("kw_only", False),
    ("slots", False),
    ("weakref_slot", False),
)
FIELD = "F"  # a plan's kind of an annotation: a field
CLASS_VARIABLE = "C"  # ... or a ClassVar (the decorator's other kinds are not replayed)
INIT_VARIABLE = "I"
KW_ONLY_MARKER = "K"


def usable() -> bool:
    """Whether this Python's `dataclasses` has every internal a replay uses."""
    return all(hasattr(dataclasses, name) for name in _INTERNALS)


def _given(value: object) -> object:
    return _NOT_GIVEN if value is _MISSING else value


def _field_shape(f: dataclasses.Field[Any]) -> tuple[object, ...]:
    return (
        f.default is _MISSING,
        f.default_factory is _MISSING,
        f.init,
        f.repr,
        f.hash,
        f.compare,
        _given(f.kw_only),
        f.default.__class__.__hash__ is None,  # a mutable default, which the decorator refuses
    )


def _params(cls: type) -> Any:
    return getattr(cls, "__dataclass_params__")  # noqa: B009 (not declared on `type`)


def _base_shape(base: type) -> tuple[object, ...]:
    """What a dataclass base contributes to its subclasses' methods (computed once per base: a
    finished dataclass does not change)."""
    shape = _BASE_SHAPES.get(base)
    if shape is None:
        fields = tuple(
            (f.name, f.type, f._field_type.name, *_field_shape(f))
            for f in getattr(base, "__dataclass_fields__").values()  # noqa: B009 (not declared on `type`)
        )
        shape = _BASE_SHAPES[base] = (base.__module__, base.__qualname__, _params(base).frozen, fields)
    return shape


_BASE_SHAPES: dict[type, tuple[object, ...]] = {}
_OPTION_NAMES = tuple(name for name, _ in OPTION_DEFAULTS)
_OPTION_VALUES = tuple(value for _, value in OPTION_DEFAULTS)


def shape_of(cls: type, options: dict[str, Any]) -> tuple[object, ...] | None:
    """Everything about the definition of `cls` (before decoration) that the decorator's
    decisions depend on, as a literal; None when `cls` is not one this module replays
    (an annotation that is not a string)."""
    namespace = cls.__dict__
    own: list[object] = []
    for name, annotation in namespace.get("__annotations__", {}).items():
        if type(annotation) is not str:
            return None
        value = getattr(cls, name, _MISSING)
        if value is _MISSING:
            own.append((name, annotation))
        elif isinstance(value, dataclasses.Field):
            own.append((name, annotation, "field", *_field_shape(value)))
        elif isinstance(value, MemberDescriptorType):
            own.append((name, annotation, "slot"))
        else:
            own.append((name, annotation, "value", value.__class__.__hash__ is None))
    mro = cls.__mro__
    bases = tuple([_base_shape(base) for base in mro[-1:0:-1] if hasattr(base, "__dataclass_fields__")])
    class_hash = namespace.get("__hash__", _MISSING)
    return (
        tuple(map(options.get, _OPTION_NAMES, _OPTION_VALUES)),
        tuple(own),
        tuple(filter(namespace.__contains__, _DECIDING_DUNDERS)),
        "absent" if class_hash is _MISSING else "none" if class_hash is None else "given",
        hasattr(cls, "__post_init__"),
        not cls.__doc__,
        tuple(base.__qualname__ for base in mro),
        bases,
    )


def leading_name(annotation: str) -> tuple[str | None, str] | None:
    """The `(module, name)` the decorator looks up to decide whether a string annotation is a
    ClassVar or InitVar (`(None, "ClassVar")` for "ClassVar[int]"); None when it looks up nothing."""
    match = dataclasses._MODULE_IDENTIFIER_RE.match(annotation)  # type: ignore[attr-defined]
    if match is None:
        return None
    return match.group(1) or None, match.group(2)


def standard_kind(namespace: dict[str, Any], leading: tuple[str | None, str] | None) -> str:
    """What the decorator takes a string annotation whose leading name is `leading` for: the
    KW_ONLY marker ("K"), a ClassVar ("C"), an InitVar ("I") or a field ("F"), looking the name
    up as it does (in the class's module, or in `typing`/`dataclasses` when the annotation names
    that module through a name bound to it there)."""
    if leading is None:
        return FIELD
    module_name, name = leading
    typing = sys.modules.get("typing")
    if module_name is None:
        value = namespace.get(name)
        typing_value = dataclasses_value = value
    else:
        module = namespace.get(module_name)
        typing_value = vars(typing).get(name) if typing is not None and module is typing else None
        dataclasses_value = vars(dataclasses).get(name) if module is dataclasses else None
    if dataclasses_value is dataclasses.KW_ONLY:
        return KW_ONLY_MARKER
    if typing is not None and _is_classvar(typing_value, typing):
        return CLASS_VARIABLE
    if _is_initvar(dataclasses_value):
        return INIT_VARIABLE
    return FIELD


def _is_classvar(value: object, typing: Any) -> bool:
    return value is typing.ClassVar or (
        type(value) is typing._GenericAlias and value.__origin__ is typing.ClassVar  # type: ignore[attr-defined]
    )


def _is_initvar(value: object) -> bool:
    return value is dataclasses.InitVar or type(value) is dataclasses.InitVar


Shape = tuple[object, ...]
Kinds = tuple[tuple[str, tuple[str | None, str] | None], ...]  # (kind, leading name) per annotation
# A plan: the class's shape, the kind of each of its own annotations, the methods the decorator
# set in their order (attribute, index of the factory's text in CODES; None for `__hash__ = None`)
# and `__match_args__` (None when the decorator set none).
Plan = tuple[Shape, Kinds, tuple[tuple[str, int | None], ...], tuple[str, ...] | None]
# The same while recording, each method by its text.
RecordedPlan = tuple[Shape, Kinds, tuple[tuple[str, str | None], ...], tuple[str, ...] | None]


def replay(cls: type, options: dict[str, Any], plan: Plan, codes: list[CodeType]) -> type | None:
    """`dataclasses.dataclass(cls, **options)` made from `plan`; None (with `cls` untouched)
    when `cls` is not the class the plan was recorded for."""
    recorded_shape, kinds, methods, match_args = plan
    if shape_of(cls, options) != recorded_shape:
        return None
    module = sys.modules.get(cls.__module__)
    namespace = module.__dict__ if module is not None else {}
    for kind, leading in kinds:
        # a plain name the module does not bind (`str`, `int | None`) is a field's
        if leading is None or (leading[0] is None and namespace.get(leading[1]) is None):
            if kind != FIELD:
                return None
        elif standard_kind(namespace, leading) != kind:
            return None
    # the options, in OPTION_DEFAULTS' order (the recorded shape holds them: it is this class's)
    settings = cast(tuple[bool, ...], recorded_shape[0])
    init, repr_, eq, order, unsafe_hash, frozen, _, kw_only, slots, weakref_slot = settings
    target: Any = cls  # gets the decorator's attributes
    target.__dataclass_params__ = dataclasses._DataclassParams(  # type: ignore[attr-defined]
        init, repr_, eq, order, unsafe_hash, frozen
    )
    fields: dict[str, dataclasses.Field[Any]] = {}
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, "__dataclass_fields__", None)
        if base_fields is not None:
            for f in base_fields.values():
                fields[f.name] = f
    own = []
    given_as_field = []  # the fields whose `field(...)` is a class attribute (replaced below)
    class_namespace = cls.__dict__
    for (name, annotation), (kind, _) in zip(
        class_namespace.get("__annotations__", {}).items(), kinds, strict=True
    ):
        default = getattr(cls, name, _MISSING)
        if isinstance(default, dataclasses.Field):
            f = default
            given_as_field.append(f)
        else:
            if isinstance(default, MemberDescriptorType):
                default = _MISSING
            # what `dataclasses.field(default=default)` returns, without its argument check
            f = dataclasses.Field(default, _MISSING, True, True, None, True, None, _MISSING)  # type: ignore[arg-type]
        f.name = name
        f.type = annotation
        if kind == CLASS_VARIABLE:
            f._field_type = dataclasses._FIELD_CLASSVAR  # type: ignore[attr-defined]
        else:
            f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
            if f.kw_only is _MISSING:
                f.kw_only = kw_only
        own.append(f)
    for f in own:
        fields[f.name] = f
    for f in given_as_field:
        if f.default is _MISSING:
            delattr(cls, f.name)
        else:
            setattr(cls, f.name, f.default)
    target.__dataclass_fields__ = fields
    for attribute, index in methods:
        if index is None:
            setattr(cls, attribute, None)
            continue
        method = _method(codes[index], namespace, cls, fields)
        if attribute == "__repr__":
            method = dataclasses._recursive_repr(method)  # type: ignore[attr-defined]
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, attribute, method)
    if match_args is not None:
        setattr(target, "__match_args__", match_args)  # noqa: B010 (typeshed declares it read-only)
    if slots:
        target = dataclasses._add_slots(target, frozen, weakref_slot)  # type: ignore[attr-defined]
    abc.update_abstractmethods(target)
    made: type = target
    return made


def _method(
    factory: CodeType, namespace: dict[str, Any], cls: type, fields: dict[str, dataclasses.Field[Any]]
) -> Any:
    """The method a precompiled `__create_fn__` makes, given the values the decorator passes it
    (by the names of its parameters: see `dataclasses._create_fn` and its callers)."""
    count = factory.co_argcount
    if not count:
        return FunctionType(factory, namespace)()
    arguments = []
    for name in factory.co_varnames[:count]:
        prefix = name[:6]
        if prefix == "_type_":
            arguments.append(fields[name[6:]].type)
        elif prefix == "_dflt_":
            f = fields[name[6:]]
            arguments.append(f.default if f.default_factory is _MISSING else f.default_factory)
        else:
            arguments.append(_CONSTANT_ARGUMENTS[name] if name != "cls" else cls)
    return FunctionType(factory, namespace)(*arguments)


_CONSTANT_ARGUMENTS: dict[str, object] = {
    "MISSING": _MISSING,
    "_HAS_DEFAULT_FACTORY": getattr(dataclasses, "_HAS_DEFAULT_FACTORY", None),
    "__dataclass_builtins_object__": object,
    "_return_type": None,
    "FrozenInstanceError": dataclasses.FrozenInstanceError,
}
KNOWN_PARAMETERS = frozenset(_CONSTANT_ARGUMENTS) | {"cls"}


def plan_of(
    shape: Shape, made: type, options: dict[str, Any], text_of_code: dict[CodeType, str]
) -> RecordedPlan | None:
    """The plan for a class of `shape` that the standard decorator turned into `made`, with its
    methods as texts (`text_of_code`: the text each generated function's code was compiled
    from); None when `made` uses something a replay does not do (InitVar, KW_ONLY, weakref_slot,
    a class without docstring, a method not made from a recorded text)."""
    if shape[5] or options.get("weakref_slot"):
        return None
    made_namespace = made.__dict__
    fields = made_namespace["__dataclass_fields__"]
    kinds: list[tuple[str, tuple[str | None, str] | None]] = []
    for name, annotation in made_namespace.get("__annotations__", {}).items():
        f = fields.get(name)
        if f is None or f._field_type is getattr(dataclasses, "_FIELD_INITVAR"):  # noqa: B009
            return None
        kind = CLASS_VARIABLE if f._field_type is getattr(dataclasses, "_FIELD_CLASSVAR") else FIELD  # noqa: B009
        kinds.append((kind, leading_name(annotation)))
    methods: list[tuple[str, str | None]] = []
    for attribute, value in made_namespace.items():
        function = getattr(value, "__wrapped__", value) if attribute == "__repr__" else value
        if isinstance(function, FunctionType) and function.__code__ in text_of_code:
            methods.append((attribute, text_of_code[function.__code__]))
        elif attribute == "__hash__" and value is None and shape[3] != "none":
            methods.append((attribute, None))
    dunders = shape[2]
    assert isinstance(dunders, tuple)
    match_args = made_namespace.get("__match_args__") if "__match_args__" not in dunders else None
    return (shape, tuple(kinds), tuple(methods), match_args)
