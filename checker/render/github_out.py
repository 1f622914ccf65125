"""GitHub Actions annotations (``--format github``): ``::error file=…,line=…::message``.

GitHub reads these workflow commands from the job log and shows each finding on the file in
the pull request. Data is escaped as GitHub's toolkit does it (``%``, CR, LF; in properties also
``:`` and ``,``), so report text cannot end a command early or start another.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..model import FileResult
from . import RenderContext
from .common import render_template, sheet, stream_files
from .escape import workspace_path  # the escaping itself (escape_data, escape_property): render.escape, applied by the templates

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _annotations(f: dict[str, Any]) -> None:
    f["uri"] = workspace_path(f["path"])
    for x in f["findings"]:
        x["level"] = LEVEL.get(x["severity"], "warning")
        x["text"] = f"{x['message']}\n建议：{x['suggestion']}" if x["suggestion"] else x["message"]


def render_github(results: list[FileResult], ctx: RenderContext) -> str:
    view = sheet(results, ctx, grouped=False)  # one annotation per finding, on its own line
    for f in view["files"]:
        _annotations(f)
    return render_template("github.txt", **view)


def stream_github(results: Iterable[FileResult], count: int, ctx: RenderContext) -> Iterator[str]:
    """:func:`render_github` in pieces, one file at a time (``count``: how many results)."""
    return stream_files(results, count, ctx, "github_file.txt", _annotations, "", grouped=False)
