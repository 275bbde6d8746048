"""Shared pytest configuration: hypothesis profiles for the fuzz tests."""

from __future__ import annotations

import os
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, settings

# Parsed catalog files are cached per user (schemalint.catalog_files): tests use their own cache.
os.environ.setdefault("SCHEMALINT_CACHE_DIR", tempfile.mkdtemp(prefix="schemalint-cache-"))
# `check`'s result cache is off in tests (tests patch internals between identical runs);
# tests/test_result_cache.py turns it on.
os.environ["SCHEMALINT_NO_CACHE"] = "1"

# The parser raises the limit for deeply nested schemas; do it before hypothesis measures it.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))

# CI: 2,000 examples per fuzz test (the generator fuzz tests run a share: tests/test_fuzz.py),
# derandomized: the same examples on every run, so a CI failure reproduces with the same command.
# `--hypothesis-profile=long` runs 100,000 random ones (by hand), to find what CI's fixed set misses.
_SETTINGS = {"deadline": 5000, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=2000, derandomize=True, **_SETTINGS)  # type: ignore[arg-type]
settings.register_profile("quick", max_examples=100, derandomize=True, **_SETTINGS)  # type: ignore[arg-type]
settings.register_profile("long", max_examples=100_000, derandomize=False, **_SETTINGS)  # type: ignore[arg-type]
settings.load_profile("default")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`pytest -k <rule-name>` selects a rule's focused tests too: a test in
    `test_rule_<module>.py` also answers to the rule's kebab-case name."""
    for item in items:
        stem = item.path.stem
        if stem.startswith("test_rule_"):
            item.extra_keyword_matches.add(stem.removeprefix("test_rule_").replace("_", "-"))
