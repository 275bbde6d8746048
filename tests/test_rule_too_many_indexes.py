"""too-many-indexes (D107): the 64-index hard limit and the documented 32 / 4 vector limits."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config
from schemalint.diagnostics import Severity

ONLY = parse_config({"select": ["too-many-indexes"]})


def _table_with_indexes(count: int) -> str:
    fields = ", ".join(f"f{i}: v.string()" for i in range(count))
    indexes = "".join(f'.index("by_f{i}", ["f{i}"])' for i in range(count))
    return f"export default defineSchema({{ wide: defineTable({{ {fields} }}){indexes} }});"


def test_thirty_two_indexes_are_fine() -> None:
    assert_findings(_table_with_indexes(32), config=ONLY)


def test_more_than_thirty_two_is_a_warning_at_the_thirty_third() -> None:
    [finding] = assert_findings(_table_with_indexes(33), "too-many-indexes", config=ONLY)
    assert finding.severity is Severity.WARNING and finding.index == "by_f32"


def test_more_than_sixty_four_is_an_error() -> None:
    [finding] = assert_findings(_table_with_indexes(65), "too-many-indexes", config=ONLY)
    assert finding.severity is Severity.ERROR and finding.index == "by_f64"
    assert finding.message.startswith('Table "wide" cannot have more than 64 indexes')


def test_a_fifth_vector_index_is_a_warning() -> None:
    fields = ", ".join(f"e{i}: v.array(v.float64())" for i in range(5))
    indexes = "".join(f'.vectorIndex("by_e{i}", {{ vectorField: "e{i}", dimensions: 8 }})' for i in range(5))
    [finding] = assert_findings(
        f"export default defineSchema({{ chunks: defineTable({{ {fields} }}){indexes} }});",
        "too-many-indexes",
        config=ONLY,
    )
    assert finding.severity is Severity.WARNING and finding.index == "by_e4"
