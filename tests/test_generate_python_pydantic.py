"""`schemalint generate python --models pydantic`: pydantic v2 models instead of TypedDicts, and a
facade that validates arguments and results into them.

Snapshots of two fixtures' packages (tests/__snapshots__/test_generate_python_pydantic/), the
allowlist and ruff over every fixture's package, one `mypy --strict` run (pydantic's plugin)
over the packages and tests/python_usage/pydantic/, and the facade driven by a recording fake
client with the real `convex` and `pydantic` packages: int64 exact both ways, `None` (v.null())
distinct from a left-out optional field, wrong results rejected.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from convex import ConvexInt64, convex_to_json
from injection_project import FIELDS, LITERALS, META_FIELDS
from injection_project import PROJECT as INJECTION_PROJECT
from pydantic import ValidationError
from python_allowlist import assert_only_generator_shapes
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from test_generate_python_typing import Recorder, hostile_project, typed

from schemalint.cli import main
from schemalint.discovery import discover
from schemalint.generate.output import write_files
from schemalint.generate.python_pydantic import render_pydantic
from schemalint.parser import parse_project
from schemalint.parser.functions import parse_functions

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
USAGE = REPO / "tests" / "python_usage" / "pydantic"
SNAPSHOT_FIXTURES = [FIXTURES / "python-edge-cases", FIXTURES / "seed-001-dashboard"]
_ERROR = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: (?P<message>.*)$")
_EXPECTED = re.compile(r"#\s*E:\s*(?P<text>.+)$")
HOSTILE, INJECTED = "pd_hostile_names", "pd_injected_text"


class PythonSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "txt"


@functools.cache
def package_for(fixture: Path) -> dict[str, str]:
    layout = discover(fixture)
    functions = parse_functions(layout).functions
    return render_pydantic(parse_project(layout), functions, include_internal=True)


def package_name(fixture: Path) -> str:
    return "pd_" + fixture.name.replace("-", "_")


# ------------------------------------------------------------------------------------ output


@pytest.mark.parametrize("fixture", SNAPSHOT_FIXTURES, ids=lambda p: p.name)
def test_generated_pydantic_package_matches_the_reviewed_snapshots(
    fixture: Path, snapshot: SnapshotAssertion
) -> None:
    files = package_for(fixture)
    assert sorted(files) == [
        f"convex_types/{m}" for m in ("__init__.py", "api.py", "documents.py", "py.typed")
    ]
    for name, content in sorted(files.items()):
        if name.endswith(".py"):
            assert content == snapshot.use_extension(PythonSnapshot)(name=name.rsplit("/", 1)[1])


def test_every_fixture_generates_pydantic_code_of_the_allowlisted_shapes_only() -> None:
    for fixture in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        assert_only_generator_shapes(package_for(fixture), pydantic=True)


def test_rendering_twice_gives_the_same_bytes() -> None:
    fixture = FIXTURES / "python-edge-cases"
    layout = discover(fixture)
    render = functools.partial(render_pydantic, include_internal=True)
    assert render(parse_project(layout), parse_functions(layout).functions) == package_for(fixture)


def test_typeddicts_stay_the_default_and_the_option_picks_pydantic(tmp_path: Path) -> None:
    fixture = str(FIXTURES / "seed-001-dashboard")
    runner = CliRunner()
    assert runner.invoke(main, ["generate", "python", fixture, "--out", str(tmp_path / "a")]).exit_code == 0
    assert "TypedDict" in (tmp_path / "a/convex_types/documents.py").read_text(encoding="utf-8")
    options = ["--out", str(tmp_path / "b"), "--models", "pydantic"]
    assert runner.invoke(main, ["generate", "python", fixture, *options]).exit_code == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "b/convex_types").iterdir()}
    assert written == {name.rsplit("/", 1)[1]: text for name, text in package_for(Path(fixture)).items()}
    assert runner.invoke(main, ["generate", "python", fixture, *options, "--check"]).exit_code == 0


# -------------------------------------------------------------------------- ruff and mypy


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture's pydantic package (`pd_<fixture>`), the packages of the projects with
    hostile names and text (`pd_hostile_names`, `pd_injected_text`; see
    test_generate_python_typing.py) and the pydantic usage files."""
    root = tmp_path_factory.mktemp("generated-pydantic")
    projects = {package_name(p): p for p in sorted(p for p in FIXTURES.iterdir() if p.is_dir())}
    projects |= {HOSTILE: hostile_project(tmp_path_factory.mktemp("hostile")), INJECTED: INJECTION_PROJECT}
    for package, project in projects.items():
        files = {f"{package}/{name.split('/', 1)[1]}": text for name, text in package_for(project).items()}
        assert_only_generator_shapes(files, pydantic=True)
        write_files(root, files, generator=f"python:{package}")
    for usage in USAGE.glob("*.py"):
        shutil.copy(usage, root / usage.name)
    (root / "mypy.ini").write_text("[mypy]\nplugins = pydantic.mypy\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_every_pydantic_package_passes_ruff_with_its_defaults(generated: Path, command: list[str]) -> None:
    packages = sorted(p.name for p in generated.iterdir() if (p / "py.typed").exists())
    completed = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "--isolated", "--no-cache", *packages],
        cwd=generated,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.fixture(scope="module")
def mypy_errors(generated: Path) -> dict[str, dict[int, list[str]]]:
    """`file -> line -> messages` of one `mypy --strict` run (pydantic's plugin) over the
    snapshotted fixtures' packages and the usage files."""
    targets = [package_name(p) for p in SNAPSHOT_FIXTURES] + [HOSTILE, INJECTED]
    targets += sorted(p.name for p in USAGE.glob("*.py"))
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-error-summary", *targets],
        cwd=generated,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    errors: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in completed.stdout.splitlines():
        match = _ERROR.match(line)
        if match:
            errors[match["file"]][int(match["line"])].append(match["message"])
        else:
            assert ": note: " in line, line
    return errors


def test_pydantic_packages_and_usage_pass_mypy_strict(mypy_errors: dict[str, dict[int, list[str]]]) -> None:
    unexpected = [
        f"{file}:{line}: {message}"
        for file, lines in mypy_errors.items()
        if not file.endswith("_mistakes.py")
        for line, messages in lines.items()
        for message in messages
    ]
    assert sorted(unexpected) == []


@pytest.mark.parametrize("usage", sorted(USAGE.glob("*_mistakes.py")), ids=lambda p: p.stem)
def test_mypy_rejects_each_deliberate_mistake_with_pydantic_models(
    usage: Path, mypy_errors: dict[str, dict[int, list[str]]]
) -> None:
    expected = {
        number: match["text"].strip()
        for number, text in enumerate(usage.read_text(encoding="utf-8").splitlines(), start=1)
        if (match := _EXPECTED.search(text))
    }
    assert len(expected) >= 4
    found = mypy_errors.get(usage.name, {})
    missing = [f"{n}: {text}" for n, text in expected.items() if not any(text in m for m in found.get(n, []))]
    extra = [f"{n}: {found[n]}" for n in found if n not in expected]
    assert (missing, extra) == ([], [])


# ------------------------------------------------------------------------------------ runtime


@pytest.fixture
def edge(generated: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(generated))
    try:
        yield importlib.import_module("pd_python_edge_cases")
    finally:
        sys.path.remove(str(generated))


MESSAGE = {
    "_id": "m1",
    "_creationTime": 1.5,
    "channel": "c1",
    "author": "u1",
    "body": "hi",
    "sequence": ConvexInt64(2**62 + 1),
}


def test_results_are_validated_into_models_with_int64_exact(edge: ModuleType) -> None:
    client = Recorder({"messages:list": [MESSAGE], "admin:stats": {"users": ConvexInt64(2), "messages": {}}})
    api = edge.ConvexApi(client)
    [message] = api.messages.list(channel="c1")
    assert isinstance(message, edge.MessageDoc)
    assert (message.id, message.creationTime, message.sequence) == ("m1", 1.5, 2**62 + 1)
    assert type(message.sequence) is int
    assert message.editedAt is edge.OMITTED  # left out, not None
    assert typed(api.admin.stats().users) == ("int", 2)
    # Dumped back with Convex names, int64 as ConvexInt64 and the left-out field left out.
    assert typed(message.model_dump()) == typed(MESSAGE)
    assert message.model_dump_json().endswith('"sequence":4611686018427387905}')  # JSON: a number
    assert edge.MessageDoc.model_validate_json(message.model_dump_json()) == message
    # Bytes and special floats survive JSON too (base64; NaN and Infinity as JavaScript writes them).
    row = {**MESSAGE, "_creationTime": float("inf"), "reactions": {}, "readBy": {}, "raw": b"\xff\x00"}
    row |= {"extra": None, "deletedAt": None, "priority": None, "source": {"kind": "system"}, "content": "t"}
    document = edge.documents.MessagesDoc.model_validate(row)
    assert edge.documents.MessagesDoc.model_validate_json(document.model_dump_json()) == document


def test_a_wrong_result_is_an_error_not_a_coerced_value(edge: ModuleType) -> None:
    wrong = [
        {**MESSAGE, "sequence": 3.0},  # float64 where int64 was promised
        {**MESSAGE, "_creationTime": "1.5"},  # a string is not converted to a number
        {**MESSAGE, "unexpected": 1},  # no fields beyond the validator's
        {**{k: v for k, v in MESSAGE.items() if k != "_id"}, "id": "m1"},  # Convex names only
        {key: value for key, value in MESSAGE.items() if key != "body"},
        {**MESSAGE, "editedAt": None},  # optional, but not nullable
        {**MESSAGE, "editedAt": "OMITTED"},  # no value read becomes OMITTED
    ]
    for result in wrong:
        with pytest.raises(ValidationError):
            edge.ConvexApi(Recorder({"messages:list": [result]})).messages.list(channel="c1")


def test_arguments_are_validated_and_int64_sent_as_convex_int64(edge: ModuleType) -> None:
    client = Recorder({"messages:send": {"id": "m1", "sequence": ConvexInt64(1), "history": []}})
    api = edge.ConvexApi(client)
    source = edge.MessagesSourceBot(kind="bot", botName="b", version=3)
    api.messages.send(
        channel="c1", body="hi", after=41, tags=(1, 2), counters={"a": 1}, source=source, weight=2.0
    )
    assert typed(client.calls[-1][2]) == {
        "channel": "c1",
        "body": "hi",
        "after": ("int64", 41),
        "tags": [("int64", 1), ("int64", 2)],
        "counters": {"a": ("int64", 1)},
        "source": {"kind": "bot", "botName": "b", "version": ("int64", 3)},
        "weight": ("float", 2.0),
    }
    assert convex_to_json(client.calls[-1][2]["after"]) == {"$integer": "KQAAAAAAAAA="}
    with pytest.raises(ValidationError):
        api.messages.send(channel="c1", body=1)  # a wrong argument is not sent
    assert len(client.calls) == 1
    api.messages.send(channel="c1", body="hi", weight=2)  # v.union(v.int64(), v.float64())
    assert typed(client.calls[-1][2]["weight"]) == ("int64", 2)  # an int is an int64, a float a float64
    # Without an args validator, models are still sent as Convex values.
    api.messages.summarize(bot=source, n=ConvexInt64(5))
    assert typed(client.calls[-1][2]) == {"bot": typed(source.model_dump()), "n": ("int64", 5)}


def test_none_is_sent_only_for_null_and_left_out_arguments_are_not_sent(edge: ModuleType) -> None:
    client = Recorder({"messages:list": []})
    api = edge.ConvexApi(client)
    api.messages.list(channel="c1", cursor=None)
    api.messages.list(channel="c1", limit=edge.OMITTED)
    assert client.calls == [
        ("query", "messages:list", {"channel": "c1", "cursor": None}),
        ("query", "messages:list", {"channel": "c1"}),
    ]
    with pytest.raises(ValidationError):
        api.messages.list(channel="c1", limit=None)  # `v.optional(v.number())` is not nullable


def test_a_left_out_optional_field_is_omitted_and_dumped_left_out(edge: ModuleType) -> None:
    profile = {"_id": "u1", "_creationTime": 1.0, "name": "A", "role": "owner"}
    settings = {"theme": "dark", "notifications": {"email": True}}
    user = edge.documents.UserProfilesDoc.model_validate({**profile, "settings": settings})
    assert (user.avatar, user.settings.notifications.digest) == (edge.OMITTED, edge.OMITTED)
    assert user.model_dump() == {**profile, "settings": settings}
    assert user.model_dump_json() == (
        '{"_id":"u1","_creationTime":1.0,"name":"A","role":"owner",'
        '"settings":{"theme":"dark","notifications":{"email":true}}}'
    )
    assert user.model_dump(by_alias=False)["id"] == "u1"
    with pytest.raises(ValidationError):
        user.name = 1  # checked on assignment too, so a model is valid when it is sent


def test_a_subscription_yields_validated_results(edge: ModuleType) -> None:
    client = Recorder({"admin:stats": [{"users": ConvexInt64(2), "messages": {"c": ConvexInt64(1)}}]})
    subscription = edge.ConvexApi(client).admin.subscribe_stats()

    async def collect() -> list[Any]:
        return [result async for result in subscription]

    [stats] = asyncio.run(collect())
    assert (stats.users, stats.messages) == (2, {"c": 1})


@pytest.fixture
def injected(generated: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(generated))
    try:
        yield importlib.import_module(INJECTED)
    finally:
        sys.path.remove(str(generated))


def test_hostile_keys_and_literals_are_read_and_dumped_unchanged(injected: ModuleType) -> None:
    documents = injected.documents
    names = {
        "_id": "n1",
        "_creationTime": 1.0,
        "class": "c",
        "list": ["l"],
        "type": "type",
        "self": True,
        "str": "s",
        "Name": "N",
        "name": "n",
        "NAME": ConvexInt64(3),
        "with space": "w",
        '"quoted"': "q",
    }
    assert list(names) == ["_id", "_creationTime", *(key for key in FIELDS["names"] if key != "from")]
    document = documents.Names2Doc.model_validate(names)
    assert (document.class_, document.self, document.NAME, document.from_) == ("c", True, 3, injected.OMITTED)
    assert typed(document.model_dump()) == typed(names)
    literals = {key: values[0] for key, values in LITERALS.items()}
    meta = {key: 'a"b' if key == "__class__" else "m" for key in META_FIELDS}
    row = {"_id": "i1", "_creationTime": 2.0, **literals, "meta": meta, "target": "t"}
    assert documents.InjectionDoc.model_validate(row).model_dump() == row


NULLS_SCHEMA = """
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  notes: defineTable({
    required: v.null(),
    maybe: v.optional(v.union(v.string(), v.null())),
    count: v.optional(v.int64()),
  }),
});
"""


def test_null_and_a_left_out_optional_field_stay_apart(tmp_path: Path) -> None:
    (tmp_path / "convex").mkdir()
    (tmp_path / "convex/schema.ts").write_text(NULLS_SCHEMA, encoding="utf-8")
    write_files(tmp_path / "out", package_for(tmp_path), generator="python:convex_types")
    sys.path.insert(0, str(tmp_path / "out"))
    try:
        documents = importlib.import_module("convex_types.documents")
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for name in [m for m in sys.modules if m.startswith("convex_types")]:
            del sys.modules[name]
    base = {"_id": "n1", "_creationTime": 1.0, "required": None}
    absent = documents.NotesDoc.model_validate(base)
    null = documents.NotesDoc.model_validate({**base, "maybe": None})
    assert (absent.maybe, null.maybe) == (documents.OMITTED, None)
    assert absent.model_dump() == base  # `required: None` kept, `maybe` left out
    assert null.model_dump() == {**base, "maybe": None}
    assert documents.NotesDoc.model_validate({**base, "count": ConvexInt64(-(2**63))}).count == -(2**63)
    with pytest.raises(ValidationError):
        documents.NotesDoc.model_validate({"_id": "n1", "_creationTime": 1.0})  # a required null is required


def test_generating_pydantic_models_imports_neither_pydantic_nor_libcst(tmp_path: Path) -> None:
    """schemalint has no pydantic dependency: only the generated code imports it."""
    fixture, out = str(FIXTURES / "seed-001-dashboard"), str(tmp_path / "out")
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from schemalint.cli import main\n"
        f"args = ['generate', 'python', {fixture!r}, '--out', {out!r}, '--models', 'pydantic']\n"
        "result = CliRunner().invoke(main, args)\n"
        "assert result.exit_code == 0, result.output\n"
        "assert not {'pydantic', 'pydantic_core', 'libcst'} & set(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


AWKWARD_KEYS_SCHEMA = """
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  awkward: defineTable({
    Field: v.optional(v.string()),
    OMITTED: v.optional(v.string()),
    Omitted: v.string(),
    model_dump: v.string(),
    copy: v.string(),
    "1a": v.string(),
    id: v.string(),
    "id_": v.string(),
  }),
});
"""


def test_keys_that_are_pydantic_or_generator_names_get_python_names_and_round_trip(tmp_path: Path) -> None:
    (tmp_path / "convex").mkdir()
    (tmp_path / "convex/schema.ts").write_text(AWKWARD_KEYS_SCHEMA, encoding="utf-8")
    files = package_for(tmp_path)
    assert_only_generator_shapes(files, pydantic=True)
    write_files(tmp_path / "out", files, generator="python:convex_types")
    sys.path.insert(0, str(tmp_path / "out"))
    try:
        documents = importlib.import_module("convex_types.documents")
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for name in [m for m in sys.modules if m.startswith("convex_types")]:
            del sys.modules[name]
    row = {"_id": "a1", "_creationTime": 1.0, "Field": "f", "Omitted": "o", "model_dump": "m", "copy": "c"}
    row |= {"1a": "n", "id": "i", "id_": "j"}
    document = documents.AwkwardDoc.model_validate(row)
    assert document.model_dump() == row
    assert document.OMITTED_ is documents.OMITTED
    assert list(documents.AwkwardDoc.model_fields) == [
        "id__",  # `_id`: `id` and `id_` are the Convex names of other fields
        "creationTime",
        "Field_",
        "OMITTED_",
        "Omitted_",
        "f_model_dump",  # `model_` is pydantic's prefix
        "copy_",
        "f_1a",
        "id",
        "id_",
    ]


def test_an_int64_literal_accepts_that_convex_int64_only(tmp_path: Path) -> None:
    (tmp_path / "convex").mkdir()
    schema = NULLS_SCHEMA.replace(
        "count: v.optional(v.int64()),", "version: v.union(v.literal(1n), v.literal(-2n)),"
    )
    (tmp_path / "convex/schema.ts").write_text(schema, encoding="utf-8")
    files = package_for(tmp_path)
    documents_py = files["convex_types/documents.py"]
    assert "    version: Annotated[Literal[1], AS_INT64] | Annotated[Literal[-2], AS_INT64]\n" in documents_py
    write_files(tmp_path / "out", files, generator="python:convex_types")
    sys.path.insert(0, str(tmp_path / "out"))
    try:
        documents = importlib.import_module("convex_types.documents")
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for name in [m for m in sys.modules if m.startswith("convex_types")]:
            del sys.modules[name]
    base = {"_id": "n1", "_creationTime": 1.0, "required": None}
    note = documents.NotesDoc.model_validate({**base, "version": ConvexInt64(-2)})
    assert note.version == -2 and typed(note.model_dump()["version"]) == ("int64", -2)
    assert note.model_dump(mode="json")["version"] == -2
    for wrong in (ConvexInt64(3), -2.0, 1.0, True, "1"):
        with pytest.raises(ValidationError):
            documents.NotesDoc.model_validate({**base, "version": wrong})
