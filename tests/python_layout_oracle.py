"""The layout oracle for generated Python: libcst's view of PEP 8 blank lines (two around
top-level definitions, one around methods and after a class docstring, at most one elsewhere).

The generator's templates print this layout themselves (nothing respaces their output at run
time); the tests check that libcst, parsing a generated file, finds nothing to change and
reproduces it byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst


def libcst_layout(code: str) -> str:
    """`code` parsed by libcst and respaced by it (one newline at the end of the file)."""
    module = cst.parse_module(code)
    assert module.code == code, "libcst does not round-trip the file"
    return module.visit(_BlankLines()).code.rstrip("\n") + "\n"


def _with_blank_lines(lines: Sequence[cst.EmptyLine], count: int) -> list[cst.EmptyLine]:
    comments = [line for line in lines if line.comment is not None]
    return [cst.EmptyLine(indent=False)] * count + comments


def _is_definition(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.ClassDef | cst.FunctionDef)


def _spaced(body: Sequence[cst.BaseStatement], around_definitions: int) -> list[cst.BaseStatement]:
    out: list[cst.BaseStatement] = []
    for index, statement in enumerate(body):
        lines = statement.leading_lines  # type: ignore[attr-defined]
        if index == 0:
            count = 0
        elif _is_definition(statement) or _is_definition(body[index - 1]):
            count = around_definitions
        else:
            count = min(1, sum(1 for line in lines if line.comment is None))
        out.append(statement.with_changes(leading_lines=_with_blank_lines(lines, count)))
    return out


class _BlankLines(cst.CSTTransformer):
    def on_visit(self, node: cst.CSTNode) -> bool:
        return not isinstance(node, cst.SimpleStatementLine | cst.BaseExpression)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = list(updated_node.body)
        spaced = _spaced(body, 2)
        if spaced and body[0].leading_lines:
            spaced[0] = spaced[0].with_changes(leading_lines=body[0].leading_lines)
        return updated_node.with_changes(body=spaced)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        block = updated_node.body
        if not isinstance(block, cst.IndentedBlock):
            return updated_node
        body = _spaced(list(block.body), 1)
        if len(body) > 1 and _is_docstring(body[0]):
            lines = body[1].leading_lines  # type: ignore[attr-defined]
            body[1] = body[1].with_changes(leading_lines=_with_blank_lines(lines, 1))
        return updated_node.with_changes(body=block.with_changes(body=body))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        block = updated_node.body
        if not isinstance(block, cst.IndentedBlock):
            return updated_node
        return updated_node.with_changes(body=block.with_changes(body=_spaced(list(block.body), 0)))


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )
