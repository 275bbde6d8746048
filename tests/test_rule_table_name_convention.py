"""table-name-convention (N403): table names in the schema's own convention (or a configured one), with an allowlist."""

from __future__ import annotations

from typing import Any

from helpers import assert_findings

from schemalint.config import Config, parse_config

RULE = "table-name-convention"


def only(**options: Any) -> Config:
    """The explicit style (camelCase plurals) unless the test says otherwise."""
    return parse_config({"select": [RULE], "rules": {RULE: {"case": "camelCase", "plural": "required", **options}}})


AUTO = parse_config({"select": [RULE]})


def _schema(*names: str) -> str:
    tables = ", ".join(f"{name}: defineTable({{ a: v.string() }})" for name in names)
    return f"export default defineSchema({{ {tables} }});"


def test_singular_names_are_reported_with_their_plural() -> None:
    found = assert_findings(
        _schema("userProfile", "category", "person", "box", "analysis"), *[RULE] * 5, config=only()
    )
    assert found[0].message == 'Table name "userProfile" is not plural ("profile" is singular)'
    assert [(d.help or "").split('"')[1] for d in found] == [
        "userProfiles",
        "categories",
        "people",
        "boxes",
        "analyses",
    ]


def test_names_not_in_camel_case_are_reported_with_the_camel_case_spelling() -> None:
    [snake, pascal] = assert_findings(_schema("user_profiles", "UserProfiles"), RULE, RULE, config=only())
    assert snake.message == 'Table name "user_profiles" is not camelCase'
    assert snake.help is not None and snake.help.startswith('Rename it to "userProfiles"')
    assert pascal.help is not None and pascal.help.startswith('Rename it to "userProfiles"')


def test_plurals_uncountables_and_collections_are_fine() -> None:
    assert_findings(
        _schema(
            "users", "categories", "people", "children", "statuses", "data", "series", "analytics",
            # seed 002's own examples of its plural-style convention
            "lessonProgress", "communitySettings", "gamificationConfig", "userStatus",
            # a table named after the collection it is
            "auditLog", "activityLog", "ttsCache", "jobQueue", "addressBook", "staff", "postsMeta",
        ),
        config=only(),
    )  # fmt: skip


def test_the_allowlist_and_options_turn_checks_off() -> None:
    assert_findings(_schema("feedbackItem"), config=only(allow=["feedbackItem"]))
    assert_findings(_schema("userProfile"), config=only(plural="any"))
    assert_findings(_schema("User_Profile"), config=only(case="any", plural="any"))


def test_snake_case_style_checks_plurals_of_the_last_word() -> None:
    found = assert_findings(
        _schema("user_profiles", "blog_category", "userProfiles"), RULE, RULE, config=only(case="snake_case")
    )
    assert [(d.table, (d.help or "").split('"')[1]) for d in found] == [
        ("blog_category", "blog_categories"),
        ("userProfiles", "user_profiles"),
    ]


def test_reserved_and_invalid_names_are_left_to_their_own_rules() -> None:
    assert_findings(
        'export default defineSchema({ _jobs: defineTable({}), "user-profile": defineTable({}) });',
        config=only(),
    )


# case = "auto", plural = "auto" (the defaults): the schema's own convention.


def test_auto_reports_the_singular_name_among_plural_ones_with_the_evidence() -> None:
    [finding] = assert_findings(_schema("users", "workspaces", "projects", "teams", "siteUser"), RULE, config=AUTO)
    assert finding.message == 'Table name "siteUser" is singular, but 4 of 4 other tables have plural names'
    assert finding.help is not None and finding.help.startswith('Rename it to "siteUsers"')


def test_auto_accepts_a_consistently_singular_schema_and_a_plural_among_singulars() -> None:
    assert_findings(_schema("user", "workspace", "project", "team", "invoices"), config=AUTO)


def test_auto_reports_a_case_exception() -> None:
    [finding] = assert_findings(
        _schema("userProfiles", "blogPosts", "auditLogs", "teamMembers", "api_keys", "users"), RULE, config=AUTO
    )
    assert finding.message == 'Table name "api_keys" is snake_case, but 4 of 4 other table names that show a case are camelCase'
    assert finding.help is not None and finding.help.startswith('Rename it to "apiKeys"')


def test_auto_is_silent_below_a_clear_majority_or_with_few_tables() -> None:
    assert_findings(_schema("users", "posts", "profile", "setting", "teams"), config=AUTO)
    assert_findings(_schema("users", "posts", "profile"), config=AUTO)
    assert_findings(_schema("user_profiles", "blogPosts", "audit_logs", "teamMembers"), config=AUTO)


def test_auto_does_not_judge_gerunds_state_singletons_or_join_tables() -> None:
    assert_findings(
        _schema("users", "workspaces", "projects", "teams", "callSignaling", "syncState", "workspaceToUser"),
        config=AUTO,
    )
