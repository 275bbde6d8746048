"""`schemalint.records.dataclass`: the standard dataclass, its methods compiled ahead of time.

The generated module must be current for the running Python, each of its compiled factories must
be exactly what `exec` compiles from the same text, and a class made with precompiled methods, or
with texts the module does not know (the fallback), must behave as the standard decorator's."""

from __future__ import annotations

import dataclasses
import importlib.util
import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType, FunctionType, ModuleType
from typing import Any, ClassVar

import pytest

from schemalint import records, records_build, records_compiled, records_texts
from tests.bytecode import env_that_writes_bytecode, running_python


def _normalised(code: CodeType) -> CodeType:
    """`code` as if compiled from its text alone (where it sits in its file set aside)."""
    consts = tuple(_normalised(c) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename="<string>", co_firstlineno=1, co_consts=consts)


def _generated_version() -> str:
    return records_compiled.PYTHON


def test_the_generated_module_is_current_for_this_python() -> None:
    running = running_python()
    if _generated_version() != running:
        pytest.skip(f"generated for Python {_generated_version()}, running {running}")
    result = subprocess.run(
        [sys.executable, "-m", "schemalint.records_build", "--print"],
        capture_output=True,
        text=True,
        check=True,
    )
    written = [path.read_text(encoding="utf-8") for path in records_build.TARGETS]
    assert result.stdout == "".join(written), "run `python -m schemalint.records_build`"


def test_each_precompiled_factory_is_what_exec_compiles_from_its_text() -> None:
    assert len(records_texts.TEXTS) == len(records_texts.CODES) > 0
    for text, code in zip(records_texts.TEXTS, records_texts.CODES, strict=True):
        assert records_build.is_single_factory(text)
        compiled = compile(text, "<string>", "exec", dont_inherit=True)
        (factory,) = (c for c in compiled.co_consts if isinstance(c, CodeType))
        assert _normalised(code) == _normalised(factory), text


def test_the_replays_factories_are_compiled_texts() -> None:
    """Each factory `records_compiled` holds for the replay plans is one of `records_texts`'."""
    known = {_normalised(code) for code in records_texts.CODES}
    assert records_compiled.CODES
    assert all(_normalised(code) in known for code in records_compiled.CODES)
    assert len(records_compiled.CODES) < len(records_texts.CODES)  # only what the plans use


def test_running_a_known_text_binds_the_same_function_as_exec() -> None:
    text = records_texts.TEXTS[0]
    namespace: dict[str, Any] = {"__name__": "somewhere"}
    by_exec: dict[str, Any] = {}
    # as in `dataclasses`, whose exec inherits no `from __future__ import annotations`
    exec(compile(text, "<string>", "exec", dont_inherit=True), namespace, by_exec)
    by_hook: dict[str, Any] = {}
    records.exec_precompiled(text, namespace, by_hook)
    assert by_exec.keys() == by_hook.keys() == {"__create_fn__"}
    made, expected = by_hook["__create_fn__"], by_exec["__create_fn__"]
    assert isinstance(made, FunctionType)
    for attribute in ("__name__", "__qualname__", "__module__", "__defaults__", "__kwdefaults__"):
        assert getattr(made, attribute) == getattr(expected, attribute)
    assert made.__globals__ is namespace
    assert made.__builtins__ == expected.__builtins__  # type: ignore[attr-defined]
    assert _normalised(made.__code__) == _normalised(expected.__code__)


def _sample_classes(decorate: Callable[..., Any]) -> dict[str, type]:
    """Classes using what schemalint's dataclasses use, made by `decorate`."""

    @decorate(frozen=True, kw_only=True)
    class Base:
        kind: ClassVar[str] = "base"
        optional: bool = False
        label: str | None = dataclasses.field(default=None, compare=False)

    @decorate(frozen=True, kw_only=True)
    class Child(Base):
        """A documented child."""

        items: tuple[int, ...]
        extra: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    @decorate(frozen=True, order=True)
    class Point:
        line: int
        column: int = 0

    @decorate(eq=False)
    class Mutable:
        name: str
        count: int = 1

    @decorate
    class Plain:
        self: int  # dataclasses then names the instance otherwise in its methods
        values: dict[str, int] = dataclasses.field(default_factory=dict, repr=False)

    return {cls.__name__: cls for cls in (Base, Child, Point, Mutable, Plain)}


def _instances(classes: dict[str, type]) -> list[Any]:
    return [
        classes["Base"](optional=True, label="x"),
        classes["Child"](items=(1, 2), label="y"),
        classes["Child"](items=(1, 2), label="z", extra=("e",)),
        classes["Point"](3),
        classes["Point"](2, 9),
        classes["Mutable"]("m"),
        classes["Plain"](4),
    ]


def _method_codes(cls: type) -> dict[str, CodeType]:
    found = {}
    for name, value in vars(cls).items():
        function = getattr(value, "__wrapped__", value)  # the repr is wrapped by dataclasses
        if isinstance(function, FunctionType):
            found[name] = _normalised(function.__code__)
    return found


def _assert_same_behaviour(made: dict[str, type], standard: dict[str, type]) -> None:
    for name, cls in made.items():
        other = standard[name]
        assert dataclasses.is_dataclass(cls)
        assert [(f.name, f.default, f.compare, f.repr, f.kw_only) for f in dataclasses.fields(cls)] == [
            (f.name, f.default, f.compare, f.repr, f.kw_only) for f in dataclasses.fields(other)
        ]
        assert cls.__doc__ == other.__doc__
        assert str(inspect.signature(cls)) == str(inspect.signature(other))
        assert getattr(cls, "__match_args__", None) == getattr(other, "__match_args__", None)
        assert (cls.__hash__ is None) == (other.__hash__ is None)
        assert _method_codes(cls) == _method_codes(other)
    mine, theirs = _instances(made), _instances(standard)
    assert [repr(x) for x in mine] == [repr(x) for x in theirs]
    for i, a in enumerate(mine):
        for j, b in enumerate(mine):
            assert (a == b) == (theirs[i] == theirs[j])
    assert hash(mine[1]) == hash(made["Child"](items=(1, 2), label="other"))
    assert sorted([mine[3], mine[4]]) == [mine[4], mine[3]]
    with pytest.raises(dataclasses.FrozenInstanceError):
        mine[0].optional = False
    with pytest.raises(dataclasses.FrozenInstanceError):
        del mine[3].line
    assert dataclasses.replace(mine[1], items=(3,)) == made["Child"](items=(3,))
    with pytest.raises(TypeError):
        made["Child"]((1,))  # keyword-only
    mine[5].count = 2
    assert mine[5] != made["Mutable"]("m", 2)


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("sample_compiled", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_classes_made_from_precompiled_or_compiled_texts_behave_as_standard_dataclasses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standard = _sample_classes(dataclasses.dataclass)
    # Not in the generated module: every text is compiled (the fallback).
    monkeypatch.setattr(records, "recorded_texts", [])
    fallback = _sample_classes(records.dataclass)
    texts = sorted({t for t in records.recorded_texts or [] if records_build.is_single_factory(t)})
    assert len(texts) >= 20
    assert all(t not in records.precompiled_code() for t in texts)
    assert {f.__code__.co_filename for f in _functions(fallback)} == {"<string>"}
    _assert_same_behaviour(fallback, standard)
    # The same texts generated into a module of their own, as records_build does for schemalint.
    (tmp_path / "sample_compiled.py").write_text(records_build.render_texts(texts), encoding="utf-8")
    sample = _load(tmp_path / "sample_compiled.py")
    monkeypatch.setattr(records, "_precompiled", dict(zip(sample.TEXTS, sample.CODES, strict=True)))
    precompiled = _sample_classes(records.dataclass)
    assert {f.__code__.co_filename for f in _functions(precompiled)} == {str(tmp_path / "sample_compiled.py")}
    _assert_same_behaviour(precompiled, standard)
    assert "exec" not in vars(dataclasses)


def _functions(classes: dict[str, type]) -> list[FunctionType]:
    return [
        getattr(value, "__wrapped__", value)
        for cls in classes.values()
        for value in vars(cls).values()
        if isinstance(getattr(value, "__wrapped__", value), FunctionType)
    ]


def test_schemalint_classes_take_their_methods_precompiled() -> None:
    from schemalint import ir

    if _generated_version() != running_python():
        pytest.skip(f"generated for Python {_generated_version()}, running {running_python()}")
    # In a process that may cache bytecode (as after `pip install`; this one may not).
    script = (
        "from schemalint import ir, records_compiled; "
        "print(ir.VObject.__init__.__code__.co_filename == records_compiled.__file__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env_that_writes_bytecode(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "True"
    assert ir.VObject(fields=()) == ir.VObject(fields=(), name="other")
