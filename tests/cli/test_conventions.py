"""The conventions of the command line users expect: stdin, -q, --no-color, -V, --select/--ignore,
--min-severity, the concise / junit / gitlab formats, SARIF fingerprints and help links, the
one-line summary for -o, Chinese help wrapped to the terminal, report files vs other files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from rich.cells import cell_len
from typer.testing import CliRunner

from checker.rules.examples import MINI, variant
from checker.cli import app
from checker.rules import registry

from tests.conftest import DATA, ROOT

FAULTY = variant("全年新增网上可办事项126项", "今年新增网上可办事项XX项")  # a warning and an error
FAULTY = variant("2024年3月15日", "2024年03月15日", FAULTY)  # and a note (date-format)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def json_findings(*args: str, input=None) -> list[tuple[str, int, int, str]]:
    result = run("check", "-f", "json", *args, input=input)
    return [(r["path"], f["line"], f["column"], f["rule"]) for r in json.loads(result.stdout)["results"] for f in r["findings"]]


# --- stdin -------------------------------------------------------------------------------------
def test_dash_reads_standard_input(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    from_file = [(line, col, rule) for _, line, col, rule in json_findings("d.txt")]
    result = run("check", "-f", "json", "-", input=FAULTY.encode("utf-8"))
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [(f["line"], f["column"], f["rule"]) for f in data["results"][0]["findings"]] == from_file
    assert data["results"][0]["path"] == "<标准输入>"


def test_dev_stdin_is_standard_input_too(work: Path) -> None:
    result = run("check", "-f", "concise", "/dev/stdin", input=FAULTY.encode("utf-8"))
    assert result.exit_code == 1 and "<标准输入>:4:" in result.stdout


def test_stdin_filename_gives_the_format_and_the_name(work: Path) -> None:
    markdown = "# " + FAULTY.replace("\n一、", "\n## 一、", 1)
    result = run("check", "-f", "json", "-", "--stdin-filename", "草稿.md", input=markdown.encode("utf-8"))
    data = json.loads(result.stdout)["results"][0]
    assert data["path"] == "草稿.md" and data["error"] is None
    assert data["report"]["title"] == "柳溪县2023年法治政府建设年度报告"  # '#' read as Markdown
    from docx import Document
    import io

    doc = Document()
    for line in FAULTY.splitlines():
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    result = run("check", "-f", "concise", "-", "--stdin-filename", "a.docx", input=buffer.getvalue())
    assert result.exit_code == 1 and "a.docx:4:" in result.stdout and "[placeholder]" in result.stdout


def test_stdin_cannot_be_mixed_with_files(work: Path) -> None:
    write(work / "d.txt", MINI)
    result = run("check", "-", "d.txt", input=b"")
    assert result.exit_code == 2 and "标准输入" in result.output


# --- quiet, colour, version ----------------------------------------------------------------------
def test_quiet_prints_the_findings_only(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    write(work / "e.txt", FAULTY)
    loud = run("check", "d.txt", "e.txt").stdout
    quiet = run("check", "-q", "d.txt", "e.txt")
    assert quiet.exit_code == 1
    assert "共检查" in loud and "汇总" in loud
    assert "共检查" not in quiet.stdout and "汇总" not in quiet.stdout and "处问题" not in quiet.stdout
    finding_lines = re.findall(r"^\S+:\d+:\d+: .*$", loud, re.M)
    assert finding_lines and re.findall(r"^\S+:\d+:\d+: .*$", quiet.stdout, re.M) == finding_lines
    assert run("check", "--quiet", "-o", "r.txt", "d.txt").output == ""


def _at_a_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """fzcheck's stdout when it is a terminal (a pseudo-terminal)."""
    import pty

    main, secondary = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI", "GITHUB_ACTIONS", "TERM")}
    environ.update(env or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", *args], stdout=secondary, stderr=subprocess.DEVNULL, env=environ, cwd=os.getcwd()
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_at_a_terminal_unless_no_color(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    assert "\x1b[" in _at_a_terminal("check", "d.txt")
    assert "\x1b[" not in _at_a_terminal("check", "--no-color", "d.txt")
    assert "\x1b[" not in _at_a_terminal("check", "d.txt", env={"NO_COLOR": "1"})
    assert "[placeholder]" in _at_a_terminal("check", "--no-color", "d.txt")


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(work: Path, flag: str) -> None:
    from checker import __version__

    result = run(flag)
    assert result.exit_code == 0 and result.stdout == f"fzcheck {__version__}\n"


# --- which rules, what is shown ----------------------------------------------------------------
def rules_of(*args: str) -> set[str]:
    return {rule for _, _, _, rule in json_findings(*args)}


def test_select_and_ignore_rule_ids_and_families(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    everything = rules_of("d.txt")
    assert {"placeholder", "time-relative", "date-format"} <= everything
    assert rules_of("d.txt", "--select", "placeholder") == {"placeholder"}
    assert rules_of("d.txt", "--select", "placeholder,time-relative") == {"placeholder", "time-relative"}
    assert rules_of("d.txt", "--select", "placeholder", "--select", "time-relative") == {"placeholder", "time-relative"}
    dates = {r.id for r in registry().values() if r.family == "dates"}
    assert rules_of("d.txt", "--select", "dates") == everything & dates
    assert rules_of("d.txt", "--ignore", "dates") == everything - dates
    assert rules_of("d.txt", "--ignore", "placeholder") == everything - {"placeholder"}


def test_select_and_ignore_combine_with_the_configuration(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    everything = rules_of("d.txt")
    write(work / ".fzcheck.yaml", "ignore: [time-relative]\nrules:\n  date-format: off\n")
    assert rules_of("d.txt") == everything - {"time-relative", "date-format"}
    # the command line's --ignore adds to the file's; rules: off stays off
    assert rules_of("d.txt", "--ignore", "placeholder") == everything - {"time-relative", "date-format", "placeholder"}
    write(work / ".fzcheck.yaml", "select: [placeholder]\n")
    assert rules_of("d.txt") == {"placeholder"}
    assert rules_of("d.txt", "--select", "time-relative") == {"time-relative"}  # --select replaces the file's
    printed = run("check", "--print-config", "--ignore", "year-mismatch").stdout
    assert "select" in printed and "placeholder" in printed and "year-mismatch" in printed


@pytest.mark.parametrize("value", ["no-such-rule", "structur"])
def test_unknown_rule_or_family_exits_2(work: Path, value: str) -> None:
    write(work / "d.txt", MINI)
    for option in ("--select", "--ignore"):
        result = run("check", option, value, "d.txt")
        assert result.exit_code == 2 and value in result.output and "Traceback" not in result.output


def test_min_severity_hides_but_the_exit_code_follows_fail_on(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    severities = {sev for sev in re.findall(r": (错误|警告|提示) \[", run("check", "d.txt").stdout)}
    assert severities == {"错误", "警告", "提示"}
    shown = run("check", "--min-severity", "error", "d.txt")
    assert set(re.findall(r": (错误|警告|提示) \[", shown.stdout)) == {"错误"}
    assert shown.exit_code == 1
    only_warnings = variant("XX项", "126项", FAULTY)
    write(work / "w.txt", only_warnings)
    hidden = run("check", "--min-severity", "error", "--fail-on", "warning", "w.txt")
    assert "警告 [" not in hidden.stdout and hidden.exit_code == 1  # hidden, still failing the run
    assert run("check", "--min-severity", "bad", "w.txt").exit_code == 2


# --- formats -------------------------------------------------------------------------------------
def test_concise_is_one_line_per_finding(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    write(work / "sub" / "e.txt", MINI)
    expected = json_findings("d.txt", "sub")
    result = run("check", "-f", "concise", "d.txt", "sub")
    lines = result.stdout.splitlines()
    parsed = [re.fullmatch(r"(.+?):(\d+):(\d+): (错误|警告|提示) \[([a-z-]+)\] (.+)", line) for line in lines]
    assert all(parsed), lines
    assert [(m[1], int(m[2]), int(m[3]), m[5]) for m in parsed] == expected
    assert result.exit_code == 1


def junit_of(*args: str) -> etree._Element:
    result = run("check", "-f", "junit", *args)
    schema = etree.XMLSchema(etree.parse(str(DATA / "junit-jenkins.xsd")))
    doc = etree.fromstring(result.stdout.encode("utf-8"))
    schema.assertValid(doc)
    return doc


def test_junit_validates_and_fails_what_the_exit_code_fails(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    write(work / "clean.txt", MINI)
    write(work / "broken.docx", "这不是 Word 文档")
    doc = junit_of("d.txt", "clean.txt", "broken.docx")
    suites = {s.get("name"): s for s in doc.iter("testsuite")}
    assert set(suites) == {"d.txt", "clean.txt", "broken.docx"}
    findings = json_findings("d.txt")
    d = suites["d.txt"]
    assert int(d.get("tests")) == len(findings)
    errors = sum(1 for f in json.loads(run("check", "-f", "json", "d.txt").stdout)["results"][0]["findings"] if f["severity"] == "error")
    assert int(d.get("failures")) == errors == len(d.findall("testcase/failure"))
    assert int(d.get("skipped")) == len(findings) - errors
    assert int(suites["broken.docx"].get("errors")) == 1
    assert int(doc.get("failures")) == errors and int(doc.get("errors")) == 1
    with_warnings = junit_of("d.txt", "--fail-on", "warning")
    warnings = sum(1 for f in json.loads(run("check", "-f", "json", "d.txt").stdout)["results"][0]["findings"] if f["severity"] == "warning")
    assert int(with_warnings.get("failures")) == errors + warnings
    failure = d.find("testcase/failure")
    assert failure.get("type").split()[1] in {f[3] for f in findings} and failure.get("message")


def test_junit_is_valid_with_control_characters_in_the_report(work: Path) -> None:
    write(work / "d.txt", variant("今年新增", "今年\x01新增\x1b[31m", FAULTY))
    junit_of("d.txt")


GITLAB_SCHEMA = json.loads((DATA / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))


def gitlab_of(*args: str) -> list[dict]:
    issues = json.loads(run("check", "-f", "gitlab", *args).stdout)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    return issues


def test_gitlab_code_quality_shape_and_stable_fingerprints(work: Path) -> None:
    write(work / "drafts" / "d.txt", FAULTY)
    issues = gitlab_of("drafts/d.txt")
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in issues] == [
        (p, line, rule) for p, line, _, rule in json_findings("drafts/d.txt")
    ]
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert {i["severity"] for i in issues} <= {"major", "minor", "info"}
    # a paragraph added above moves every line, not one fingerprint
    write(work / "drafts" / "d.txt", variant("（一）深化", "（〇）新增的一段。\n（一）深化", FAULTY))
    moved = gitlab_of("drafts/d.txt")
    kept = {i["fingerprint"] for i in moved}
    same_rules = [i for i in issues if i["check_name"] != "heading-numbering"]
    assert all(i["fingerprint"] in kept for i in same_rules)
    inserted_at = next(n for n, line in enumerate(FAULTY.splitlines(), 1) if line.startswith("（一）深化"))
    below = next(i for i in same_rules if i["location"]["lines"]["begin"] >= inserted_at)
    assert [i["location"]["lines"]["begin"] for i in moved if i["fingerprint"] == below["fingerprint"]] == [
        below["location"]["lines"]["begin"] + 1
    ]


def test_gitlab_reports_a_file_that_could_not_be_checked(work: Path) -> None:
    write(work / "broken.docx", "x")
    (issue,) = gitlab_of("broken.docx")
    assert issue["severity"] == "blocker" and issue["location"]["path"] == "broken.docx"


SARIF_SCHEMA = json.loads((DATA / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_links_rules_to_their_docs_and_fingerprints_findings(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    doc = json.loads(run("check", "-f", "sarif", "d.txt").stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(doc)
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    anchors = set(re.findall(r"^## ([a-z-]+)$", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), re.M))
    for rule in driver["rules"]:
        base, anchor = rule["helpUri"].split("#")
        assert base.endswith("docs/rules.md") and anchor == rule["id"] and anchor in anchors
    results = doc["runs"][0]["results"]
    gitlab = [i["fingerprint"] for i in gitlab_of("d.txt")]
    assert [r["partialFingerprints"]["fzcheckFinding/v1"] for r in results] == gitlab


def test_output_file_prints_a_one_line_summary(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    for fmt, name in (("html", "x.html"), ("junit", "x.xml"), ("json", "x.json")):
        result = run("check", "-f", fmt, "-o", name, "d.txt")
        assert result.exit_code == 1 and result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith("共检查 1 个文件：错误 ") and line.endswith(f"结果已写入 {name}")
        assert (work / name).stat().st_size > 0


def test_text_summary_says_the_verdict(work: Path) -> None:
    write(work / "d.txt", FAULTY)
    write(work / "w.txt", variant("XX项", "126项", FAULTY))
    assert run("check", "d.txt").stdout.rstrip().endswith("（有错误）。")
    assert run("check", "w.txt").stdout.rstrip().endswith("（有警告）。")


# --- help ------------------------------------------------------------------------------------------
ENGLISH = ("Show this message", "Usage:", "Options", "Arguments", "Commands", "<str>", "<bool>", "<list", "TEXT", "INTEGER")


@pytest.mark.parametrize("command", [[], ["check"], ["init"], ["outline"], ["explain"], ["rules"], ["templates"]])
@pytest.mark.parametrize("columns", ["50", "80", "132"])
def test_help_is_chinese_and_fits_the_terminal(work: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = run(*command, "--help")
    assert result.exit_code == 0
    for word in ENGLISH:
        assert word not in result.stdout, word
    assert "用法：" in result.stdout and "显示本帮助并退出" in result.stdout
    longest_token = max(cell_len(t) for t in re.findall(r"[\x21-\x7e]+", result.stdout))
    for line in result.stdout.splitlines():
        assert cell_len(line) <= max(int(columns), longest_token + 30), line
        assert not re.match(r"\s*[，。、；：）」』】］]", line), line  # no line starts with a closing mark


def test_help_shows_what_each_option_takes(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = run("check", "--help").stdout
    assert re.search(r"-j, --jobs 〈数字〉", out) and re.search(r"-o, --output 〈文件〉", out)
    assert re.search(r"--max-size 〈数字〉", out) and re.search(r"--year 〈数字〉", out)
    assert re.search(r"^\s+--no-color\s{2,}\S", out, re.M)  # a flag takes no value
    for option in ("--quiet", "--select", "--ignore", "--min-severity", "--stdin-filename", "--include", "--exclude"):
        assert option in out


def test_wide_help_is_not_cut_at_80_columns(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = run("check", "--help").stdout
    assert max(cell_len(line) for line in out.splitlines()) > 100
    assert "…" not in out


# --- report files vs other files ---------------------------------------------------------------------
OTHER_FILES = {
    "README.md": "# 草稿库\n\n本仓库存放柳溪县2024年度法治政府建设年度报告的草稿，提交前自动检查。\n\n## 用法\n\n见下文。\n",
    "requirements.txt": "pre-commit>=3.7\nopenpyxl>=3.1\n",
    "notes/会议纪要.txt": "会议纪要\n一、会议研究了办公用房调整事项。\n二、会议议定按程序报批。\n",
}


def test_a_directory_skips_files_that_are_not_reports(work: Path) -> None:
    for name, text in OTHER_FILES.items():
        write(work / "repo" / name, text)
    write(work / "repo" / "报告" / "2023.txt", FAULTY)
    write(work / "repo" / "报告" / "clean.txt", MINI)
    result = run("check", "repo")
    assert result.exit_code == 1  # the faulty draft, nothing else
    for name in OTHER_FILES:
        assert f"已跳过：{os.path.join('repo', name)} 不像法治政府建设年度报告" in result.stderr
        assert f"{os.path.join('repo', name)}:" not in result.stdout
    assert "另有 3 个文件不像法治政府建设年度报告，已跳过" in result.stdout
    assert "共 2 个文件" in result.stdout  # the batch table counts the reports
    clean_only = run("check", "repo", "--exclude", "*/2023.txt")
    assert clean_only.exit_code == 0, clean_only.output
    as_json = json.loads(run("check", "-f", "json", "repo").stdout)
    assert sorted(Path(r["path"]).name for r in as_json["results"]) == ["2023.txt", "clean.txt"]


def test_a_file_named_explicitly_is_still_refused(work: Path) -> None:
    write(work / "notes.txt", "今天天气很好。\n")
    result = run("check", "notes.txt")
    assert result.exit_code == 2 and "不是法治政府建设年度报告" in result.output
    readme = write(work / "README.md", OTHER_FILES["README.md"])
    assert run("check", str(readme)).exit_code == 1  # checked as a (very incomplete) report


def test_skip_non_reports_for_named_files(work: Path) -> None:
    for name, text in OTHER_FILES.items():
        write(work / name, text)
    write(work / "draft.txt", FAULTY)
    result = run("check", "--skip-non-reports", *OTHER_FILES, "draft.txt")
    assert result.exit_code == 1
    assert all(f"已跳过：{name}" in result.stderr for name in OTHER_FILES)
    only_others = run("check", "--skip-non-reports", *OTHER_FILES)
    assert only_others.exit_code == 0, only_others.output


def test_include_and_exclude_from_the_configuration(work: Path) -> None:
    write(work / "报告" / "2023.txt", FAULTY)
    write(work / "报告" / "旧稿" / "2022.txt", FAULTY)
    write(work / "其他" / "x.txt", FAULTY)
    write(work / ".fzcheck.yaml", 'include: ["报告/**"]\nexclude: ["**/旧稿/*"]\n')
    checked = {Path(r["path"]).as_posix() for r in json.loads(run("check", "-f", "json", ".").stdout)["results"]}
    assert checked == {"报告/2023.txt"}
    named = {r["path"] for r in json.loads(run("check", "-f", "json", "其他/x.txt", "报告/2023.txt").stdout)["results"]}
    assert named == {"报告/2023.txt"}
