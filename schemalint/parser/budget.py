"""The work budget for validators that reach the IR.

Validators are immutable and shared: `const u1 = v.union(u0, u0); const u2 = v.union(u1, u1)...`
builds in a few steps a validator whose tree (what export, the rules and the generators walk)
has 2^40 nodes. Convex itself would build the same tree; its export would exceed V8's string
limit. schemalint measures the expanded size of each validator before anything walks it
(memoized per shared node, so measuring costs the number of *distinct* nodes) and replaces one
that is too large by an unknown validator saying why.

Limits: one table document or function validator expands to at most `MAX_VALIDATOR_NODES`
nodes, and all of them together to at most `max(MIN_TOTAL_NODES, AMPLIFICATION * distinct)`,
where `distinct` counts the distinct validator nodes: real schemas reuse shared validators a
little (a timestamp or address validator in many tables), never by orders of magnitude.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from schemalint.diagnostics import UNEVALUABLE_EXPRESSION, ParserDiagnostic, Span
from schemalint.ir import Validator, VObject, VUnknown
from schemalint.parser.values import JSArray, Unknown, Value

if TYPE_CHECKING:
    from schemalint.parser.source import SourceText

# The recursion limit while evaluating (deeply nested schemas recurse deeply); restored after.
MIN_RECURSION_LIMIT = 20_000
# Expressions one parse evaluates at most: MIN_STEPS plus STEPS_PER_BYTE per byte of source
# read (a synthetic 5,000-table schema, 4 MB, takes about 460,000: 0.12 a byte).
MIN_STEPS = 500_000
STEPS_PER_BYTE = 2
# Items of one array at most (a schema's arrays hold field names and enum values).
MAX_COLLECTION_LENGTH = 1 << 18
MAX_VALIDATOR_NODES = 100_000
MIN_TOTAL_NODES = 250_000
AMPLIFICATION = 25
# An object validator over the budget keeps its fields that fit, if it has at most this many.
MAX_FIELDS_SPLIT = 1_000


# `children` of validators that nest none (not overridden).
_NO_CHILDREN = Validator.children


class ValidatorBudget:
    """Admits validators into the IR while their expanded size stays within the budget.

    Only validators with children are remembered (by id): a leaf's size is 1, and leaves are
    most of a schema's validators. Their distinct number matters only once the total passes
    `MIN_TOTAL_NODES`; the first time it does, it is counted from every validator measured so
    far, and kept up to date from then on.
    """

    def __init__(self) -> None:
        self._sizes: dict[int, int] = {}  # measured validators with children, by id
        self._unread: set[int] = set()  # of those, the ones with an unknown part somewhere inside
        self._alive: list[Validator] = []  # keeps measured nodes alive, so their ids stay unique
        self._leaves: set[int] | None = None  # distinct measured leaves, once they are counted
        self.total = 0

    def expanded_size(self, validator: Validator) -> int:
        """The number of nodes of `validator` as a tree (each use of a shared node counted)."""
        if type(validator).children is _NO_CHILDREN:
            self._alive.append(validator)  # measured from outside: counted if leaves are
            if self._leaves is not None:
                self._leaves.add(id(validator))
            return 1
        return self._composite_size(validator)

    def _composite_size(self, validator: Validator) -> int:
        key = id(validator)
        sizes = self._sizes
        known = sizes.get(key)
        if known is not None:
            return known
        unread = self._unread
        leaves = self._leaves
        if isinstance(validator, VObject):
            has_unknown = bool(validator.unknown_parts)
            children: list[Validator] | tuple[Validator, ...] = [f.validator for f in validator.fields]
        else:
            has_unknown = False
            children = validator.children()
        size = 1
        for child in children:
            if type(child).children is _NO_CHILDREN:  # a leaf (most validators)
                size += 1
                if not has_unknown and isinstance(child, VUnknown):
                    has_unknown = True
                if leaves is not None:
                    leaves.add(id(child))
                continue
            size += self._composite_size(child)
            if id(child) in unread:
                has_unknown = True
        if has_unknown:
            unread.add(key)
        sizes[key] = size
        self._alive.append(validator)
        return size

    def fully_read(self, validator: Validator) -> bool:
        """Whether `validator`, as `admit` returned it, was measured and holds no unknown
        validator or unknown fields."""
        if type(validator).children is _NO_CHILDREN:
            return not isinstance(validator, VUnknown)  # an admitted leaf was measured, or is unknown
        key = id(validator)
        return key in self._sizes and key not in self._unread

    @property
    def distinct(self) -> int:
        """How many distinct validator nodes were measured."""
        if self._leaves is None:
            self._leaves = self._measured_leaves()
        return len(self._sizes) + len(self._leaves)

    def _measured_leaves(self) -> set[int]:
        """The ids of the distinct leaves among the validators measured so far."""
        leaves: set[int] = set()
        for validator in self._alive:
            if type(validator).children is _NO_CHILDREN:
                leaves.add(id(validator))
                continue
            if isinstance(validator, VObject):
                children: list[Validator] | tuple[Validator, ...] = [f.validator for f in validator.fields]
            else:
                children = validator.children()
            leaves.update(id(child) for child in children if type(child).children is _NO_CHILDREN)
        return leaves

    def _within_total(self, size: int) -> bool:
        """Whether `size` more nodes stay within the total budget."""
        total = self.total + size
        return total <= MIN_TOTAL_NODES or total <= self._limit()

    def admit(self, validator: Validator, span: Span | None) -> Validator:
        """`validator` if it fits the budget (which it then uses up), else an unknown validator.

        An object validator too large as a whole keeps the fields that fit: only the others
        become unknown."""
        size = self.expanded_size(validator)
        fits = size <= MAX_VALIDATOR_NODES and self._within_total(size)
        if not fits and isinstance(validator, VObject) and len(validator.fields) <= MAX_FIELDS_SPLIT:
            fields = tuple(
                dataclasses.replace(f, validator=self._admit_one(f.validator, f.span or span))
                for f in validator.fields
            )
            return dataclasses.replace(validator, fields=fields)
        return self._admit_one(validator, span)

    def _limit(self) -> int:
        return max(MIN_TOTAL_NODES, AMPLIFICATION * self.distinct)

    def _admit_one(self, validator: Validator, span: Span | None) -> Validator:
        size = self.expanded_size(validator)
        if size > MAX_VALIDATOR_NODES:
            reason = (
                f"it expands to {size:,} validators (a validator built by repeating another); "
                f"schemalint evaluates at most {MAX_VALIDATOR_NODES:,}"
            )
            return VUnknown(reason=reason, span=validator.span or span, optional=validator.optional)
        if not self._within_total(size):
            reason = (
                f"the schema's validators expand to more than {MIN_TOTAL_NODES:,}, repeated more than "
                f"{AMPLIFICATION} times as often as they are written; schemalint evaluates no more"
            )
            return VUnknown(reason=reason, span=validator.span or span, optional=validator.optional)
        self.total += size
        return validator


def step_limit(sources: Sequence[SourceText]) -> int:
    """How many expressions a parse that has read `sources` may evaluate."""
    return MIN_STEPS + STEPS_PER_BYTE * sum(len(source.data) for source in sources)


def out_of_steps(span: Span, limit: int, first: bool, diagnostics: list[ParserDiagnostic]) -> Unknown:
    """The value of every expression evaluated after the step budget ran out. The `first` one
    is reported where it ran out; all are quiet (everything after it may be unknown)."""
    reason = f"evaluation stopped after {limit:,} steps (a loop or recursion this long is not evaluated)"
    if first:
        diagnostics.append(ParserDiagnostic(UNEVALUABLE_EXPRESSION, reason, span, cause=reason))
    return Unknown(reason, span, quiet=True)


def bounded_array(items: list[Value], span: Span | None) -> Value:
    """An array of `items`, or an unknown value when it is longer than the budget."""
    if len(items) > MAX_COLLECTION_LENGTH:
        return Unknown(f"an array of more than {MAX_COLLECTION_LENGTH:,} items is not evaluated", span)
    return JSArray(items, span)


@contextlib.contextmanager
def deep_recursion() -> Iterator[None]:
    """Raise the recursion limit while a project is evaluated; restore it afterwards."""
    previous = sys.getrecursionlimit()
    if previous < MIN_RECURSION_LIMIT:
        sys.setrecursionlimit(MIN_RECURSION_LIMIT)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)
