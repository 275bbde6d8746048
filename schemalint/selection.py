"""Rule selectors: `ALL`, a code (`D101`), a code prefix (`D1`, `N`) or a rule name.

Which rules run follows ruff: for each rule the most specific matching selector wins (a name or
full code beats a prefix, a longer prefix beats a shorter one, any selector beats `ALL`); on a
tie `ignore` wins.

Rules in `preview` (not yet measured precise enough to run by default) are enabled by the
selectors only in preview mode (`--preview`, `preview = true`), or when a selector names the rule
exactly (its code or name): naming a rule is an explicit opt-in.
"""

from __future__ import annotations

from collections.abc import Iterable

from schemalint.lazy_pattern import lazy_compile
from schemalint.records import dataclass
from schemalint.rules import SPECS, RuleSpec, spec_for
from schemalint.rules.base import CATEGORY_DIGITS

ALL = "ALL"
_CODE_PREFIX = lazy_compile(
    "^(?:" + "|".join(f"{letter}(?:{digit}[0-9]{{0,2}})?" for letter, digit in CATEGORY_DIGITS.items()) + ")$"
)
_EXACT = 10


def selector_problem(selector: str) -> str | None:
    """Why `selector` is not a rule name, code or code prefix, or None if it is one.

    A code or prefix of the numbering scheme is valid even before a rule has that code
    (e.g. `N` while no naming rule is registered); a name must be a registered rule's.
    """
    text = selector.strip().upper()
    if _specificity(selector, None) is not None or _CODE_PREFIX.match(text):
        return None
    return f"unknown rule, code or code prefix {selector!r}"


def matches(selector: str, rule: RuleSpec) -> bool:
    """Whether `selector` selects `rule`."""
    return _specificity(selector, rule) is not None


def _specificity(selector: str, rule: RuleSpec | None) -> int | None:
    """How specifically `selector` names `rule` (any registered rule when `rule` is None);
    None when it does not."""
    text = selector.strip()
    if text.upper() == ALL:
        return 0
    named = spec_for(text)
    if named is not None and (rule is None or named is rule):
        return _EXACT
    prefix = text.upper()
    candidates = SPECS if rule is None else (rule,)
    if prefix and any(r.code.startswith(prefix) for r in candidates):
        return len(prefix)
    return None


def _best(selectors: Iterable[str], rule: RuleSpec) -> int:
    return max((s for s in (_specificity(x, rule) for x in selectors) if s is not None), default=-1)


def enabled_rules(
    select: Iterable[str], extend_select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> tuple[RuleSpec, ...]:
    """The registered rules that `select` + `extend_select` enable and `ignore` leaves on
    (whatever their stage: `layered_rules` applies preview)."""
    enabling = (*select, *extend_select)
    ignoring = tuple(ignore)
    return tuple(rule for rule in SPECS if (on := _best(enabling, rule)) >= 0 and on > _best(ignoring, rule))


def any_matches(selectors: Iterable[str], rule: RuleSpec) -> bool:
    """Whether any of `selectors` selects `rule`."""
    return any(matches(s, rule) for s in selectors)


@dataclass(frozen=True)
class RuleSelection:
    """One layer of rule selection: a configuration file's or the command line's.

    `select` None means the layer does not select anew: it adjusts the rules enabled by the
    layers before it."""

    select: tuple[str, ...] | None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def layered_rules(layers: Iterable[RuleSelection], *, preview: bool = False) -> tuple[RuleSpec, ...]:
    """The rules enabled after applying `layers` in order, as ruff does: a layer with `select`
    starts over from its own selectors; one without keeps what the layers before enabled and
    turns on its `extend_select` / turns off its `ignore` (the more specific selector of the
    two winning, `ignore` on a tie). Rules in preview stay off unless `preview`, or unless a
    layer's `select`/`extend_select` names them exactly."""
    layers = tuple(layers)
    enabled: set[RuleSpec] = set()
    for layer in layers:
        if layer.select is not None:
            enabled = set(enabled_rules(layer.select, layer.extend_select, layer.ignore))
            continue
        for rule in SPECS:
            on, off = _best(layer.extend_select, rule), _best(layer.ignore, rule)
            if on >= 0 and on > off:
                enabled.add(rule)
            elif off >= 0:
                enabled.discard(rule)
    return tuple(
        rule
        for rule in SPECS
        if rule in enabled and (preview or rule.stage == "stable" or _named_exactly(layers, rule))
    )


def _named_exactly(layers: Iterable[RuleSelection], rule: RuleSpec) -> bool:
    """Whether a layer enables `rule` by its code or name (an explicit opt-in to a preview rule)."""
    return any(
        _specificity(selector, rule) == _EXACT
        for layer in layers
        for selector in (*(layer.select or ()), *layer.extend_select)
    )
