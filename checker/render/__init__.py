"""Renderers: every output format reads the same records (FileResult, Finding)."""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt

from ..model import FileResult

FORMATS = ("text", "json", "sarif", "html", "markdown", "github")


@dataclass(frozen=True)
class RenderContext:
    version: str
    checked_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    color: bool = False
    fail_on: str = "error"


def summary(results: list[FileResult]) -> dict[str, int]:
    counts = {"files": len(results), "error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.findings:
            counts[f.severity] += 1
    return counts


def render(results: list[FileResult], fmt: str, ctx: RenderContext) -> str:
    if fmt == "json":
        from .json_out import render_json

        return render_json(results, ctx)
    if fmt == "text":
        from .text_out import render_text

        return render_text(results, ctx)
    if fmt == "html":
        from .html_out import render_html

        return render_html(results, ctx)
    if fmt == "markdown":
        from .markdown_out import render_markdown

        return render_markdown(results, ctx)
    if fmt == "sarif":
        from .sarif_out import render_sarif

        return render_sarif(results, ctx)
    if fmt == "github":
        from .github_out import render_github

        return render_github(results, ctx)
    raise ValueError(f"unknown format {fmt}")
