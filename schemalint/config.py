"""`schemalint check` configuration: found, read and validated once into a typed `Config`.

Sources, searched from the schema file's directory upwards (the first directory holding one
wins; within a directory in this order): `schemalint.yaml`, `.schemalint.yaml`, `pyproject.toml`
with a `[tool.schemalint]` table. `--config FILE` names one explicitly. A file that cannot be
parsed is an error with its `file:line:col`, wherever it was found (a broken pyproject.toml on the
way up included: its settings might have been meant to apply). Command-line flags are applied on
top with `Config.with_overrides`; `origins` records where each setting came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from schemalint import files
from schemalint.diagnostics import Severity
from schemalint.records import dataclass
from schemalint.rules import RuleSpec, spec_for
from schemalint.rules.base import OptionValue, Rule, RuleOptions, coerce_option
from schemalint.selection import ALL, RuleSelection, layered_rules, selector_problem

CONFIG_FILE_NAMES = ("schemalint.yaml", ".schemalint.yaml", "pyproject.toml")
# Values (strings, numbers, lists, mappings) a YAML configuration may expand to. A real one has
# dozens; YAML aliases can make a few lines stand for billions (a "billion laughs"), which every
# later step (validation, error messages) would walk.
MAX_CONFIG_VALUES = 10_000
KEYS = (
    "select", "extend-select", "ignore", "preview", "severity", "fail-on", "strict",
    "per-file-ignores", "rules",
)  # fmt: skip


class ConfigError(Exception):
    """The configuration is unreadable or invalid; the message names the file and the key."""


@dataclass(frozen=True)
class FileIgnore:
    """`per-file-ignores`: rules (selectors) ignored in files matching `pattern`.

    `pattern` is a glob matched against the file's path relative to the project root
    (`*` within one path segment, `**` across segments); a pattern without `/` also matches
    the file name alone.
    """

    pattern: str
    selectors: tuple[str, ...]

    def applies_to(self, relative_path: str) -> bool:
        regex = _glob_regex(self.pattern)
        if regex.fullmatch(relative_path):
            return True
        return "/" not in self.pattern and bool(regex.fullmatch(relative_path.rsplit("/", 1)[-1]))


def _glob_regex(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


@dataclass(frozen=True)
class Config:
    """Validated settings. `severity` and `rule_options` are keyed by rule name; `preview`
    also runs the rules in preview (`schemalint.selection`)."""

    select: tuple[str, ...] = (ALL,)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preview: bool = False
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    # Whether notices (schemalint's own blind spots) fail the run too.
    strict: bool = False
    per_file_ignores: tuple[FileIgnore, ...] = ()
    rule_options: Mapping[str, Mapping[str, OptionValue]] = field(default_factory=dict)
    source: Path | None = None
    # Rule selections given on the command line, applied after the file's (ruff's layering).
    command_line: tuple[RuleSelection, ...] = ()
    # Where each setting (a KEYS name) came from: a file (with its table) or "command line"
    # (the file's selection keys stay the file's; `command_line` holds the flags' layers).
    origins: Mapping[str, str] = field(default_factory=dict)

    def enabled_rules(self, *, compares_versions: bool | None = None) -> tuple[type[Rule], ...]:
        """The rules that run: the file's selection, then the command line's on top of it; only
        those whose `compares_versions` is the given one, if given (the others' modules are not
        imported)."""
        return tuple(
            spec.load()
            for spec in self.enabled_rule_specs()
            if compares_versions is None or spec.compares_versions == compares_versions
        )

    def enabled_rule_specs(self) -> tuple[RuleSpec, ...]:
        """`enabled_rules` as the catalog describes them, no rule module imported."""
        own = RuleSelection(self.select, self.extend_select, self.ignore)
        return layered_rules((own, *self.command_line), preview=self.preview)

    def options_for(self, rule: type[Rule] | RuleSpec) -> RuleOptions:
        """The rule's option values: its defaults overlaid with the configured ones."""
        return RuleOptions({**rule.default_options(), **self.rule_options.get(rule.name, {})})

    def with_overrides(
        self,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        fail_on: str | None = None,
        strict: bool = False,
        preview: bool | None = None,
    ) -> Config:
        """This config with command-line flags applied as ruff applies them: `--select`
        replaces the file's `select`, `extend-select` and `ignore`; without it `--extend-select`
        and `--ignore` change the file's selection (the command line wins over the file, the
        more specific selector within it); `--fail-on` and `--preview`/`--no-preview` replace
        `fail-on` and `preview`; `--strict` turns `strict` on."""
        origin = "command line"
        layer = RuleSelection(
            None if select is None else _selectors(list(select), "--select", origin),
            _selectors(list(extend_select), "--extend-select", origin),
            _selectors(list(ignore), "--ignore", origin),
        )
        origins = {**self.origins, **({"fail-on": origin} if fail_on is not None else {})}
        origins |= {"strict": origin} if strict else {}
        origins |= {"preview": origin} if preview is not None else {}
        return replace(
            self,
            command_line=self.command_line + ((layer,) if layer != RuleSelection(None) else ()),
            fail_on=self.fail_on if fail_on is None else _fail_on(fail_on, "--fail-on", origin),
            strict=self.strict or strict,
            preview=self.preview if preview is None else preview,
            origins=origins,
        )


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file in `start` or its ancestors (up to the filesystem root).

    Raises `ConfigError` for a `pyproject.toml` on the way that is not valid TOML."""
    fs = files.current()
    for directory in (start, *start.parents):
        for name in CONFIG_FILE_NAMES:
            candidate = directory / name
            if fs.is_file(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def load_config(schema_file: Path, explicit: Path | None = None) -> Config:
    """The configuration for `schemalint check` of `schema_file` (defaults if none is found)."""
    if explicit is not None:
        path: Path | None = explicit
    else:
        path = find_config_file(files.current().realpath(schema_file).parent)
    if path is None:
        return Config()
    data, origin = _read(path)
    config = parse_config(data, origin)
    return replace(config, source=path, origins={key: origin for key in data})


def parse_config(data: Mapping[str, Any], origin: str = "config") -> Config:
    """Validate raw settings (as read from TOML/YAML) into a `Config`; `origin` names the
    source in error messages."""
    unknown = [key for key in data if key not in KEYS]
    if unknown:
        raise ConfigError(_unknown_key(origin, unknown[0], KEYS))
    config = Config()
    if "select" in data:
        config = replace(config, select=_selectors(data["select"], "select", origin))
    return replace(
        config,
        extend_select=_selectors(data.get("extend-select", []), "extend-select", origin),
        ignore=_selectors(data.get("ignore", []), "ignore", origin),
        preview=_flag(data.get("preview", False), "preview", origin),
        severity=_severities(data.get("severity", {}), origin),
        fail_on=_fail_on(data.get("fail-on", "warning"), "fail-on", origin),
        strict=_flag(data.get("strict", False), "strict", origin),
        per_file_ignores=_file_ignores(data.get("per-file-ignores", {}), origin),
        rule_options=_rule_options(data.get("rules", {}), origin),
    )


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = _text_of(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.suffix == ".toml":
        document = _toml(path, text)
        if path.name == "pyproject.toml":
            section = document.get("tool", {}).get("schemalint", {})
            return _mapping(section, f"{path} [tool.schemalint]"), f"{path} [tool.schemalint]"
        return document, str(path)
    import yaml

    try:
        loaded = yaml.safe_load(text)
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    if _expands_beyond(loaded, MAX_CONFIG_VALUES):
        raise ConfigError(
            f"{path}: the configuration expands to more than {MAX_CONFIG_VALUES:,} values "
            "(YAML aliases repeating lists or mappings?); schemalint does not read it"
        )
    return _mapping({} if loaded is None else loaded, str(path)), str(path)


def _expands_beyond(value: object, limit: int) -> bool:
    """Whether `value`, with every alias expanded, holds more than `limit` values. Stops as soon
    as it has counted `limit`, so an alias bomb costs `limit` steps, not its expanded size."""
    pending = [value]
    count = 0
    while pending:
        count += 1
        if count > limit:
            return True
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple | set):
            pending.extend(item)
    return False


def _text_of(path: Path) -> str:
    """The text of `path` as `Path.read_text` gives it (universal newlines), read through
    `schemalint.files` (so that the result cache knows the configuration was read)."""
    return files.read_text(path).replace("\r\n", "\n").replace("\r", "\n")


def _toml(path: Path, text: str) -> dict[str, Any]:
    import tomllib  # only a pyproject.toml needs it

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        # Python 3.14 has exc.lineno/colno; before, the message ends "(at line L, column C)".
        text_lines = text.split("\n")
        end = f"{len(text_lines)}:{len(text_lines[-1]) + 1}"
        found = re.search(r"^(.*) \(at (?:line (\d+), column (\d+)|end of document)\)$", str(exc))
        if found is None:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        message, line, column = found.groups()
        where = f"{line}:{column}" if line else end
        raise ConfigError(f"{path}:{where}: invalid TOML: {message}") from None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = _text_of(pyproject)
    except (OSError, UnicodeDecodeError):
        return False
    document = _toml(pyproject, text)
    tool = document.get("tool")
    return isinstance(tool, dict) and "schemalint" in tool


def _mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ConfigError(f"{where}: expected a table/mapping of settings, got {value!r}")
    return value


def _unknown_key(origin: str, key: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(known)})"
    return f"{origin}: unknown key {key!r}{hint}"


def _strings(value: object, key: str, origin: str) -> list[str]:
    """A list of strings; a single string may also list them separated by commas."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return [part.strip() for v in value for part in v.split(",") if part.strip()]
    raise ConfigError(f"{origin}: {key}: expected a list of rule codes or names, got {value!r}")


def _selectors(value: object, key: str, origin: str) -> tuple[str, ...]:
    selectors = _strings(value, key, origin)
    for selector in selectors:
        problem = selector_problem(selector)
        if problem is not None:
            raise ConfigError(f"{origin}: {key}: {problem}")
    return tuple(selectors)


def _severity(value: object, key: str, origin: str) -> Severity:
    """A rule severity (`error`, `warning`, `info` or `notice`)."""
    if isinstance(value, str):
        try:
            return Severity.parse(value)
        except ValueError:
            pass
    raise ConfigError(f"{origin}: {key}: expected error, warning, info or notice, got {value!r}")


def _fail_on(value: object, key: str, origin: str) -> Severity:
    """The lowest failing severity; notices fail a run only through `strict`."""
    if isinstance(value, str) and value.strip().lower() in ("error", "warning", "info"):
        return Severity.parse(value)
    hint = " (notices fail the run only with `strict`)" if value == "notice" else ""
    raise ConfigError(f"{origin}: {key}: expected error, warning or info, got {value!r}{hint}")


def _flag(value: object, key: str, origin: str) -> bool:
    if isinstance(value, bool):
        return value
    raise ConfigError(f"{origin}: {key}: expected true or false, got {value!r}")


def _rule(key: str, name: object, origin: str) -> RuleSpec:
    rule = spec_for(name) if isinstance(name, str) else None
    if rule is None:
        raise ConfigError(f"{origin}: {key}: unknown rule {name!r}")
    return rule


def _severities(value: object, origin: str) -> dict[str, Severity]:
    table = _mapping(value, f"{origin}: severity")
    return {
        _rule(f"severity.{name}", name, origin).name: _severity(level, f"severity.{name}", origin)
        for name, level in table.items()
    }


def _file_ignores(value: object, origin: str) -> tuple[FileIgnore, ...]:
    table = _mapping(value, f"{origin}: per-file-ignores")
    return tuple(
        FileIgnore(pattern, _selectors(selectors, f"per-file-ignores.{pattern!r}", origin))
        for pattern, selectors in table.items()
    )


def _rule_options(value: object, origin: str) -> dict[str, dict[str, OptionValue]]:
    result: dict[str, dict[str, OptionValue]] = {}
    for name, settings in _mapping(value, f"{origin}: rules").items():
        rule = _rule(f"rules.{name}", name, origin)
        if rule.name != name:
            raise ConfigError(f"{origin}: rules.{name}: use the rule name {rule.name!r}")
        declared = {option.name: option for option in rule.options}
        values: dict[str, OptionValue] = {}
        for key, raw in _mapping(settings, f"{origin}: rules.{name}").items():
            if key not in declared:
                known = list(declared) or ["(this rule has no options)"]
                raise ConfigError(
                    _unknown_key(origin, f"rules.{name}.{key}", [f"rules.{name}.{k}" for k in known])
                )
            try:
                values[key] = coerce_option(declared[key], raw)
            except ValueError as exc:
                raise ConfigError(f"{origin}: rules.{name}.{key}: {exc}") from None
        result[name] = values
    return result
