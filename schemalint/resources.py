"""Locate the data directory `generators/` in a wheel or a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The directory `name` (e.g. "generators"): packaged under `schemalint/_data/` in a wheel,
    or at the repository root in a source checkout / editable install."""
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / name
