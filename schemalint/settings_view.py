"""`schemalint check --show-settings`: a project's effective configuration, each value with
where it came from (the configuration file and table, the command line, or the default)."""

from __future__ import annotations

import json
from pathlib import Path

from schemalint.config import Config
from schemalint.discovery import ProjectLayout
from schemalint.rules import SPECS
from schemalint.textsafe import visible

DEFAULT = "default"


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return str(path)


def _toml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_settings(layout: ProjectLayout, config: Config) -> str:
    """The settings as TOML-like lines, `# origin` after each value; control, line-separator and
    bidi characters (in values, patterns and paths) shown as `\\uXXXX`."""
    origin = config.origins
    lines = [
        f"# project: {_shown(layout.root)} (schema {_shown(layout.schema_file)})",
        f"# configuration file: {_shown(config.source) if config.source else 'none found'}",
    ]

    def line(key: str, value: object, where: str | None = None) -> None:
        lines.append(f"{key} = {_toml(value)}  # {where or origin.get(key, DEFAULT)}")

    line("select", list(config.select))
    line("extend-select", list(config.extend_select))
    line("ignore", list(config.ignore))
    for number, layer in enumerate(config.command_line, 1):
        given = {
            "--select": layer.select,
            "--extend-select": layer.extend_select or None,
            "--ignore": layer.ignore or None,
        }
        flags = " ".join(f"{flag} {','.join(values)}" for flag, values in given.items() if values)
        effect = "replaces the file's selection" if layer.select is not None else "applied on top"
        lines.append(f"# command line ({number}): {flags} ({effect})")
    line("preview", config.preview)
    enabled = config.enabled_rule_specs()
    lines.append(f"# enabled rules ({len(enabled)} of {len(SPECS)}): " + " ".join(r.code for r in enabled))
    line("fail-on", config.fail_on.label)
    line("strict", config.strict)
    line("severity", {name: level.label for name, level in sorted(config.severity.items())})
    line(
        "per-file-ignores",
        {entry.pattern: list(entry.selectors) for entry in config.per_file_ignores},
    )
    for rule in sorted(SPECS, key=lambda r: r.name):
        configured = config.rule_options.get(rule.name, {})
        for name, value in sorted(config.options_for(rule).values.items()):
            where = origin.get("rules", DEFAULT) if name in configured else DEFAULT
            shown = list(value) if isinstance(value, tuple) else value
            line(f"rules.{rule.name}.{name}", shown, where)
    # Patterns, option values and paths come from the repository: shown, never acting (#17).
    return "".join(f"{visible(text)}\n" for text in lines)
