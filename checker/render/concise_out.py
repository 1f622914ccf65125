"""One line per finding (``--format concise``): ``path:line:col: 级别 [rule] message``.

The shape compilers and linters print, so that editors, ``grep`` and CI log viewers can jump
to the place; no excerpt, no suggestion, no summary. A file that could not be checked is one
line ``path: 无法检查：…``. Report text is cleaned of control characters, so one finding is
always one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import FileResult
from . import RenderContext
from .common import SEVERITY_CN, clean


def file_lines(r: FileResult) -> str:
    if r.error:
        return f"{clean(r.path)}: 无法检查：{clean(r.error.message)}\n"
    path = clean(r.path)
    return "".join(
        f"{path}:{f.line}:{f.column}: {SEVERITY_CN.get(f.severity, f.severity)} [{f.rule}] {clean(f.message)}\n"
        for f in r.findings
    )


def render_concise(results: list[FileResult], ctx: RenderContext) -> str:
    return "".join(file_lines(r) for r in results)


def stream_concise(results: Iterable[FileResult], count: int, ctx: RenderContext) -> Iterator[str]:
    for r in results:
        yield file_lines(r)
