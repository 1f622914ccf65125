"""The printable feedback sheet (``--format html``): one self-contained A4 page per report.

No network, no scripts: the CSS is inline and the fonts are the reader's own CJK fonts. The
template is autoescaped, so report text (titles, headings, excerpts) is always shown as text.
"""

from __future__ import annotations

from ..model import FileResult
from . import RenderContext
from typing import Any

from .common import (
    CONCLUSION_PUBLISH, CONCLUSION_REVISE, CONCLUSION_SUPPLEMENT, SEVERITY_CN, render_template, sheet,
)

EXCERPT_CELLS = 120  # about two printed lines of 10pt 汉字 across the A4 text width

_LEVEL_TITLES = {"error": "错误（必须改正）", "warning": "警告（应当改正）", "info": "提示（建议改进）"}
_CONCLUSION = {  # class, and what the 结论 asks of the drafter
    CONCLUSION_SUPPLEMENT: ("supplement", "缺少规定的部分或第一责任人履职的具体事实：补充后送审核人再次审核。"),
    CONCLUSION_REVISE: ("revise", "按下列意见逐条修改（或说明不改的理由）后即可发布。"),
    CONCLUSION_PUBLISH: ("publish", "未发现错误和警告；提示项可酌情改进。"),
}


def _by_severity(f: dict[str, Any], batch: bool) -> None:
    """Errors first, then warnings, then hints, each in document order, numbered as printed."""
    levels = []
    n = 0
    for severity in ("error", "warning", "info"):
        items = [x for x in f["findings"] if x["severity"] == severity]
        for x in items:
            n += 1
            x["n"] = n
            x["id"] = f"#{f['number']}-{n}" if batch else f"#{n}"
        if items:
            levels.append({"severity": severity, "title": _LEVEL_TITLES.get(severity, SEVERITY_CN.get(severity)),
                           "findings": items})
    f["by_severity"] = levels
    f["conclusion_class"], f["conclusion_why"] = _CONCLUSION.get(f["conclusion"], ("unchecked", ""))


def render_html(results: list[FileResult], ctx: RenderContext) -> str:
    view = sheet(results, ctx, budget=EXCERPT_CELLS)
    for f in view["files"]:
        _by_severity(f, view["batch"])
    return render_template("sheet.html", **view)
