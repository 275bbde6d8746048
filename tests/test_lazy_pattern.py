"""`lazy_compile`: the same answers as `re.compile`, the pattern compiled only when first used."""

from __future__ import annotations

import re

from schemalint.lazy_pattern import lazy_compile


def test_a_lazy_pattern_is_compiled_at_its_first_use_and_answers_as_re_compile() -> None:
    eager = re.compile(r"(created|inserted)(_?at)?", re.IGNORECASE)
    lazy = lazy_compile(r"(created|inserted)(_?at)?", re.IGNORECASE)
    assert vars(lazy)["_compiled"] is None
    assert lazy.fullmatch("CreatedAt") is not None
    assert vars(lazy)["_compiled"] == eager
    for text in ("created_at", "insertedAt", "updatedAt", "x created"):
        assert bool(lazy.fullmatch(text)) == bool(eager.fullmatch(text))
        assert bool(lazy.match(text)) == bool(eager.match(text))
        assert lazy.findall(text) == eager.findall(text)
        assert lazy.sub("-", text) == eager.sub("-", text)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert (lazy.pattern, lazy.flags, lazy.groups) == (eager.pattern, eager.flags, eager.groups)


def test_a_lazy_bytes_pattern_searches_bytes() -> None:
    lazy = lazy_compile(rb"\benum\b")
    match = lazy.search(b"const enum E {}")
    assert match is not None and match.span() == (6, 10)
    assert lazy.search(b"enumerate") is None
