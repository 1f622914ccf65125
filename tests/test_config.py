"""Configuration: discovery upwards, pyproject.toml, command line over file over defaults,
errors that name the key, rule severities and --print-config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import config
from checker.rules.examples import MINI, variant
from checker.cli import app

NO_PLAN = variant(
    "四、2024年推进法治政府建设的主要安排\n"
    "一是深入学习贯彻习近平法治思想；二是推进严格规范公正文明执法，开展执法案卷评查；三是加强行政复议和应诉工作，提升行政机关负责人出庭应诉质量。\n",
    "",
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root (has .git) that is the current directory; holds a failing draft."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    (root / "draft.txt").write_text(NO_PLAN, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def yaml_config(directory: Path, text: str) -> Path:
    path = directory / ".fzcheck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery --------------------------------------------------------------------------------
def test_found_from_a_subdirectory_upwards(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = yaml_config(repo, "format: json\n")
    deep = repo / "a" / "b"
    deep.mkdir(parents=True)
    assert config.discover(deep) == cfg.resolve()
    monkeypatch.chdir(deep)
    result = run("check", str(repo / "draft.txt"))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["schema"] == "fzcheck/1"


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    yaml_config(tmp_path, "format: json\n")  # above the repository: not this project's
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / "sub").mkdir()
    assert config.discover(root / "sub") is None
    assert config.discover(tmp_path) == (tmp_path / ".fzcheck.yaml").resolve()


def test_discovery_stops_at_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    yaml_config(tmp_path, "format: json\n")
    home = tmp_path / "home"
    (home / "drafts").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert config.discover(home / "drafts") is None


def test_pyproject_tool_section(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.fzcheck]\nfail-on = "never"\nformat = "json"\n'
        '[tool.fzcheck.rules]\n"section-thin" = "off"\n',
        encoding="utf-8",
    )
    assert config.discover(repo) == (repo / "pyproject.toml").resolve()
    result = run("check", "draft.txt")
    assert result.exit_code == 0  # fail-on never
    assert json.loads(result.stdout)["results"][0]["findings"]


def test_pyproject_without_the_section_is_passed_over(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert config.discover(repo) is None


def test_yaml_file_wins_over_pyproject_in_the_same_directory(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.fzcheck]\nformat = "json"\n', encoding="utf-8")
    cfg = yaml_config(repo, "format: text\n")
    assert config.discover(repo) == cfg.resolve()


def test_explicit_config_file(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared.yaml"
    elsewhere.write_text("fail_on: never\n", encoding="utf-8")
    yaml_config(repo, "fail_on: error\n")
    assert run("check", "--config", str(elsewhere), "draft.txt").exit_code == 0
    assert run("check", "draft.txt").exit_code == 1


def test_explicit_config_that_does_not_exist(repo: Path) -> None:
    result = run("check", "--config", "nosuch.yaml", "draft.txt")
    assert result.exit_code == 2
    assert "nosuch.yaml" in result.output and "不存在" in result.output


# --- precedence --------------------------------------------------------------------------------
def test_command_line_wins_over_the_file(repo: Path) -> None:
    yaml_config(repo, "format: json\nfail-on: never\n")
    result = run("check", "--format", "text", "--fail-on", "error", "draft.txt")
    assert result.exit_code == 1
    assert "[section-missing]" in result.stdout and not result.stdout.startswith("{")


def test_resolve_sources(repo: Path) -> None:
    cfg = yaml_config(repo, "format: json\njobs: 3\n")
    settings = config.resolve({"format": "text"}, cwd=repo)
    assert settings["format"] == "text" and settings.origins["format"] == config.ORIGIN_CLI
    assert settings["jobs"] == 3 and settings.origins["jobs"] == f"配置文件 {cfg.resolve()}"
    assert settings["template"] == "annual" and settings.origins["template"] == config.ORIGIN_DEFAULT


def test_all_keys_reach_the_options(repo: Path) -> None:
    (repo / "custom.yaml").write_text("extends: annual\nname: custom\n", encoding="utf-8")
    yaml_config(
        repo,
        "template: custom.yaml\nyear: 2023\ndate: 2024-03-15\nmax-size: 1.5\n"
        "rules:\n  section-thin: info\nexclude: ['*.bak.txt']\n",
    )
    options = config.resolve({}, cwd=repo).options()
    assert options.template == str(repo / "custom.yaml")  # relative to the configuration file
    assert options.year == 2023
    assert str(options.date) == "2024-03-15"
    assert options.max_bytes == int(1.5 * 1024 * 1024)
    assert options.rules == {"section-thin": "info"}
    assert options.exclude == ("*.bak.txt",)


# --- errors ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, words",
    [
        ("colour: red\n", ["colour", "未知的键"]),
        ("format: xml\n", ["format", "xml"]),
        ("fail-on: sometimes\n", ["fail-on", "sometimes"]),
        ("jobs: 0\n", ["jobs"]),
        ("year: 20\n", ["year"]),
        ("date: 2024-02-30\n", ["date"]),
        ("max_size: big\n", ["max_size"]),
        ("rules:\n  no-such-rule: off\n", ["no-such-rule", "没有这条规则"]),
        ("rules:\n  section-thin: loud\n", ["section-thin", "loud"]),
        ("rules: [section-thin]\n", ["rules"]),
        ("exclude: 3\n", ["exclude"]),
        ("fail_on: warning\nfail-on: info\n", ["重复"]),
        ("- just a list\n", ["顶层"]),
        ("format: [unclosed\n", ["YAML"]),
    ],
)
def test_bad_configuration_exits_2_naming_the_key(repo: Path, text: str, words: list[str]) -> None:
    yaml_config(repo, text)
    result = run("check", "draft.txt")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert ".fzcheck.yaml" in result.output
    for word in words:
        assert word in result.output


def test_bad_pyproject_exits_2(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.fzcheck]\ncolour = "red"\n', encoding="utf-8")
    result = run("check", "draft.txt")
    assert result.exit_code == 2 and "colour" in result.output and "pyproject.toml" in result.output


# --- rules ----------------------------------------------------------------------------------------
def test_rule_off(repo: Path) -> None:
    assert "[section-missing]" in run("check", "draft.txt").stdout
    yaml_config(repo, "rules:\n  section-missing: off\n")  # YAML reads a bare off as false
    result = run("check", "draft.txt")
    assert "[section-missing]" not in result.stdout
    assert result.exit_code == 0


def test_rule_severity_change(repo: Path) -> None:
    yaml_config(repo, "rules:\n  section-missing: warning\n")
    result = run("check", "-f", "json", "draft.txt")
    assert result.exit_code == 0  # no error left
    findings = json.loads(result.stdout)["results"][0]["findings"]
    assert {f["severity"] for f in findings if f["rule"] == "section-missing"} == {"warning"}
    assert run("check", "--fail-on", "warning", "draft.txt").exit_code == 1


def test_exclude_skips_files(repo: Path) -> None:
    (repo / "drafts").mkdir()
    (repo / "drafts" / "old.txt").write_text(NO_PLAN, encoding="utf-8")
    (repo / "drafts" / "new.txt").write_text(MINI, encoding="utf-8")
    assert run("check", "drafts").exit_code == 1
    yaml_config(repo, "exclude: ['old.txt']\n")
    result = run("check", "drafts")
    assert result.exit_code == 0 and "old.txt" not in result.stdout


# --- --print-config ------------------------------------------------------------------------------
def test_print_config_shows_values_and_origins(repo: Path) -> None:
    cfg = yaml_config(repo, "template: department\nrules:\n  section-thin: off\n")
    result = run("check", "--print-config", "--format", "json")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert result.stdout.splitlines()[0] == f"配置文件：{cfg.resolve()}"
    assert "json" in lines["format"] and "命令行" in lines["format"]
    assert "department" in lines["template"] and "配置文件" in lines["template"]
    assert "section-thin=off" in lines["rules"]
    assert "默认值" in lines["fail-on"]
    assert "默认值" in lines["jobs"]


def test_print_config_without_a_file(repo: Path) -> None:
    result = run("check", "--print-config")
    assert result.exit_code == 0
    assert "未找到" in result.stdout
    assert "命令行" not in result.stdout and "配置文件 " not in result.stdout
