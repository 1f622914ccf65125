"""`fzcheck outline`: the parsed structure as a reader would check it."""

from __future__ import annotations

from ..model import DATE_SOURCE_NAMES, Report, TemplateView, position_unit
from ..read.names import terminal_name, terminal_safe
from ..template import Template

_YEAR_SOURCE_CN = {"title": "标题", "opening": "开头", "heading": "章节标题", "option": "命令行参数"}
_DATE_SOURCE_CN = DATE_SOURCE_NAMES["outline"]


def render_outline(report: Report, template: Template | TemplateView) -> str:
    p = report.source.paragraphs
    unit = position_unit(report.source.kind)
    out = [
        f"文件：{terminal_name(report.source.path)}",
        f"模板：{template.name}（{template.label}）",
        f"标题：{report.title or '（无）'}",
        f"主体：{report.subject or '（未识别）'}",
        f"报告年度：{report.year or '（未识别）'}" + (f"（来自{_YEAR_SOURCE_CN[report.year_source]}）" if report.year_source else ""),
        f"成文日期：{report.date.isoformat() if report.date else '（无）'}"
        + (f"（来自{_DATE_SOURCE_CN[report.date_source]}）" if report.date_source else ""),
        "结构：",
    ]
    titles = {s.key: s.title for s in template.sections}
    unheaded = {s.start: s for s in report.sections if s.heading is None}
    events = [(h.index, 0, h) for h in report.headings] + [(i, 1, s) for i, s in unheaded.items()]
    for index, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
        if kind == 0:
            keys = "、".join(titles.get(k, k) for k in item.keys)
            out.append(f"  第{p[index].line:>4}{unit} {'  ' * (item.level - 1)}{item.label}" + (f"  → {keys}" if keys else ""))
        else:
            out.append(f"  第{p[index].line:>4}{unit} （无标题段落）  → {titles.get(item.key, item.key)}（无标题）")
    if report.signature:
        out.append(f"  第{p[report.signature[0]].line:>4}{unit} 落款：" + " ".join(p[i].text for i in report.signature))
    missing = [s.title for s in template.sections if s.required and not report.section(s.key)]
    out.append("缺少的必需部分：" + ("、".join(missing) if missing else "无"))
    return terminal_safe("\n".join(out)) + "\n"  # escape sequences in headings are shown, not run
