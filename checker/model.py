"""The records that flow through the pipeline, stage to stage.

read -> Source (paragraphs with their place in the file) -> outline -> Report -> checks ->
Finding -> FileResult -> renderers. Every record is frozen: a stage returns a new value and
never reaches back into an earlier one.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from .readings.report import Readings


class Severity(str, enum.Enum):
    """How serious a finding is. A ``str``: ``Severity.ERROR == "error"``, as records and JSON hold it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.value]

    @property
    def label(self) -> str:
        """错误 / 警告 / 提示."""
        return SEVERITY_CN[self.value]


SEVERITIES = tuple(s.value for s in Severity)
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}

# Reporting years fzcheck reads and accepts (1949: the first a report could refer to; 2100: far
# enough ahead for plans, near enough to reject serial numbers).
YEAR_MIN, YEAR_MAX = 1949, 2100


def count_severities(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per severity, every severity present: ``{"error": 2, "warning": 0, "info": 1}``."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def position_unit(kind: str) -> str:
    """What a position's number counts: 段 (paragraphs of a Word document) or 行 (lines)."""
    return "段" if kind == "docx" else "行"


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
    # Where the source text's code points stand when they are not one line in a row (html: a
    # paragraph of several markup lines, entities, tags): (line, column, width in the source:
    # 1, an entity's length, 0 for a space the page adds) of each source-text offset (those
    # ``offsets`` maps to), one entry more for the end.
    places: tuple[tuple[int, int, int], ...] | None = None

    def _place_index(self, offset: int) -> int:
        k = max(offset - len(self.prefix), 0)
        if self.offsets is not None:
            k = self.offsets[min(k, len(self.offsets) - 1)]
        return min(k, len(self.places) - 1) if self.places else k

    def source_place(self, offset: int) -> tuple[int, int]:
        """The source (line, column) of the code point at ``offset`` in ``text``."""
        if self.places is None:
            return self.line, self.source_column(offset)
        line, column, _ = self.places[self._place_index(offset)]
        return line, column

    def source_end(self, offset: int) -> tuple[int, int]:
        """The source (line, column) just past the code point before ``offset`` (a span's end)."""
        if self.places is None:
            return self.line, self.source_column(offset)
        k = self._place_index(offset)
        if k == 0:
            return self.source_place(offset)
        line, column, width = self.places[k - 1]
        return line, column + width

    def source_column(self, offset: int) -> int:
        """The 1-based source column of the code point at ``offset`` in ``text``."""
        if self.offsets is not None and offset >= len(self.prefix):
            k = min(max(offset - len(self.prefix), 0), len(self.offsets) - 1)
            return max(1, self.column + self.offsets[k])
        return max(1, self.column + offset - len(self.prefix))


@dataclass(frozen=True)
class Directives:
    """A draft's inline ``fzcheck-disable`` / ``fzcheck-enable`` directives, parsed once by its
    reader (which knows where its format writes them).

    A text, Markdown or HTML draft writes ``<!-- fzcheck-disable RULE -->`` on its own lines: a
    disable runs from its line to the matching enable (both lines included) or to the end of the
    file. ``states`` is the state after each directive, in line order: (line, all_off, rules),
    where ``rules`` are the disabled rules or, when all rules are off, the re-enabled ones. A Word
    draft writes ``fzcheck-disable RULE`` in a comment on paragraphs: ``ranges`` are (first line,
    last line, rule ids; none named means every rule). ``named``: (line, rule id) for every rule a
    directive names, in the order written (a name fzcheck does not know is reported).
    """

    states: tuple[tuple[int, bool, frozenset[str]], ...] = ()
    ranges: tuple[tuple[int, int, tuple[str, ...]], ...] = ()
    named: tuple[tuple[int, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.states or self.ranges)

    def covers(self, rule: str, line: int) -> bool:
        """Is ``rule`` switched off at ``line``?"""
        if any(first <= line <= last and (not rules or rule in rules) for first, last, rules in self.ranges):
            return True
        if not self.states:
            return False
        after = bisect.bisect_right(self.states, line, key=lambda s: s[0])
        before = bisect.bisect_left(self.states, line, key=lambda s: s[0])
        return self._off(after - 1, rule) or (before < after and self._off(before - 1, rule))

    def _off(self, i: int, rule: str) -> bool:
        if i < 0:
            return False
        _, all_off, rules = self.states[i]
        return rule not in rules if all_off else rule in rules


NO_DIRECTIVES = Directives()

# Source.metadata key a reader sets when it replaced undecodable bytes (see Source.decode_loss).
DECODE_LOSS = "fzcheck:decode-loss"


@dataclass(frozen=True)
class Source:
    """A file read and normalised: report paragraphs only, page chrome removed."""

    path: str
    kind: str  # 'txt' | 'md' | 'docx' | 'html'
    paragraphs: tuple[Paragraph, ...]
    lines: tuple[str, ...] = ()  # the source's own lines (docx: paragraph texts), for excerpts
    metadata: Mapping[str, str] = field(default_factory=dict)  # e.g. {'published': '2021-03-28'}
    notes: tuple[str, ...] = ()  # reader remarks (e.g. undecodable bytes), shown to the user
    directives: Directives = NO_DIRECTIVES  # the draft's fzcheck-disable/enable directives
    # A format whose lines are markup (html): the text of each paragraph as the page shows it
    # (entities decoded, tags gone, one paragraph from several lines of markup), in the offset
    # space of the paragraph's ``places``. Empty for the other formats.
    page_text: tuple[str, ...] = ()

    @property
    def decode_loss(self) -> bool:
        """Did the reader replace undecodable bytes? Part of the file then went unchecked: the
        file counts as not wholly readable (exit code 2), while what could be read is checked."""
        return DECODE_LOSS in self.metadata

    @cached_property
    def _page_index(self) -> tuple[dict, dict, list[tuple[tuple[int, int], int]]]:
        """(line, column) → (paragraph, offset in its page text) of where each character starts,
        and of where each ends (a span's end); each paragraph's first place."""
        at: dict[tuple[int, int], tuple[int, int]] = {}
        ends: dict[tuple[int, int], tuple[int, int]] = {}
        firsts = []
        for i, (p, text) in enumerate(zip(self.paragraphs, self.page_text)):
            firsts.append((self._first(p), i))
            for k, (line, column, width) in enumerate((p.places or ())[:len(text) + 1]):
                at.setdefault((line, column), (i, k))
                ends.setdefault((line, column + width), (i, k + 1))
        firsts.sort()
        return at, ends, firsts

    @staticmethod
    def _first(p: Paragraph) -> tuple[int, int]:
        return (p.places[0][0], p.places[0][1]) if p.places else (p.line, p.column)

    def _page_offset(self, line: int, column: int, end: bool = False) -> tuple[int, int] | None:
        at, ends, firsts = self._page_index
        hit = (ends if end else at).get((line, column)) or at.get((line, column))
        if hit is not None:
            return hit
        j = bisect.bisect_right(firsts, ((line, column), len(firsts))) - 1
        if j < 0:
            return None
        i = firsts[j][1]
        p, n = self.paragraphs[i], len(self.page_text[i])
        if p.places is None:  # not followed in the markup: columns run on from the paragraph's
            return i, min(max(column - p.column, 0), n) if line == p.line else n
        # the nearest place before it in that paragraph (a span clamped to its line, a tag)
        k = max((k for k, place in enumerate(p.places) if place[:2] <= (line, column)), default=0)
        return i, min(k, n)

    def page_span(self, line: int, column: int, end_line: int, end_column: int) -> tuple[int, int, int] | None:
        """For a page (html): the paragraph a span starts in and the span's offsets in its
        page text (the end kept within that paragraph); None for the other formats."""
        if not self.page_text:
            return None
        start = self._page_offset(line, column)
        if start is None:
            return None
        i, a = start
        end = self._page_offset(end_line, end_column, end=True)
        b = end[1] if end is not None and end[0] == i else len(self.page_text[i])
        return i, a, max(a, b)

    def shown_span(self, line: int, column: int, end_line: int, end_column: int) -> tuple[str, int, int] | None:
        """The text a reader is shown for a span (the source line; for a page, the paragraph's
        text, not its markup) and the span's 1-based columns in it (a span running onto later
        lines of a text file: to the end of the line). None when there is no such text."""
        if self.page_text:
            found = self.page_span(line, column, end_line, end_column)
            if found is None:
                return None
            i, a, b = found
            return self.page_text[i], a + 1, b + 1
        if not 1 <= line <= len(self.lines):
            return None
        return self.lines[line - 1], column, end_column if end_line == line else 10**9

    @cached_property
    def page_rows(self) -> dict[int, tuple[str, dict[int, int]]]:
        """For a page: source line → (the page text of the paragraphs starting on it, one space
        between them; paragraph → where its text starts in that row)."""
        rows: dict[int, tuple[list[str], dict[int, int]]] = {}
        for i, (p, text) in enumerate(zip(self.paragraphs, self.page_text)):
            line = self._first(p)[0]
            parts, starts = rows.setdefault(line, ([], {}))
            at = sum(len(x) for x in parts) + len(parts)
            starts[i] = at
            parts.append(text)
        return {line: (" ".join(parts), starts) for line, (parts, starts) in rows.items()}


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


# Where a report's date came from (``Report.date_source``: signature, metadata, option), named
# for where it is shown. The wordings differ on purpose: the correction report and its sheet label
# the date's origin (网页发布时间, 命令行 --date 指定); ``fzcheck outline`` names the page part the
# reader took it from (网页元数据) and calls an option what it calls the year's (命令行参数); a date
# rule's message names the date the draft lacks or has (网页发布日期, --date 参数).
DATE_SOURCE_NAMES: Mapping[str, Mapping[str, str]] = {
    "sheet": {"signature": "落款", "metadata": "网页发布时间", "option": "命令行 --date 指定"},
    "outline": {"signature": "落款", "metadata": "网页元数据", "option": "命令行参数"},
    "message": {"signature": "落款", "metadata": "网页发布日期", "option": "--date 参数"},
}


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
    # what several rules read (sentences, figures, dates, topics), built by the engine before the checks
    readings: Readings | None = field(default=None, compare=False, repr=False)

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
class SectionView:
    """A section of the template as the outputs name it."""

    key: str
    title: str
    required: bool
    role: str = ""
    short: str = ""  # the title in a few words (a column heading)


@dataclass(frozen=True)
class IndicatorView:
    """An indicator topic of the template as the outputs list it."""

    key: str
    topic: str
    figures: str


@dataclass(frozen=True)
class TemplateView:
    """What the outputs need of the template a file was checked with, carried by its result, so
    that no renderer looks a template up (see :mod:`checker.template_view`)."""

    name: str
    label: str | None = None
    sections: tuple[SectionView, ...] = ()
    # titles of keys by which findings may name sections outside ``sections`` (the annual ones)
    titles: Mapping[str, str] = field(default_factory=dict)
    indicators: tuple[IndicatorView, ...] = ()
    doc_names: tuple[str, ...] = ()  # catalogued document names, without 《》
    quoted_terms: tuple[str, ...] = ()  # fixed expressions the template writes in quotes (“一网通办”)
    # what masks personal numbers in excerpts: the template's code-context and amount-after patterns
    privacy: tuple[Any, Any] = (None, None)

    def title(self, key: str) -> str:
        return self.titles.get(key, key)


@dataclass(frozen=True)
class FileResult:
    path: str
    template: str
    error: FileError | None = None
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    view: TemplateView | None = None  # the template as the outputs need it (None: a file error)

    @property
    def template_view(self) -> TemplateView:
        return self.view if self.view is not None else TemplateView(self.template)


class Status(enum.Enum):
    """The verdict on one file, shown wherever a file's result is summed up (text, batch table,
    sheet, workbook, web page) and read for the exit code: the worst severity found, or that
    the file could not be checked (or read whole). Its value is the verdict in words."""

    NO_ERRORS = "无错误"  # 提示 alone is no error
    WARNINGS = "有警告"
    ERRORS = "有错误"
    PARTLY_READ = "部分无法读取"  # checked, but undecodable bytes were left out
    UNCHECKED = "无法检查"

    @property
    def label(self) -> str:
        return self.value

    @property
    def failed(self) -> bool:
        """fzcheck could not do its job on the file: exit code 2."""
        return self in (Status.PARTLY_READ, Status.UNCHECKED)

    @classmethod
    def of(cls, counts: Mapping[str, int], unchecked: bool = False, partly: bool = False) -> Status:
        """From a file's counts per severity (:func:`count_severities`)."""
        if partly:
            return cls.PARTLY_READ
        if unchecked:
            return cls.UNCHECKED
        if counts.get("error"):
            return cls.ERRORS
        return cls.WARNINGS if counts.get("warning") else cls.NO_ERRORS


def fails(counts: Mapping[str, int], fail_on: str) -> bool:
    """Has a file with these counts a finding at or above ``fail_on`` (never for 'never')?"""
    return fail_on != "never" and any(n and SEVERITY_RANK[sev] >= SEVERITY_RANK[fail_on] for sev, n in counts.items())


def exit_code(files: Iterable[tuple[Status, Mapping[str, int]]], fail_on: str) -> int:
    """The run's exit code from each file's status and counts: 2 when a file could not be
    checked (or read whole), else 1 when one has a finding at or above ``fail_on``, else 0."""
    files = list(files)
    if any(status.failed for status, _ in files):
        return 2
    return 1 if any(fails(counts, fail_on) for _, counts in files) else 0


VERDICT_NO_ERRORS = Status.NO_ERRORS.value
VERDICT_WARNINGS = Status.WARNINGS.value
VERDICT_ERRORS = Status.ERRORS.value
VERDICT_UNCHECKED = Status.UNCHECKED.value


def status(result: FileResult) -> Status:
    """The :class:`Status` of a checked file (a file error: UNCHECKED)."""
    return Status.of(count_severities(result.findings), unchecked=result.error is not None)


def verdict(result: FileResult) -> str:
    """「无错误」「有警告」「有错误」 by the worst finding (提示 alone is 无错误), 「无法检查」 for a file error."""
    return status(result).label


class FzcheckError(Exception):
    """A problem that stops the run (bad template, bad option): exit code 2."""


class InputError(Exception):
    """A file that cannot be read as a report; becomes a FileError for that file."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
