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

from .docdate import with_document_date
from .memo import report_session
from .model import FileError, FileResult, Finding, InputError, Paragraph, Report, Source
from .outline import outline
from .read import DEFAULT_MAX_BYTES, kind_of, read_source
from .read.normalize import Suppressions, normalize_lines
from .read.names import shown_name
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


_REPORT_HINT = re.compile(r"法治|依法行政|法制")


def _not_a_report(report: Report) -> bool:
    """No paragraphs, or nothing at all of a rule-of-law report: no section, no title, no topic."""
    if not report.source.paragraphs:
        return True
    if report.sections or report.title:
        return False
    return not any(_REPORT_HINT.search(p.text) for p in report.source.paragraphs)


def severity_of(rule_id: str, template: Template, options: Options, hinted: str = "") -> str:
    """Config wins over the template, the template over a check's template-derived hint."""
    if rule_id in options.rules:
        return options.rules[rule_id]
    if rule_id in template.severities:
        return template.severities[rule_id]
    return hinted or registry()[rule_id].severity


# Drafts whose own lines carry <!-- fzcheck-disable/enable --> comments (Word has no such place).
_SUPPRESSIBLE_KINDS = ("txt", "md")


# At most this many findings of one rule are listed per file; the next one says the rest are
# left out. A draft never comes near it, but a file of a million unmatched brackets or XX
# placeholders would otherwise give a million findings (and as much memory and output).
MAX_PER_RULE = 2000


def run_checks(report: Report, template: Template, options: Options) -> tuple[Finding, ...]:
    found: list[Finding] = []
    source = report.source
    suppressed = Suppressions.from_lines(source.lines) if source.kind in _SUPPRESSIBLE_KINDS else Suppressions()
    for rule in registry().values():
        listed = 0
        for f in rule.check(report, template):
            severity = severity_of(f.rule, template, options, f.severity)
            if severity != "off" and not (suppressed and suppressed.covers(f.rule, f.line)):
                if listed == MAX_PER_RULE:
                    found.append(dataclasses.replace(f, severity=severity, message=f.message + _TOO_MANY))
                    break
                found.append(dataclasses.replace(f, severity=severity))
                listed += 1
    found = [_inside(f, source.lines) for f in found]
    found.sort(key=Finding.sort_key)
    return tuple(found)


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
    report = outline(source, template, year=options.year)
    report = with_document_date(report, options.date)
    if _not_a_report(report):
        # what the reader had to say (undecodable bytes, say) is often why there was no text
        said = "".join(f"（{note}）" for note in source.notes)
        return FileResult(
            source.path, template.name,
            FileError("not-report", f"{source.path}：没有找到报告正文，看起来不是法治政府建设年度报告{said}"),
        )
    with report_session():  # the rules share their readings of this report's sentences
        findings = run_checks(report, template, options)
    return FileResult(source.path, template.name, None, report, findings)


def check_text(text: str, options: Options = Options(), path: str = "<text>", markdown: bool = False) -> FileResult:
    """Check report text held in memory (lines are the text's own lines)."""
    lines = text.splitlines()
    paragraphs, metadata = normalize_lines(lines, markdown=markdown)
    source = Source(path, "md" if markdown else "txt", tuple(paragraphs), tuple(lines), metadata)
    return check_source(source, options)


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
        Paragraph("", p.line, p.column, p.prefix, p.style_level, p.in_table) for p in source.paragraphs
    )
    slim = dataclasses.replace(source, paragraphs=paragraphs, lines=lines)
    return dataclasses.replace(result, report=dataclasses.replace(report, source=slim))


def expand_paths(paths: Iterable[str], exclude: tuple[str, ...] = ()) -> list[str]:
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
        out = [p for p in out if not any(Path(p).match(g) for g in exclude)]
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
    return check_files(expand_paths(paths, options.exclude), options, jobs=jobs, progress=progress)


def iter_findings(results: Iterable[FileResult]) -> Iterator[Finding]:
    for r in results:
        yield from r.findings
