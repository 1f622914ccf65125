"""The feedback sheet as Markdown (``--format markdown``), to paste into a review thread.

Same content as the HTML sheet. Report text is backslash-escaped (CommonMark/GFM), so a title
with ``*``, ``<script>`` or ``|`` renders as written; spans are marked with ``<mark>``.
"""

from __future__ import annotations

from ..model import FileResult
from . import RenderContext
from .common import render_template, sheet

EXCERPT_CELLS = 100


def render_markdown(results: list[FileResult], ctx: RenderContext) -> str:
    return render_template("sheet.md", **sheet(results, ctx, budget=EXCERPT_CELLS))
