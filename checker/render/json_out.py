"""JSON output, schema fzcheck/1 (SPEC §5). Deterministic: same input, same bytes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import FileResult, Finding, Report, count_severities
from . import RenderContext, summary


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule, "severity": f.severity, "line": f.line, "column": f.column,
        "end_line": f.end_line, "end_column": f.end_column, "message": f.message,
        "suggestion": f.suggestion, "data": dict(f.data),
    }


def report_dict(report: Report) -> dict[str, Any]:
    paragraphs = report.source.paragraphs
    sections = []
    keyed_unheaded = [s for s in report.sections if s.heading is None]
    for h in report.headings:
        sections.append(
            {"keys": list(h.keys), "heading": h.label, "line": paragraphs[h.index].line, "level": h.level}
        )
    for s in keyed_unheaded:
        sections.append({"keys": [s.key], "heading": None, "line": paragraphs[s.start].line, "level": None})
    sections.sort(key=lambda s: (s["line"], s["level"] is None))
    return {
        "title": report.title,
        "subject": report.subject,
        "year": report.year,
        "date": report.date.isoformat() if report.date else None,
        "date_source": report.date_source,
        "sections": sections,
    }


def result_dict(r: FileResult) -> dict[str, Any]:
    return {
        "path": r.path,
        "template": r.template,
        "error": {"code": r.error.code, "message": r.error.message} if r.error else None,
        "report": report_dict(r.report) if r.report else None,
        "findings": [finding_dict(f) for f in r.findings],
        "notes": notes_of(r),
    }


def notes_of(r: FileResult) -> list[str]:
    """What the reader said about the file (undecodable bytes and where, text-box content not
    checked …): an addition to fzcheck/1, present on every result."""
    return list(r.report.source.notes) if r.report else []


def document(results: list[FileResult], ctx: RenderContext) -> dict[str, Any]:
    return {
        "schema": "fzcheck/1",
        "tool": {"name": "fzcheck", "version": ctx.version},
        "results": [result_dict(r) for r in results],
        "summary": summary(results),
    }


def render_json(results: list[FileResult], ctx: RenderContext) -> str:
    return json.dumps(document(results, ctx), ensure_ascii=False, indent=2) + "\n"


def _nested(value: Any, depth: int) -> str:
    """``value`` as :func:`json.dumps` writes it ``depth`` levels down an indent=2 document
    (a JSON string never holds a raw line break, so indenting the lines is exact)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def stream_json(results: Iterable[FileResult], count: int, ctx: RenderContext) -> Iterator[str]:
    """:func:`render_json` in pieces, one result at a time: the same bytes, without holding
    every result (``count`` is not needed by JSON; it is there for the common signature)."""
    head = document([], ctx)
    yield "{\n" + "".join(
        f"  {json.dumps(key)}: {_nested(value, 1)},\n" for key, value in head.items() if key not in ("results", "summary")
    ) + '  "results": ['
    counts = {"files": 0, "error": 0, "warning": 0, "info": 0}
    for n, r in enumerate(results):
        counts["files"] += 1
        for severity, k in count_severities(r.findings).items():
            counts[severity] = counts.get(severity, 0) + k
        yield ("," if n else "") + "\n    " + _nested(result_dict(r), 2)
    yield ("\n  ]" if counts["files"] else "]") + f',\n  "summary": {_nested(counts, 1)}\n}}\n'
