"""What several check families share: where a paragraph is, a section's own text."""

from __future__ import annotations

from ..model import Report, SectionHit, position_unit


def line_of(report: Report, index: int) -> int:
    return report.source.paragraphs[index].line


def where(report: Report, index: int) -> str:
    """'第12行' for text sources, '第12段' for Word documents."""
    return f"第{line_of(report, index)}{position_unit(report.source.kind)}"


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
