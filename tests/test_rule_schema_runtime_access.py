"""schema-runtime-access (D114): what the schema sandbox refuses or makes non-reproducible."""

from __future__ import annotations

from helpers import assert_findings

from schemalint.config import parse_config
from schemalint.diagnostics import Severity

ONLY = parse_config({"select": ["schema-runtime-access"]})


def test_process_env_fails_the_push_with_convexs_message() -> None:
    [finding] = assert_findings(
        """
        const dimensions = Number(process.env.EMBEDDING_DIMENSIONS ?? "1536");

        export default defineSchema({
          chunks: defineTable({ embedding: v.array(v.float64()) })
            .vectorIndex("by_embedding", { vectorField: "embedding", dimensions }),
        });
        """,
        "schema-runtime-access",
        config=ONLY,
    )
    assert finding.severity is Severity.ERROR and finding.span.line == 3
    assert finding.message.startswith("Environment variables unsupported when evaluating schema")


def test_clock_and_math_random_are_warnings() -> None:
    found = assert_findings(
        """
        const builtAt = Date.now();
        const salt = Math.random();

        export default defineSchema({
          builds: defineTable({ at: v.literal(builtAt), salt: v.literal(salt) }),
        });
        """,
        "schema-runtime-access",
        "schema-runtime-access",
        config=ONLY,
    )
    assert {d.severity for d in found} == {Severity.WARNING}


def test_constants_are_fine() -> None:
    assert_findings(
        """
        const DIMENSIONS = 1536;

        export default defineSchema({
          chunks: defineTable({ embedding: v.array(v.float64()) })
            .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: DIMENSIONS }),
        });
        """,
        config=ONLY,
    )
