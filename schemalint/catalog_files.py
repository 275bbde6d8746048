"""The catalog files (`schemalint/rules/<module>.yaml`): read, cached, and their metadata validated.

Each rule module `schemalint/rules/x_y.py` has its catalog file `x_y.yaml` beside it, the single
source of the rule's metadata: `code`, `name`, `severity`, `stage` (`stable` | `preview`),
`since` (the version that added it), `summary`, `options` (each with `name`, `type`, `default`,
`description`, and optionally `choices` and `minimum`), optionally `needs` (what the project must
have for the rule to find anything: `database-accesses`, queries in its function code; a project
without them does not run the rule or import its module), plus the documentation that
`schemalint.catalog` reads (`rationale`, `examples`).

`schemalint check` needs the metadata of every rule at start-up, so the parsed files are cached
in the user's cache directory (`$SCHEMALINT_CACHE_DIR`, else `$XDG_CACHE_HOME/schemalint`
or `~/.cache/schemalint`) together with the files' names, sizes and modification times; it is
used only while those are unchanged. The cache is written with `marshal` (plain dicts, lists,
strings, numbers: the values a catalog file holds), which the interpreter has loaded anyway, so a
warm start imports neither a YAML parser nor the json package; the rule registry reads a second,
smaller one holding only what `rule_metadata` reads (the documentation's values left out, its
keys kept).
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from schemalint.diagnostics import Severity
from schemalint.records import dataclass
from schemalint.rulemeta import (
    CATEGORY_DIGITS,
    OPTION_TYPES,
    STAGES,
    Option,
    OptionType,
    Stage,
    coerce_option,
    is_code,
    is_name,
)

RULES_DIR = Path(__file__).resolve().parent / "rules"
ENTRY_KEYS = (
    "code", "name", "severity", "stage", "since", "summary", "rationale", "options", "needs", "examples",
)  # fmt: skip
OPTIONAL_ENTRY_KEYS = ("options", "needs")
# What `rule_metadata` reads of a catalog file (besides which keys it has).
METADATA_KEYS = ("code", "name", "severity", "stage", "since", "summary", "options", "needs")
# What a rule may declare it needs to find anything (`needs`).
NEEDS = ("database-accesses",)
_ENTRY_KEY_SET = frozenset(ENTRY_KEYS)
_REQUIRED_KEY_SET = frozenset(ENTRY_KEYS) - frozenset(OPTIONAL_ENTRY_KEYS)
_TEXT_KEYS = ("code", "name", "summary", "since")  # checked to be non-empty strings, in this order
OPTION_KEYS = ("name", "type", "default", "description")
OPTIONAL_OPTION_KEYS = ("choices", "minimum")
_CACHE_FORMAT = "3"


class CatalogError(Exception):
    """A catalog file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class RuleMetadata:
    """What a rule's catalog file says about the rule itself (not its documentation)."""

    code: str
    name: str
    severity: Severity
    stage: Stage
    since: str
    summary: str
    options: tuple[Option, ...]
    # What the project must have for the rule to find anything (`NEEDS`), if anything.
    needs: tuple[str, ...]


def catalog_documents(
    directory: Path | None = None, *, metadata_only: bool = False
) -> dict[Path, dict[str, Any]]:
    """Every catalog file of `directory` (the rule package by default) parsed, by path. With
    `metadata_only`, the values of keys outside `METADATA_KEYS` are None (every key is still
    there, so `rule_metadata` finds the same problems)."""
    folder = directory if directory is not None else RULES_DIR
    return {folder / name: document for name, document in documents_by_name(folder, metadata_only).items()}


def documents_by_name(folder: Path, metadata_only: bool = False) -> dict[str, dict[str, Any]]:
    """What `catalog_documents(folder, metadata_only=...)` gives, by file name (no path made)."""
    names = _catalog_names(folder)
    signature = _signature(folder, names)
    cache = _cache_file(folder, "-metadata" if metadata_only else "")
    cached = _read_cache(cache, signature) if signature is not None else None
    if cached is not None and all(name in cached for name in names):
        return {name: cached[name] for name in names}
    if metadata_only:
        documents = {name: _metadata_view(document) for name, document in documents_by_name(folder).items()}
    else:
        documents = {name: _parse(folder / name) for name in names}
    if signature is not None:
        _write_cache(cache, signature, documents)
    return documents


def _metadata_view(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value if key in METADATA_KEYS else None for key, value in document.items()}


def _parse(path: Path) -> dict[str, Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: expected a mapping")
    return data


def _catalog_names(folder: Path) -> list[str]:
    """The names of the `*.yaml` entries of `folder`, sorted (the files `sorted(folder.glob("*.yaml"))`
    lists, without compiling the pattern and making a path for every entry)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [name for name in sorted(names) if name.endswith(".yaml")]


def _signature(folder: Path, names: list[str]) -> list[str] | None:
    """The files as they are now (name, size, modification time); None if one cannot be read."""
    lines = [_CACHE_FORMAT]
    directory = os.fspath(folder)
    for name in names:
        try:
            stat = os.stat(os.path.join(directory, name))
        except OSError:
            return None
        lines.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return lines


def _cache_file(folder: Path, variant: str = "") -> Path:
    """Where the parsed files of `folder` are cached (one file per catalog directory and variant)."""
    explicit = os.environ.get("SCHEMALINT_CACHE_DIR")
    if explicit:
        base = Path(explicit)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "schemalint"
    return base / f"catalog-{_folder_key(folder)}{variant}.marshal"


def _folder_key(folder: Path) -> str:
    """A short digest of `folder`'s path naming its cache files (32-bit FNV-1a: the few bytes of
    a path do not call for loading zlib's extension module at every start)."""
    digest = 0x811C9DC5
    for byte in os.fsencode(folder):
        digest = ((digest ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{digest:08x}"


def _read_cache(cache: Path, signature: list[str]) -> dict[str, dict[str, Any]] | None:
    """The cached documents, if the cache was written for exactly these files."""
    try:
        data = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # missing, cut short or not marshal data
        return None
    if not isinstance(data, dict) or data.get("signature") != signature:
        return None
    documents = data.get("documents")
    return documents if isinstance(documents, dict) else None


def _write_cache(cache: Path, signature: list[str], documents: Mapping[str, dict[str, Any]]) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not used."""
    try:
        data = marshal.dumps({"signature": signature, "documents": dict(documents)})
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(cache)
    except (OSError, TypeError, ValueError):
        return


def rule_metadata(path: Path, data: Mapping[str, Any]) -> RuleMetadata:
    """The metadata of one catalog file, validated (CatalogError names the file and key)."""
    return RuleMetadata(*metadata_values(path, data))


MetadataValues = tuple[str, str, Severity, Stage, str, str, tuple[Option, ...], tuple[str, ...]]


def metadata_values(path: Path, data: Mapping[str, Any]) -> MetadataValues:
    """The fields of `rule_metadata(path, data)`, in their order (for a class extending it)."""
    keys = data.keys()
    if not (keys <= _ENTRY_KEY_SET and keys >= _REQUIRED_KEY_SET):
        unknown = sorted(set(data) - set(ENTRY_KEYS))
        missing = [key for key in ENTRY_KEYS if key not in data and key not in OPTIONAL_ENTRY_KEYS]
        raise CatalogError(f"{path}: unknown keys {unknown}, missing keys {missing}")
    code, name, summary, since = data["code"], data["name"], data["summary"], data["since"]
    if not (
        isinstance(code, str)
        and isinstance(name, str)
        and isinstance(summary, str)
        and isinstance(since, str)
        and code.strip()
        and name.strip()
        and summary.strip()
        and since.strip()
    ):
        for key in _TEXT_KEYS:  # the first one that is not a non-empty string, named
            _text(data, key, path)
    if not is_code(code):
        letters = "".join(CATEGORY_DIGITS)
        raise CatalogError(f"{path}: code {code!r} is not a letter of {letters} and three digits")
    if code[1] != CATEGORY_DIGITS[code[0]]:
        raise CatalogError(
            f"{path}: code {code!r} must start with {code[0]}{CATEGORY_DIGITS[code[0]]} (category numbering)"
        )
    if not is_name(name):
        raise CatalogError(f"{path}: name {name!r} is not kebab-case")
    if path.stem != name.replace("-", "_"):
        raise CatalogError(f"{path}: file name must be the rule name with underscores ({name!r})")
    try:
        severity = Severity.parse(_text(data, "severity", path))
    except ValueError as exc:
        raise CatalogError(f"{path}: severity: {exc}") from None
    stage = data["stage"]
    if stage not in STAGES:
        raise CatalogError(f"{path}: stage: expected one of {', '.join(STAGES)}, got {stage!r}")
    options = tuple(_option(raw, path) for raw in data.get("options") or ())
    names = [option.name for option in options]
    if len(set(names)) != len(names):
        raise CatalogError(f"{path}: options: an option is declared twice ({names})")
    needs = data.get("needs") or []
    if not isinstance(needs, list) or not all(need in NEEDS for need in needs):
        raise CatalogError(f"{path}: needs: expected a list of {', '.join(NEEDS)}, got {needs!r}")
    return (code, name, severity, stage, since.strip(), summary.strip(), options, tuple(needs))


def _text(data: Mapping[str, Any], key: str, path: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{path}: {key}: expected a non-empty string")
    return value


def _option(raw: object, path: Path) -> Option:
    if (
        not isinstance(raw, dict)
        or not set(OPTION_KEYS) <= set(raw)
        or set(raw) - set(OPTION_KEYS) - set(OPTIONAL_OPTION_KEYS)
    ):
        keys = ", ".join(OPTION_KEYS)
        raise CatalogError(f"{path}: options: each option needs {keys} (and may have choices, minimum)")
    where = f"{path}: option {raw['name']!r}"
    if raw["type"] not in OPTION_TYPES:
        raise CatalogError(f"{where}: type must be one of {', '.join(OPTION_TYPES)}")
    choices = raw.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise CatalogError(f"{where}: choices must be a list of strings")
    minimum = raw.get("minimum")
    if minimum is not None and (not isinstance(minimum, int) or raw["type"] != "int"):
        raise CatalogError(f"{where}: minimum must be an integer, for an int option")
    option_type: OptionType = raw["type"]
    default = tuple(raw["default"]) if isinstance(raw["default"], list) else raw["default"]
    option = Option(
        str(raw["name"]), option_type, default, str(raw["description"]).strip(), tuple(choices), minimum
    )
    try:
        coerce_option(option, option.default)
    except ValueError as exc:
        raise CatalogError(f"{where}: default: {exc}") from None
    return option
