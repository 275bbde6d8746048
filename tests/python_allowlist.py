"""The shapes of Python the client generator emits, and a checker that a generated module holds
nothing else (issue #17: no schema text may ever become code).

`disallowed(source)` lists every statement or expression of a generated module that is not one of
the shapes below; an empty list means the module only declares types and calls the `convex`
client. The schema-independent helpers of api.py (`_convert`, `_Namespace._call`...) must be
exactly the template's: their AST is compared with the one of a package generated from an empty
schema.

What a generated module may contain:
- docstrings (a string expression statement), `from`/`import` statements;
- annotated assignments of a type expression (`X: TypeAlias = ...`), `X = NewType("X", str)`,
  `X = TypedDict("X", {"key": type, ...})`, `__all__ = ["name", ...]`, the `FUNCTIONS` mapping of
  string literals, and the facade's fixed constants;
- classes deriving from `TypedDict` (annotated fields and docstrings only), `_Model` (the
  pydantic variant: annotated fields whose default is `OMITTED` or `Field([OMITTED, ]alias="key")`,
  docstrings, and `model_config = ConfigDict(extra="allow")`) or `_Namespace`
  (an `__init__` making child namespaces, and methods whose body is a docstring and one
  `return [cast(T, ]self._call("kind", "name", {args}, shape, shape)[)]` or
  `return self._subscribe("name", {args}, shape, shape)`; in the pydantic variant the shapes
  are `{"key": type, ...}` and a type);
- the template's fixed helper classes and functions.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator

from python_layout_oracle import libcst_layout

_QUALIFIERS = {"_builtins", "_typing", "_convex", "_documents"}
# Fixed parts of api.py.jinja, compared verbatim with an empty schema's package.
FIXED_CLASSES = {"ConvexCaller", "Omitted", "_Conv", "_Namespace", "Subscription"}
FIXED_FUNCTIONS = {"_convert", "_to_int64", "_from_int64", "_encoded"}
FIXED_ASSIGNMENTS = {"OMITTED", "_INT64", "FunctionKind", "_T"}
# ... and of the pydantic variant's templates (generators/python/pydantic/).
FIXED_CLASSES |= {"_Model", "_NoValueSchema", "_AsInt64"}
FIXED_FUNCTIONS |= {"_int64_in", "_int64_literal_in", "_int64_out", "_no_value", "_adapter", "_decoded"}
FIXED_ASSIGNMENTS |= {"Int64", "AS_INT64", "NoValue"}


def disallowed(source: str, fixed: dict[str, str] | None = None) -> list[str]:
    """Descriptions of the statements and expressions of `source` outside the allowlist.

    `fixed` maps the names of the template's helpers to `ast.dump` of their definitions (see
    `fixed_definitions`); when given, each helper must be identical to it."""
    module = ast.parse(source)
    problems: list[str] = []
    for statement in module.body:
        problems.extend(_module_statement(statement, fixed))
    return problems


def fixed_definitions(source: str) -> dict[str, str]:
    """`name -> ast.dump` of the template helpers defined at module level in `source`."""
    found: dict[str, str] = {}
    for statement in ast.parse(source).body:
        name = _defined_name(statement)
        if name in FIXED_CLASSES | FIXED_FUNCTIONS | FIXED_ASSIGNMENTS:
            found[name] = ast.dump(statement)
    return found


def _defined_name(statement: ast.stmt) -> str | None:
    if isinstance(statement, ast.ClassDef | ast.FunctionDef):
        return statement.name
    if isinstance(statement, ast.AnnAssign | ast.Assign):
        target = statement.target if isinstance(statement, ast.AnnAssign) else statement.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    return None


def _where(node: ast.AST) -> str:
    return f"line {getattr(node, 'lineno', '?')}: {ast.unparse(node)[:200]!r}"


def _module_statement(statement: ast.stmt, fixed: dict[str, str] | None) -> Iterator[str]:
    name = _defined_name(statement)
    if name in FIXED_CLASSES | FIXED_FUNCTIONS | FIXED_ASSIGNMENTS:
        if fixed is not None and fixed.get(name) != ast.dump(statement):
            yield f"template helper {name} differs from the template: {_where(statement)}"
        return
    if _is_docstring(statement) or isinstance(statement, ast.Import | ast.ImportFrom):
        return
    if isinstance(statement, ast.AnnAssign):
        yield from _annotated_assignment(statement)
    elif isinstance(statement, ast.Assign):
        yield from _assignment(statement)
    elif isinstance(statement, ast.ClassDef):
        yield from _class(statement)
    else:
        yield f"statement not allowed at module level: {_where(statement)}"


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _annotated_assignment(statement: ast.AnnAssign) -> Iterator[str]:
    if not isinstance(statement.target, ast.Name) or not statement.simple:
        yield f"annotated assignment to something other than a name: {_where(statement)}"
        return
    if not _is_type(statement.annotation):
        yield f"annotation is not a type: {_where(statement)}"
    value = statement.value
    if statement.target.id == "FUNCTIONS":
        if not (isinstance(value, ast.Dict) and all(map(_is_str, [*value.keys, *value.values]))):
            yield f"FUNCTIONS is not a mapping of string literals: {_where(statement)}"
    elif value is not None and not _is_type(value):
        yield f"assigned value is not a type: {_where(statement)}"


def _assignment(statement: ast.Assign) -> Iterator[str]:
    target = statement.targets[0] if len(statement.targets) == 1 else None
    value = statement.value
    if not isinstance(target, ast.Name):
        yield f"assignment to something other than a name: {_where(statement)}"
    elif target.id == "__all__":
        if not (isinstance(value, ast.List) and all(map(_is_str, value.elts))):
            yield f"__all__ is not a list of string literals: {_where(statement)}"
    elif _is_call_of(value, "NewType"):
        assert isinstance(value, ast.Call)
        if not (len(value.args) == 2 and _is_str(value.args[0]) and _is_name(value.args[1], "str")):
            yield f"NewType is not over str: {_where(statement)}"
    elif _is_call_of(value, "TypedDict"):
        assert isinstance(value, ast.Call)
        fields = value.args[1] if len(value.args) == 2 else None
        if not (
            _is_str(value.args[0])
            and not value.keywords
            and isinstance(fields, ast.Dict)
            and all(key is not None and _is_str(key) for key in fields.keys)
            and all(map(_is_type, fields.values))
        ):
            yield f"functional TypedDict with other than literal keys and types: {_where(statement)}"
    else:
        yield f"assignment not allowed: {_where(statement)}"


def _class(node: ast.ClassDef) -> Iterator[str]:
    if node.decorator_list or node.keywords or len(node.bases) != 1:
        yield f"class with decorators, keywords or several bases: {_where(node)}"
        return
    base = node.bases[0]
    if _is_name(base, "TypedDict"):
        for statement in node.body:
            if _is_docstring(statement) or isinstance(statement, ast.Pass):
                continue
            if not (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and statement.value is None
                and _is_type(statement.annotation)
            ):
                yield f"TypedDict body holds more than fields: {_where(statement)}"
    elif _is_name(base, "_Model"):
        for statement in node.body:
            if not (
                _is_docstring(statement) or isinstance(statement, ast.Pass) or _is_model_statement(statement)
            ):
                yield f"model body holds more than fields: {_where(statement)}"
    elif _is_name(base, "_Namespace"):
        for index, statement in enumerate(node.body):
            if index == 0 and _is_docstring(statement):
                continue
            if not isinstance(statement, ast.FunctionDef):
                yield f"namespace body holds more than methods: {_where(statement)}"
            elif statement.name == "__init__":
                yield from _namespace_init(statement)
            else:
                yield from _method(statement)
    else:
        yield f"class base not allowed: {_where(node)}"


def _is_model_statement(statement: ast.stmt) -> bool:
    """`name: type`, `name: type = OMITTED`, `name: type = Field([OMITTED, ]alias="key")` or
    `model_config = ConfigDict(extra="allow")`."""
    if isinstance(statement, ast.Assign):
        return ast.unparse(statement) == "model_config = ConfigDict(extra='allow')"
    if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
        return False
    value = statement.value
    if not _is_type(statement.annotation):
        return False
    if value is None or _is_name(value, "OMITTED"):
        return True
    return (
        _is_call_of(value, "Field")
        and isinstance(value, ast.Call)
        and all(_is_name(arg, "OMITTED") for arg in value.args)
        and len(value.args) <= 1
        and len(value.keywords) == 1
        and value.keywords[0].arg == "alias"
        and _is_str(value.keywords[0].value)
    )


def _namespace_init(function: ast.FunctionDef) -> Iterator[str]:
    expected_head = "super().__init__(client)"
    body = function.body
    if ast.unparse(function.args) != "self, client: ConvexCaller" or not body:
        yield f"namespace __init__ signature: {_where(function)}"
        return
    if ast.unparse(body[0]) != expected_head:
        yield f"namespace __init__ does not start with {expected_head}: {_where(function)}"
    for statement in body[1:]:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Attribute)
            and _is_name(statement.targets[0].value, "self")
            and isinstance(statement.value, ast.Call)
            and isinstance(statement.value.func, ast.Name)
            and ast.unparse(statement.value.args) == "client"
            and not statement.value.keywords
        ):
            yield f"namespace __init__ does more than make child namespaces: {_where(statement)}"


def _method(function: ast.FunctionDef) -> Iterator[str]:
    if function.decorator_list:
        yield f"method with decorators: {_where(function)}"
    arguments = function.args
    annotations = [a.annotation for a in (*arguments.args[1:], *arguments.kwonlyargs)]
    if arguments.vararg or arguments.posonlyargs or arguments.args[0].arg != "self":
        yield f"method parameters: {_where(function)}"
    if arguments.kwarg is not None:
        annotations.append(arguments.kwarg.annotation)
    if not all(a is not None and _is_type(a) for a in annotations) or not _is_type(function.returns):
        yield f"method parameter or return annotation is not a type: {_where(function)}"
    defaults = [*arguments.defaults, *(d for d in arguments.kw_defaults if d is not None)]
    if not all(_is_name(d, "OMITTED") for d in defaults):
        yield f"parameter default other than OMITTED: {_where(function)}"
    body = function.body[1:] if function.body and _is_docstring(function.body[0]) else function.body
    if len(body) != 1 or not isinstance(body[0], ast.Return) or not _is_facade_call(body[0].value):
        yield f"method body is not one facade call: {_where(function)}"


def _is_facade_call(node: ast.expr | None) -> bool:
    if _is_call_of(node, "cast"):
        assert isinstance(node, ast.Call)
        return len(node.args) == 2 and _is_type(node.args[0]) and _is_facade_call(node.args[1])
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and _is_name(node.func.value, "self")
        and (node.func.attr, len(node.args)) in (("_call", 5), ("_subscribe", 4))
        and not node.keywords
    ):
        return False
    *strings, arguments, encode, decode = node.args
    return (
        all(map(_is_str, strings))
        and _is_arguments(arguments)
        and (_is_shape(encode) or _is_type_map(encode))
        and (_is_shape(decode) or _is_type(decode))
    )


def _is_type_map(node: ast.expr) -> bool:
    """`{"key": type, ...}`: the types the pydantic variant validates arguments as."""
    return isinstance(node, ast.Dict) and all(
        key is not None and _is_str(key) and _is_type(value)
        for key, value in zip(node.keys, node.values, strict=True)
    )


def _is_arguments(node: ast.expr) -> bool:
    """`{"key": name, ..., **extra}` or a bare name (the `**` parameter)."""
    if isinstance(node, ast.Name):
        return True
    if not isinstance(node, ast.Dict):
        return False
    return all(
        (key is None or _is_str(key)) and isinstance(value, ast.Name)
        for key, value in zip(node.keys, node.values, strict=True)
    )


def _is_shape(node: ast.expr) -> bool:
    """`None`, `_INT64` or `_Conv(keyword=shape or {"key": shape} or True or "tag", ...)`."""
    if _is_none(node) or _is_name(node, "_INT64"):
        return True
    if not _is_call_of(node, "_Conv"):
        return False
    assert isinstance(node, ast.Call)
    if node.args:
        return False
    for keyword in node.keywords:
        value = keyword.value
        if keyword.arg == "int64":
            ok = isinstance(value, ast.Constant) and value.value is True
        elif keyword.arg == "tag":
            ok = _is_str(value)
        elif keyword.arg in ("fields", "variants"):
            ok = isinstance(value, ast.Dict) and all(
                k is not None and _is_str(k) and _is_shape(v)
                for k, v in zip(value.keys, value.values, strict=True)
            )
        elif keyword.arg in ("items", "values"):
            ok = _is_shape(value)
        else:
            ok = False
        if not ok:
            return False
    return True


def _is_type(node: ast.expr | None) -> bool:
    """A type expression: names, qualified names, subscripts of types, literal members, `X | Y`."""
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Attribute):
        return isinstance(node.value, ast.Name) and node.value.id in _QUALIFIERS
    if isinstance(node, ast.Constant):
        return node.value is None or isinstance(node.value, str | int | bool) or node.value is Ellipsis
    if isinstance(node, ast.UnaryOp):
        return (
            isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and (type(node.operand.value) is int)
        )
    if isinstance(node, ast.Subscript):
        return _is_type(node.value) and _is_type(node.slice)
    if isinstance(node, ast.Tuple | ast.List):
        return all(map(_is_type, node.elts))
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ast.BitOr) and _is_type(node.left) and _is_type(node.right)
    return False


def _is_call_of(node: ast.expr | None, name: str) -> bool:
    return isinstance(node, ast.Call) and _is_name(node.func, name)


def _is_name(node: ast.expr | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_str(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def assert_only_generator_shapes(files: dict[str, str], *, pydantic: bool = False) -> None:
    """Every `.py` file of a generated package holds only the allowlisted shapes (and the
    template's helpers are the template's, verbatim), and libcst parses it and would lay it out
    the same (tests/python_layout_oracle.py). `pydantic`: a `--models pydantic` package."""
    fixed = _pydantic_template_helpers() if pydantic else _template_helpers()
    problems = [
        f"{name}: {p}"
        for name, text in sorted(files.items())
        if name.endswith(".py")
        for p in disallowed(text, fixed)
    ]
    assert not problems, "\n".join(problems)
    for name, text in sorted(files.items()):
        if name.endswith(".py"):
            assert libcst_layout(text) == text, f"{name}: libcst would lay it out differently"


@functools.cache
def _template_helpers() -> dict[str, str]:
    from schemalint.generate.python import render_python
    from schemalint.ir import Project, Schema

    empty = Project(root="/p", schema_file="/p/convex/schema.ts", schema=Schema(tables=()))
    return fixed_definitions(render_python(empty, ())["convex_types/api.py"])


@functools.cache
def _pydantic_template_helpers() -> dict[str, str]:
    """The helpers of the pydantic templates, from a package of one table with a `v.union()`
    field (the only one that needs `NoValue`)."""
    from schemalint.generate.python_pydantic import render_pydantic
    from schemalint.ir import Field, Project, Schema, Table, VObject, VUnion

    table = Table(name="t", document=VObject(fields=(Field(name="never", validator=VUnion(members=())),)))
    project = Project(root="/p", schema_file="/p/convex/schema.ts", schema=Schema(tables=(table,)))
    files = render_pydantic(project, ())
    return fixed_definitions(files["convex_types/api.py"]) | fixed_definitions(
        files["convex_types/documents.py"]
    )
