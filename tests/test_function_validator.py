"""`v.function(...)` (convex 1.49.0): a function-handle validator with optional signature parts.

The exact export of each form is checked against the oracle by the `validators-function`
fixture; these tests pin what schemalint does with signatures Convex would not export."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from helpers import write_project

from schemalint.cli import main


def export_field(tmp_path: Path, expression: str) -> tuple[int, object, str]:
    """Exit code, the `documentType` JSON of field `f` and stderr for `f: <expression>`."""
    write_project(tmp_path, f"export default defineSchema({{ t: defineTable({{ f: {expression} }}) }});")
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--compact"])
    document = json.loads(result.stdout)["tables"][0]["documentType"]
    return result.exit_code, document["value"]["f"]["fieldType"], result.stderr


def test_signature_parts_are_exported_when_given(tmp_path: Path) -> None:
    code, exported, _ = export_field(
        tmp_path, 'v.function({ fnType: "query", args: { id: v.string() }, returns: v.null() })'
    )
    assert code == 0
    assert exported == {
        "type": "function",
        "fnType": "query",
        "args": {"type": "object", "value": {"id": {"fieldType": {"type": "string"}, "optional": False}}},
        "returns": {"type": "null"},
    }


def test_undefined_signature_parts_are_left_out(tmp_path: Path) -> None:
    code, exported, _ = export_field(tmp_path, "v.function({ fnType: undefined, args: undefined })")
    assert (code, exported) == (0, {"type": "function"})


def test_members_of_a_function_validator_read_its_signature(tmp_path: Path) -> None:
    code, exported, _ = export_field(
        tmp_path, 'v.literal(v.function({ fnType: "action" }).fnType + v.function().kind)'
    )
    assert (code, exported) == (0, {"type": "literal", "value": "actionfunction"})


def test_null_args_is_not_a_validator_and_is_reported(tmp_path: Path) -> None:
    # Convex stores `null` and its export() then throws reading `null.json`.
    code, exported, stderr = export_field(tmp_path, "v.function({ args: null })")
    assert code == 1
    assert exported == {"type": "function", "args": {"type": "any"}}
    assert "`null` is not a validator" in stderr


def test_a_non_string_fn_type_is_unknown(tmp_path: Path) -> None:
    code, exported, stderr = export_field(tmp_path, "v.function({ fnType: 1 })")
    assert (code, exported) == (1, {"type": "any"})
    assert "fnType" in stderr
