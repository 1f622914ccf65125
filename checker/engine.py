"""The pipeline of one report: read → normalise → outline → document date → checks → findings.

The public entry points (and many files at once) are in :mod:`checker.api`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .outline import report_of
from .model import FileError, FileResult, Finding, InputError, Paragraph, Report, Source
from .previous_report import comparing, previous_for
from .read import DEFAULT_MAX_BYTES, SUFFIXES, read_source
from .read.normalize import line_directives, normalize_lines, split_lines
from .read.names import shown_name
from .readings.report import Readings
from .rules import registry
from .rules.run import MAX_PER_RULE, run_checks, severity_of  # noqa: F401  (kept importable from here)
from .template import Template, load_template
from .template_view import view_of
from .read.text import read_text_source


@dataclass(frozen=True)
class Options:
    template: str = "annual"
    year: int | None = None
    date: dt.date | None = None
    rules: Mapping[str, str] = field(default_factory=dict)  # rule id -> severity | 'off'
    max_bytes: int = DEFAULT_MAX_BYTES
    exclude: tuple[str, ...] = ()  # glob patterns of paths to skip in directories
    include: tuple[str, ...] = ()  # glob patterns: when given, only matching paths are checked
    # Skip a file that does not look like a rule-of-law report instead of refusing it: True for
    # every file (a pre-commit hook), or the set of paths it applies to (files found in directories).
    skip_non_reports: bool | frozenset[str] = False
    # last year's report for copy-previous: a file, a directory, 'auto' (a sibling found by
    # subject and year - 1) or a mapping checked file -> its previous report; or its text
    previous: str | Mapping[str, str] | None = None
    previous_text: str | None = None


_REPORT_HINT = re.compile(r"法治|依法行政|法制")


def _not_a_report(report: Report) -> bool:
    """No paragraphs, or nothing at all of a rule-of-law report: no section, no title, no topic."""
    if not report.source.paragraphs:
        return True
    if report.sections or report.title:
        return False
    return not any(_REPORT_HINT.search(p.text) for p in report.source.paragraphs)


_REPORT_NAMES = re.compile(r"法治政府建设|法治政府|依法行政|法治建设")
_REPORT_TITLE_END = re.compile(r"(报告|总结|汇报)\s*([（(][^）)]{0,12}[）)])?\s*$")
_MEASURES_WORDS = re.compile(r"举措|成效|做法|工作情况|工作开展|工作回顾")
_OPENING_YEAR = re.compile(r"\s*(19|20)\d\d\s*年")  # 「2023年，柳溪县坚持……」


def looks_like_report(report: Report, template: Template) -> bool:
    """Does the file look like a rule-of-law report at all (for skipping other files of a
    directory or a commit)? A section of the template under a heading, a heading that names
    法治政府建设 / 依法行政 / 法治建设, a title of a report naming them, or an opening paragraph
    naming them the way a report opens (「2023年，柳溪县……」, 「现将……报告如下」). A README about
    such reports names them too, but neither in a report's title nor in a report's opening."""
    paragraphs = report.source.paragraphs
    measures = template.keys_of("measures")
    for s in report.sections:  # top-level headings that name nothing else count as measures: not enough
        if s.heading is not None and (s.key not in measures or _MEASURES_WORDS.search(s.heading.text)):
            return True
    if any(_REPORT_NAMES.search(h.text) for h in report.headings):
        return True
    if report.title and _REPORT_NAMES.search(report.title) and _REPORT_TITLE_END.search(report.title):
        return True
    for i in report.opening[:3]:
        text = paragraphs[i].text
        if _REPORT_NAMES.search(text) and (_OPENING_YEAR.match(text) or "报告如下" in text):
            return True
    return False


def _skips(options: Options, path: str) -> bool:
    wanted = options.skip_non_reports
    return wanted is True or (isinstance(wanted, frozenset) and path in wanted)


SKIPPED = "skipped"  # FileError.code of a file skipped as not a report (see Options.skip_non_reports)


def template_for(ref: str) -> Template:
    """The template ``ref`` names, the rule ids it names checked against the registry."""
    return load_template(ref, registry())


def check_source(source: Source, options: Options = Options(), template: Template | None = None) -> FileResult:
    template = template or template_for(options.template)
    report = report_of(source, template, options.year, options.date)
    source = report.source
    if options.skip_non_reports and _skips(options, source.path) and not looks_like_report(report, template):
        return FileResult(source.path, template.name, FileError(SKIPPED, f"已跳过：{source.path} 不像法治政府建设年度报告"), view=view_of(template))
    if _not_a_report(report):
        # what the reader had to say (undecodable bytes, say) is often why there was no text
        said = "".join(f"（{note}）" for note in source.notes)
        return FileResult(
            source.path, template.name,
            FileError("not-report", f"{source.path}：没有找到报告正文，看起来不是法治政府建设年度报告{said}"), view=view_of(template),
        )
    previous = previous_for(source.path, report, options, template)
    report = dataclasses.replace(report, readings=Readings(report, template))  # what the rules read, read once
    with comparing(previous):
        findings = run_checks(report, template, options)
    report.readings.release()
    return FileResult(source.path, template.name, None, report, findings, view_of(template))


def check_text(text: str, options: Options = Options(), path: str = "<text>", markdown: bool = False) -> FileResult:
    """Check report text held in memory (lines are the text's own lines)."""
    lines = split_lines(text)
    paragraphs, metadata = normalize_lines(lines, markdown=markdown)
    source = Source(path, "md" if markdown else "txt", tuple(paragraphs), tuple(lines), metadata, directives=line_directives(lines))
    return check_source(source, options)


def check_data(data: bytes, name: str, options: Options = Options(), format_name: str | None = None) -> FileResult:
    """Check a file's bytes held in memory (standard input). The extension of ``format_name``
    (default ``name``) gives the format; plain text when it names none."""
    template = template_for(options.template)
    kind = SUFFIXES.get(Path(format_name or name).suffix.lower(), "txt")
    try:
        if len(data) > options.max_bytes:
            raise InputError("too-large", f"{name}：超过文件大小上限 {options.max_bytes / 1048576:.1f} MB（可用 --max-size 调整）")
        if kind == "docx":
            # deferred: the Word reader (lxml, python-docx), only for a .docx
            from .read.docx import read_docx_source

            source = read_docx_source(data, name)
        elif kind == "html":
            # deferred: the page reader (lxml.html), only for a page
            from .read.html import read_html_source

            source = read_html_source(data, name)
        else:
            source = read_text_source(data, name, kind)
    except InputError as exc:
        return FileResult(name, template.name, FileError(exc.code, exc.message), view=view_of(template))
    return check_source(source, options, template)


def check_file(path: str, options: Options = Options()) -> FileResult:
    template = template_for(options.template)
    shown = shown_name(path)  # a name that is not valid UTF-8 is shown with \xNN escapes
    try:
        source = read_source(path, options.max_bytes, display=shown)
    except InputError as exc:
        return FileResult(shown, template.name, FileError(exc.code, exc.message), view=view_of(template))
    return check_source(source, options, template)


def compact_result(result: FileResult) -> FileResult:
    """The result without what only the checks needed: paragraph texts and the source lines no
    finding points at are emptied. Every renderer gives the same output for it as for the full
    result (they read paragraph line numbers, headings and the lines of the findings), at a
    fraction of the size: batch runs send results from the worker processes back this way and
    keep thousands of them in memory.
    """
    report = result.report
    if report is None:
        return result
    source = report.source
    wanted = {f.line for f in result.findings}
    lines = tuple(line if n in wanted else "" for n, line in enumerate(source.lines, 1))
    paragraphs = tuple(
        Paragraph("", p.line, p.column, p.prefix, p.style_level, p.in_table, places=p.places)
        for p in source.paragraphs
    )
    slim = dataclasses.replace(source, paragraphs=paragraphs, lines=lines, page_text=_wanted_page_text(source, wanted))
    return dataclasses.replace(result, report=dataclasses.replace(report, source=slim, readings=None))


def _wanted_page_text(source, wanted: set[int]) -> tuple[str, ...]:
    """A page's paragraph texts (html) that a finding may be shown in: those whose lines, up to
    the line the next paragraph starts on, hold a finding; the others emptied."""
    if not source.page_text:
        return ()
    marked = sorted(wanted)
    firsts = [(p.places[0][0] if p.places else p.line) for p in source.paragraphs]
    out = []
    for i, (p, text) in enumerate(zip(source.paragraphs, source.page_text)):
        last = p.places[-1][0] if p.places else p.line
        upto = max(last, firsts[i + 1] if i + 1 < len(firsts) else 10**9)
        k = bisect.bisect_left(marked, firsts[i])
        out.append(text if k < len(marked) and marked[k] <= upto else "")
    return tuple(out)


def iter_findings(results: Iterable[FileResult]) -> Iterator[Finding]:
    for r in results:
        yield from r.findings
