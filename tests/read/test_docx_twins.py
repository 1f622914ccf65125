"""A .docx draft gives the same verdicts as its .txt twin: heading styles, Word's automatic
numbering (labels absent from the text), figures in a table; and a broken file exits 2."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from typer.testing import CliRunner

from checker.cli import app
from checker.engine import Options, check_file

from tests.drafts import CLEAN, MANDATORY, SECTIONS, build

W = nsdecls("w")
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
NUMBERING = f"""<w:numbering {W}>
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""


def _docx(text: str, path: Path, mode: str) -> Path:
    """Write ``text`` (one paragraph a line) as Word would hold it."""
    d = docx.Document()
    if mode == "numbered":
        numbering = d.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        for child in parse_xml(NUMBERING):
            numbering.append(child)
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if n == 0:
            d.add_paragraph(line, style="Title")
        elif LEVEL1.match(line):
            if mode == "numbered":  # Word draws 一、 itself: it is not in the text
                p = d.add_heading(LEVEL1.sub("", line), level=1)
                p._p.get_or_add_pPr().append(
                    parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
                )
            else:
                d.add_heading(line, level=1)
        elif mode == "table" and "行政复议申请" in line:
            table = d.add_table(rows=1, cols=1)
            table.cell(0, 0).text = line  # the figures stand in a table cell
        else:
            d.add_paragraph(line)
    d.save(path)
    return path


def _verdicts(result) -> tuple:
    report = result.report
    headed = sorted(k for s in report.sections if s.heading for k in [s.key])
    unheaded = sorted(s.key for s in report.sections if s.heading is None)
    rules = sorted((f.rule, f.severity, tuple(sorted((k, str(v)) for k, v in f.data.items()))) for f in result.findings)
    return report.title, report.year, report.date, headed, unheaded, rules


@pytest.mark.parametrize("mode", ["styled", "numbered", "table"])
@pytest.mark.parametrize("keys", [tuple(SECTIONS), MANDATORY[:1] + MANDATORY[2:], ("measures", "next_year_plan")])
def test_docx_matches_its_txt_twin(tmp_path, mode, keys):
    text = build(keys)
    txt = tmp_path / "draft.txt"
    txt.write_text(text, encoding="utf-8")
    doc = _docx(text, tmp_path / "draft.docx", mode)
    from_txt, from_docx = check_file(str(txt), Options()), check_file(str(doc), Options())
    assert from_docx.error is None
    assert _verdicts(from_docx) == _verdicts(from_txt)


def test_numbered_headings_are_seen_as_printed(tmp_path):
    doc = _docx(CLEAN, tmp_path / "draft.docx", "numbered")
    result = check_file(str(doc), Options())
    labels = [h.label for h in result.report.headings if h.level == 1]
    assert labels[:2] == ["一、2023年度推进法治政府建设的主要举措和成效", "二、2023年度推进法治政府建设存在的不足和原因"]
    assert not [f for f in result.findings if f.rule == "heading-numbering"]


def test_figures_in_a_table_count_for_indicators(tmp_path):
    doc = _docx(CLEAN, tmp_path / "draft.docx", "table")
    result = check_file(str(doc), Options())
    assert any(p.in_table for p in result.report.source.paragraphs)
    assert not [f for f in result.findings if f.rule.startswith("indicator") and f.data.get("indicator") == "admin_reconsideration"]


def test_broken_docx_exits_2_with_a_chinese_message(tmp_path):
    good = _docx(CLEAN, tmp_path / "good.docx", "styled")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good.read_bytes()[:400])
    result = CliRunner().invoke(app, ["check", str(broken), str(good)])
    assert result.exit_code == 2
    assert "broken.docx" in result.output and "Traceback" not in result.output
    assert re.search(r"[\u4e00-\u9fff]", result.output)
    assert "good.docx" in result.output  # the other file is still checked
