"""Output formats of `schemalint check`: one module per format, each exposing

    report(diagnostics, stream, context) -> None

a pure function of the (sorted) diagnostics that writes to `stream`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from schemalint.findings import Diagnostic, relative_path
from schemalint.records import dataclass
from schemalint.textsafe import visible

if TYPE_CHECKING:  # the CLI imports this package just for FORMATS; keep that cheap
    from schemalint.catalog import CatalogEntry

FORMATS = ("text", "concise", "json", "sarif", "github", "junit")
# Where `docs/rules/<name>.md` is published; `--docs-url` / SCHEMALINT_DOCS_URL replace it.
DOCS_URL = "https://github.com/schemalint/schemalint/blob/main/docs/rules/"


def rule_url(rule: str, base: str = DOCS_URL) -> str:
    """The documentation page of the rule named `rule`."""
    return base.rstrip("/") + f"/{rule}.md"


def read_text_file(path: str) -> str | None:
    """The text of `path`, or None if it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


@dataclass(frozen=True)
class ReportContext:
    """What reporters may know besides the diagnostics.

    `root` is the directory paths are shown relative to (the current directory, as ruff
    does; files outside it are shown absolute); `files` the source files
    that were checked; `rules` catalog entries by code (rule metadata for SARIF);
    `read_source` returns a file's text for code frames; `color` forces colour on or off
    (None: colour when the stream is a terminal); `docs_url` the base of rule pages.
    """

    root: Path
    files: tuple[str, ...] = ()
    rules: Mapping[str, CatalogEntry] = field(default_factory=dict)
    read_source: Callable[[str], str | None] = read_text_file
    color: bool | None = None
    docs_url: str = DOCS_URL


def shown_path(path: str, context: ReportContext) -> str:
    """`path` as a report line shows it: relative to `context.root`, control characters
    escaped, and never starting with `::` (which GitHub reads as a workflow command)."""
    shown = visible(relative_path(path, context.root))
    return "./" + shown if shown.startswith(":") else shown


Reporter = Callable[[Sequence[Diagnostic], TextIO, ReportContext], None]


def get_reporter(name: str) -> Reporter:
    """The `report` function of the format called `name` (one of `FORMATS`)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{name}")
    reporter: Reporter = module.report
    return reporter
