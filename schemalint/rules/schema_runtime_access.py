"""D114 schema-runtime-access: what Convex's schema sandbox refuses (or makes non-reproducible)."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.ir import RuntimeAccessKind
from schemalint.rules.base import Rule, RuleContext, Violation

# Convex's own messages for what fails the push (crates/isolate/src/environment/schema.rs).
_REFUSED: dict[RuntimeAccessKind, str] = {
    "process.env": "Environment variables unsupported when evaluating schema",
    "crypto": "Cannot use cryptographic randomness when evaluating schema",
    "import()": "Can't import other modules while evaluating schema (dynamic import())",
}
# Allowed by the sandbox (seeded randomness, a fixed clock), but the schema then changes
# from one push to the next.
_UNSTABLE: dict[RuntimeAccessKind, str] = {
    "Math.random": "Math.random() makes the schema differ on every push",
    "Date.now": "Date.now() makes the schema differ on every push",
}


class SchemaRuntimeAccess(Rule):
    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for access in ctx.schema.runtime_accesses:
            if access.kind in _REFUSED:
                yield Violation(
                    f"{_REFUSED[access.kind]}: Convex evaluates schema.ts in a sandbox without it",
                    help="Use a constant in the schema (e.g. `const DIMENSIONS = 1536`); read "
                    "configuration in functions instead.",
                    span=access.span,
                )
            else:
                yield Violation(
                    f"{_UNSTABLE[access.kind]}: the schema sandbox allows it, but the schema is "
                    "not reproducible",
                    help="Use a constant value in the schema.",
                    span=access.span,
                    severity=Severity.WARNING,
                )
