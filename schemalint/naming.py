"""English and case heuristics for names: words of a camelCase/snake_case name, singular and
plural nouns, and whether a name follows a case style.

The plural heuristics are deliberately small: regular suffixes, a list of irregular nouns and a
list of nouns that name a collection or have no plural (`progress`, `config`, `auditLog`).
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

_IRREGULAR_PLURALS = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
    "datum": "data",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "medium": "media",
    "index": "indices",
    "matrix": "matrices",
    "vertex": "vertices",
    "appendix": "appendices",
    "leaf": "leaves",
    "half": "halves",
    "knife": "knives",
    "life": "lives",
    "wife": "wives",
    "shelf": "shelves",
    "wolf": "wolves",
    "thief": "thieves",
    "quiz": "quizzes",
    "ox": "oxen",
}
_IRREGULAR_SINGULARS = {plural: singular for singular, plural in _IRREGULAR_PLURALS.items()}
# Accepted as the plural of an irregular singular too (`indexes`, `appendixes`).
_ALSO_PLURAL = frozenset({"indexes", "appendixes", "matrixes", "vertexes", "mediums"})

# Nouns whose plural is the same word.
_SAME_PLURAL = frozenset({"aircraft", "deer", "fish", "offspring", "series", "sheep", "species"})

# Nouns used without a plural, or naming a whole collection: a table called like this is fine.
UNCOUNTABLE = frozenset(
    {
        # mass nouns
        "access", "advice", "analytics", "audio", "auth", "billing", "config", "configuration",
        "content", "data", "equipment", "evidence", "feedback", "firmware", "info", "information",
        "inventory", "knowledge", "mail", "media", "meta", "metadata", "money", "music", "news",
        "presence", "progress", "research", "revenue", "settings", "software", "staff", "status",
        "stock", "storage", "text", "traffic", "usage", "weather",
        *_SAME_PLURAL,
        # nouns naming a collection of records
        "archive", "backlog", "cache", "catalog", "catalogue", "feed", "history", "inbox", "journal",
        "ledger", "library", "log", "outbox", "queue", "registry", "roster", "timeline",
    }
)  # fmt: skip
# Collection nouns that also name one thing: fine as the last word of a longer name only
# (`addressBook`, `playerPool`), not alone (`book`).
_COLLECTIONS_IN_COMPOUNDS = frozenset({"book", "pool", "directory", "list", "index", "store"})

# Singular nouns that end in "s".
_SINGULAR_IN_S = frozenset(
    {
        "alias", "atlas", "axis", "bias", "bonus", "bus", "campus", "canvas", "census", "chaos",
        "chassis", "corpus", "cosmos", "ethos", "focus", "gas", "genus", "iris", "lens", "minus",
        "nexus", "plus", "radius", "status", "surplus", "syllabus", "tennis", "virus",
    }
)  # fmt: skip
_PLURAL_IN_US = frozenset({"menus", "gurus", "emus", "haikus", "skus", "cpus", "gpus", "tofus"})


def split_words(name: str) -> list[str]:
    """The words of a camelCase, PascalCase, snake_case or dotted name, as written
    (`"lastMessageAt"` → `["last", "Message", "At"]`, `"HTMLParser"` → `["HTML", "Parser"]`)."""
    return _WORD.findall(name)


def lower_words(name: str) -> list[str]:
    """The words of `name` in lower case."""
    return [word.lower() for word in split_words(name)]


def is_camel_case(name: str) -> bool:
    """Whether `name` is camelCase: a lower-case letter first, then letters and digits only."""
    return re.fullmatch(r"[a-z][A-Za-z0-9]*", name) is not None


def is_snake_case(name: str) -> bool:
    """Whether `name` is snake_case: lower-case words of letters and digits joined by single `_`."""
    return re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name) is not None


CAMEL = "camelCase"
SNAKE = "snake_case"
OTHER = "other"


@functools.lru_cache(maxsize=8192)  # asked about every field of every table; names repeat
def name_case(name: str) -> str | None:
    """`camelCase`, `snake_case` or `other` for a name whose case shows; None for a single
    lower-case word (`email`), which fits both."""
    if is_camel_case(name) and not name.islower():
        return CAMEL
    if is_snake_case(name) and "_" in name:
        return SNAKE
    if is_camel_case(name):
        return None
    return OTHER


def number_of(name: str) -> str | None:
    """`plural` or `singular` for a table name whose last word shows it; None for uncountable
    and collection nouns, words too short to judge, gerunds (`callSignaling`), `...State`
    singletons and join tables named `xToY`."""
    words = lower_words(name)
    if not words or len(words[-1]) < 3 or not words[-1].isalpha():
        return None
    last = words[-1]
    if last.endswith("ing") or last == "state" or "to" in words[1:-1]:
        return None
    if plural_name_problem(name) is not None:
        return "singular"
    return "plural" if is_plural(last) else None


def to_camel_case(name: str) -> str:
    """`name` rewritten as camelCase (`"user_profiles"` → `"userProfiles"`)."""
    words = lower_words(name)
    if not words:
        return name
    return words[0] + "".join(word.capitalize() for word in words[1:])


def to_snake_case(name: str) -> str:
    """`name` rewritten as snake_case (`"userProfiles"` → `"user_profiles"`)."""
    return "_".join(lower_words(name)) or name


def pluralize(word: str) -> str:
    """The English plural of the lower-case noun `word` (`category` → `categories`)."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word in _SAME_PLURAL:
        return word
    if word.endswith("sis"):
        return word[:-2] + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def singularize(word: str) -> str:
    """The English singular of the lower-case noun `word` (`categories` → `category`);
    `word` itself when it does not look plural."""
    if word in _IRREGULAR_SINGULARS:
        return _IRREGULAR_SINGULARS[word]
    if not is_plural(word) or word in UNCOUNTABLE:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word[:-2] in _SINGULAR_IN_S:
        return word[:-2]
    if word.endswith("yses"):
        return word[:-2] + "is"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def is_plural(word: str) -> bool:
    """Whether the lower-case noun `word` looks plural (`users`, `people`, `analytics`)."""
    if word in _IRREGULAR_SINGULARS or word in _ALSO_PLURAL:
        return True
    if word in _IRREGULAR_PLURALS or word in _SINGULAR_IN_S:
        return False
    if word.endswith("us"):
        return word in _PLURAL_IN_US
    if word.endswith(("ss", "sis")):
        return False
    return word.endswith("s") and len(word) > 1


def plural_name_problem(name: str) -> str | None:
    """Why the table name `name` is not a plural noun phrase (judged by its last word), or
    None when it is plural, uncountable or names a collection (`userStatus`, `auditLog`), or
    when its last word is too short to be judged (`t`, `db`)."""
    words = lower_words(name)
    if not words or len(words[-1]) < 3 or not words[-1].isalpha():
        return None
    last = words[-1]
    if is_plural(last) or last in UNCOUNTABLE:
        return None
    if len(words) > 1 and last in _COLLECTIONS_IN_COMPOUNDS:
        return None
    return f'"{last}" is singular'


def pluralize_name(name: str) -> str:
    """`name` with its last word made plural, keeping its case style (`userProfile` →
    `userProfiles`, `blog_category` → `blog_categories`)."""
    words = split_words(name)
    if not words:
        return name
    last = words[-1]
    plural = pluralize(last.lower())
    if last[0].isupper():
        plural = plural.capitalize()
    return name[: name.rfind(last)] + plural


def normalize(name: str) -> str:
    """`name` lower-cased without underscores, for comparing camelCase and snake_case spellings."""
    return name.replace("_", "").lower()
