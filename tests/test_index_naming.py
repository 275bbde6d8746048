"""The naming-habit vote: the shortcut in `_verdict` answers as rendering every habit does."""

from __future__ import annotations

from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from schemalint.index_naming import NamingHabit, _render, _verdict

_HABITS = [NamingHabit(*traits) for traits in product((False, True), repeat=3)]
_TRAITS = ("camel", "short_ids", "and_joiner")


def _every_habit_verdict(fields: tuple[str, ...], name: str) -> tuple[bool | None, ...]:
    matching = [habit for habit in _HABITS if _render(fields, habit) == name]
    verdict: list[bool | None] = []
    for trait in _TRAITS:
        values = {getattr(habit, trait) for habit in matching}
        verdict.append(values.pop() if len(values) == 1 else None)
    return tuple(verdict)


_WORDS = st.sampled_from(["user", "userId", "channelID", "a", "", "Id", "x.yId", ".b", "b.", "_c", "ß", "9"])
_FIELDS = st.lists(_WORDS, min_size=1, max_size=3).map(tuple)


@given(_FIELDS, st.data())
def test_the_verdict_is_that_of_rendering_every_habit(fields: tuple[str, ...], data: st.DataObject) -> None:
    renders = [_render(fields, habit) for habit in _HABITS]
    name = data.draw(st.sampled_from([*renders, "by_other", "by", "byUser", "by_user_and_"]))
    assert _verdict(fields, name, {}) == _every_habit_verdict(fields, name)


def test_a_schema_s_usual_names_vote_for_their_habit() -> None:
    assert _verdict(("userId", "channelId"), "by_user_and_channel", {}) == (False, True, True)
    assert _verdict(("userId",), "byUserId", {}) == (True, False, None)
