"""Outputs that quote an HTML report show the page's text, with the flagged characters marked.

A page's source lines are markup (``&amp;``, ``<span>``, a paragraph over several lines), while
the findings are found in its text: every quoting output (terminal excerpt and carets, Markdown,
the HTML sheet, the workbook, the Word draft's fixes, the serve page) must show that text and
mark exactly the characters a finding points at.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from rich.cells import cell_len

from checker.api import Options, check_paths
from checker.model import FileResult
from checker.render import RenderContext, render
from checker.render.xlsx_out import render_xlsx
from checker.serve.views import file_page

CTX = RenderContext(version="0.1.0", checked_at=dt.datetime(2024, 3, 20, 9, 30))

_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>柳溪县2023年法治政府建设年度报告</title></head>
<body><div class="nav"><a href="/">首页</a></div>
<div id="zoom">
<p>柳溪县2023年法治政府建设年度报告</p>
<p>2023年，柳溪县坚持以习近平法治思想为指导，全面推进依法行政，各项工作取得新进展。</p>
{body}
</div></body></html>
"""

# (the flagged phrase, the paragraph's markup, the page's text of that paragraph)
CASES = {
    "entity": (
        "今年以来",
        "<p>R&amp;D中心与司法所&nbsp;联合办案，今年以来办理复议案件45件&#x3002;</p>",
        "R&D中心与司法所 联合办案，今年以来办理复议案件45件。",
    ),
    "inline-tags": (
        "今年以来",
        '<p>全县<b>行政</b>复议<span style="color:red">案件</span>&#x4e00;律<a href="/x">公开</a>，今年以来办结45件。</p>',
        "全县行政复议案件一律公开，今年以来办结45件。",
    ),
    "tag-split-phrase": (
        "今年以来",
        '<p>全县共办理复议案件45件，<a href="/y">今</a><b>年</b>以来办结率100%。</p>',
        "全县共办理复议案件45件，今年以来办结率100%。",
    ),
    "several-markup-lines": (
        "今年以来",
        "<p>全县共办理<b>行政复议</b>\n  案件45件，&ldquo;一网通办&rdquo;事项&amp;服务，今年以来\n  办结率100%。</p>",
        "全县共办理行政复议案件45件，“一网通办”事项&服务，今年以来办结率100%。",
    ),
}


def _result(tmp_path: Path, body: str) -> FileResult:
    page = tmp_path / "report.html"
    page.write_text(_PAGE.format(body=body), encoding="utf-8")
    (result,) = check_paths([str(page)], Options())
    assert result.report is not None
    return result


def _flagged(result: FileResult, phrase: str):
    hits = [f for f in result.findings if f.rule == "time-relative" and f.data.get("phrase", phrase) == phrase]
    assert hits, [(f.rule, f.message) for f in result.findings]
    return hits[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_excerpt_shows_the_page_text_with_carets_under_the_phrase(tmp_path, case):
    phrase, markup, shown = CASES[case]
    result = _result(tmp_path, markup)
    f = _flagged(result, phrase)
    out = render([result], "text", CTX)
    lines = out.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{result.path}:{f.line}:{f.column}: ")
              and "[time-relative]" in line)
    text_row, caret_row = lines[at + 1], lines[at + 2]
    gutter = text_row.index("| ") + 2
    text = text_row[gutter:]
    assert text == shown  # the page's text, not its markup
    assert "<" not in text and "&amp;" not in text
    carets = caret_row[gutter:]
    first = carets.index("^")
    width = len(carets.rstrip()) - first
    # the characters standing above the carets (汉字 take two cells)
    cells, marked = 0, ""
    for ch in text:
        if first <= cells < first + width:
            marked += ch
        cells += cell_len(ch)
    assert marked == phrase


@pytest.mark.parametrize("case", sorted(CASES))
def test_markdown_and_html_sheet_mark_the_phrase_in_the_page_text(tmp_path, case):
    phrase, markup, shown = CASES[case]
    result = _result(tmp_path, markup)
    _flagged(result, phrase)
    md = render([result], "markdown", CTX)
    marked_md = [line for line in md.split("\n") if f"<mark>{phrase}</mark>" in line]
    assert marked_md, md
    # Markdown escapes punctuation with a backslash; the line is the page's text around the mark
    plain = re.sub(r"\\(.)", r"\1", marked_md[0].split("│ ", 1)[1]).replace(f"<mark>{phrase}</mark>", phrase)
    assert plain == shown
    sheet = render([result], "html", CTX)
    quotes = [unescape(re.sub(r"<(?!/?mark>)[^>]*>", "", q))
              for q in re.findall(r'<p class="quote">原文：「(.*?)」', sheet, re.S)]
    quoted = [q for q in quotes if f"<mark>{phrase}</mark>" in q]
    assert quoted, quotes
    assert quoted[0].replace(f"<mark>{phrase}</mark>", phrase) in shown
    assert "&amp;" not in quoted[0] and "<b>" not in quoted[0] and "<span" not in quoted[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_workbook_quotes_the_page_text(tmp_path, case):
    phrase, markup, shown = CASES[case]
    result = _result(tmp_path, markup)
    f = _flagged(result, phrase)
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx([result], CTX)))["问题清单"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    quotes = [r["原文"] for r in rows if r["规则编号"] == "time-relative" and r["位置"] == f"第{f.line}行第{f.column}列"]
    assert quotes and quotes[0] in shown and phrase in quotes[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_serve_text_view_highlights_the_phrase(tmp_path, case):
    phrase, markup, shown = CASES[case]
    result = _result(tmp_path, markup)
    f = _flagged(result, phrase)
    page = file_page("e1", result, [], 1, False)
    x = next(x for x in page["findings"] if x["rule"] == "time-relative" and x["message"] == f.message)
    line = page["lines"][x["line"] - 1]
    assert shown in line and "<" not in line
    assert line[x["column"] - 1:x["end_column"] - 1] == phrase
    assert page["lines"][0] == ""  # <!DOCTYPE html>: markup only


def test_two_paragraphs_on_one_markup_line_each_quoted_for_their_own_findings(tmp_path):
    body = ("<p>柳溪县&amp;各乡镇今年以来办结45件。</p><p><b>本</b>县去年新增事项12项，&#x4e00;网通办。</p>"
            "<p>&ldquo;放管服&rdquo;改革明年全面推开。</p>")
    result = _result(tmp_path, body)
    shown = {"今年以来": "柳溪县&各乡镇今年以来办结45件。", "去年": "本县去年新增事项12项，一网通办。",
             "明年": "“放管服”改革明年全面推开。"}
    found = {}
    for f in result.findings:
        if f.rule == "time-relative":
            found[f.data.get("phrase")] = f
    assert set(shown) <= set(found), found
    lines = {f.line for p, f in found.items() if p in shown}
    assert len(lines) == 1  # the three paragraphs share one source line
    columns = [found[p].column for p in shown]
    assert columns == sorted(columns) and len(set(columns)) == 3
    md = render([result], "markdown", CTX)
    for phrase, text in shown.items():
        marked = [line for line in md.split("\n") if f"<mark>{phrase}</mark>" in line]
        assert marked, phrase
        assert text in re.sub(r"\\(.)", r"\1", marked[0]).replace(f"<mark>{phrase}</mark>", phrase)


@pytest.mark.parametrize("case", sorted(CASES))
def test_finding_positions_point_at_the_flagged_characters_in_the_markup(tmp_path, case):
    """JSON line/column: the line of the page source and the code point in it where the flagged
    text starts (past the entities and tags before it, on the markup line it stands on)."""
    phrase, markup, _ = CASES[case]
    result = _result(tmp_path, markup)
    f = _flagged(result, phrase)
    lines = result.report.source.lines
    assert lines[f.line - 1][f.column - 1] == phrase[0]
    last_line = lines[f.end_line - 1]
    before_end = last_line[:f.end_column - 1]
    assert re.sub(r"<[^>]*>", "", before_end).endswith(phrase[-1])


@pytest.mark.parametrize("case", sorted(CASES))
def test_word_draft_from_a_page_anchors_the_comment_on_the_phrase(tmp_path, case):
    from checker.render import render_bytes

    from tests.render.test_docx import anchored_text, comments, part

    phrase, markup, _ = CASES[case]
    result = _result(tmp_path, markup)
    f = _flagged(result, phrase)
    data = render_bytes([result], "docx", CTX)
    anchors = anchored_text(part(data, "word/document.xml"))
    ours = [cid for cid, (_, text) in comments(data).items() if f.message in text]
    assert ours and anchors[ours[0]] == phrase
