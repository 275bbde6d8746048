"""N402 index-name-mismatch: an index named `by_<words>` whose words disagree with its fields.

The check is conservative. The words after `by_` (split at `_` and camelCase, `and` dropped)
are matched against the words of the index's field paths:

- a word matches a field word when it is equal, its singular or plural, an abbreviation of it
  (`conv` → `conversation`), several field words written together (`userid` → `user`, `id`),
  or, failing all of these, shares its stem (`creator` → `createdBy`);
- the first word must match the index's first field; naming a later field first, or no field
  at all, is a finding;
- each further word continues the current field or moves to a later one (skipping fields is
  fine); naming an earlier field again is a finding; the first word that matches nothing ends
  the check, so trailing extras (`by_user_recent` for `["userId", "createdAt"]`) are fine.

Search and vector indexes (whose filter fields are a set) only need their first word to match
one of their fields.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schemalint.identifiers import is_identifier
from schemalint.irquery import IndexRef, is_package_table
from schemalint.naming import lower_words, singularize
from schemalint.rules.base import Rule, RuleContext, Violation
from schemalint.rules.reserved_name import RESERVED_INDEX_NAMES

_STEM_SUFFIXES = ("ions", "ion", "ings", "ing", "ers", "er", "ors", "or", "ed", "es", "s")


class IndexNameMismatch(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        name = index.name
        table = index.table
        if (
            not name.startswith("by_")
            or not index.fields
            or is_package_table(table)
            or table.name.startswith("_")
        ):
            return  # a package's or Convex's own (`_`-prefixed, reserved-name's) tables
        if name in RESERVED_INDEX_NAMES or not is_identifier(name):
            return  # reserved-name and invalid-identifier report these
        words = [word for word in lower_words(name[3:]) if word != "and"]
        if not words:
            return
        fields = index.fields
        tokens = [lower_words(field) for field in fields]
        listing = "[" + ", ".join(f'"{f}"' for f in fields) + "]"
        suggestion = "by_" + "_and_".join(f.replace(".", "_") for f in fields)
        if index.kind != "db":
            if not any(_match(words[0], t, 0) is not None for t in tokens):
                yield Violation(
                    f'Index "{name}" on {listing}: "{words[0]}" names none of its fields',
                    help=f'Rename it after the field it indexes, e.g. "by_{fields[0].replace(".", "_")}".',
                )
            return
        problem = _order_problem(words, fields, tokens)
        if problem is not None:
            yield Violation(
                f'Index "{name}" on {listing}: {problem}',
                help=f'Rename it after its fields in order, e.g. "{suggestion}": readers of '
                ".withIndex() calls trust the name for the order of .eq() and range conditions.",
            )


def _order_problem(words: Sequence[str], fields: Sequence[str], tokens: Sequence[list[str]]) -> str | None:
    """How the name's words disagree with the database index's fields, or None."""
    first = words[0]
    position = _match(first, tokens[0], 0)
    if position is None:
        other = next((i for i in range(1, len(fields)) if _match(first, tokens[i], 0) is not None), None)
        if other is None:
            return f'"{first}" names none of its fields'
        return f'"{first}" names "{fields[other]}", but the index starts with "{fields[0]}"'
    current = 0
    for word in words[1:]:
        found = _match(word, tokens[current], position)
        if found is not None:
            position = found
            continue
        later = _first_match(word, tokens, current + 1)
        if later is not None:
            current, position = later
            continue
        earlier = next((i for i in range(current) if _strong_match(word, tokens[i], 0) is not None), None)
        if earlier is not None:
            return (
                f'"{word}" names "{fields[earlier]}" after "{fields[current]}", but the index has '
                "them in the other order"
            )
        break
    return None


def _first_match(word: str, tokens: Sequence[list[str]], first_field: int) -> tuple[int, int] | None:
    """(field, end position) of the first field from `first_field` on that `word` matches."""
    for field in range(first_field, len(tokens)):
        found = _match(word, tokens[field], 0)
        if found is not None:
            return field, found
    return None


def _match(word: str, tokens: Sequence[str], start: int) -> int | None:
    """Where matching `word` against the field words `tokens` from `start` ends, or None."""
    found = _strong_match(word, tokens, start)
    if found is not None:
        return found
    stem = _stem(word)
    if len(stem) >= 4:
        for index in range(start, len(tokens)):
            if _stem(tokens[index]) == stem:
                return index + 1
    return None


def _strong_match(word: str, tokens: Sequence[str], start: int) -> int | None:
    """Like `_match`, without stems: equal words, singular/plural, abbreviations, run-together words."""
    for index in range(start, len(tokens)):
        token = tokens[index]
        if word == token or singularize(word) == token or word == singularize(token):
            return index + 1
        joined = ""
        for end in range(index, len(tokens)):
            joined += tokens[end]
            if joined == word:
                return end + 1
            if not word.startswith(joined):
                break
        if len(word) >= 3 and token.startswith(word):
            return index + 1
    return None


def _stem(word: str) -> str:
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
