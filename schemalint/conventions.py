"""A project's own conventions, inferred from its names: which style a clear majority follows.

The naming and timestamp rules default to `style = "auto"`: instead of imposing one house style,
they judge each name against the style the *other* names of the same scope (the schema, or one
object's keys) follow, and say so in the message ("41 of 43 other indexes ..."). Below a clear
majority there is no convention, and the rules stay silent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

from schemalint.records import dataclass

S = TypeVar("S", bound=Hashable)

# A convention is what at least this share of the other names follow ...
CLEAR_MAJORITY = 0.8


@dataclass(frozen=True)
class Convention(Generic[S]):
    """The style `count` of the `total` other names of a scope follow."""

    style: S
    count: int
    total: int

    def evidence(self) -> str:
        """`"41 of 43"`."""
        return f"{self.count} of {self.total}"


class Census(Generic[S]):
    """How many names of a scope follow each style (`None`: a name that follows none of them,
    still counted in the total)."""

    def __init__(self, styles: Iterable[S | None]) -> None:
        self._counts: Counter[S | None] = Counter(styles)
        self._total = sum(self._counts.values())

    @classmethod
    def of_counts(cls, counts: Counter[S]) -> Census[S]:
        """`Census(counts.elements())`, without listing every name."""
        census: Census[S] = cls(())
        census._counts.update(+counts)
        census._total = sum(census._counts.values())
        return census

    def others(self, own: S | None) -> int:
        """How many names there are besides one of style `own`."""
        return self._total - (1 if self._counts[own] > 0 else 0)

    def convention_without(self, own: S | None, minimum: int) -> Convention[S] | None:
        """The style a clear majority of the *other* names follow (the judged name, of style
        `own`, left out), if there are at least `minimum` others; None when there is none."""
        total = self.others(own)
        if total < minimum:
            return None
        for style, count in self._counts.most_common():
            others = count - (1 if style == own else 0)
            if style is not None and others >= CLEAR_MAJORITY * total:
                return Convention(style, others, total)
        return None

    def deviation(self, own: S | None, minimum: int) -> Convention[S] | None:
        """The convention the name of style `own` breaks, or None (it follows it, or there is
        no clear convention among the others)."""
        convention = self.convention_without(own, minimum)
        if convention is None or convention.style == own:
            return None
        return convention
