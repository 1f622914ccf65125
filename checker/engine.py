"""The library entry points: check a text, a file, or many files; no CLI needed.

Pipeline: read → normalise → outline → document date → checks → severities stamped → findings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from .docdate import report_of
from .model import FileError, FileResult, Finding, InputError, Paragraph, Report, Source
from .previous_report import comparing, previous_for
from .read import DEFAULT_MAX_BYTES, kind_of, read_source
from .checks.directives import suppressions
from .read.normalize import normalize_lines, split_lines
from .read.names import shown_name
from .readings.report import Readings
from .rules import registry
from .template import Template, load_template


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


def looks_like_report(report: Report) -> bool:
    """Does the file look like a rule-of-law report at all (for skipping other files of a
    directory or a commit)? A section of the template under a heading, a heading that names
    法治政府建设 / 依法行政 / 法治建设, a title of a report naming them, or an opening paragraph
    naming them the way a report opens (「2023年，柳溪县……」, 「现将……报告如下」). A README about
    such reports names them too, but neither in a report's title nor in a report's opening."""
    paragraphs = report.source.paragraphs
    for s in report.sections:  # top-level headings that name nothing else count as measures: not enough
        if s.heading is not None and (s.key != "measures" or _MEASURES_WORDS.search(s.heading.text)):
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


def severity_of(rule_id: str, template: Template, options: Options, hinted: str = "") -> str:
    """Config wins over the template, the template over a check's template-derived hint."""
    if rule_id in options.rules:
        return options.rules[rule_id]
    if rule_id in template.severities:
        return template.severities[rule_id]
    return hinted or registry()[rule_id].severity


# At most this many findings of one rule are listed per file; the next one says the rest are
# left out. A draft never comes near it, but a file of a million unmatched brackets or XX
# placeholders would otherwise give a million findings (and as much memory and output).
MAX_PER_RULE = 2000


def run_checks(report: Report, template: Template, options: Options) -> tuple[Finding, ...]:
    found: list[Finding] = []
    source = report.source
    suppressed = suppressions(source)
    for rule in registry().values():
        if not template.applies(rule.id, report.year):
            continue  # the template says the rule is not in force for the report's year
        listed = 0
        for f in rule.check(report, template):
            severity = severity_of(f.rule, template, options, f.severity)
            if severity != "off" and not (suppressed and suppressed.covers(f.rule, f.line)):
                if listed == MAX_PER_RULE:
                    found.append(dataclasses.replace(f, severity=severity, message=f.message + _TOO_MANY))
                    break
                found.append(dataclasses.replace(f, severity=severity))
                listed += 1
    found = unwritten_left_to_placeholders(report, found)
    found = [_inside(f, source.lines) for f in found]
    found.sort(key=Finding.sort_key)
    return tuple(found)


# For a section not written yet (nothing but placeholders, as a fresh ``fzcheck init`` skeleton has
# it) the placeholder findings already say what is missing: each rule declares what a placeholder
# can stand for (Rule.placeholder_stands_for).
_DATE_LEFT = re.compile(r"\s*(19|20)\d\d\s*年[^。，\n]{0,8}月[^。，\n]{0,8}日\s*$")  # 「2025年X月X日」


def unwritten_left_to_placeholders(report: Report, found: list[Finding]) -> list[Finding]:
    """Leave out what a placeholder already stands for: content rules on a section each of whose
    paragraphs opens with a placeholder (「【待补充】（写明……）」), the indicator rules when the
    measures are such a section, and a missing 落款 or date when the last paragraph is a date
    left to fill (「2025年X月X日」). A section with real text keeps every finding, also when a
    figure in it is still a placeholder (「培训XX次」)."""
    paragraphs = report.source.paragraphs
    starts = {}
    for p in paragraphs:
        starts.setdefault(p.line, p.source_column(0))
    # a paragraph that opens with a placeholder is a gap with a hint, not text with a gap in it
    anywhere = {f.line for f in found if f.rule == "placeholder"}
    if not anywhere:
        return found
    held = {f.line for f in found if f.rule == "placeholder" and f.column <= starts.get(f.line, 1)}
    unwritten: set[str] = set()
    lines_of: dict[str, set[int]] = {}
    for hit in report.sections:
        first = hit.start + 1 if hit.heading is not None else hit.start
        content = {p.line for p in paragraphs[first:hit.end]}
        lines_of.setdefault(hit.key, set()).update({p.line for p in paragraphs[hit.start:hit.end]})
        if content and content <= held:
            unwritten.add(hit.key)
        elif hit.key in unwritten:
            unwritten.discard(hit.key)
    gone_lines = set().union(*(lines_of[k] for k in unwritten)) if unwritten else set()
    date_left = bool(paragraphs) and paragraphs[-1].line in anywhere and bool(_DATE_LEFT.match(paragraphs[-1].text))

    rules = registry()

    def explained(f: Finding) -> bool:
        stands_for = rules[f.rule].placeholder_stands_for if f.rule in rules else ""
        if stands_for == "section":
            return f.data.get("section") in unwritten or f.line in gone_lines
        if stands_for == "measures":
            return "measures" in unwritten
        return stands_for == "signature" and date_left

    return [f for f in found if not explained(f)]


def _inside(f: Finding, lines: tuple[str, ...]) -> Finding:
    """The finding with its span kept inside the document: lines 1..len(lines), columns
    1..len(line)+1. Readers map paragraphs back to source lines as well as they can; where a
    paragraph's text is not the line's text (an HTML paragraph joined from several lines of
    markup, entities decoded), a span could otherwise run past the end of its line."""
    last = max(1, len(lines))

    def width(line: int) -> int:
        return len(lines[line - 1]) + 1 if lines else 1

    line = min(max(f.line, 1), last)
    end_line = min(max(f.end_line, line), last)
    column = min(max(f.column, 1), width(line))
    end_column = min(max(f.end_column, 1), width(end_line))
    if line == end_line:
        end_column = max(end_column, column)
    if (line, column, end_line, end_column) == (f.line, f.column, f.end_line, f.end_column):
        return f
    return dataclasses.replace(f, line=line, column=column, end_line=end_line, end_column=end_column)


_TOO_MANY = f"（本文件中此类问题超过 {MAX_PER_RULE} 处，从这里起不再逐一列出，请先改正已列出的问题）"


def check_source(source: Source, options: Options = Options(), template: Template | None = None) -> FileResult:
    template = template or load_template(options.template)
    report = report_of(source, template, options.year, options.date)
    source = report.source
    if options.skip_non_reports and _skips(options, source.path) and not looks_like_report(report):
        return FileResult(source.path, template.name, FileError(SKIPPED, f"已跳过：{source.path} 不像法治政府建设年度报告"))
    if _not_a_report(report):
        # what the reader had to say (undecodable bytes, say) is often why there was no text
        said = "".join(f"（{note}）" for note in source.notes)
        return FileResult(
            source.path, template.name,
            FileError("not-report", f"{source.path}：没有找到报告正文，看起来不是法治政府建设年度报告{said}"),
        )
    previous = previous_for(source.path, report, options, template)
    report = dataclasses.replace(report, readings=Readings(report, template))  # what the rules read, read once
    with comparing(previous):
        findings = run_checks(report, template, options)
    report.readings.release()
    return FileResult(source.path, template.name, None, report, findings)


def check_text(text: str, options: Options = Options(), path: str = "<text>", markdown: bool = False) -> FileResult:
    """Check report text held in memory (lines are the text's own lines)."""
    lines = split_lines(text)
    paragraphs, metadata = normalize_lines(lines, markdown=markdown)
    source = Source(path, "md" if markdown else "txt", tuple(paragraphs), tuple(lines), metadata)
    return check_source(source, options)


def check_data(data: bytes, name: str, options: Options = Options(), format_name: str | None = None) -> FileResult:
    """Check a file's bytes held in memory (standard input). The extension of ``format_name``
    (default ``name``) gives the format; plain text when it names none."""
    from .read import SUFFIXES

    template = load_template(options.template)
    kind = SUFFIXES.get(Path(format_name or name).suffix.lower(), "txt")
    try:
        if len(data) > options.max_bytes:
            raise InputError("too-large", f"{name}：超过文件大小上限 {options.max_bytes / 1048576:.1f} MB（可用 --max-size 调整）")
        if kind == "docx":
            from .read.docx import read_docx_source

            source = read_docx_source(data, name)
        elif kind == "html":
            from .read.html import read_html_source

            source = read_html_source(data, name)
        else:
            from .read.text import read_text_source

            source = read_text_source(data, name, kind)
    except InputError as exc:
        return FileResult(name, template.name, FileError(exc.code, exc.message))
    return check_source(source, options, template)


def check_file(path: str, options: Options = Options()) -> FileResult:
    template = load_template(options.template)
    shown = shown_name(path)  # a name that is not valid UTF-8 is shown with \xNN escapes
    try:
        source = read_source(path, options.max_bytes, display=shown)
    except InputError as exc:
        return FileResult(shown, template.name, FileError(exc.code, exc.message))
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
    import bisect

    marked = sorted(wanted)
    firsts = [(p.places[0][0] if p.places else p.line) for p in source.paragraphs]
    out = []
    for i, (p, text) in enumerate(zip(source.paragraphs, source.page_text)):
        last = p.places[-1][0] if p.places else p.line
        upto = max(last, firsts[i + 1] if i + 1 < len(firsts) else 10**9)
        k = bisect.bisect_left(marked, firsts[i])
        out.append(text if k < len(marked) and marked[k] <= upto else "")
    return tuple(out)


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Does ``path`` match one of the glob patterns (from its end, like ``Path.match``, or
    whole, where ``*`` also crosses ``/`` and ``**/`` any number of directories)?"""
    import fnmatch

    posix = Path(path).as_posix().removeprefix("./")
    for g in patterns:
        if Path(path).match(g) or fnmatch.fnmatchcase(posix, g) or (g.startswith("**/") and fnmatch.fnmatchcase(posix, g[3:])):
            return True
    return False


def found_in_directories(paths: Iterable[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """:func:`expand_paths` with, for each file, whether it was found in a directory (True) or
    named itself (False)."""
    named = {p for p in paths if not Path(p).is_dir()}
    return [(p, p not in named) for p in expand_paths(paths, exclude, include)]


def expand_paths(paths: Iterable[str], exclude: tuple[str, ...] = (), include: tuple[str, ...] = ()) -> list[str]:
    """Files to check: files as given; directories searched (sorted) for report files.

    A directory inside that cannot be listed (no permission, gone meanwhile) is put in the
    list itself, where the file it stands for would be: checking it then says why its reports
    could not be checked, rather than leaving them out without a word. Symbolic links to
    directories are not followed inside a directory (no loops); a link to a report file is.
    """
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []

            def unlisted(exc: OSError, found: list[str] = found, top: Path = path) -> None:
                found.append(exc.filename if isinstance(exc.filename, str) else str(top))

            for root, dirs, files in os.walk(path, onerror=unlisted, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if kind_of(Path(name)) and not name.startswith((".", "~$")):
                        found.append(os.path.join(root, name))
            out.extend(sorted(found))
        else:
            out.append(p)
    if exclude:
        out = [p for p in out if not matches(p, exclude)]
    if include:
        out = [p for p in out if matches(p, include)]
    return out


def check_paths(
    paths: Iterable[str],
    options: Options = Options(),
    progress: Callable[[FileResult], None] | None = None,
    jobs: int | None = 1,
) -> list[FileResult]:
    """Check every file (directories expanded), in the stable input order.

    ``jobs`` > 1 checks files in that many worker processes (None: one per core); the results
    are the same as a serial run's. ``progress`` is called once per file as each one finishes.
    """
    from .batch import check_files

    load_template(options.template)  # a bad template stops the run before any file
    return check_files(expand_paths(paths, options.exclude, options.include), options, jobs=jobs, progress=progress)


def iter_findings(results: Iterable[FileResult]) -> Iterator[Finding]:
    for r in results:
        yield from r.findings
