"""What the page shows of a cached result: the fzcheck/1 records plus the report's own text.

The page needs more than ``fzcheck/1`` carries — the source lines to show the text with the
findings marked in it (a web page's text, not its markup), the section and indicator checklists, the verdict in words — so it
fetches this view separately (``GET /api/result/{id}``) and the JSON of ``POST /api/check``
stays exactly that of ``fzcheck check --format json``. Every string here is data: the page puts
it into the document as text nodes, never as markup.
"""

from __future__ import annotations

from typing import Any

from ..model import SEVERITY_RANK, FileResult, verdict
from ..render import DOWNLOADS
from ..render.common import SEVERITY_CN, checklist, clean, file_view

def downloads(entry_id: str, number: int | None = None) -> list[dict[str, str]]:
    """The download buttons: every format the renderer table offers for download, the printable sheet first."""
    query = f"?file={number}" if number is not None else ""
    return [
        {"format": fmt, "label": label, "href": f"/api/result/{entry_id}/download/{fmt}{query}"}
        for fmt, label in DOWNLOADS.items()
    ]


def verdict_note(result: FileResult, counts: dict[str, int]) -> str:
    if result.error is not None:
        return result.error.message
    if counts["error"]:
        return f"有 {counts['error']} 处错误，改正后才能发布。"
    if counts["warning"]:
        return f"没有错误；有 {counts['warning']} 处警告，请逐一核对。"
    return "没有发现错误或警告。" if not counts["info"] else f"没有错误或警告；有 {counts['info']} 处提示可参考。"


def file_page(
    entry_id: str, result: FileResult, indicators: list[dict[str, Any]], number: int, batch: bool
) -> dict[str, Any]:
    view = file_view(result, number, batch, 100, "…", grouped=False)  # one record per finding: each has its highlight
    findings = []
    source = result.report.source if result.report is not None else None
    for n, (f, rec) in enumerate(zip(result.findings, view["findings"]), 1):
        # columns in the text the page shows (a web page's text, not its markup); the location
        # in words keeps the finding's own
        line, column, end_line, end_column = f.line, f.column, f.end_line, f.end_column
        found = source.page_span(f.line, f.column, f.end_line, f.end_column) if source is not None else None
        if found is not None:
            i, a, b = found
            line = source._first(source.paragraphs[i])[0]
            at = source.page_rows[line][1][i]
            column, end_line, end_column = at + a + 1, line, at + b + 1
        findings.append({
            "n": n, "rule": f.rule, "severity": f.severity, "severity_cn": SEVERITY_CN.get(f.severity, f.severity),
            "line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "message": f.message, "suggestion": f.suggestion, "location": rec["location"], "group": rec["group"],
        })
    findings.sort(key=lambda x: (-SEVERITY_RANK.get(x["severity"], 0), x["n"]))
    report = view["report"]
    lines: list[str] = []
    if result.report is not None:
        src = result.report.source
        if src.page_text:
            rows = src.page_rows
            lines = [clean(rows[n][0]) if n in rows else "" for n in range(1, len(src.lines) + 1)]
        else:
            lines = [clean(line) for line in src.lines]
    return {
        "number": number,
        "path": result.path,
        "verdict": verdict(result),
        "verdict_note": verdict_note(result, view["counts"]),
        "counts": view["counts"],
        "error": view["error"],
        "unit": view["unit"],
        "template": view["template"],
        "report": None if report is None else {
            "title": report["title"], "subject": report["subject"], "year": report["year"],
            "year_source_cn": report["year_source_cn"], "date_cn": report["date_cn"],
            "date_source_cn": report["date_source_cn"], "kind_cn": report["kind_cn"], "notes": report["notes"],
        },
        "sections": [] if result.report is None else [
            {"title": row["title"], "required": row["required"], "status": row["status"], "status_cn": row["status_cn"],
             "found": row["found"]}
            for row in checklist(result.report, result.template_view)
        ],
        "indicators": indicators,
        "findings": findings,
        "lines": lines,
        "downloads": downloads(entry_id, number),
    }


def result_page(entry) -> dict[str, Any]:
    batch = len(entry.results) > 1
    files = [
        file_page(entry.id, r, ind, i, batch) for i, (r, ind) in enumerate(zip(entry.results, entry.indicators), 1)
    ]
    totals = {"files": len(files), "error": 0, "warning": 0, "info": 0}
    for f in files:
        for k in ("error", "warning", "info"):
            totals[k] += f["counts"][k]
    return {"id": entry.id, "options": dict(entry.options), "summary": totals, "files": files,
            "downloads": downloads(entry.id)}
