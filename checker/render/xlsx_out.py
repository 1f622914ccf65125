"""The reviewer's workbook (``--format xlsx``): a 台账 of a batch of reports, in Excel.

Sheet 「汇总」 has one row per report (subject, year, 成文日期 and where it came from, the
template's sections, the counts, the first three problems, the 结论); sheet 「问题清单」 has one
row per finding — every finding, as in JSON — with an empty 「处理情况」 column for the drafter.
A file that could not be read is a 「无法检查」 row with the reason, on both sheets.

Header rows are frozen and filtered, column widths are worked out from the text (an 汉字 is two
units wide), long text wraps. The content depends only on the results and the check time.
"""

from __future__ import annotations

from collections.abc import Mapping

import io
from typing import Any

from rich.cells import cell_len

from ..model import FileResult, count_severities, verdict
from . import RenderContext
from .common import (
    CONCLUSION_PUBLISH, CONCLUSION_REVISE, CONCLUSION_SUPPLEMENT, DATE_SOURCE_CN, SEVERITY_CN, _cn_date,
    checklist, clean_lines, conclusion, group_repeats, location, rule_name, sentence_at, shown_span,
)

SUMMARY, FINDINGS = "汇总", "问题清单"
OPTIONAL_CN = "非必需"
MAX_WIDTH = 60  # units (half an 汉字 each); longer text wraps
FIRST_PROBLEMS = 3
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_CONCLUSION_FILL = {
    CONCLUSION_PUBLISH: "D9EAD3", CONCLUSION_REVISE: "FCE5CD", CONCLUSION_SUPPLEMENT: "F4CCCC",
}


def _section_columns(results: list[FileResult]) -> list[tuple[str, str]]:
    """(key, heading) of the sections of the templates used, in template order."""
    columns: dict[str, str] = {}
    views = {r.template: r.view for r in reversed(results) if r.view is not None}  # the first of each name
    for name in dict.fromkeys(r.template for r in results):
        for s in views[name].sections if name in views else ():
            columns.setdefault(s.key, s.short or s.title)  # the template's short title
    return list(columns.items())


def _first_problems(result: FileResult) -> str:
    entries = sorted(group_repeats(result.findings), key=lambda e: _SEVERITY_ORDER.get(e.first.severity, 3))
    return "\n".join(
        f"{n}. 【{SEVERITY_CN.get(e.first.severity, e.first.severity)}】{e.first.message}"
        for n, e in enumerate(entries[:FIRST_PROBLEMS], 1)
    )


def summary_rows(results: list[FileResult]) -> tuple[list[str], list[list[Any]]]:
    sections = _section_columns(results)
    header = ["序号", "文件", "报告主体", "年度", "成文日期", "日期来源", *(t for _, t in sections),
              "错误", "警告", "提示", "检查结果", "主要问题（前三条）", "结论"]
    rows = []
    for n, r in enumerate(results, 1):
        if r.error is not None or r.report is None:
            reason = r.error.message if r.error else "无法检查"
            rows.append([n, r.path, "", "", "", "", *("" for _ in sections), "", "", "", verdict(r), reason,
                         conclusion(r)])
            continue
        report = r.report
        status = {}
        for c in checklist(report, r.template_view):
            status[c["key"]] = OPTIONAL_CN if not c["required"] and c["status"] == "missing" else c["status_cn"]
        counts = count_severities(r.findings)
        date = report.date.isoformat() if report.date else None
        rows.append([
            n, r.path, report.subject or "", report.year or "", _cn_date(date) or "",
            DATE_SOURCE_CN.get(report.date_source or "", report.date_source or ""),
            *(status.get(key, OPTIONAL_CN) for key, _ in sections),
            counts["error"], counts["warning"], counts["info"], verdict(r), _first_problems(r), conclusion(r),
        ])
    return header, rows


def finding_rows(results: list[FileResult]) -> tuple[list[str], list[list[Any]]]:
    header = ["序号", "文件", "位置", "原文", "规则", "规则编号", "级别", "问题", "建议", "处理情况"]
    rows: list[list[Any]] = []
    for r in results:
        if r.error is not None or r.report is None:
            rows.append([len(rows) + 1, r.path, "", "", "", "", "无法检查", r.error.message if r.error else "", "", ""])
            continue
        for f in r.findings:
            shown = shown_span(r, f)
            quote = sentence_at(*shown).text if shown is not None and shown[0] else ""
            rows.append([
                len(rows) + 1, r.path, location(r.report, f), quote, rule_name(f.rule), f.rule,
                SEVERITY_CN.get(f.severity, f.severity), f.message, f.suggestion, "",
            ])
    return header, rows


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return max((cell_len(line) for line in text.split("\n")), default=0)


def _sheet(wb, title: str, header: list[str], rows: list[list[Any]], wrap: set[str]) -> Any:
    # deferred: openpyxl, only for the .xlsx output
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(header)
    for row in rows:
        ws.append([clean_lines(v) if isinstance(v, str) else v for v in row])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE3EA")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    for i, name in enumerate(header, 1):
        letter = get_column_letter(i)
        widest = max([_width(name)] + [_width(row[i - 1]) for row in rows])
        ws.column_dimensions[letter].width = min(widest, MAX_WIDTH) + 2
        if name in wrap or widest > MAX_WIDTH:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 1)}"
    return ws


def render_xlsx(results: list[FileResult], ctx: RenderContext, inputs: Mapping[str, bytes] | None = None) -> bytes:
    """The workbook (``inputs`` unused: it is made from the results alone)."""
    # deferred: openpyxl, only for the .xlsx output
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    header, rows = summary_rows(results)
    ws = _sheet(wb, SUMMARY, header, rows, wrap={"主要问题（前三条）"})
    verdict_col = header.index("结论") + 1
    for (cell,) in ws.iter_rows(min_row=2, min_col=verdict_col, max_col=verdict_col):
        cell.font = Font(bold=True)
        color = _CONCLUSION_FILL.get(str(cell.value))
        if color:
            cell.fill = PatternFill("solid", fgColor=color)
    header, rows = finding_rows(results)
    _sheet(wb, FINDINGS, header, rows, wrap={"原文", "问题", "建议"})
    wb.properties.creator = f"fzcheck {ctx.version}"
    wb.properties.title = "法治政府建设年度报告审核台账"
    wb.properties.created = wb.properties.modified = ctx.checked_at
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
