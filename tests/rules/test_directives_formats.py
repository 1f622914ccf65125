"""Inline suppression beyond .txt/.md: a Word comment 「fzcheck-disable RULE」 on paragraphs, an
HTML comment in a saved page; and a directive naming a rule fzcheck does not have is reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from checker.rules.examples import variant
from checker.engine import check_file, check_text

FAULTY = variant("全年新增网上可办事项126项", "今年新增网上可办事项126项")
FAULTY = variant("一是深入学习贯彻习近平法治思想；", "明年一是深入学习贯彻习近平法治思想；", FAULTY)


def docx_with_comments(path: Path, text: str, comments: dict[str, str]) -> Path:
    """A Word draft of ``text``, one paragraph a line; a comment on each paragraph containing a key."""
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        paragraph = doc.add_paragraph(line)
        for needle, comment in comments.items():
            if needle in line:
                doc.add_comment(paragraph.runs, text=comment, author="审核人")
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def relative(result) -> list[int]:
    return [f.line for f in result.findings if f.rule == "time-relative"]


def test_word_draft_without_comments_reports_both(tmp_path: Path) -> None:
    result = check_file(str(docx_with_comments(tmp_path / "a.docx", FAULTY, {})))
    assert len(relative(result)) == 2


def test_word_comment_disables_a_rule_on_its_paragraph(tmp_path: Path) -> None:
    path = docx_with_comments(tmp_path / "a.docx", FAULTY, {"今年新增": "fzcheck-disable time-relative（已核实）"})
    result = check_file(str(path))
    plan_paragraph = next(n for n, line in enumerate(FAULTY.splitlines(), 1) if "明年一是" in line)
    assert relative(result) == [plan_paragraph]
    assert "directive-unknown" not in {f.rule for f in result.findings}


def test_word_comment_on_another_rule_changes_nothing(tmp_path: Path) -> None:
    path = docx_with_comments(tmp_path / "a.docx", FAULTY, {"今年新增": "fzcheck-disable placeholder"})
    assert len(relative(check_file(str(path)))) == 2


def test_word_comment_without_rule_disables_all_on_that_paragraph(tmp_path: Path) -> None:
    text = variant("今年新增网上可办事项126项", "今年新增网上可办事项XX项", FAULTY)
    path = docx_with_comments(tmp_path / "a.docx", text, {"今年新增": "fzcheck-disable"})
    result = check_file(str(path))
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "今年新增" in s)
    assert line not in {f.line for f in result.findings}
    assert len(relative(result)) == 1


def test_ordinary_word_comments_are_not_directives(tmp_path: Path) -> None:
    path = docx_with_comments(tmp_path / "a.docx", FAULTY, {"今年新增": "请核实 time-relative 的数据"})
    assert len(relative(check_file(str(path)))) == 2


def test_word_comment_naming_an_unknown_rule_is_reported(tmp_path: Path) -> None:
    path = docx_with_comments(tmp_path / "a.docx", FAULTY, {"今年新增": "fzcheck-disable time-relativ"})
    result = check_file(str(path))
    unknown = [f for f in result.findings if f.rule == "directive-unknown"]
    line = next(n for n, s in enumerate(FAULTY.splitlines(), 1) if "今年新增" in s)
    assert [(f.line, f.data["rule"]) for f in unknown] == [(line, "time-relativ")]
    assert len(relative(result)) == 2  # the misspelt directive switched nothing off


def html_page(body_lines: list[str]) -> str:
    return "<html><head><title>报告</title></head><body><div class=\"article\">\n" + "\n".join(body_lines) + "\n</div></body></html>\n"


def test_html_comment_disables_and_enables(tmp_path: Path) -> None:
    lines = [f"<p>{line}</p>" for line in FAULTY.splitlines()]
    at = next(i for i, s in enumerate(lines) if "今年新增" in s)
    lines[at:at + 1] = ["<!-- fzcheck-disable time-relative -->", lines[at], "<!-- fzcheck-enable time-relative -->"]
    path = tmp_path / "a.html"
    path.write_text(html_page(lines), encoding="utf-8")
    result = check_file(str(path))
    assert result.error is None
    texts = path.read_text(encoding="utf-8").splitlines()
    assert [texts[n - 1] for n in relative(result)] == [next(s for s in texts if "明年一是" in s)]


def test_html_without_directives_reports_both(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(html_page([f"<p>{line}</p>" for line in FAULTY.splitlines()]), encoding="utf-8")
    assert len(relative(check_file(str(path)))) == 2


@pytest.mark.parametrize("markdown", [False, True])
def test_text_directive_naming_an_unknown_rule_is_reported(markdown: bool) -> None:
    text = variant("（一）深化", "<!-- fzcheck-disable time-relativ, section-thin -->\n（一）深化", FAULTY)
    result = check_text(text, markdown=markdown)
    unknown = [f for f in result.findings if f.rule == "directive-unknown"]
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "fzcheck-disable" in s)
    assert [(f.line, f.column, f.data["rule"]) for f in unknown] == [(line, text.splitlines()[line - 1].index("time-relativ") + 1, "time-relativ")]
    assert len(relative(result)) == 2
