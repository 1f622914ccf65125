"""The feedback sheet printed to PDF by headless Chromium: A4, complete, no finding cut in two.

Needs chromium and poppler-utils (pdfinfo, pdftotext) and a CJK font: CI installs them with
``.ci/install-system``. Without them the test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.engine import Options, check_text
from checker.rules.indicators import indicators
from checker.render import RenderContext, render
from checker.render.common import group_repeats
from checker.template import load_template

from tests.conftest import require_tools

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.fixture(autouse=True)
def _printing_tools() -> None:
    require_tools("chromium", "pdftotext", "pdfinfo")


CTX = RenderContext(version="0.1.0", checked_at=dt.datetime(2024, 3, 20, 9, 30))

# A draft as a county office might first write it: old document name, no 第一责任人 section,
# headings 一、二、四、, partial-year figures, 今年, a placeholder, thin sections.
DRAFT = """柳溪县2023年依法行政工作报告
今年以来，柳溪县坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：
一、2023年度推进法治政府建设的主要举措和成效
（一）深化“放管服”改革。截至10月底，全县新增网上可办事项126项，政务服务事项网上可办率达到98.6%，“一网通办”覆盖县乡村三级。
（二）规范行政决策。制定并公布重大行政决策事项目录，全年作出重大行政决策7项，均履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
（三）严格规范执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，组织执法人员培训3期、参训412人次，评查行政执法案卷XX卷。
（四）化解行政争议。全年收到行政复议申请23件，受理21件，审结20件；行政诉讼一审案件35件。
二、2023年度推进法治政府建设存在的不足和原因
一是行政执法规范化水平仍有差距；二是基层法治力量薄弱。
四、2024年推进法治政府建设的主要安排
一是深入学习贯彻习近平法治思想；二是推进严格规范公正文明执法，开展执法案卷评查；三是加强行政复议和应诉工作，提升行政机关负责人出庭应诉质量。
柳溪县人民政府
2024年3月15日
"""


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def print_to_pdf(html: str, tmp_path: Path, name: str) -> Path:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / (name + '-profile')}", "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}", page.as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    assert pdf.is_file() and pdf.stat().st_size > 0
    return pdf


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def assert_a4(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    w, h = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(w), round(h)) == (595, 842), info


HANDLED = "处理情况：已改不改，理由："


def shown_in_order(result) -> list:
    """The findings as the sheet lists them: repeats folded, errors first, then document order."""
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted((e.first for e in group_repeats(result.findings)), key=lambda f: rank[f.severity])


def assert_no_finding_is_cut(pdf: Path, findings: list[tuple[str, str, str]]) -> dict[str, int]:
    """Each finding card (marker, message, suggestion, the 处理情况 line, in that order) lies on one page."""
    pages = {n: squash(pdf_text(pdf, n)) for n in range(1, pdf_pages(pdf) + 1)}
    found_on: dict[str, int] = {}
    for marker, message, suggestion in findings:
        pattern = re.compile(re.escape(marker) + r"(?![\d-])")
        hits = [n for n, text in pages.items() if pattern.search(text)]
        assert len(hits) == 1, f"{marker} on pages {hits}"
        text = pages[hits[0]]
        at = pattern.search(text).end()
        at_message = text.find(squash(message), at)
        assert at_message >= 0, f"{marker}: message not on page {hits[0]} after its marker"
        at_end = at_message
        if suggestion:
            at_end = text.find(squash(suggestion), at_message)
            assert at_end >= 0, f"{marker}: suggestion not on page {hits[0]}"
        assert text.find(HANDLED, at_end) >= 0, f"{marker}: 处理情况 line not on page {hits[0]}"
        found_on[marker] = hits[0]
    return found_on


def test_feedback_sheet_prints_on_a4_with_every_finding_whole(tmp_path):
    result = check_text(DRAFT, Options(), path="柳溪县2023年法治政府建设年度报告（初稿）.txt")
    assert {"title-format", "section-missing", "heading-numbering"} <= {f.rule for f in result.findings}
    pdf = print_to_pdf(render([result], "html", CTX), tmp_path, "sheet")
    assert_a4(pdf)
    whole = squash(pdf_text(pdf))
    assert squash(result.report.title) in whole
    for f in result.findings:
        assert squash(f.message) in whole, f.message
    assert "起草人" in whole and "审核人" in whole
    shown = shown_in_order(result)
    blocks = [(f"#{n}", f.message, f.suggestion) for n, f in enumerate(shown, 1)]
    on = assert_no_finding_is_cut(pdf, blocks)
    assert list(on.values()) == sorted(on.values())  # printed in the order numbered
    assert whole.count(HANDLED) == len(shown)
    first_page = squash(pdf_text(pdf, 1))
    assert "审核结论需补充内容后复核" in first_page  # the 结论 at the top (第一责任人 section missing)
    errors = [n for n, f in enumerate(shown, 1) if f.severity == "error"]
    assert errors == list(range(1, len(errors) + 1)) and errors  # errors first
    # the indicator checklist: each topic with 有数据 / 只提到 / 未写到, as the findings say
    absent = {f.data["indicator"] for f in result.findings if f.rule == "indicator-missing"}
    mentioned = {f.data["indicator"] for f in result.findings if f.rule == "indicator-no-data"}
    table = whole[whole.index("二、指标数据"):whole.index("三、问题与修改建议")]
    for topic in indicators(load_template("annual")):
        status = "未写到" if topic.key in absent else "只提到" if topic.key in mentioned else "有数据"
        after = table[table.index(squash(topic.topic)[:6]):]  # a long topic wraps in its cell
        assert re.search("有数据|只提到|未写到", after).group() == status, (topic.topic, status)
    for field in ("送审单位", "联系人", "稿次", "审核人意见"):
        assert field in whole


def test_a_batch_starts_each_report_on_a_new_page(tmp_path):
    first = check_text(DRAFT, Options(), path="柳溪县.txt")
    second_text = DRAFT.replace("柳溪县", "桐山县")
    second = check_text(second_text, Options(), path="桐山县.txt")
    pdf = print_to_pdf(render([first, second], "html", CTX), tmp_path, "batch")
    assert_a4(pdf)
    blocks = [
        (f"#{i}-{n}", f.message, f.suggestion)
        for i, r in enumerate((first, second), 1) for n, f in enumerate(shown_in_order(r), 1)
    ]
    on = assert_no_finding_is_cut(pdf, blocks)
    last_of_first = max(p for m, p in on.items() if m.startswith("#1-"))
    first_of_second = min(p for m, p in on.items() if m.startswith("#2-"))
    assert first_of_second > last_of_first
    page_one = squash(pdf_text(pdf, 1))
    assert "报告一览" in page_one and "桐山县" in page_one and "柳溪县" in page_one
    title_page = next(n for n in range(2, pdf_pages(pdf) + 1) if squash(second.report.title) in squash(pdf_text(pdf, n))
                      and "审核结论" in squash(pdf_text(pdf, n)))  # where the second report's sheet starts
    assert "#1-" not in squash(pdf_text(pdf, title_page)) and last_of_first < title_page <= first_of_second
