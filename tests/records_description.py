"""Run as a script: import every schemalint module and print a description of every dataclass
made by `schemalint.records.dataclass`, attribute by attribute (`tests/test_records_replay.py`
compares the descriptions of a process that replays with one that does not).

    python tests/records_description.py replay|standard
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import re
import sys
from types import CodeType, FunctionType, MemberDescriptorType
from typing import Any

from schemalint import records, records_replay


def _repr(value: object) -> str:
    """`repr(value)` without memory addresses (they differ between processes)."""
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))


def _code(code: CodeType) -> object:
    return [
        code.co_name,
        code.co_qualname,
        code.co_varnames,
        code.co_freevars,
        code.co_cellvars,
        code.co_names,
        code.co_code.hex(),
        [_code(c) if isinstance(c, CodeType) else _repr(c) for c in code.co_consts],
    ]


def _value(value: object, owner: type) -> object:
    if value is owner:
        return "<the class>"
    if isinstance(value, type):
        return ["class", value.__module__, value.__qualname__, value.__name__ == owner.__name__]
    if isinstance(value, FunctionType):
        module = sys.modules.get(value.__module__ or "")
        return [
            "function",
            value.__name__,
            value.__qualname__,
            value.__module__,
            value.__doc__,
            module is not None and value.__globals__ is module.__dict__,
            _code(value.__code__),
            _repr(value.__defaults__),
            _repr(value.__kwdefaults__),
            {k: _repr(v) for k, v in value.__annotations__.items()},
            [_value(cell.cell_contents, owner) for cell in value.__closure__ or ()],
            _value(value.__wrapped__, owner) if hasattr(value, "__wrapped__") else None,
        ]
    if isinstance(value, dataclasses.Field):
        return ["field", *(_repr(getattr(value, a)) for a in value.__slots__)]
    if isinstance(value, dict) and all(isinstance(v, dataclasses.Field) for v in value.values()):
        return {k: _value(v, owner) for k, v in value.items()}
    if isinstance(value, MemberDescriptorType):
        return ["slot", value.__name__]
    return ["value", type(value).__qualname__, _repr(value)]


def describe(cls: type) -> object:
    return [
        cls.__module__,
        cls.__qualname__,
        [base.__qualname__ for base in cls.__mro__],
        [[name, _value(value, cls)] for name, value in vars(cls).items()],
        [(f.name, f.kw_only) for f in dataclasses.fields(cls)],
    ]


def main(mode: str) -> None:
    records.replaying = mode == "replay"
    made: list[type] = []
    replayed: list[str] = []
    build, replay = records._build, records_replay.replay

    def recording(cls: type, options: dict[str, Any]) -> type:
        result: type = build(cls, options)
        made.append(result)
        return result

    def counting(cls: type, *arguments: Any) -> type | None:
        result = replay(cls, *arguments)
        if result is not None:
            replayed.append(cls.__qualname__)
        return result

    records._build = recording
    records_replay.replay = counting  # type: ignore[assignment]
    package = importlib.import_module("schemalint")
    for info in pkgutil.walk_packages(package.__path__, "schemalint."):
        if info.name not in ("schemalint.__main__",):
            importlib.import_module(info.name)
    print(json.dumps({"classes": [describe(cls) for cls in made], "replayed": len(replayed)}))


if __name__ == "__main__":
    main(sys.argv[1])
