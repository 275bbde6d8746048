"""M904 unused-suppression: a `schemalint-ignore` comment that suppresses nothing.

The engine produces these findings itself from its suppression bookkeeping
(`schemalint.suppressions`); the class holds the rule's metadata so it can be selected,
ignored and re-graded like any other rule.
"""

from __future__ import annotations

from schemalint.rules.base import Rule


class UnusedSuppression(Rule):
    needs_schema = False
