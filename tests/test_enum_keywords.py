"""The whole-word `enum` finder gives the offsets `rb"\\benum\\b"` gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemalint.parser.syntax import _enum_keywords

WORD_ENUM = re.compile(rb"\benum\b")


def _by_pattern(data: bytes) -> list[int]:
    return [match.start() for match in WORD_ENUM.finditer(data)]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"enum",
        b"enum E { A }",
        b"const enumerate = 1; enum X {}",
        b"x.enum; _enum enum_ enum1 1enum $enum enum$ (enum)",
        b"enumenum enum enum",
        b"\xc3\xa9enum enum\xc3\xa9",
    ],
)
def test_enum_keywords_are_the_patterns(data: bytes) -> None:
    assert list(_enum_keywords(data)) == _by_pattern(data)


@settings(max_examples=max(10, settings.default.max_examples // 40))
@given(
    st.lists(
        st.sampled_from([b"enum", b"en", b"um", b"e", b" ", b"_", b"a", b"9", b"$", b"\xc3\xa9"]), max_size=12
    )
)
def test_generated_texts(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    assert list(_enum_keywords(data)) == _by_pattern(data)
