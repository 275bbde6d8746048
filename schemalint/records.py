"""`dataclass`, the standard decorator, without compiling the methods it generates at import time.

`dataclasses.dataclass` writes the source text of each class's `__init__`, `__repr__`, `__eq__`,
`__hash__` and, for frozen classes, `__setattr__` and `__delattr__`, and compiles every text with
`exec` while the class is created: six compilations per frozen class, about a third of the
start-up of `schemalint check`. Every dataclass of schemalint is made by `dataclass` below: a
class with a replay plan (`schemalint.records_compiled`, or `records_compiled_generate_diff` for the
generators' and `schemalint diff`'s classes; see `records_replay`) is made from it;
any other by the standard decorator unchanged except for one thing: while it builds the class,
each text the standard decorator passes to `exec` is first looked up in `schemalint.records_texts`,
a generated module that holds the texts of schemalint's own classes as ordinary Python source,
compiled once into its bytecode cache by the running Python like any other module (and imported
only by the first class made this way). A text found
there runs from that compiled code; any other text (another Python version's `dataclasses`, a
class changed since the module was generated) is compiled by `exec` as before. The methods are the
same functions either way: same code, same globals, same names, same behaviour (`fields()`,
`replace()`, `FrozenInstanceError`, `kw_only`, defaults, inheritance all belong to the unchanged
standard decorator).

The hook relies on one CPython detail: `dataclasses` finds `exec` through its module's globals, so
a global of that name, set only while `dataclass` runs, takes its place. Should a Python version
stop calling `exec` that way, the hook is never called and every text is compiled as usual.
Regenerate both modules with `python -m schemalint.records_build` (a test checks they are current).
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib
import os
import sys
from collections.abc import MutableMapping
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any, TypeVar

from schemalint import records_replay

_T = TypeVar("_T")

# The texts `exec` was asked to run while `dataclass` built a class; only `records_build` sets it
# (and then also `recorded_plans`: each class's replay plan by "module:qualname", see below).
recorded_texts: list[str] | None = None
recorded_plans: dict[str, object] | None = None
_text_of_code: dict[CodeType, str] = {}  # while recording: the text each generated method came from
_precompiled: dict[str, CodeType] | None = None
# Each generated module's plans and compiled factories, when this Python may replay them.
_plans: dict[str, tuple[dict[str, Any], list[CodeType]]] = {}
# Set to False to have every class made by the standard decorator (tests compare the two).
replaying = True
_GENERATED = "records_compiled"  # the replay plans and the factories they use
# The plans of the generators' and `schemalint diff`'s classes, which `check` never makes: a
# module of their own, so that a check does not load them.
_GENERATED_GENERATE_DIFF = "records_compiled_generate_diff"
_GENERATE_DIFF_PACKAGES = ("schemalint.generate.", "schemalint.diff.")
_GENERATED_TEXTS = "records_texts"  # every text and its factory, for the standard decorator
_UNSET = object()


def precompiled_code() -> dict[str, CodeType]:
    """The compiled function of each text in `schemalint.records_texts`, by its text."""
    global _precompiled
    if _precompiled is None:
        _precompiled = {}
        if _bytecode_is_usable(_GENERATED_TEXTS):
            try:
                from schemalint.records_texts import CODES, TEXTS
            except ImportError:  # the generated module is missing: compile every text
                pass
            else:
                _precompiled = dict(zip(TEXTS, CODES, strict=True))
    return _precompiled


def _bytecode_is_usable(module: str) -> bool:
    """Whether importing the generated `module` can load its compiled bytecode: it is cached, or
    Python may write it now. Compiling the whole module from source on every start would cost
    more than compiling the few texts a command needs."""
    if not sys.dont_write_bytecode:
        return True
    cached = f"{module}.{sys.implementation.cache_tag}.pyc"
    return os.path.exists(os.path.join(os.path.dirname(__file__), "__pycache__", cached))


def exec_precompiled(
    source: object,
    globals: dict[str, Any] | None = None,
    locals: MutableMapping[str, Any] | None = None,
    /,
) -> None:
    """What `exec(source, globals, locals)` does, without compiling a text of the generated module.

    Such a text defines one function and nothing else (`def __create_fn__(...): ...`), so running
    it binds that name in `locals` to a function of the text's compiled code and `globals`."""
    if recorded_texts is not None and isinstance(source, str):
        recorded_texts.append(source)
    if not isinstance(source, str | CodeType):
        raise TypeError(f"exec() arg 1 must be a string or code object, not {type(source).__name__}")
    code = precompiled_code().get(source) if isinstance(source, str) else None
    if code is None or globals is None or locals is None:
        text = source
        if isinstance(source, str):  # compiled as in `dataclasses`, without this module's __future__
            source = builtins.compile(source, "<string>", "exec", dont_inherit=True)
        builtins.exec(source, globals, locals)
        if recorded_texts is not None and isinstance(text, str) and locals is not None:
            _record_methods(locals.get("__create_fn__"), text)
        return
    globals.setdefault("__builtins__", vars(builtins))  # as exec does
    locals[code.co_name] = FunctionType(code, globals)
    if recorded_texts is not None and isinstance(source, str):
        _record_methods(locals[code.co_name], source)


def _record_methods(factory: object, text: str) -> None:
    for constant in getattr(getattr(factory, "__code__", None), "co_consts", ()):
        if isinstance(constant, CodeType):
            _text_of_code[constant] = text


def plans_module(module: str) -> str:
    """The generated module holding the replay plans of the classes defined in `module`."""
    return _GENERATED_GENERATE_DIFF if module.startswith(_GENERATE_DIFF_PACKAGES) else _GENERATED


def replay_plans(generated: str = _GENERATED) -> tuple[dict[str, Any], list[CodeType]]:
    """The replay plans by "module:qualname" and the compiled factories of the generated module
    `generated` (see `plans_module`); empty when they cannot be used here (another Python, no
    usable bytecode, `dataclasses` changed)."""
    plans = _plans.get(generated)
    if plans is None:
        plans = _plans[generated] = ({}, [])
        if _bytecode_is_usable(generated) and records_replay.usable():
            try:
                module = importlib.import_module(f"schemalint.{generated}")
            except ImportError:  # missing or older than replay plans
                pass
            else:
                made_for, found, codes = (getattr(module, key, None) for key in ("PYTHON", "PLANS", "CODES"))
                running = ".".join(map(str, sys.version_info[:3]))
                if made_for == running and isinstance(found, dict) and isinstance(codes, list):
                    plans = _plans[generated] = (found, codes)
    return plans


def _build(cls: type[_T], options: dict[str, Any]) -> type[_T]:
    if recorded_plans is not None:
        return _record(cls, options)
    if replaying and recorded_texts is None:
        module = cls.__module__
        plans, codes = replay_plans(plans_module(module))
        plan = plans.get(f"{module}:{cls.__qualname__}")
        if plan is not None:
            made = records_replay.replay(cls, options, plan, codes)
            if made is not None:
                return made
    return _standard(cls, options)


def _record(cls: type[_T], options: dict[str, Any]) -> type[_T]:
    """The standard decorator's class, its replay plan recorded in `recorded_plans`."""
    assert recorded_plans is not None
    shape = records_replay.shape_of(cls, options)
    made = _standard(cls, options)
    plan = None if shape is None else records_replay.plan_of(shape, made, options, _text_of_code)
    key = f"{cls.__module__}:{cls.__qualname__}"
    if key in recorded_plans and recorded_plans[key] != plan:
        plan = None  # two classes of one name, made differently: neither is replayed
    recorded_plans[key] = plan
    return made


def _standard(cls: type[_T], options: dict[str, Any]) -> type[_T]:
    namespace = vars(dataclasses)
    previous = namespace.get("exec", _UNSET)
    namespace["exec"] = exec_precompiled
    try:
        return dataclasses.dataclass(cls, **options)
    finally:
        if previous is _UNSET:
            del namespace["exec"]
        else:
            namespace["exec"] = previous


def _dataclass(cls: type[_T] | None = None, /, **options: Any) -> Any:
    """`dataclasses.dataclass(cls, **options)`, its methods' texts taken precompiled when known."""
    if cls is None:

        def decorate(cls: type[_T]) -> type[_T]:
            return _build(cls, options)

        return decorate
    return _build(cls, options)


if TYPE_CHECKING:  # type checkers see the standard decorator, whose meaning this one keeps
    from dataclasses import dataclass as dataclass
else:
    dataclass = _dataclass
