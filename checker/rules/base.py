"""What every check family shares: making findings at paragraph positions."""

from __future__ import annotations

import re
from typing import Any, Collection, Iterator

from ..model import Finding, Report, SectionHit


def finding(
    report: Report,
    rule: str,
    index: int | None,
    message: str,
    suggestion: str = "",
    start: int = 0,
    end: int | None = None,
    severity: str = "",
    **data: Any,
) -> Finding:
    """A finding on paragraph ``index`` from text offset ``start`` to ``end`` (exclusive).

    ``index`` None places it at the start of the document. ``end`` None spans the paragraph.
    Columns are 1-based source columns; ``end_column`` is exclusive. ``severity`` is left empty
    unless the template itself sets it for this case; the engine stamps the rest.
    """
    paragraphs = report.source.paragraphs
    if index is None or not paragraphs:
        return Finding(rule, severity, 1, 1, 1, 1, message, suggestion, data)
    p = paragraphs[index]
    if end is None:
        end = len(p.text)
    start = max(0, min(start, len(p.text)))
    end = max(start, min(end, len(p.text)))
    line, column = p.source_place(start)
    end_line, end_column = p.source_end(end) if end > start else (line, column)
    return Finding(rule, severity, line, column, end_line, end_column, message, suggestion, data)


def line_of(report: Report, index: int) -> int:
    return report.source.paragraphs[index].line


def where(report: Report, index: int) -> str:
    """'第12行' for text sources, '第12段' for Word documents."""
    unit = "段" if report.source.kind == "docx" else "行"
    return f"第{line_of(report, index)}{unit}"


def content_text(report: Report, hit: SectionHit) -> str:
    """A section's text without its own heading (the heading's words are not its content)."""
    paragraphs = report.source.paragraphs[hit.start:hit.end]
    if not paragraphs:
        return ""
    first = paragraphs[0].text
    if hit.heading is not None:
        label = hit.heading.label
        first = first[len(label):] if first.startswith(label) else first[len(hit.heading.marker) + len(hit.heading.text):]
    return "\n".join([first, *(p.text for p in paragraphs[1:])])


def phrase_matches(report: Report, pattern: re.Pattern | None, skip: Collection[int] = ()) -> Iterator[tuple[int, re.Match]]:
    """Every match of a template phrase pattern, with its paragraph index (paragraphs in ``skip`` left out)."""
    if pattern is None:
        return
    for i, p in enumerate(report.source.paragraphs):
        if i not in skip:
            for m in pattern.finditer(p.text):
                yield i, m
