"""Terminal output: findings grouped by file, the source line with a caret under the span.

``path:line:col: 级别 [rule] message`` keeps the position clickable in editors and terminals;
the caret line counts East Asian wide characters as two cells so it stands under the 汉字.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..model import FileResult
from . import RenderContext
from .common import render_template, sheet, stream_files

EXCERPT_CELLS = 72  # fits an 80-column terminal after the line-number gutter


def _gutters(f: dict[str, Any]) -> None:
    width = max((len(str(x["line"])) for x in f["findings"]), default=1)
    for x in f["findings"]:
        x["gutter"] = str(x["line"]).rjust(width + 2)
        x["blank_gutter"] = " " * (width + 2)


def render_text(results: list[FileResult], ctx: RenderContext) -> str:
    view = sheet(results, ctx, budget=EXCERPT_CELLS, gap="...")
    for f in view["files"]:
        _gutters(f)
    return render_template("text.txt", **view)


def stream_text(results: Iterable[FileResult], count: int, ctx: RenderContext) -> Iterator[str]:
    """:func:`render_text` in pieces, one file at a time (``count``: how many results)."""
    return stream_files(results, count, ctx, "text_file.txt", _gutters, "\n", budget=EXCERPT_CELLS, gap="...")
