"""English and case heuristics for names (schemalint.naming)."""

from __future__ import annotations

import pytest

from schemalint.naming import (
    is_camel_case,
    is_plural,
    is_snake_case,
    lower_words,
    plural_name_problem,
    pluralize,
    pluralize_name,
    singularize,
    split_words,
    to_camel_case,
    to_snake_case,
)


def test_names_split_into_words_at_case_changes_underscores_dots_and_digits() -> None:
    assert split_words("lastMessageAt") == ["last", "Message", "At"]
    assert split_words("HTMLParser") == ["HTML", "Parser"]
    assert split_words("userID") == ["user", "ID"]
    assert lower_words("meta.import_batch2") == ["meta", "import", "batch", "2"]


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("user", "users"),
        ("category", "categories"),
        ("day", "days"),
        ("person", "people"),
        ("child", "children"),
        ("box", "boxes"),
        ("match", "matches"),
        ("status", "statuses"),
        ("analysis", "analyses"),
        ("leaf", "leaves"),
        ("series", "series"),
    ],
)
def test_plural_and_singular_round_trip(singular: str, plural: str) -> None:
    assert pluralize(singular) == plural
    assert singularize(plural) == singular
    assert is_plural(plural)


def test_singular_nouns_ending_in_s_are_not_plural() -> None:
    assert not any(is_plural(word) for word in ("status", "class", "analysis", "bus", "lens", "campus"))
    assert all(is_plural(word) for word in ("menus", "skus", "users", "people", "indexes"))
    assert singularize("cases") == "case" and singularize("houses") == "house"


def test_table_names_are_judged_by_their_last_word() -> None:
    assert plural_name_problem("userProfile") == '"profile" is singular'
    assert plural_name_problem("addressBook") is None
    assert plural_name_problem("book") == '"book" is singular'
    for name in ("userProfiles", "lessonProgress", "userStatus", "auditLog", "t", "db", "v2"):
        assert plural_name_problem(name) is None, name


def test_plural_names_keep_their_case_style() -> None:
    assert pluralize_name("userProfile") == "userProfiles"
    assert pluralize_name("blog_category") == "blog_categories"
    assert pluralize_name("Person") == "People"


def test_case_styles() -> None:
    assert is_camel_case("userId") and is_camel_case("apiURL") and is_camel_case("line1")
    assert not is_camel_case("UserId") and not is_camel_case("user_id")
    assert is_snake_case("user_id") and is_snake_case("line_1")
    assert not is_snake_case("userId") and not is_snake_case("user__id")
    assert to_camel_case("user_profiles") == "userProfiles" and to_camel_case("None") == "none"
    assert to_snake_case("userProfiles") == "user_profiles"
