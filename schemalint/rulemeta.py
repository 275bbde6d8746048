"""What a rule's metadata is made of: code and name patterns, stages, and typed options.

Shared by the catalog files' reader (`schemalint.catalog_files`) and the rules
(`schemalint.rules.base`, which re-exports these names); it imports nothing of the rule package,
so that reading the catalog never re-enters the registry.
"""

from __future__ import annotations

import re
from typing import Literal, cast

from schemalint.lazy_pattern import lazy_compile
from schemalint.records import dataclass

OptionValue = bool | int | str | tuple[str, ...]
# `regex`: a string that must compile as a regular expression (unless it is one of `choices`).
OptionType = Literal["bool", "int", "string", "string-list", "regex"]
OPTION_TYPES: tuple[OptionType, ...] = ("bool", "int", "string", "string-list", "regex")
Stage = Literal["stable", "preview"]
STAGES: tuple[Stage, ...] = ("stable", "preview")

# The first digit of a code is fixed by its category letter.
CATEGORY_DIGITS = {"D": "1", "R": "2", "T": "3", "N": "4", "I": "5", "Q": "6", "C": "7", "M": "9"}
CODE_PATTERN = lazy_compile(rf"^[{''.join(CATEGORY_DIGITS)}][0-9]{{3}}$")
NAME_PATTERN = lazy_compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def is_code(text: str) -> bool:
    """Whether `CODE_PATTERN` matches `text` (decided without compiling it: every check reads
    every rule's code)."""
    body = text[:-1] if text.endswith("\n") else text  # `$` also matches before a final newline
    digits = body[1:]
    return len(body) == 4 and body[0] in CATEGORY_DIGITS and digits.isascii() and digits.isdigit()


def is_name(text: str) -> bool:
    """Whether `NAME_PATTERN` matches `text` (decided without compiling it)."""
    body = text[:-1] if text.endswith("\n") else text
    if not body.isascii() or not "a" <= body[:1] <= "z":
        return False
    return all(part.isalnum() and (part.islower() or part.isdigit()) for part in body.split("-"))


@dataclass(frozen=True)
class Option:
    """One configurable option of a rule (`rules.<rule-name>.<name>` in the config), as its
    catalog file declares it.

    `choices`, when given, are the allowed strings; for a `regex` option a string outside
    `choices` is accepted when it compiles (a named style or a regular expression).
    `minimum` bounds an `int` option from below.
    """

    name: str
    type: OptionType
    default: OptionValue
    description: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None


def coerce_option(option: Option, raw: object) -> OptionValue:
    """`raw` (as read from TOML/YAML) as a value of `option`'s type; ValueError says why not."""
    if not _has_type(option.type, raw):
        raise ValueError(f"expected {_TYPE_WORDS[option.type]}, got {raw!r}")
    value = cast(OptionValue, tuple(raw) if isinstance(raw, list | tuple) else raw)
    if option.choices and value in option.choices:
        return value
    if option.type == "regex":
        try:
            re.compile(str(value))
        except re.error as exc:
            raise ValueError(f"not a valid regular expression ({exc}): {value!r}") from None
    elif option.choices:
        raise ValueError(f"expected one of {', '.join(option.choices)}, got {value!r}")
    if option.minimum is not None and isinstance(value, int) and value < option.minimum:
        raise ValueError(f"expected an integer of at least {option.minimum}, got {value!r}")
    return value


def _has_type(option_type: OptionType, raw: object) -> bool:
    if option_type == "bool":
        return isinstance(raw, bool)
    if option_type == "int":
        return isinstance(raw, int) and not isinstance(raw, bool)
    if option_type in ("string", "regex"):
        return isinstance(raw, str)
    return isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw)


_TYPE_WORDS: dict[OptionType, str] = {
    "bool": "true or false",
    "int": "an integer",
    "string": "a string",
    "string-list": "a list of strings",
    "regex": "a string",
}
