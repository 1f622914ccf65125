"""GitHub Actions annotations (``--format github``): ``::error file=…,line=…::message``.

GitHub reads these workflow commands from the job log and shows each finding on the file in
the pull request. Data is escaped as GitHub's toolkit does it (``%``, CR, LF; in properties also
``:`` and ``,``), so report text cannot end a command early or start another.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath
from typing import Any

from ..model import FileResult
from . import RenderContext

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: object) -> str:
    return str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: object) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str) -> str:
    """The path relative to the current directory (the checkout), with forward slashes."""
    try:
        return PurePath(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive: keep it as given
        return PurePath(path).as_posix()


def default_format(environ: Mapping[str, str] | None = None) -> str:
    """The format to use when ``--format`` is not given: annotations inside GitHub Actions."""
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def _annotations(f: dict[str, Any]) -> None:
    f["uri"] = workspace_path(f["path"])
    for x in f["findings"]:
        x["level"] = LEVEL.get(x["severity"], "warning")
        x["text"] = f"{x['message']}\n建议：{x['suggestion']}" if x["suggestion"] else x["message"]


def render_github(results: list[FileResult], ctx: RenderContext) -> str:
    from .common import render_template, sheet

    view = sheet(results, ctx, grouped=False)  # one annotation per finding, on its own line
    for f in view["files"]:
        _annotations(f)
    return render_template("github.txt", **view)


def stream_github(results: Iterable[FileResult], count: int, ctx: RenderContext) -> Iterator[str]:
    """:func:`render_github` in pieces, one file at a time (``count``: how many results)."""
    from .common import stream_files

    return stream_files(results, count, ctx, "github_file.txt", _annotations, "", grouped=False)
