"""The printable feedback sheet (``--format html``): one self-contained A4 page per report.

No network, no scripts: the CSS is inline and the fonts are the reader's own CJK fonts. The
template is autoescaped, so report text (titles, headings, excerpts) is always shown as text.
"""

from __future__ import annotations

from ..model import FileResult
from . import RenderContext
from .common import render_template, sheet

EXCERPT_CELLS = 120  # about two printed lines of 10pt 汉字 across the A4 text width


def render_html(results: list[FileResult], ctx: RenderContext) -> str:
    return render_template("sheet.html", **sheet(results, ctx, budget=EXCERPT_CELLS))
