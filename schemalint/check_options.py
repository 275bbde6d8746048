"""The command line's options of a `check` run (a module of its own: the result cache needs them
before anything heavy is imported)."""

from __future__ import annotations

from pathlib import Path

from schemalint.records import dataclass

# --statistics prints a table (the text formats) or JSON rows; other formats have no place for it.
STATISTICS_FORMATS = ("text", "concise", "json")


@dataclass(frozen=True)
class CheckOptions:
    """What the command line says about a `check` run."""

    output_format: str = "text"
    output_file: Path | None = None
    select: list[str] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    strict: bool = False
    preview: bool | None = None
    statistics: bool = False
    config_file: Path | None = None
    color: str = "auto"
    docs_url: str | None = None
