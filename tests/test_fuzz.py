"""Hostile input never crashes schemalint: mutated fixture schemas through `check` and `export`.

Profiles (tests/conftest.py): the default runs 2,000 examples per test; run the long profile by
hand with `pytest tests/test_fuzz.py --hypothesis-profile=long`.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from schemalint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    *sorted((ROOT / "fixtures").glob("seed-00[0-4]*/**/schema.ts")),
    ROOT / "fixtures" / "seed-003-byod" / "src" / "lib" / "byod" / "schema" / "messages.ts",
]
TOKENS = [b"{", b"}", b"(", b")", b"[", b"]", b",", b"...", b"v.", b"defineTable(", b"`${", b"/*", b"//",
          b'"', b"'", b"=>", b"export default ", b"import * as x from './schema';", b"\x00", b"\xff\xfe",
          "\u202e\u00e9\U0001f600".encode(), b"\r\n", "\ufeff".encode(), b"as const",
          b".index(", b"v.optional(", b"process.env.X"]


@st.composite
def mutated_sources(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture file with a few random edits (byte ranges, tokens, lines, encodings)."""
    path = draw(st.sampled_from(SEEDS))
    data = bytearray(path.read_bytes())
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate", "shuffle", "token", "bytes"]))
        start = rng.randrange(len(data) + 1)
        end = min(len(data), start + rng.randrange(1, 200))
        if operation == "delete":
            del data[start:end]
        elif operation == "insert":
            data[start:start] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        elif operation == "duplicate":
            data[start:start] = data[start:end]
        elif operation == "truncate":
            del data[start:]
        elif operation == "shuffle":
            lines = bytes(data).split(b"\n")
            rng.shuffle(lines)
            data = bytearray(b"\n".join(lines))
        elif operation == "token":
            data[start:start] = rng.choice(TOKENS)
        else:
            data[start:start] = draw(st.binary(min_size=1, max_size=8))
    relative = path.relative_to(ROOT / "fixtures")
    return str(relative), bytes(data)


_WORKDIR = tempfile.TemporaryDirectory(prefix="schemalint-fuzz-")


def _project_copy(fixture_name: str) -> Path:
    """A scratch copy of a fixture project, made once per test session."""
    copy = Path(_WORKDIR.name) / fixture_name
    if not copy.exists():
        source_root = ROOT / "fixtures" / fixture_name
        for file in source_root.rglob("*"):
            if file.is_file():
                target = copy / file.relative_to(source_root)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.read_bytes())
    return copy


def _run_on(relative: str, data: bytes, *args: str) -> None:
    fixture_name, _, inner = relative.partition("/")
    project = _project_copy(fixture_name)
    target = project / inner
    original = (ROOT / "fixtures" / relative).read_bytes()
    target.write_bytes(data)
    try:
        result = CliRunner().invoke(main, [*args, str(project)])
    finally:
        target.write_bytes(original)
    assert result.exit_code in (0, 1, 2), result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output


@given(mutated_sources())
def test_check_never_crashes_on_mutated_schemas(source: tuple[str, bytes]) -> None:
    _run_on(*source, "check", "--format", "concise")


@given(mutated_sources())
def test_export_never_crashes_on_mutated_schemas(source: tuple[str, bytes]) -> None:
    _run_on(*source, "export", "--compact")
