"""Renderers: every output format reads the same records (FileResult, Finding)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
import datetime as dt
from importlib import import_module

from ..model import FileResult, count_severities

# The renderer table: format -> (module of this package, what it renders). Each module is imported
# only when its format is asked for (start-up stays light). "stream": the format can be written
# one file at a time (stream_<format>(results, count, ctx)); "bytes": a file of bytes, not text,
# written only with -o (render_<format>(results, ctx[, inputs])).
_TABLE: dict[str, tuple[str, str]] = {
    "text": ("text_out", "stream"),
    "json": ("json_out", "stream"),
    "sarif": ("sarif_out", "text"),
    "html": ("html_out", "text"),
    "markdown": ("markdown_out", "text"),
    "github": ("github_out", "stream"),
    "concise": ("concise_out", "stream"),
    "junit": ("junit_out", "text"),
    "gitlab": ("gitlab_out", "text"),
    "docx": ("docx_out", "bytes"),
    "xlsx": ("xlsx_out", "bytes"),
}
FORMATS = tuple(_TABLE)
STREAMED = tuple(fmt for fmt, (_, kind) in _TABLE.items() if kind == "stream")
# Binary formats are rendered by render_bytes(), which may also read each checked file's
# original bytes (``inputs``: path -> bytes; the renderer reads the file itself when a path is not in it).
BINARY = tuple(fmt for fmt, (_, kind) in _TABLE.items() if kind == "bytes")


def _renderer(fmt: str, verb: str = "render"):
    if fmt not in _TABLE:
        raise ValueError(f"unknown format {fmt}")
    module = import_module(f".{_TABLE[fmt][0]}", __name__)
    return getattr(module, f"{verb}_{fmt}")


@dataclass(frozen=True)
class RenderContext:
    version: str
    checked_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    color: bool = False
    fail_on: str = "error"
    quiet: bool = False  # text: the findings only (no per-file headers, no summary)
    revisions: bool = True  # docx: mechanical fixes as tracked changes (False: comments only)


def summary(results: list[FileResult]) -> dict[str, int]:
    """The run's counts: files, and findings per severity."""
    return {"files": len(results), **count_severities(f for r in results for f in r.findings)}


def render(results: list[FileResult], fmt: str, ctx: RenderContext) -> str:
    if fmt in BINARY:
        raise ValueError(f"{fmt} is a binary format: use render_bytes")
    return _renderer(fmt)(results, ctx)


def render_bytes(
    results: list[FileResult], fmt: str, ctx: RenderContext, inputs: Mapping[str, bytes] | None = None
) -> bytes:
    """The bytes of a binary format (see BINARY) for ``results``."""
    if fmt not in BINARY:
        raise ValueError(f"unknown binary format {fmt}")
    return _renderer(fmt)(results, ctx, inputs)


def render_stream(results: Iterable[FileResult], count: int, fmt: str, ctx: RenderContext) -> Iterator[str]:
    """The text of :func:`render` for ``count`` results, in pieces, reading the results one at a
    time: a batch of thousands of reports is written as it is checked, never held whole.
    Formats not in STREAMED (their first lines sum up every file) are rendered at the end."""
    if fmt in STREAMED:
        return _renderer(fmt, "stream")(results, count, ctx)
    return iter((render(list(results), fmt, ctx),))
