"""Renderers: every output format reads the same records (FileResult, Finding)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
import datetime as dt
from importlib import import_module

from ..model import FileResult, count_severities

@dataclass(frozen=True)
class Format:
    """One output format: the module that renders it and what it gives."""

    module: str  # a module of this package (``.name``), imported only when the format is asked for
    # "stream": text that can be written one file at a time (stream_<format>(results, count, ctx));
    # "text": text made from every result at once (render_<format>(results, ctx));
    # "bytes": a file of bytes, written only with -o (render_<format>(results, ctx[, inputs]))
    kind: str
    download: str = ""  # the label of its download button on the web page (fzcheck serve); "": not offered


# The renderer table. A new format is a module of this package plus one line here: the CLI's
# --format choices and help, the configuration's ``format`` and the web page read this table.
_TABLE: dict[str, Format] = {
    "text": Format("text_out", "stream"),
    "json": Format("json_out", "stream", download="JSON 数据"),
    "sarif": Format("sarif_out", "text"),
    "html": Format("html_out", "text", download="修改意见单（可打印）"),
    "markdown": Format("markdown_out", "text"),
    "github": Format("github_out", "stream"),
    "concise": Format("concise_out", "stream"),
    "junit": Format("junit_out", "text"),
    "gitlab": Format("gitlab_out", "text"),
    "docx": Format("docx_out", "bytes", download="批注版 Word 文档"),
    "xlsx": Format("xlsx_out", "bytes", download="审阅工作簿（Excel）"),
}
FORMATS = tuple(_TABLE)
STREAMED = tuple(fmt for fmt, spec in _TABLE.items() if spec.kind == "stream")
# Binary formats are rendered by render_bytes(), which may also read each checked file's
# original bytes (``inputs``: path -> bytes; the renderer reads the file itself when a path is not in it).
BINARY = tuple(fmt for fmt, spec in _TABLE.items() if spec.kind == "bytes")
# what the web page offers for download, the printable sheet first: format -> button label
DOWNLOADS = {fmt: spec.download for fmt, spec in sorted(_TABLE.items(), key=lambda kv: kv[0] != "html") if spec.download}


def _renderer(fmt: str, verb: str = "render"):
    if fmt not in _TABLE:
        raise ValueError(f"unknown format {fmt}")
    module = import_module(f".{_TABLE[fmt].module}", __name__)
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
