"""deep-nesting (T303): values nested deeper than Convex stores (16 levels, the document is 1)."""

from __future__ import annotations

import pytest
from helpers import assert_findings

from schemalint.config import Config, ConfigError, parse_config


def _nested_arrays(count: int) -> str:
    return "v.array(" * count + "v.number()" + ")" * count


def _only(**options: int) -> Config:
    rules = {"deep-nesting": {"max-depth": options["max_depth"]}} if options else {}
    return parse_config({"select": ["deep-nesting"], "rules": rules})


def test_sixteen_levels_fit() -> None:
    assert_findings(
        f"export default defineSchema({{ grids: defineTable({{ cells: {_nested_arrays(15)} }}) }});",
        config=_only(),
    )


def test_the_first_level_beyond_the_limit_is_reported_once() -> None:
    [finding] = assert_findings(
        f"export default defineSchema({{ grids: defineTable({{ cells: {_nested_arrays(18)} }}) }});",
        "deep-nesting",
        config=_only(),
    )
    assert finding.field == "cells"
    assert "nesting level 17 (and reach level 19)" in finding.message


def test_objects_and_records_count_and_union_members_are_alternatives() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          trees: defineTable({
            a: v.object({ b: v.record(v.string(), v.union(v.string(), v.object({ c: v.array(v.number()) }))) }),
          }),
        });
        """,
        "deep-nesting",
        config=_only(max_depth=4),
    )
    # document 1, a 2, b's record 3, the object in it 4, c's array 5.
    assert finding.field == "a.b.c" and "nesting level 5" in finding.message


def test_max_depth_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="max-depth"):
        parse_config({"rules": {"deep-nesting": {"max-depth": 0}}})
