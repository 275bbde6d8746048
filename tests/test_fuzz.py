"""Hostile input never crashes schemalint: mutated fixture schemas through `check`, `export`,
`generate python` and `generate docs`.

Every run ends with exit 0, 1 or 2 and no traceback or "internal error"; the generators write
only into their --out directory (the project is left as it was) and, on exit 0, only Python
that compiles (and holds only the shapes tests/python_allowlist.py allows) or Markdown. `generate python` also gets mutated function modules (and runs with
or without `--internal`), `generate docs` with or without `--with-findings`.

Examples per run: the profile's `max_examples` (tests/conftest.py) for `check` and `export`;
the generators are slower (jinja2, libcst), so `generate python` runs 3/8 of it and `generate
docs` 1/2. Measured on a 2-core machine:

- default profile (CI), derandomized (the same examples on every run, so a failure reproduces):
  2,000 + 2,000 + 750 + 1,000 = 5,750 examples in 95-105 s (check 20-23 s,
  export 17 s, generate python 34-41 s, generate docs 20-23 s: about 11, 9, 50 and 21 ms each);
- `--hypothesis-profile=long`, random, run by hand: 100,000 + 100,000 + 37,500 + 50,000 examples in
  about 80 minutes (check 20, export 11, generate python 34, generate docs 17), all passing:

      pytest tests/test_fuzz.py --hypothesis-profile=long
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Sequence
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from python_allowlist import assert_only_generator_shapes

from schemalint.cli import main
from schemalint.generate.output import MANIFEST_NAME

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    *sorted((ROOT / "fixtures").glob("seed-00[0-4]*/**/schema.ts")),
    ROOT / "fixtures" / "seed-003-byod" / "src" / "lib" / "byod" / "schema" / "messages.ts",
]
# Function modules: `generate python` reads their argument and return validators too.
FUNCTION_SEEDS = [
    ROOT / "fixtures" / "seed-001-dashboard" / "convex" / "alerts.ts",
    ROOT / "fixtures" / "seed-001-dashboard" / "convex" / "activities.ts",
    ROOT / "fixtures" / "seed-004-generations" / "convex" / "generations.ts",
]
TOKENS = [b"{", b"}", b"(", b")", b"[", b"]", b",", b"...", b"v.", b"defineTable(", b"`${", b"/*", b"//",
          b'"', b"'", b"=>", b"export default ", b"import * as x from './schema';", b"\x00", b"\xff\xfe",
          "\u202e\u00e9\U0001f600".encode(), b"\r\n", "\ufeff".encode(), b"as const",
          b".index(", b"v.optional(", b"process.env.X",
          # Text the generators must escape, in comments (docstrings, descriptions) and literals.
          b'// """\n', b"/** ''' \\ */", b'"""', b"{{ x }}{% if %}", b"</script><img src=x onerror=alert(1)>|`",
          b"\\u{E0001}", b"\\", "\u2028".encode(),
          # An unevaluable expression whose reason (quoted source) holds a line break and code.
          b'(Math as any)["x\\n    import os\\n    #"] ?? ']


@st.composite
def mutated_sources(draw: st.DrawFn, seeds: Sequence[Path] = tuple(SEEDS)) -> tuple[str, bytes]:
    """One of `seeds` with a few random edits (byte ranges, tokens, lines, encodings)."""
    path = draw(st.sampled_from(seeds))
    data = bytearray(path.read_bytes())
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(
            ["delete", "insert", "duplicate", "truncate", "shuffle", "token", "line-token", "bytes"]
        ))
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
        elif operation == "line-token":  # where a comment attaches to the property below it
            start = bytes(data).rfind(b"\n", 0, start) + 1
            start += len(data[start:]) - len(data[start:].lstrip(b" \t"))
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


def _run_on(relative: str, data: bytes, *args: str) -> Result:
    """Run the CLI with `args` on a scratch project whose file `relative` holds `data`; assert it
    ended with an exit code and no crash."""
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
    return result


@given(mutated_sources())
def test_check_never_crashes_on_mutated_schemas(source: tuple[str, bytes]) -> None:
    _run_on(*source, "check", "--format", "concise")


@given(mutated_sources())
def test_export_never_crashes_on_mutated_schemas(source: tuple[str, bytes]) -> None:
    _run_on(*source, "export", "--compact")


# The generators are slower than `check` (jinja2, libcst): they run a share of the profile's examples.
PYTHON_EXAMPLES = max(1, settings.default.max_examples * 3 // 8)
DOCS_EXAMPLES = max(1, settings.default.max_examples // 2)


def _files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _generate(source: tuple[str, bytes], generator: str, *options: str) -> dict[str, bytes]:
    """Run `generate <generator>` on a mutated project into a fresh --out; assert it wrote nothing
    anywhere else and return what it wrote."""
    project = _project_copy(source[0].partition("/")[0])
    before = _files_under(project)
    with tempfile.TemporaryDirectory(prefix="schemalint-fuzz-out-") as sandbox:
        out = Path(sandbox) / "out"
        result = _run_on(*source, "generate", generator, *options, "--out", str(out))
        assert [p.name for p in Path(sandbox).iterdir()] in ([], ["out"])
        written = _files_under(out) if out.exists() else {}
    assert _files_under(project) == before  # the scratch project is as it was
    assert written == {} or result.exit_code == 0
    return written


@settings(max_examples=PYTHON_EXAMPLES)
@given(
    mutated_sources((*SEEDS, *FUNCTION_SEEDS)),
    st.sampled_from([(), ("--internal",), ("--models", "pydantic"), ("--internal", "--models", "pydantic")]),
)
def test_generate_python_never_crashes_and_writes_only_valid_python(
    source: tuple[str, bytes], options: tuple[str, ...]
) -> None:
    written = _generate(source, "python", *options)
    for name, content in written.items():
        assert name.startswith("convex_types/") or name == MANIFEST_NAME, name
        if name.endswith(".py"):
            compile(content, name, "exec", dont_inherit=True)
    modules = {n: c.decode("utf-8") for n, c in written.items() if n.endswith(".py")}
    assert_only_generator_shapes(modules, pydantic="pydantic" in options)


@settings(max_examples=DOCS_EXAMPLES)
@given(mutated_sources(), st.sampled_from([(), ("--with-findings",)]))
def test_generate_docs_never_crashes_and_writes_only_markdown(
    source: tuple[str, bytes], options: tuple[str, ...]
) -> None:
    for name, content in _generate(source, "docs", *options).items():
        assert name.endswith(".md") or name == MANIFEST_NAME, name
        content.decode("utf-8")


def test_ci_fuzzing_is_reproducible_and_the_long_profile_random() -> None:
    assert settings.get_profile("default").derandomize
    assert settings.get_profile("quick").derandomize
    assert not settings.get_profile("long").derandomize
