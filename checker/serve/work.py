"""What a worker process does with one upload: the bytes become a Source, the Source a result.

The upload never touches the file system: the bytes go to the same readers ``fzcheck check``
uses after reading a file (:func:`checker.read.read_source` opens the file and hands its bytes
to them), and the Source to the same :func:`checker.api.check_source`. Beside the result the
worker works out the indicator checklist the page shows, while the report's paragraphs are at
hand (the main process never re-reads the report).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..api import Options, check_source, check_text, template_for
from ..model import FileError, FileResult, InputError, Source
from ..read import SUFFIXES
from ..read.text import read_text_source
from ..readings.coverage import indicators
from ..readings.report import coverage
from ..template import Template, load_template
from ..template_view import view_of

INDICATOR_STATUS_CN = {"data": "已写明数据", "no-data": "写到但缺数据", "missing": "未写到"}


def source_from_bytes(data: bytes, name: str) -> Source:
    """The Source of an uploaded file, read by its name's suffix (InputError when unreadable)."""
    kind = SUFFIXES.get(Path(name).suffix.lower())
    if kind is None:
        raise InputError("unsupported", f"{name}：不支持的文件类型（支持 .txt .md .docx .html .htm）")
    if kind == "docx":
        # deferred: the Word reader (lxml, python-docx), only for a .docx upload
        from ..read.docx import read_docx_source

        return read_docx_source(data, name)
    if kind == "html":
        # deferred: the page reader (lxml.html), only for a page upload
        from ..read.html import read_html_source

        return read_html_source(data, name)
    return read_text_source(data, name, kind)


def indicator_checklist(result: FileResult, template: Template) -> list[dict[str, Any]]:
    """One row per indicator topic of the template: reported with figures, without, or not at all."""
    if result.report is None:
        return []
    found = coverage(result.report, template)  # the coverage the check read (its readings)
    rows = []
    for topic in indicators(template):
        seen = found.get(topic.key)
        status = "missing" if seen is None else ("data" if seen.with_data else "no-data")
        rows.append(
            {"key": topic.key, "topic": topic.topic, "status": status, "status_cn": INDICATOR_STATUS_CN[status]}
        )
    return rows


def check_upload(name: str, data: bytes, options: Options) -> tuple[FileResult, list[dict[str, Any]]]:
    """Check one upload; any failure becomes that file's error, as in a batch run."""
    template = template_for(options.template)  # the rule ids it names checked, as the CLI does
    try:
        try:
            source = source_from_bytes(data, name)
        except InputError as exc:
            return FileResult(name, template.name, FileError(exc.code, exc.message), view=view_of(template)), []
        result = check_source(source, options, template)
        return result, indicator_checklist(result, template)
    except Exception as exc:  # noqa: BLE001 - reported per file, the server goes on
        return FileResult(
            name, template.name,
            FileError("internal-error", f"{name}：检查时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题"),
            view=view_of(template),
        ), []


def warm(templates: tuple[str, ...]) -> None:
    """Load the templates and build the parsers once, before the first upload arrives."""
    for ref in templates:
        check_text("柳溪县2023年法治政府建设年度报告\n一、主要举措和成效\n全年办理行政复议案件3件。", Options(template=ref))
