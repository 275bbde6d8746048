"""invalid-index-fields (D106): field lists Convex rejects, one finding per problem."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config

ONLY = parse_config({"select": ["invalid-index-fields"]})


def test_an_empty_staged_index_names_itself_staged() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ title: v.string() }).index("by_nothing", { fields: [], staged: true }),
        });
        """,
        "invalid-index-fields",
        config=ONLY,
    )
    assert finding.message == 'In table "posts" staged index "by_nothing" must have at least one field.'


def test_fifteen_fields_fit_but_sixteen_do_not() -> None:
    fields = ", ".join(f"f{i}: v.string()" for i in range(16))
    fifteen = ", ".join(f'"f{i}"' for i in range(15))
    assert_findings(
        f"""
        export default defineSchema({{
          wide: defineTable({{ {fields} }}).index("by_15", [{fifteen}]).index("by_16", [{fifteen}, "f15"]),
        }});
        """,
        "invalid-index-fields",
        config=ONLY,
    )


def test_system_and_underscore_fields_and_duplicates_are_each_reported() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ a: v.string(), meta: v.object({ _x: v.string() }) })
            .index("by_everything", ["_id", "_creationTime", "meta._x", "a", "a"]),
        });
        """,
        *["invalid-index-fields"] * 4,
        config=ONLY,
    )
    messages = " | ".join(d.message for d in found)
    assert "`_id` is not a valid index field" in messages
    assert "`_creationTime` is automatically added" in messages
    assert 'field "meta._x": Reserved fields' in messages
    assert 'Duplicate field "a"' in messages


def test_malformed_paths_of_every_index_kind() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ a: v.string(), e: v.array(v.float64()) })
            .index("by_bad", ["a..b"])
            .searchIndex("search_bad", { searchField: "a", filterFields: ["$x"] })
            .vectorIndex("by_vector", { vectorField: "e", dimensions: 8, filterFields: ["bad-name"] }),
        });
        """,
        *["invalid-index-fields"] * 3,
        config=ONLY,
    )
    assert found[0].message.startswith('In index "by_bad": Invalid index field: "a..b"')


def test_surrounding_dots_and_nested_paths_are_fine() -> None:
    assert_findings(
        """
        export default defineSchema({
          places: defineTable({ address: v.object({ city: v.string() }) })
            .index("by_city", ["address.city"])
            .index("by_city_dotted", ["address.city."]),
        });
        """,
        config=ONLY,
    )
