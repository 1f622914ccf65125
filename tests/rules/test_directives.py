"""Inline suppression: <!-- fzcheck-disable RULE --> … <!-- fzcheck-enable RULE --> in text and
Markdown drafts switches rules off for the lines between, and never changes anything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules.examples import MINI, variant
from checker.engine import Options, check_file, check_text
from checker.read.normalize import find_directives, line_directives, normalize_lines

# Two faults the checker reports, on two known lines: a relative year in the measures (line 4)
# and another in the plan (line 15).
FAULTY = variant("全年新增网上可办事项126项", "今年新增网上可办事项126项")
FAULTY = variant("一是深入学习贯彻习近平法治思想；", "明年一是深入学习贯彻习近平法治思想；", FAULTY)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def insert_before(text: str, needle: str, new_line: str) -> str:
    lines = text.splitlines()
    at = line_of(text, needle) - 1
    return "\n".join(lines[:at] + [new_line] + lines[at:]) + "\n"


def relative_lines(text: str, markdown: bool = False) -> list[int]:
    return [f.line for f in check_text(text, markdown=markdown).findings if f.rule == "time-relative"]


def test_the_faults_are_reported_without_directives() -> None:
    assert relative_lines(FAULTY) == [line_of(FAULTY, "今年新增"), line_of(FAULTY, "明年一是")]


@pytest.mark.parametrize("markdown", [False, True])
def test_disable_and_enable_one_rule(markdown: bool) -> None:
    text = insert_before(FAULTY, "（一）深化", "<!-- fzcheck-disable time-relative -->")
    text = insert_before(text, "（二）规范", "<!-- fzcheck-enable time-relative -->")
    assert relative_lines(text, markdown) == [line_of(text, "明年一是")]


def test_disable_without_enable_runs_to_the_end() -> None:
    text = insert_before(FAULTY, "（一）深化", "<!-- fzcheck-disable time-relative -->")
    assert relative_lines(text) == []


def test_disable_with_no_rule_means_all_rules() -> None:
    text = insert_before(FAULTY, "（一）深化", "<!-- fzcheck-disable -->")
    text = insert_before(text, "（二）规范", "<!-- fzcheck-enable -->")
    result = check_text(text)
    assert line_of(text, "今年新增") not in [f.line for f in result.findings]
    assert [f.line for f in result.findings if f.rule == "time-relative"] == [line_of(text, "明年一是")]


def test_other_rules_stay_on() -> None:
    text = variant("（一）深化“放管服”改革。", "（一）深化“放管服”改革。全年办件XX件。", FAULTY)
    text = insert_before(text, "（一）深化", "<!-- fzcheck-disable section-thin, time-relative -->")
    rules = {f.rule for f in check_text(text).findings if f.line == line_of(text, "（一）深化")}
    assert "placeholder" in rules and "time-relative" not in rules


def test_several_rules_and_partial_enable() -> None:
    text = insert_before(FAULTY, "（一）深化", "<!-- fzcheck-disable placeholder, time-relative -->")
    text = insert_before(text, "（二）规范", "<!-- fzcheck-enable placeholder -->")
    assert relative_lines(text) == []  # time-relative still off until the end


def test_enable_one_rule_after_disabling_all() -> None:
    text = insert_before(FAULTY, "一、2023年度", "<!-- fzcheck-disable -->")
    text = insert_before(text, "四、2024年", "<!-- fzcheck-enable time-relative -->")
    assert relative_lines(text) == [line_of(text, "明年一是")]


def test_directives_are_not_report_text() -> None:
    """A directive above the title does not take the title's place, in .txt and .md alike."""
    text = "<!-- fzcheck-disable section-thin -->\n" + MINI
    for markdown in (False, True):
        paragraphs, _ = normalize_lines(text.splitlines(), markdown=markdown)
        assert paragraphs[0].text == "柳溪县2023年法治政府建设年度报告"
        assert check_text(text, markdown=markdown).report.title == "柳溪县2023年法治政府建设年度报告"


def test_from_files(tmp_path: Path) -> None:
    text = insert_before(FAULTY, "（一）深化", "<!-- fzcheck-disable time-relative -->")
    for name in ("draft.txt", "draft.md"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        lines = [f.line for f in check_file(str(path)).findings if f.rule == "time-relative"]
        assert lines == []


def test_config_severity_and_suppression_together() -> None:
    text = insert_before(FAULTY, "（一）深化", "<!-- fzcheck-disable time-relative -->")
    text = insert_before(text, "（二）规范", "<!-- fzcheck-enable time-relative -->")
    findings = check_text(text, Options(rules={"time-relative": "error"})).findings
    assert [(f.line, f.severity) for f in findings if f.rule == "time-relative"] == [(line_of(text, "明年一是"), "error")]


def test_directive_parsing() -> None:
    lines = [
        "<!-- fzcheck-disable a-rule, b-rule -->",
        "text <!--fzcheck-enable a-rule-->",
        "<!-- fzcheck-disable-line x -->",  # not a directive of ours
        "<!-- fzcheck-enable -->",
    ]
    assert [(d.line, d.action, d.rules) for d in find_directives(lines)] == [
        (1, "disable", ("a-rule", "b-rule")),
        (2, "enable", ("a-rule",)),
        (4, "enable", ()),
    ]
    s = line_directives(lines)
    assert s.covers("a-rule", 1) and s.covers("a-rule", 2) and not s.covers("a-rule", 3)
    assert s.covers("b-rule", 3) and s.covers("b-rule", 4) and not s.covers("b-rule", 5)
    assert not s.covers("c-rule", 2)
    assert not line_directives(["no directives"])
