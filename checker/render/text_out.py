"""Terminal output: findings grouped by file, one summary line."""

from __future__ import annotations

from ..model import FileResult
from . import RenderContext, summary

_SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}


def render_text(results: list[FileResult], ctx: RenderContext) -> str:
    out: list[str] = []
    for r in results:
        if r.error:
            out.append(f"{r.path}: 无法检查：{r.error.message}")
            continue
        unit = "段" if r.report and r.report.source.kind == "docx" else "行"
        out.append(f"{r.path}（{len(r.findings)} 处问题）" if r.findings else f"{r.path}：未发现问题")
        for f in r.findings:
            out.append(f"  {r.path}:{f.line}:{f.column}: {_SEVERITY_CN[f.severity]} [{f.rule}] 第{f.line}{unit}：{f.message}")
            if f.suggestion:
                out.append(f"      建议：{f.suggestion}")
    s = summary(results)
    failed = sum(1 for r in results if r.error)
    out.append(
        f"共检查 {s['files']} 个文件：错误 {s['error']} 处，警告 {s['warning']} 处，提示 {s['info']} 处"
        + (f"，{failed} 个文件无法检查" if failed else "") + "。"
    )
    return "\n".join(out) + "\n"
