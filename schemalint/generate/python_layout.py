"""Blank lines of generated Python as PEP 8 and `ruff format` have them, from the `ast` alone.

Two blank lines around top-level classes and functions, one around methods, one after a class
docstring, none at the start of a block; elsewhere at most one (as many as the template wrote, up
to one); the comments above a statement stay attached to it; the file ends with one newline.
`respace` parses the code once (which also proves it is valid Python) and rebuilds its lines.
"""

from __future__ import annotations

import ast


class LayoutError(Exception):
    """The code does not parse (a bug in a template or the view model)."""


def respace(code: str, name: str) -> tuple[str, ast.Module]:
    """`code` with its blank lines normalised (see the module docstring), and its syntax tree
    (the same statements: only blank lines differ)."""
    try:
        tree = ast.parse(code, filename=name)
    except SyntaxError as exc:
        raise LayoutError(f"{name}: generated code does not parse: {exc}") from None
    lines = code.splitlines(keepends=True)
    out: list[str] = []
    end = _block(tree.body, lines, 0, out, around_definitions=2, module=True)
    out.extend(line for line in lines[end:] if line.strip())  # trailing comments, if any
    return "".join(out).rstrip("\n") + "\n", tree


def _first_line(statement: ast.stmt) -> int:
    """The 0-based index of a statement's first line (its first decorator's, if any)."""
    decorators: list[ast.expr] = getattr(statement, "decorator_list", [])
    return min([statement.lineno, *(d.lineno for d in decorators)]) - 1


def _is_definition(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _block(
    body: list[ast.stmt],
    lines: list[str],
    start: int,
    out: list[str],
    *,
    around_definitions: int,
    module: bool = False,
    class_body: bool = False,
) -> int:
    """Append the statements of `body` (whose leading lines start at `start`) to `out`, spaced;
    returns the index of the line after the last one."""
    position = start
    for index, statement in enumerate(body):
        first = _first_line(statement)
        gap = lines[position:first]
        comments = [line for line in gap if line.strip()]
        if index == 0:
            blanks = sum(1 for line in gap if not line.strip()) if module else 0
        elif class_body and index == 1 and _is_docstring(body[0]):
            blanks = 1
        elif _is_definition(statement) or _is_definition(body[index - 1]):
            blanks = around_definitions
        else:
            blanks = min(1, sum(1 for line in gap if not line.strip()))
        out.extend(["\n"] * blanks)
        out.extend(comments)
        position = _statement(statement, lines, first, out)
    return position


def _statement(statement: ast.stmt, lines: list[str], first: int, out: list[str]) -> int:
    """Append one statement (its nested block respaced); returns the index after its last line."""
    end = statement.end_lineno or statement.lineno
    if not _is_definition(statement):
        out.extend(lines[first:end])
        return end
    assert isinstance(statement, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    body = statement.body
    header_end = _first_line(body[0])
    while header_end > first and (not lines[header_end - 1].strip() or _is_comment(lines[header_end - 1])):
        header_end -= 1
    out.extend(lines[first:header_end])
    if isinstance(statement, ast.ClassDef):
        return _block(body, lines, header_end, out, around_definitions=1, class_body=True)
    return _block(body, lines, header_end, out, around_definitions=0)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")
