"""The generated packages type-check (`mypy --strict`), and so does hand-written code using them,
while code with deliberate mistakes is rejected with the expected errors; the facade sends the
right names and arguments and converts int64 both ways (driven by a recording fake client and
the real `convex` package).

One mypy run covers every fixture's package (each generated under its own name, e.g.
`seed_001_dashboard`), the packages of two projects no valid schema is like (`hostile_names*`,
and `injected_text` from tests/injection/, whose types must also hold exactly the strings its
schema has) and every file in tests/python_usage/.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import re
import shutil
import subprocess
import sys
import textwrap
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any, NotRequired, get_args, get_origin, get_type_hints

import pytest
from convex import ConvexInt64, convex_to_json
from injection_project import (
    FIELDS,
    HOSTILE_TABLE,
    LITERALS,
    META_FIELDS,
    META_LITERALS,
    OPTIONAL_FIELDS,
    TABLE_NAMES,
)
from injection_project import PROJECT as INJECTION_PROJECT
from python_allowlist import assert_only_generator_shapes

from schemalint.discovery import discover
from schemalint.generate.output import write_files
from schemalint.generate.python import render_python
from schemalint.parser import parse_project
from schemalint.parser.functions import parse_functions

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
USAGE = REPO / "tests" / "python_usage"
WITH_INTERNAL = {"python-edge-cases"}
_ERROR = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: (?P<message>.*)$")
_EXPECTED = re.compile(r"#\s*E:\s*(?P<text>.+)$")
INJECTED = "injected_text"  # the package generated for tests/injection/


# Names no valid Convex project has, but the parser accepts: the package must still type-check.
HOSTILE_PROJECT = {
    "convex/schema.ts": """
        import { defineSchema, defineTable } from "convex/server";
        import { v } from "convex/values";
        export default defineSchema({
          "a|b": defineTable({ "x|y": v.id("<script>"), "new\\nline": v.string(), "": v.optional(v.int64()) }),
          "": defineTable({ "class": v.object({ "c d": v.id("") }), "__x": v.literal('q"uote') }),
          "Ünïcödé 名前": defineTable({ "ключ": v.id("Ünïcödé 名前"), "float": v.array(v.float64()) }),
          "crlf\\r\\nnul\\u0000": defineTable({
            "k\\r\\n\\u0000": v.literal(-9223372036854775808n),
            max: v.literal(9223372036854775807n),
            odd: (Math as any)["x\\n    import os; os.system('echo PWNED')\\n    #"] ?? v.string(),
            "odd-key": (Math as any)["y\\n        \\"injected\\": int,\\n        #"] ?? v.string(),
          }),
        });
    """,
    "convex/fns.ts": """
        import { v } from "convex/values";
        import { query } from "./_generated/server";
        export const q = query({
          args: { "a-b": v.string(), "x y": v.optional(v.id("a|b")), None: v.int64(), __p: v.boolean() },
          returns: v.object({ "c d": v.int64(), "": v.string() }),
          handler: async () => null,
        });
        export const bounds = query({
          args: { low: v.literal(-9223372036854775808n), high: v.literal(9223372036854775807n) },
          returns: v.union(v.literal(-9223372036854775808n), v.literal(9223372036854775807n)),
          handler: async () => null,
        });
    """,
}


def package_name(fixture: Path) -> str:
    return fixture.name.replace("-", "_")


def hostile_project(root: Path) -> Path:
    for name, source in HOSTILE_PROJECT.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture's package (named after the fixture) and the usage files, in one directory."""
    root = tmp_path_factory.mktemp("generated")
    hostile = hostile_project(tmp_path_factory.mktemp("hostile-names"))
    projects = {package_name(p): p for p in [*sorted(p for p in FIXTURES.iterdir() if p.is_dir()), hostile]}
    for package, project in {**projects, INJECTED: INJECTION_PROJECT}.items():
        layout = discover(project)
        files = render_python(
            parse_project(layout),
            parse_functions(layout).functions,
            package=package,
            include_internal=project.name in WITH_INTERNAL,
        )
        write_files(root, files, generator=f"python:{package}")
    for usage in USAGE.glob("*.py"):
        shutil.copy(usage, root / usage.name)
    return root


@pytest.fixture(scope="session")
def mypy_errors(generated: Path) -> dict[str, dict[int, list[str]]]:
    """`file -> line -> messages` of one `mypy --strict` run over everything generated."""
    targets = sorted(p.name for p in generated.iterdir() if p.is_dir() or p.suffix == ".py")
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


def test_every_generated_package_and_usage_file_passes_mypy_strict(
    mypy_errors: dict[str, dict[int, list[str]]],
) -> None:
    unexpected = {
        f"{file}:{line}: {message}"
        for file, lines in mypy_errors.items()
        if not file.endswith("_mistakes.py")
        for line, messages in lines.items()
        for message in messages
    }
    assert sorted(unexpected) == []


def test_names_no_valid_schema_has_still_give_a_typed_package(generated: Path) -> None:
    api = next(generated.glob("hostile_names*/api.py")).read_text(encoding="utf-8")
    assert "        a_b: str,\n        x_y: ABId | Omitted = OMITTED,\n        None_: int," in api
    assert "        __p__: bool," in api
    assert '{"a-b": a_b, "x y": x_y, "None": None_, "__p": __p__}' in api


def test_int64_bounds_are_typed_ints_and_the_minimum_is_no_literal(generated: Path) -> None:
    """mypy refuses `Literal[-9223372036854775808]`; the mypy run above proves the package checks."""
    api = next(generated.glob("hostile_names*/api.py")).read_text(encoding="utf-8")
    assert "        low: int,\n        high: Literal[9223372036854775807],\n" in api
    assert ") -> int | Literal[9223372036854775807]:" in api


def test_every_generated_package_holds_only_the_allowlisted_shapes(generated: Path) -> None:
    packages = [p for p in generated.iterdir() if p.is_dir() and (p / "py.typed").exists()]
    assert len(packages) > 20
    for package in packages:
        assert_only_generator_shapes({p.name: p.read_text(encoding="utf-8") for p in package.glob("*.py")})
    documents = next(generated.glob("hostile_names*/documents.py")).read_text(encoding="utf-8")
    assert "\n    import os" not in documents and '\n        "injected": int' not in documents


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_every_generated_package_passes_ruff_with_its_defaults(generated: Path, command: list[str]) -> None:
    """Users need not exclude the generated code from their own `ruff check` / `ruff format`."""
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


def test_each_snapshot_fixture_has_a_usage_file() -> None:
    names = {p.stem for p in USAGE.glob("*_ok.py")}
    expected = {f"{package_name(p)}_ok" for p in [*FIXTURES.glob("seed-*"), FIXTURES / "python-edge-cases"]}
    assert expected <= names


@pytest.mark.parametrize("usage", sorted(USAGE.glob("*_mistakes.py")), ids=lambda p: p.stem)
def test_mypy_rejects_each_deliberate_mistake(
    usage: Path, mypy_errors: dict[str, dict[int, list[str]]]
) -> None:
    expected = {
        number: match["text"].strip()
        for number, text in enumerate(usage.read_text(encoding="utf-8").splitlines(), start=1)
        if (match := _EXPECTED.search(text))
    }
    assert len(expected) >= 4
    found = mypy_errors.get(usage.name, {})
    missing = {
        f"{number}: {text}"
        for number, text in expected.items()
        if not any(text in message for message in found.get(number, []))
    }
    extra = {f"{number}: {found[number]}" for number in found if number not in expected}
    assert (sorted(missing), sorted(extra)) == ([], [])


# ------------------------------------------------------------------------------------ runtime


class Recorder:
    """A client that records each call and answers from `results` (by function name)."""

    def __init__(self, results: dict[str, Any] | None = None) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.results = results or {}

    def _record(self, kind: str, name: str, args: dict[str, Any]) -> Any:
        self.calls.append((kind, name, args))
        return self.results.get(name)

    def query(self, name: str, args: dict[str, Any]) -> Any:
        return self._record("query", name, args)

    def mutation(self, name: str, args: dict[str, Any]) -> Any:
        return self._record("mutation", name, args)

    def action(self, name: str, args: dict[str, Any]) -> Any:
        return self._record("action", name, args)

    def subscribe(self, name: str, args: dict[str, Any]) -> FakeSubscription:
        self.calls.append(("subscribe", name, args))
        return FakeSubscription(list(self.results.get(name, [])))


class FakeSubscription:
    """What `convex.ConvexClient.subscribe` returns, answering from a list of results."""

    def __init__(self, results: list[Any]) -> None:
        self.results = results
        self.unsubscribed = False

    def __next__(self) -> Any:
        if not self.results:
            raise StopIteration
        return self.results.pop(0)

    async def __anext__(self) -> Any:
        if not self.results:
            raise StopAsyncIteration
        return self.results.pop(0)

    def unsubscribe(self) -> None:
        self.unsubscribed = True


def typed(value: Any) -> Any:
    """`value` with every number tagged by its type (`ConvexInt64(1) == 1` in the convex package)."""
    if isinstance(value, ConvexInt64):
        return ("int64", value.value)
    if isinstance(value, bool | int | float):
        return (type(value).__name__, value)
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [typed(item) for item in value]
    return value


@pytest.fixture
def edge(generated: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(generated))
    try:
        yield importlib.import_module("python_edge_cases")
    finally:
        sys.path.remove(str(generated))


def test_calls_send_the_convex_name_and_leave_out_omitted_arguments(edge: ModuleType) -> None:
    client = Recorder()
    api = edge.ConvexApi(client)
    api.messages.list(channel="c1")
    api.messages.list(channel="c1", limit=5, cursor=None)
    api.messages.default()
    api.admin.users.get(id="u1")
    api.admin.users_()
    api.messages.summarize(anything=1, goes=[2])
    assert client.calls == [
        ("query", "messages:list", {"channel": "c1"}),
        ("query", "messages:list", {"channel": "c1", "limit": 5, "cursor": None}),
        ("query", "messages:default", {}),
        ("query", "admin/users:get", {"id": "u1"}),
        ("query", "admin:users", {}),
        ("action", "messages:summarize", {"anything": 1, "goes": [2]}),
    ]
    assert typed(client.calls[-1][2]) == {"anything": ("int", 1), "goes": [("int", 2)]}  # no int64 here


def test_renamed_keyword_arguments_are_sent_under_their_convex_names(edge: ModuleType) -> None:
    client = Recorder()
    edge.ConvexApi(client).messages.search(
        from_=1.0, class_="c", self_=True, list_="l", cast_="x", __scope__="s"
    )
    sent = {"from": 1.0, "class": "c", "self": True, "list": "l", "cast": "x", "__scope": "s"}
    assert client.calls == [("query", "messages:search", sent)]


def test_ints_become_convex_int64_where_the_arguments_say_int64(edge: ModuleType) -> None:
    client = Recorder()
    api = edge.ConvexApi(client)
    source = {"kind": "bot", "botName": "b", "version": 3}
    api.messages.send(
        channel="c1", body="hi", after=41, tags=[1, 2], counters={"a": 1}, source=source, weight=2
    )
    api.messages.send(channel="c1", body="hi", source={"kind": "user", "userId": "u1"}, weight=ConvexInt64(2))
    sent = [args for _, _, args in client.calls]
    assert typed(sent[0]) == {
        "channel": "c1",
        "body": "hi",
        "after": ("int64", 41),
        "tags": [("int64", 1), ("int64", 2)],
        "counters": {"a": ("int64", 1)},
        "source": {"kind": "bot", "botName": "b", "version": ("int64", 3)},
        "weight": ("int", 2),  # int64 | float64: a Python int stays a (float) number
    }
    assert typed(sent[1]) == {
        "channel": "c1",
        "body": "hi",
        "source": {"kind": "user", "userId": "u1"},
        "weight": ("int64", 2),
    }
    assert source["version"] == 3 and type(source["version"]) is int  # the caller's dict is untouched
    api.messages.send(channel="c1", body="hi", tags=(5, 6), counters=MappingProxyType({"b": 7}))
    assert typed(client.calls[-1][2])["tags"] == [("int64", 5), ("int64", 6)]
    assert typed(client.calls[-1][2])["counters"] == {"b": ("int64", 7)}
    # What the real client would send for it: an Int64, not a Float64.
    assert convex_to_json(sent[0]["after"]) == {"$integer": "KQAAAAAAAAA="}


def test_a_query_subscription_sends_the_arguments_and_yields_decoded_results(edge: ModuleType) -> None:
    row = {"_id": "m1", "_creationTime": 1.0, "channel": "c", "author": "u", "body": "b", "sequence": ConvexInt64(7)}
    client = Recorder({"messages:list": [[row], []]})
    subscription = edge.ConvexApi(client).messages.subscribe_list(channel="c1", limit=5)
    assert client.calls == [("subscribe", "messages:list", {"channel": "c1", "limit": 5})]
    first = next(subscription)
    assert first[0]["sequence"] == 7 and type(first[0]["sequence"]) is int
    assert list(subscription) == [[]]
    subscription.unsubscribe()
    assert subscription._inner.unsubscribed


def test_a_query_subscription_is_async_iterable(edge: ModuleType) -> None:
    client = Recorder({"admin:stats": [{"users": ConvexInt64(2), "messages": {}}]})
    subscription = edge.ConvexApi(client).admin.subscribe_stats()

    async def collect() -> list[Any]:
        return [result async for result in subscription]

    assert asyncio.run(collect()) == [{"users": 2, "messages": {}}]


def test_only_queries_get_subscriptions(edge: ModuleType) -> None:
    api = edge.ConvexApi(Recorder())
    assert hasattr(api.messages, "subscribe_list") and hasattr(api.messages, "subscribe_search")
    assert not hasattr(api.messages, "subscribe_send") and not hasattr(api.messages, "subscribe_summarize")


def test_int64_results_come_back_as_ints(edge: ModuleType) -> None:
    settings = {"theme": "dark", "notifications": {"email": True, "digest": ConvexInt64(9)}}
    client = Recorder(
        {
            "messages:send": {"id": "m1", "sequence": ConvexInt64(7), "history": [ConvexInt64(1)]},
            "messages:purge": ConvexInt64(3),
            "admin:stats": {"users": ConvexInt64(2), "messages": {"c1": ConvexInt64(5)}},
            "admin/users:get": {"_id": "u1", "_creationTime": 1.5, "name": "A", "settings": settings},
            "messages:summarize": {"raw": ConvexInt64(4)},
        }
    )
    api = edge.ConvexApi(client)
    assert typed(api.messages.send(channel="c1", body="x")) == {
        "id": "m1",
        "sequence": ("int", 7),
        "history": [("int", 1)],
    }
    assert typed(api.messages.purge(before=10)) == ("int", 3)
    assert typed(client.calls[-1][2]) == {"before": ("int64", 10)}
    assert typed(api.admin.stats()) == {"users": ("int", 2), "messages": {"c1": ("int", 5)}}
    profile = api.admin.users.get(id="u1")
    assert typed(profile["settings"]["notifications"]) == {"email": ("bool", True), "digest": ("int", 9)}
    assert typed(profile["_creationTime"]) == ("float", 1.5)
    assert typed(api.messages.summarize()) == {"raw": ("int64", 4)}  # no returns validator: as it came


def test_schema_comments_become_docstrings(edge: ModuleType) -> None:
    doc = " ".join(edge.MessagesDoc.__doc__.split())
    assert 'A docstring with "quotes", \\backslashes\\ and """triple quotes""".' in doc


def test_the_function_mapping_lists_every_generated_function_with_its_kind(edge: ModuleType) -> None:
    assert edge.FUNCTIONS == {
        "admin/users:get": "query",
        "admin/users:namesByRole": "query",
        "admin/users:setRole": "mutation",
        "admin:stats": "query",
        "admin:users": "query",
        "messages:default": "query",
        "messages:list": "query",
        "messages:purge": "mutation",
        "messages:search": "query",
        "messages:send": "mutation",
        "messages:summarize": "action",
    }


def test_an_explicit_none_is_sent_and_an_omitted_argument_is_not(generated: Path) -> None:
    sys.path.insert(0, str(generated))
    try:
        dashboard = importlib.import_module("seed_001_dashboard")
    finally:
        sys.path.remove(str(generated))
    client = Recorder({"alerts:updateUserStatus": "s1"})
    api = dashboard.ConvexApi(client)
    assert api.alerts.updateUserStatus(userId="u1", alertLevel=None, nextDue=dashboard.OMITTED) == "s1"
    assert client.calls == [("mutation", "alerts:updateUserStatus", {"userId": "u1", "alertLevel": None})]


# ------------------------------------------------------------------ attacker-controlled text

# The document type of each table of tests/injection/ (names colliding after case conversion
# are numbered in table-name order).
DOCUMENT_TYPES = {
    "injection": "InjectionDoc",
    "names": "Names2Doc",
    "Names": "NamesDoc",
    "NAMES": "NAMESDoc",
    HOSTILE_TABLE: "ScriptXDoc",
}
# The arguments of `fns:echo`, in declaration order, with a value each may take.
ECHO_ARGUMENTS = {
    "class": '"""',
    "from": "\\",
    "list": None,  # optional: left out
    "__init__": "'''\n\"\"\"",
    "{{ x }}": "{% raw %}",
    "Name": "N",
    "name": "</script>",
}


@pytest.fixture
def injected(generated: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(generated))
    try:
        yield importlib.import_module(INJECTED)
    finally:
        sys.path.remove(str(generated))


def test_literal_types_allow_exactly_the_strings_of_the_schema(injected: ModuleType) -> None:
    documents = injected.documents
    hints = get_type_hints(documents.InjectionDoc)
    assert {field: get_args(hints[field]) for field in LITERALS} == LITERALS
    assert get_args(documents.InjectionChoice) == LITERALS["choice"]
    assert get_args(get_type_hints(documents.InjectionMeta)["__class__"]) == META_LITERALS
    assert sorted(get_args(documents.TableName)) == sorted(TABLE_NAMES)


def test_typed_dict_keys_are_the_field_names_of_the_schema(injected: ModuleType) -> None:
    documents = injected.documents
    for table, type_name in DOCUMENT_TYPES.items():
        document = getattr(documents, type_name)
        assert list(document.__annotations__) == ["_id", "_creationTime", *FIELDS[table]], table
        # Not `__optional_keys__`: Python 3.11 cannot see `NotRequired` in string annotations.
        hints = get_type_hints(document, include_extras=True)
        optional = {key for key, hint in hints.items() if get_origin(hint) is NotRequired}
        assert optional == OPTIONAL_FIELDS.get(table, set()), table
    assert list(documents.InjectionMeta.__annotations__) == list(META_FIELDS)


def test_ids_of_tables_differing_only_in_case_stay_distinct(injected: ModuleType) -> None:
    documents = injected.documents
    id_of = {table: get_type_hints(getattr(documents, name))["_id"] for table, name in DOCUMENT_TYPES.items()}
    assert len(set(id_of.values())) == len(id_of)
    names = get_type_hints(documents.NamesDoc)
    assert (names["names"], names["Names"]) == (id_of["names"], id_of["Names"])
    assert get_type_hints(documents.InjectionDoc)["target"] is id_of[HOSTILE_TABLE]


def test_hostile_argument_names_and_values_reach_the_client_unchanged(injected: ModuleType) -> None:
    method = injected.api.FnsApi.echo
    parameters = [p for p in inspect.signature(method).parameters if p != "self"]
    python_name = dict(zip(ECHO_ARGUMENTS, parameters, strict=True))
    hints = get_type_hints(method)
    assert get_args(hints[python_name["class"]]) == ('"""',)
    assert get_args(hints[python_name["from"]]) == ("'''", "\\", "</script>")
    assert get_args(hints[python_name["{{ x }}"]]) == ("{% raw %}",)
    client = Recorder({"fns:echo": {'"""': "'''", "type": "t"}})
    sent = {name: value for name, value in ECHO_ARGUMENTS.items() if value is not None}
    result = injected.ConvexApi(client).fns.echo(**{python_name[name]: value for name, value in sent.items()})
    assert client.calls == [("query", "fns:echo", sent)]
    assert result == {'"""': "'''", "type": "t"}
    assert list(hints["return"].__annotations__) == ['"""', "type"]
    assert injected.FUNCTIONS == {"fns:echo": "query"}


def test_hostile_comments_become_docstrings_with_the_same_text(injected: ModuleType) -> None:
    first_line = (injected.api.FnsApi.echo.__doc__ or "").split("\n", 1)[0]
    assert first_line == "Echo \"\"\" ''' \\ {{ x }} {% if %} </script> <img src=x onerror=alert(1)> | `t`"
    table_doc = " ".join((injected.documents.InjectionDoc.__doc__ or "").split())
    assert "Table doc with \"\"\" and ''' and \\ and {{ x }} and {% raw %} and </script>" in table_doc
