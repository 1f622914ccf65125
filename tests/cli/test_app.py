"""The command line: exit codes 0/1/2, Chinese messages and never a traceback, atomic output,
and the reference commands (rules, explain, templates, outline)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.rules.examples import MINI, variant
from checker.cli import app
from checker.rules import registry
from checker.template import load_template

ROOT = Path(__file__).resolve().parents[2]
NO_PLAN = variant(
    "四、2024年推进法治政府建设的主要安排\n"
    "一是深入学习贯彻习近平法治思想；二是推进严格规范公正文明执法，开展执法案卷评查；三是加强行政复议和应诉工作，提升行政机关负责人出庭应诉质量。\n",
    "",
)
WARNING_ONLY = variant("县长出庭应诉2次。", "县长出庭应诉2次。今年以来，法治建设成效明显。")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory that is its own repository root: no configuration file above it applies."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean_failure(result, *words: str) -> None:
    """Exit 2, a Chinese message naming the problem, no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Error" not in result.output  # no Python exception names either
    for word in words:
        assert word in result.output


# --- exit codes ------------------------------------------------------------------------------
def test_clean_draft_exits_0(work: Path) -> None:
    """A draft with nothing at error level passes (it may still get warnings and notes)."""
    result = run("check", "-f", "json", str(write(work / "clean.txt", MINI)))
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["results"][0]["findings"]
    assert not [f for f in findings if f["severity"] == "error"]


def test_error_finding_exits_1(work: Path) -> None:
    result = run("check", str(write(work / "draft.txt", NO_PLAN)))
    assert result.exit_code == 1
    assert "[section-missing]" in result.output


def test_fail_on_warning(work: Path) -> None:
    draft = write(work / "draft.txt", WARNING_ONLY)
    assert run("check", str(draft)).exit_code == 0
    result = run("check", "--fail-on", "warning", str(draft))
    assert result.exit_code == 1
    assert "[time-relative]" in result.output
    assert run("check", "--fail-on", "never", str(write(work / "bad.txt", NO_PLAN))).exit_code == 0


def test_exit_code_does_not_depend_on_format(work: Path) -> None:
    draft = write(work / "draft.txt", NO_PLAN)
    codes = {fmt: run("check", "--format", fmt, str(draft)).exit_code for fmt in ("text", "json")}
    codes["output"] = run("check", "-o", str(work / "out.json"), "-f", "json", str(draft)).exit_code
    assert set(codes.values()) == {1}


def test_missing_file_exits_2_in_chinese(work: Path) -> None:
    result = run("check", str(work / "nosuch.txt"))
    assert_clean_failure(result, "文件不存在")


def test_missing_file_as_json_still_exits_2(work: Path) -> None:
    result = run("check", "-f", "json", str(work / "nosuch.txt"))
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["results"][0]["error"]["code"] == "not-found"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--template", "nosuch"], ["未知的模板", "nosuch"]),
        (["--date", "2024-02-30"], ["--date", "YYYY-MM-DD"]),
        (["--date", "March"], ["--date"]),
        (["--format", "xml"], ["未知的输出格式", "xml"]),
        (["--fail-on", "sometimes"], ["--fail-on", "sometimes"]),
        (["--year", "abc"], ["--year", "整数"]),
        (["--year", "1800"], ["--year", "年度"]),
        (["--jobs", "0"], ["--jobs", "正整数"]),
        (["--max-size", "-1"], ["--max-size"]),
        (["--no-such-option"], ["没有选项"]),
    ],
)
def test_bad_options_exit_2(work: Path, args: list[str], words: list[str]) -> None:
    draft = write(work / "draft.txt", MINI)
    assert_clean_failure(run("check", *args, str(draft)), *words)


def test_no_paths_exits_2(work: Path) -> None:
    assert_clean_failure(run("check"), "请指定")


def test_empty_directory_exits_2(work: Path) -> None:
    (work / "empty").mkdir()
    assert_clean_failure(run("check", str(work / "empty")), "没有找到")


def test_unknown_command_exits_2(work: Path) -> None:
    assert_clean_failure(run("chek"), "没有命令", "check")


def test_directory_with_a_bad_and_a_good_file(work: Path) -> None:
    folder = work / "drafts"
    folder.mkdir()
    write(folder / "a_good.txt", MINI)
    (folder / "b_broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run("check", str(folder))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "a_good.txt" in result.output
    assert "b_broken.docx" in result.output and "无法检查" in result.output
    data = json.loads(run("check", "-f", "json", str(folder)).stdout)
    assert [Path(r["path"]).name for r in data["results"]] == ["a_good.txt", "b_broken.docx"]
    assert data["results"][0]["error"] is None and data["results"][1]["error"] is not None


def test_no_traceback_from_the_real_entry_point(work: Path) -> None:
    """Through ``python -m checker`` (what the console script runs), errors stay Chinese."""
    for args in (["check", "nosuch.txt"], ["check", "--foo"], ["explain"], []):
        proc = subprocess.run(
            [sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=work,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr + proc.stdout


# --- --output -------------------------------------------------------------------------------
def test_output_file_is_written_whole(work: Path) -> None:
    draft = write(work / "draft.txt", NO_PLAN)
    stdout = run("check", "-f", "json", str(draft)).stdout
    result = run("check", "-f", "json", "-o", "report.json", str(draft))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "错误 1 处" in result.stderr and "结果已写入 report.json" in result.stderr
    written = (work / "report.json").read_text(encoding="utf-8")
    assert json.loads(written)["results"] == json.loads(stdout)["results"]
    assert not list(work.glob(".report.json.*"))  # no temporary file left behind


def test_output_replaces_an_old_report_atomically(work: Path) -> None:
    draft = write(work / "draft.txt", MINI)
    (work / "report.txt").write_text("old", encoding="utf-8")
    assert run("check", "-o", "report.txt", str(draft)).exit_code == 0
    assert "共检查 1 个文件" in (work / "report.txt").read_text(encoding="utf-8")


def test_output_refuses_to_overwrite_an_input(work: Path) -> None:
    draft = write(work / "draft.txt", MINI)
    result = run("check", "-o", str(draft), str(draft))
    assert_clean_failure(result, "拒绝覆盖")
    assert draft.read_text(encoding="utf-8") == MINI
    # also when the input is found inside a directory given on the command line
    result = run("check", "-o", "./draft.txt", str(work))
    assert_clean_failure(result, "拒绝覆盖")
    assert draft.read_text(encoding="utf-8") == MINI


def test_output_into_a_missing_directory_exits_2(work: Path) -> None:
    draft = write(work / "draft.txt", MINI)
    assert_clean_failure(run("check", "-o", str(work / "no" / "such" / "r.txt"), str(draft)), "无法写入")


# --- reference commands ----------------------------------------------------------------------
def test_rules_lists_every_rule(work: Path) -> None:
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == list(registry())


@pytest.mark.parametrize("rule_id", sorted(registry()))
def test_explain_every_rule(work: Path, rule_id: str) -> None:
    result = run("explain", rule_id)
    assert result.exit_code == 0, result.output
    rule = registry()[rule_id]
    assert result.stdout.startswith(rule_id)
    assert rule.summary in result.stdout
    assert "不合格示例" in result.stdout and "合格示例" in result.stdout


def test_explain_unknown_rule_exits_2(work: Path) -> None:
    assert_clean_failure(run("explain", "no-such-rule"), "没有规则")


def test_templates_lists_builtins(work: Path) -> None:
    result = run("templates")
    assert result.exit_code == 0
    assert "annual" in result.stdout and "department" in result.stdout
    assert "次年2月底前" in result.stdout  # the department's reporting deadline


def test_outline_shows_the_structure(work: Path) -> None:
    draft = write(work / "draft.txt", MINI)
    result = run("outline", str(draft))
    assert result.exit_code == 0, result.output
    assert "柳溪县2023年法治政府建设年度报告" in result.stdout
    for section in load_template("annual").sections:  # each section found, named by its title
        assert section.title in result.stdout
    assert "二、2023年度推进法治政府建设存在的不足和原因" in result.stdout


def test_outline_parses_and_stops(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`fzcheck outline` reads and outlines the report and runs no check."""
    from checker import engine

    def no_checks(*args, **kwargs):
        raise AssertionError("outline ran the checks")

    monkeypatch.setattr(engine, "run_checks", no_checks)
    draft = work / "draft.txt"
    draft.write_text(MINI, encoding="utf-8")
    result = run("outline", str(draft))
    assert result.exit_code == 0, result.output
    assert "结构：" in result.output and "缺少的必需部分：无" in result.output
    assert run("check", str(draft)).exit_code == 2  # the same stub does stop a check: the test can fail


def test_outline_of_a_missing_file_exits_2(work: Path) -> None:
    assert_clean_failure(run("outline", "nosuch.txt"), "文件不存在")


def test_version(work: Path) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("fzcheck ")
