"""Renderers: every output format reads the same records (FileResult, Finding)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
import datetime as dt

from ..model import FileResult

FORMATS = ("text", "json", "sarif", "html", "markdown", "github", "concise", "junit", "gitlab", "docx", "xlsx")
STREAMED = ("text", "json", "github", "concise")  # formats that can be written one file at a time
# Formats whose output is a file of bytes, not text (written only with -o): rendered by
# render_bytes(), which may also read each checked file's original bytes (``inputs``: path ->
# bytes; the renderer reads the file itself when a path is not in it).
BINARY: tuple[str, ...] = ("docx", "xlsx")


@dataclass(frozen=True)
class RenderContext:
    version: str
    checked_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    color: bool = False
    fail_on: str = "error"
    quiet: bool = False  # text: the findings only (no per-file headers, no summary)
    revisions: bool = True  # docx: mechanical fixes as tracked changes (False: comments only)


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
    if fmt == "concise":
        from .concise_out import render_concise

        return render_concise(results, ctx)
    if fmt == "junit":
        from .junit_out import render_junit

        return render_junit(results, ctx)
    if fmt == "gitlab":
        from .gitlab_out import render_gitlab

        return render_gitlab(results, ctx)
    raise ValueError(f"unknown format {fmt}")


def render_bytes(
    results: list[FileResult], fmt: str, ctx: RenderContext, inputs: Mapping[str, bytes] | None = None
) -> bytes:
    """The bytes of a binary format (see BINARY) for ``results``."""
    if fmt == "docx":
        from .docx_out import render_docx

        return render_docx(results, ctx, inputs)
    if fmt == "xlsx":
        from .xlsx_out import render_xlsx

        return render_xlsx(results, ctx)
    raise ValueError(f"unknown binary format {fmt}")


def render_stream(results: Iterable[FileResult], count: int, fmt: str, ctx: RenderContext) -> Iterator[str]:
    """The text of :func:`render` for ``count`` results, in pieces, reading the results one at a
    time: a batch of thousands of reports is written as it is checked, never held whole.
    Formats not in STREAMED (their first lines sum up every file) are rendered at the end."""
    if fmt == "json":
        from .json_out import stream_json

        return stream_json(results, count, ctx)
    if fmt == "text":
        from .text_out import stream_text

        return stream_text(results, count, ctx)
    if fmt == "github":
        from .github_out import stream_github

        return stream_github(results, count, ctx)
    if fmt == "concise":
        from .concise_out import stream_concise

        return stream_concise(results, count, ctx)
    return iter((render(list(results), fmt, ctx),))
