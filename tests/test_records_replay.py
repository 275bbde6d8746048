"""Replayed dataclasses (`schemalint.records_replay`) are the standard decorator's classes."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import typing
from pathlib import Path
from types import CodeType
from typing import Any, ClassVar

import pytest

from schemalint import records, records_build, records_compiled, records_replay
from tests.bytecode import env_that_writes_bytecode, running_python

DESCRIBE = Path(__file__).with_name("records_description.py")


def _descriptions(mode: str) -> dict[str, Any]:
    # In processes that may cache bytecode, as after `pip install`: replay plans are used only then.
    result = subprocess.run(
        [sys.executable, str(DESCRIBE), mode],
        env=env_that_writes_bytecode(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_every_replayed_schemalint_dataclass_equals_the_standard_decorators() -> None:
    if running_python() != records_compiled.PYTHON or not records_replay.usable():
        pytest.skip("no replay plans for this Python (the standard decorator makes every class)")
    replayed, standard = _descriptions("replay"), _descriptions("standard")
    assert standard["replayed"] == 0
    # Every class is replayed: one the replay refuses (e.g. one without a docstring) is made by
    # the standard decorator and loads the method texts' module on every run that imports it.
    assert replayed["replayed"] == len(replayed["classes"]) >= 100
    assert len(replayed["classes"]) == len(standard["classes"])
    for mine, theirs in zip(replayed["classes"], standard["classes"], strict=True):
        assert mine == theirs, f"{theirs[0]}.{theirs[1]}"


def _sample(decorate: Any) -> type:
    @decorate(frozen=True, kw_only=True)
    class Sample:
        """A sample."""

        kind: ClassVar[str] = "sample"
        name: str
        label: str | None = dataclasses.field(default=None, compare=False)

    return Sample


def test_a_class_changed_since_its_plan_was_recorded_is_made_by_the_standard_decorator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(records, "recorded_texts", [])
    monkeypatch.setattr(records, "recorded_plans", {})
    _sample(records.dataclass)
    plans: dict[str, Any] = dict(records.recorded_plans or {})
    monkeypatch.setattr(records, "recorded_texts", None)
    monkeypatch.setattr(records, "recorded_plans", None)
    texts = sorted({text for _, text in next(iter(plans.values()))[2] if text is not None})
    indexed = {
        key: (shape, kinds, tuple((a, None if t is None else texts.index(t)) for a, t in methods), match_args)
        for key, (shape, kinds, methods, match_args) in plans.items()
    }
    codes = [
        next(c for c in compile(t, "<string>", "exec").co_consts if isinstance(c, CodeType)) for t in texts
    ]
    monkeypatch.setattr(records, "_plans", {"records_compiled": (indexed, codes)})
    replays: list[object] = []
    real_replay = records_replay.replay

    def counting(*arguments: Any) -> type | None:
        result = real_replay(*arguments)
        replays.append(result)
        return result

    monkeypatch.setattr(records_replay, "replay", counting)
    same = _sample(records.dataclass)
    assert replays and replays[-1] is same
    assert same(name="x") == same(name="x", label="other")

    class Sample:  # of the same name with one more field: not the recorded class
        """A sample."""

        kind: ClassVar[str] = "sample"
        name: str
        label: str | None = dataclasses.field(default=None, compare=False)
        extra: int = 0

    Sample.__qualname__ = same.__qualname__
    calls = len(replays)
    changed = records.dataclass(frozen=True, kw_only=True)(Sample)
    assert len(replays) == calls + 1 and replays[-1] is None
    assert changed(name="x").extra == 0
    assert [f.name for f in dataclasses.fields(changed)] == ["name", "label", "extra"]


@pytest.mark.parametrize(
    ("annotation", "namespace", "kind"),
    [
        ("ClassVar[int]", {"ClassVar": typing.ClassVar}, "C"),
        ("CV", {"CV": typing.ClassVar}, "C"),
        ("typing.ClassVar[int]", {"typing": typing}, "C"),
        ("ClassVar[int]", {}, "F"),
        ("InitVar[int]", {"InitVar": dataclasses.InitVar}, "I"),
        ("dataclasses.InitVar[int]", {"dataclasses": dataclasses}, "I"),
        ("KW_ONLY", {"KW_ONLY": dataclasses.KW_ONLY}, "K"),
        ("str | None", {"str": str}, "F"),
        ("x.ClassVar", {"x": dataclasses}, "F"),
        ("", {}, "F"),
    ],
)
def test_an_annotation_is_taken_for_what_the_decorator_takes_it_for(
    annotation: str, namespace: dict[str, Any], kind: str
) -> None:
    assert records_replay.standard_kind(namespace, records_replay.leading_name(annotation)) == kind


@pytest.mark.parametrize("generated", ["records_compiled", "records_compiled_generate_diff"])
def test_the_generated_plans_name_only_known_texts(generated: str) -> None:
    plans, codes = records.replay_plans(generated)
    for key, plan in plans.items():
        assert records.plans_module(key.partition(":")[0]) == generated
        for _, index in plan[2]:
            assert index is None or 0 <= index < len(codes)
    assert records_build.render([], {}).endswith("PLANS = {\n}\n")
