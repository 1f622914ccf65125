"""The records that flow through the pipeline, stage to stage.

read -> Source (paragraphs with their place in the file) -> outline -> Report -> checks ->
Finding -> FileResult -> renderers. Every record is frozen: a stage returns a new value and
never reaches back into an earlier one.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of report text after normalisation, and where it stands in the source.

    ``prefix`` is visible text that is not in the source (a label Word draws from its automatic
    numbering); it is part of ``text`` but positions inside it map to the paragraph's start.
    """

    text: str
    line: int  # 1-based source line (txt/md/html) or paragraph number (docx)
    column: int = 1  # 1-based source column, in code points, where the text (after prefix) starts
    prefix: str = ""
    style_level: int | None = None  # heading level from a Word style or Markdown '#'
    in_table: bool = False
    # ``text`` is the recognition view (simplified characters, zero-width and bidi marks left
    # out); when marks were left out, ``offsets[i]`` is the offset in the source text of the
    # view's code point ``i`` (one entry more than ``text`` has, for the end).
    offsets: tuple[int, ...] | None = None

    def source_column(self, offset: int) -> int:
        """The 1-based source column of the code point at ``offset`` in ``text``."""
        if self.offsets is not None and offset >= len(self.prefix):
            k = min(max(offset - len(self.prefix), 0), len(self.offsets) - 1)
            return max(1, self.column + self.offsets[k])
        return max(1, self.column + offset - len(self.prefix))


@dataclass(frozen=True)
class Source:
    """A file read and normalised: report paragraphs only, page chrome removed."""

    path: str
    kind: str  # 'txt' | 'md' | 'docx' | 'html'
    paragraphs: tuple[Paragraph, ...]
    lines: tuple[str, ...] = ()  # the source's own lines (docx: paragraph texts), for excerpts
    metadata: Mapping[str, str] = field(default_factory=dict)  # e.g. {'published': '2021-03-28'}
    notes: tuple[str, ...] = ()  # reader remarks (e.g. undecodable bytes), shown to the user
    # fzcheck-disable directives the reader found outside the text (a Word comment on paragraphs):
    # (first line, last line, rule ids; none named means every rule)
    suppressed: tuple[tuple[int, int, tuple[str, ...]], ...] = ()
    # A format whose lines are markup (html): (line, column, text) of each paragraph as the page
    # shows it (entities decoded, tags gone), keyed like the paragraph's findings: a finding at
    # column C of that line stands at C - column in that text. Empty for the other formats.
    page_text: tuple[tuple[int, int, str], ...] = ()

    @cached_property
    def _page_lines(self) -> dict[int, tuple[str, tuple[tuple[int, int, int], ...]]]:
        """Line → (the text of the paragraphs starting there, one space between them;
        (paragraph column, start in that text, length) of each)."""
        by_line: dict[int, list[tuple[int, str]]] = {}
        for line, column, text in self.page_text:
            by_line.setdefault(line, []).append((column, text))
        out = {}
        for line, pieces in by_line.items():
            parts, at, joined = [], 0, []
            for column, text in sorted(pieces, key=lambda x: x[0]):
                if joined:
                    joined.append(" ")
                    at += 1
                parts.append((column, at, len(text)))
                joined.append(text)
                at += len(text)
            out[line] = ("".join(joined), tuple(parts))
        return out

    def text_line(self, line: int) -> str | None:
        """Line ``line`` as a reader is shown it: the source line, or for a page (html) the text
        of the paragraphs that start on it (None when it holds none: markup only)."""
        if self.page_text:
            found = self._page_lines.get(line)
            return found[0] if found is not None else None
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else None

    def text_columns(self, line: int, column: int, end_column: int) -> tuple[int, int]:
        """A span's source columns on ``line`` as columns of :meth:`text_line` (the same but for a
        page, where the span is found in the paragraph holding ``column``)."""
        found = self._page_lines.get(line) if self.page_text else None
        if found is None:
            return column, end_column
        parts = found[1]
        i = max(0, next((k for k in range(len(parts) - 1, -1, -1) if parts[k][0] <= column), 0))
        first, start, length = parts[i]
        a = min(max(column - first, 0), length)
        b = min(max(end_column - first, a), length)
        return start + a + 1, start + b + 1


@dataclass(frozen=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Heading:
    """A numbered (or styled) heading line of the outline."""

    index: int  # index of its paragraph in Source.paragraphs
    level: int  # 1..4 (一、 / （一） / 1. / （1）)
    marker: str  # the marker as written, e.g. '（一）', '2、'
    style: str  # marker family + separator, e.g. 'cn-dun', 'paren-cn', 'arabic-dot'
    ordinal: int | None  # 1 for 一、/（一）/1.; None when not numbered (styled heading)
    text: str  # the heading proper: after the marker, up to the first sentence end
    keys: tuple[str, ...] = ()  # template section keys it names

    @property
    def label(self) -> str:
        """The heading as printed: marker and heading proper, e.g. '二、存在的问题'."""
        return self.marker + self.text


@dataclass(frozen=True)
class SectionHit:
    """Where a template section was found."""

    key: str
    heading: Heading | None  # None when found unheaded, by its cues
    start: int  # first paragraph index of its content (the heading's own paragraph if headed)
    end: int  # one past its last paragraph
    chars: int  # characters of content


@dataclass(frozen=True)
class Report:
    """What the outline stage knows about a report."""

    source: Source
    title: str | None
    title_index: int | None
    subject: str | None
    year: int | None
    year_source: str | None  # 'title' | 'opening' | 'heading' | 'option'
    date: _dt.date | None
    date_source: str | None  # 'signature' | 'metadata' | 'option'
    date_index: int | None  # paragraph of the signature date, when from the signature
    headings: tuple[Heading, ...]
    sections: tuple[SectionHit, ...]
    opening: tuple[int, ...]  # paragraph indexes
    closing: tuple[int, ...]  # unheaded trailing paragraphs before the signature
    signature: tuple[int, ...]  # paragraph indexes of the 落款 (organ and/or date)
    signature_organ: str | None = None

    def section(self, key: str) -> SectionHit | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a report. Checks leave ``severity`` empty; the engine stamps it."""

    rule: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    suggestion: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.end_line, self.end_column, self.message)


@dataclass(frozen=True)
class FileError:
    code: str  # e.g. 'not-found', 'unreadable', 'bad-docx', 'empty', 'too-large'
    message: str  # Chinese, names the file and the problem


@dataclass(frozen=True)
class FileResult:
    path: str
    template: str
    error: FileError | None = None
    report: Report | None = None
    findings: tuple[Finding, ...] = ()


# The verdict on one file in words, shown wherever a file's result is summed up (text, batch
# table, sheet, workbook, web page): the worst severity found, or that the file could not be checked.
VERDICT_NO_ERRORS = "无错误"
VERDICT_WARNINGS = "有警告"
VERDICT_ERRORS = "有错误"
VERDICT_UNCHECKED = "无法检查"


def verdict(result: FileResult) -> str:
    """「无错误」「有警告」「有错误」 by the worst finding (提示 alone is 无错误), 「无法检查」 for a file error."""
    if result.error is not None:
        return VERDICT_UNCHECKED
    worst = max((SEVERITY_RANK.get(f.severity, 0) for f in result.findings), default=0)
    if worst >= SEVERITY_RANK["error"]:
        return VERDICT_ERRORS
    if worst >= SEVERITY_RANK["warning"]:
        return VERDICT_WARNINGS
    return VERDICT_NO_ERRORS


class FzcheckError(Exception):
    """A problem that stops the run (bad template, bad option): exit code 2."""


class InputError(Exception):
    """A file that cannot be read as a report; becomes a FileError for that file."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
