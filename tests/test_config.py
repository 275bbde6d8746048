"""Configuration: where it is found, what it may say, and how mistakes are reported."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from schemalint.config import Config, ConfigError, FileIgnore, find_config_file, load_config, parse_config
from schemalint.diagnostics import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def schema_in(root: Path) -> Path:
    return write(root / "convex" / "schema.ts", "export default 1;\n")


def test_without_a_config_file_every_rule_runs_and_warnings_fail() -> None:
    config = Config()
    assert config.select == ("ALL",) and config.fail_on is Severity.WARNING


def test_pyproject_tool_table_is_found_by_walking_up_from_the_schema(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
        [tool.schemalint]
        select = ["D", "T302"]
        ignore = ["D102"]
        fail-on = "error"

        [tool.schemalint.severity]
        any-type = "warning"

        [tool.schemalint.per-file-ignores]
        "convex/legacy/**" = ["any-type"]
        """,
    )
    config = load_config(schema_in(tmp_path / "app"))
    assert config.source == tmp_path / "pyproject.toml"
    assert config.select == ("D", "T302") and config.ignore == ("D102",)
    assert config.fail_on is Severity.ERROR
    assert config.severity == {"any-type": Severity.WARNING}
    assert config.per_file_ignores == (FileIgnore("convex/legacy/**", ("any-type",)),)


def test_a_pyproject_without_a_schemalint_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "app" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / ".schemalint.yaml", "ignore: [T]\n")
    assert find_config_file(tmp_path / "app" / "convex") == tmp_path / ".schemalint.yaml"


def test_yaml_files_win_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.schemalint]\nignore = ['D']\n")
    write(tmp_path / "schemalint.yaml", "ignore: [T]\n")
    assert load_config(schema_in(tmp_path)).ignore == ("T",)


def test_the_nearest_directory_wins(tmp_path: Path) -> None:
    write(tmp_path / "schemalint.yaml", "ignore: [T]\n")
    write(tmp_path / "app" / "schemalint.yaml", "ignore: [N]\n")
    assert load_config(schema_in(tmp_path / "app")).ignore == ("N",)


def test_an_explicit_config_file_is_used_as_given(tmp_path: Path) -> None:
    explicit = write(tmp_path / "ci" / "lint.toml", "select = ['M']\n")
    write(tmp_path / "schemalint.yaml", "ignore: [T]\n")
    config = load_config(schema_in(tmp_path), explicit)
    assert config.select == ("M",) and config.ignore == ()


def test_an_empty_yaml_file_means_defaults(tmp_path: Path) -> None:
    write(tmp_path / "schemalint.yaml", "")
    assert load_config(schema_in(tmp_path)) == Config(source=tmp_path / "schemalint.yaml")


def codes(config: Config) -> set[str]:
    return {rule.code for rule in config.enabled_rules()}


def test_command_line_select_replaces_the_files_selection_like_ruff() -> None:
    file = parse_config({"select": ["D"], "extend-select": ["T302"], "ignore": ["D102", "T3"]})
    config = file.with_overrides(select=["T"], extend_select=["M904"], ignore=["T304"], fail_on="info")
    t_rules = {code for code in codes(parse_config({"select": ["T"]})) if code != "T304"}
    assert codes(config) == t_rules | {"M904"}  # the file's D, T302 and its ignore of T3 are gone
    assert config.fail_on is Severity.INFO
    assert config.origins == {"fail-on": "command line"}


def test_command_line_extend_select_and_ignore_adjust_the_files_selection() -> None:
    file = parse_config({"select": ["D"], "ignore": ["D102", "T"]})
    d_rules = codes(parse_config({"select": ["D"]}))
    assert codes(file) == d_rules - {"D102"}
    # the command line wins over the file's ignore, even with a less specific selector
    assert codes(file.with_overrides(extend_select=["D1"])) == d_rules
    assert codes(file.with_overrides(extend_select=["T302"], ignore=["D101"])) == (
        d_rules - {"D101", "D102"}
    ) | {"T302"}
    # within one layer the more specific selector wins, ignore on a tie
    assert codes(file.with_overrides(extend_select=["T"], ignore=["T302"])) == (d_rules - {"D102"}) | (
        codes(parse_config({"select": ["T"]})) - {"T302"}
    )


def test_a_toml_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    pyproject = write(tmp_path / "pyproject.toml", '[tool.schemalint]\nselect = ["D"\nignore = []\n')
    with pytest.raises(ConfigError) as error:
        load_config(schema_in(tmp_path))  # found by discovery, not named with --config
    assert str(error.value).startswith(f"{pyproject}:3:1: invalid TOML: ")


def test_a_broken_pyproject_further_up_is_an_error_too(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml:1:9: invalid TOML"):
        load_config(schema_in(tmp_path / "app"))


def test_a_yaml_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    config = write(tmp_path / "schemalint.yaml", "select: [D\nignore: x\n")
    with pytest.raises(ConfigError) as error:
        load_config(schema_in(tmp_path))
    assert str(error.value).startswith(f"{config}:2:7: invalid YAML: ")


def test_a_yaml_alias_bomb_is_refused_before_anything_walks_it(tmp_path: Path) -> None:
    # #17: nine lines of anchors stand for 10^9 strings; printing or validating them ran for
    # minutes at gigabytes. A config file found in a cloned repository must not do that.
    levels = ['&a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    levels += [f"&a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    config = write(tmp_path / "schemalint.yaml", f"select: [{', '.join(levels)}]\n")
    with pytest.raises(ConfigError) as error:
        load_config(schema_in(tmp_path))
    assert str(error.value) == (
        f"{config}: the configuration expands to more than 10,000 values "
        "(YAML aliases repeating lists or mappings?); schemalint does not read it"
    )


@pytest.mark.parametrize(
    ("name", "text", "language"),
    [
        ("schemalint.yaml", "select: " + "[" * 50_000 + "]" * 50_000 + "\n", "YAML"),
        ("pyproject.toml", "[tool.schemalint]\nselect = " + "[" * 50_000 + "]" * 50_000 + "\n", "TOML"),
    ],
)
def test_a_config_nested_too_deeply_is_an_error_not_a_crash(
    tmp_path: Path, name: str, text: str, language: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(schema_in(tmp_path))
    assert str(error.value) == f"{tmp_path / name}: invalid {language}: nested too deeply"


def test_a_few_yaml_aliases_are_fine(tmp_path: Path) -> None:
    write(tmp_path / "schemalint.yaml", "ignore: &off [N403]\nper-file-ignores: {'convex/old/*.ts': *off}\n")
    config = load_config(schema_in(tmp_path))
    assert config.ignore == ("N403",)
    assert config.per_file_ignores == (FileIgnore("convex/old/*.ts", ("N403",)),)


def test_selectors_may_be_one_comma_separated_string() -> None:
    assert parse_config({"ignore": "D101, any-type"}).ignore == ("D101", "any-type")


def test_per_file_ignore_globs() -> None:
    legacy = FileIgnore("convex/legacy/**", ("T",))
    assert legacy.applies_to("convex/legacy/a.ts")
    assert legacy.applies_to("convex/legacy/deep/b.ts")
    assert not legacy.applies_to("convex/schema.ts")
    anywhere = FileIgnore("**/generated_*.ts", ("T",))
    assert anywhere.applies_to("generated_x.ts") and anywhere.applies_to("convex/a/generated_x.ts")
    by_name = FileIgnore("schema.ts", ("T",))
    assert by_name.applies_to("convex/schema.ts")
    assert not FileIgnore("convex/*.ts", ("T",)).applies_to("convex/tables/users.ts")


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"selct": ["D"]}, "unknown key 'selct' (did you mean 'select'?)"),
        ({"select": ["X9"]}, "select: unknown rule, code or code prefix 'X9'"),
        ({"extend-select": [1]}, "extend-select: expected a list of rule codes or names"),
        ({"ignore": ["no-such-rule"]}, "ignore: unknown rule, code or code prefix 'no-such-rule'"),
        ({"severity": {"any-type": "fatal"}}, "severity.any-type: expected error, warning, info or notice"),
        ({"severity": {"nope": "error"}}, "severity.nope: unknown rule 'nope'"),
        ({"fail-on": "critical"}, "fail-on: expected error, warning or info"),
        ({"per-file-ignores": {"*.ts": ["X"]}}, "per-file-ignores.'*.ts': unknown rule"),
        ({"preview": "yes"}, "preview: expected true or false, got 'yes'"),
        ({"per-file-ignores": ["*.ts"]}, "per-file-ignores: expected a table/mapping"),
        ({"rules": {"nope": {}}}, "rules.nope: unknown rule 'nope'"),
        ({"rules": {"any-type": {"style": "x"}}}, "unknown key 'rules.any-type.style'"),
    ],
)
def test_invalid_settings_raise_an_error_naming_the_key(settings: dict[str, object], named: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(settings, "schemalint.yaml")
    assert str(error.value).startswith("schemalint.yaml: ")
    assert named in str(error.value)


def test_unreadable_files_raise_config_errors_naming_the_file(tmp_path: Path) -> None:
    bad_toml = write(tmp_path / "pyproject.toml", "[tool.schemalint\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(schema_in(tmp_path), bad_toml)
    bad_yaml = write(tmp_path / "schemalint.yaml", "select: [D\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(schema_in(tmp_path), bad_yaml)
    not_mapping = write(tmp_path / "other.yaml", "- D101\n")
    with pytest.raises(ConfigError, match="expected a table/mapping"):
        load_config(schema_in(tmp_path), not_mapping)


def test_the_pyproject_section_is_named_in_errors(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.schemalint]\nfail_on = 'error'\n")
    with pytest.raises(
        ConfigError, match=r"\[tool\.schemalint\]: unknown key 'fail_on' \(did you mean 'fail-on'\?\)"
    ):
        load_config(schema_in(tmp_path))
