"""Terminal output: findings grouped by file, the source line with a caret under the span.

``path:line:col: 级别 [rule] message`` keeps the position clickable in editors and terminals;
the caret line counts East Asian wide characters as two cells so it stands under the 汉字.

Written in Python rather than as a Jinja2 template: it is the default output, and loading
Jinja2 and compiling a template took longer than the rest of the rendering. Every value that
comes from the report is cleaned (:func:`~.common.clean`), as the templates' ``finalize`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..model import FileResult
from . import RenderContext
from .common import Tally, clean, file_view, paint, sheet

EXCERPT_CELLS = 72  # fits an 80-column terminal after the line-number gutter
GAP = "..."


def _gutters(f: dict[str, Any]) -> None:
    width = max((len(str(x["line"])) for x in f["findings"]), default=1)
    for x in f["findings"]:
        x["gutter"] = str(x["line"]).rjust(width + 2)
        x["blank_gutter"] = " " * (width + 2)


def file_text(f: dict[str, Any], color: bool, quiet: bool) -> str:
    """One file's part of the output, from its sheet view (:func:`~.common.file_view`)."""
    out: list[str] = []
    path = f["path"]
    if f["error"]:
        out.append(f"{paint(path, 'path', color)}\n")
        out.append(f"  {paint('无法检查', 'error', color)}：{clean(f['error']['message'])}\n")
        return "".join(out)
    findings = f["findings"]
    if quiet:
        pass
    elif not findings:
        out.append(f"{paint(path, 'path', color)}：未发现问题\n")
    else:
        c = f["counts"]
        out.append(
            f"{paint(path, 'path', color)}（{len(findings)} 处问题：错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}）\n"
        )
    for note in f["report"]["notes"] if not quiet else ():
        out.append(f"  {paint('读取提示', 'warning', color)}：{clean(note)}\n")
    shown_path = clean(str(path))
    for x in findings:
        severity = x["severity"]
        out.append(
            f"{shown_path}:{x['line']}:{x['column']}: {paint(x['severity_cn'], severity, color)} "
            f"[{clean(x['rule'])}] {clean(x['message'])}\n"
        )
        if x["excerpt"]:
            shown = "".join(
                paint(seg.text, "caret-" + severity, color) if seg.kind == "mark" else clean(seg.text)
                for seg in x["excerpt"].segments
            )
            out.append(f"{paint(x['gutter'], 'dim', color)} | {shown}\n")
            out.append(f"{clean(x['blank_gutter'])} | {paint(x['caret'], 'caret-' + severity, color)}\n")
        if x["suggestion"]:
            out.append(f"    建议：{clean(x['suggestion'])}\n")
        if x["repeat_note"]:
            out.append(f"    {clean(x['repeat_note'])}\n")
    return "".join(out)


def render_text(results: list[FileResult], ctx: RenderContext) -> str:
    view = sheet(results, ctx, budget=EXCERPT_CELLS, gap=GAP)
    parts = []
    files = view["files"]
    for i, f in enumerate(files):
        _gutters(f)
        parts.append(file_text(f, ctx.color, ctx.quiet))
        if i < len(files) - 1 and not ctx.quiet:
            parts.append("\n")
    if not ctx.quiet:
        parts.append(clean(view["summary_line"]) + "\n")
    return "".join(parts)


def stream_text(results: Iterable[FileResult], count: int, ctx: RenderContext) -> Iterator[str]:
    """:func:`render_text` in pieces, one file at a time (``count``: how many results)."""
    tally = Tally()
    for number, r in enumerate(results, 1):
        tally.add(r)
        view = file_view(r, number, count > 1, EXCERPT_CELLS, GAP)
        _gutters(view)
        if number > 1:
            yield "\n"
        yield file_text(view, ctx.color, ctx.quiet)
    if not ctx.quiet:
        yield tally.summary_line() + "\n"
