"""unknown-index-field (D108): index paths that cannot exist under the document validator."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config
from schemalint.diagnostics import Severity

ONLY = parse_config({"select": ["unknown-index-field"]})


def test_a_missing_field_is_an_error_with_convexs_message_and_a_suggestion() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema({
          users: defineTable({ email: v.string() }).index("by_email", ["emial"]),
        });
        """,
        "unknown-index-field",
        config=ONLY,
    )
    assert finding.severity is Severity.ERROR and finding.index == "by_email"
    assert finding.message == (
        'In table "users" the index "by_email" is invalid because it references the field "emial" '
        "that does not exist."
    )
    assert finding.help is not None and 'Did you mean "email"?' in finding.help


def test_paths_through_arrays_records_and_scalars_never_exist() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          posts: defineTable({
            tags: v.array(v.object({ name: v.string() })),
            byLang: v.record(v.string(), v.object({ title: v.string() })),
            title: v.string(),
          })
            .index("by_tag", ["tags.name"])
            .index("by_lang", ["byLang.title"])
            .index("by_length", ["title.length"]),
        });
        """,
        *["unknown-index-field"] * 3,
        config=ONLY,
    )
    assert found[0].help is not None and "is an array" in found[0].help


def test_search_vector_and_filter_fields_are_checked_too() -> None:
    found = assert_findings(
        """
        export default defineSchema({
          messages: defineTable({ content: v.string(), userId: v.string() })
            .searchIndex("search_content", { searchField: "content", filterFields: ["channel"] })
            .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 1536, filterFields: ["team"] }),
        });
        """,
        *["unknown-index-field"] * 3,
        config=ONLY,
    )
    severities = {(d.index, d.severity) for d in found}
    # Convex does not check vector filter fields at deploy: only a warning.
    assert severities == {
        ("search_content", Severity.ERROR),
        ("by_embedding", Severity.ERROR),
        ("by_embedding", Severity.WARNING),
    }


def test_without_schema_validation_it_is_a_warning() -> None:
    [finding] = assert_findings(
        """
        export default defineSchema(
          { users: defineTable({ name: v.string() }).index("by_email", ["email"]) },
          { schemaValidation: false },
        );
        """,
        "unknown-index-field",
        config=ONLY,
    )
    assert finding.severity is Severity.WARNING
    assert finding.help is not None and "schemaValidation is false" in finding.help


def test_unions_any_and_system_fields_pass() -> None:
    assert_findings(
        """
        export default defineSchema({
          events: defineTable(
            v.union(
              v.object({ kind: v.literal("click"), target: v.string() }),
              v.object({ kind: v.literal("view"), page: v.string(), data: v.any() }),
            ),
          )
            .index("by_page", ["page"])
            .index("by_data_source", ["data.source"])
            .searchIndex("search_target", { searchField: "target", filterFields: ["_creationTime"] }),
        });
        """,
        config=ONLY,
    )


def test_fields_the_parser_could_not_see_are_given_the_benefit_of_the_doubt() -> None:
    assert_findings(
        """
        import { sharedFields } from "some-unknown-package";

        export default defineSchema({
          posts: defineTable({ ...sharedFields, title: v.string(), meta: v.object({ ...sharedFields }) })
            .index("by_author", ["authorId"])
            .index("by_meta_source", ["meta.source"]),
        });
        """,
        config=ONLY,
    )


def test_a_field_added_by_the_staged_validator_may_be_indexed() -> None:
    assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ title: v.string() })
            .staged({ slug: v.string() })
            .index("by_slug", ["slug"]),
        });
        """,
        config=ONLY,
    )


def test_underscore_paths_are_left_to_invalid_index_fields() -> None:
    assert_findings(
        """
        export default defineSchema({
          posts: defineTable({ meta: v.object({ a: v.string() }) }).index("by_meta_x", ["meta._x"]),
        });
        """,
        "invalid-index-fields",
        config=parse_config({"select": ["unknown-index-field", "invalid-index-fields"]}),
    )
