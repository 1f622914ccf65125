"""The draft handed back as a reviewer hands it back (``--format docx``): comments and revisions.

A Word draft is copied as it is — styles, numbering, tables, earlier comments and revisions
untouched — and gets one comment (批注, author 「fzcheck」) per finding, or per group of
repeats (:func:`~checker.render.common.group_repeats`), anchored on the runs holding the text it
concerns; runs are split where a span starts or ends inside one, each half keeping the run's
properties. A finding about something absent (an empty span) is anchored on the paragraph
where the thing belongs. The first comment, on the title, sums the result up.

Where the right wording is certain, the fix is also written as a tracked change (修订: ``w:del``
and ``w:ins`` with author and date), so that Word's 接受/拒绝修订 applies it (see
:func:`mechanical_fixes`). Everything else stays a comment.

A text, Markdown or HTML draft becomes a new .docx of the report text (:mod:`.docx_page`: headings as Word
headings, title, A4 page with GB/T 9704-2012 margins, 仿宋_GB2312 三号 body) annotated the same way.

Positions: a finding's ``line`` is the paragraph number for .docx input (as counted by
:mod:`checker.read.docx`, whose walk of the body this module reuses) and the source line for
text input; columns index the paragraph's stored text.
"""

from __future__ import annotations

import bisect
import difflib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from ..model import FileResult, Finding, FzcheckError, Report, TemplateView, count_severities
from ..read.docx import R, T, _block_paragraphs, _w
from . import RenderContext
from .common import (
    SEVERITY_CN, checklist, conclusion, group_repeats, repeat_note, rule_name, unit_of,
)
from .docx_runs import RPR as _RPR, Para, mark_comment, preserve, revise
from ..readings.dates import find_dates, format_gbt
from .docx_page import build_document

AUTHOR = "fzcheck"
INITIALS = "fz"
_ID, _AUTHOR, _DATE = _w("id"), _w("author"), _w("date")


# --- the fixes that are certain --------------------------------------------------------------
@dataclass(frozen=True)
class Edit:
    """Replace the text of ``line`` from ``column`` to ``end_column`` (exclusive) by ``new``."""

    line: int
    column: int
    end_column: int
    old: str
    new: str


@dataclass(frozen=True)
class Fix:
    finding: Finding
    edits: tuple[Edit, ...]
    summary: str  # the change in words, for the comment: 「今年」改为「2023年」


def _span_text(report: Report, f: Finding) -> str | None:
    """The words a finding marks, as the reader sees them (a page's text, not its markup)."""
    if f.line != f.end_line and not report.source.page_text:
        return None
    found = report.source.shown_span(f.line, f.column, f.end_line, f.end_column)
    if found is None:
        return None
    text, column, end = found
    return text[column - 1:end - 1]


def _text_after(report: Report, f: Finding) -> str:
    """What the reader sees after a finding's span in its line (a page: its paragraph)."""
    found = report.source.shown_span(f.line, f.column, f.end_line, f.end_column)
    return found[0][found[2] - 1:] if found is not None else ""


def _edits(line: int, column: int, old: str, new: str) -> tuple[Edit, ...]:
    """The smallest replacements turning ``old`` (at ``column``) into ``new``: 法制→法治 deletes
    one character and inserts one, not the whole name."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < 0.5:
        return (Edit(line, column, column + len(old), old, new),)
    return tuple(
        Edit(line, column + i1, column + i2, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


_YEAR_SPAN = re.compile(r"（[^（）]*\d{4}[^（）]*）")


def _fix_time_relative(report: Report, f: Finding, old: str) -> Fix | None:
    if report.year is None or not old.startswith("今年"):
        return None  # 去年/明年 depend on when the draft was written: left to the drafter
    new = f"{report.year}年"
    return Fix(f, (Edit(f.line, f.column, f.column + 2, "今年", new),), f"「今年」改为「{new}」")


def _fix_doc_name(report: Report, f: Finding, old: str) -> Fix | None:
    expected = str(f.data.get("expected") or "")
    if not (old.startswith("《") and old.endswith("》") and expected.startswith("《")):
        return None
    cited_years, expected_years = _YEAR_SPAN.findall(old), _YEAR_SPAN.findall(expected)
    if cited_years and [y.replace("-", "－") for y in cited_years] != expected_years:
        return None  # another edition of the document (2015－2020年): not certain
    return Fix(f, _edits(f.line, f.column, old, expected), f"改为{expected}")


def _fix_date_format(report: Report, f: Finding, old: str) -> Fix | None:
    mentions = [m for m in find_dates(old) if m.valid and m.date is not None]
    if len(mentions) != 1 or mentions[0].text.strip() != old.strip():
        return None
    lead = len(old) - len(old.lstrip())
    core = old.strip()
    new = format_gbt(mentions[0].date)
    return Fix(f, _edits(f.line, f.column + lead, core, new), f"改为「{new}」")


def _fix_punct(report: Report, f: Finding, old: str, view: TemplateView) -> Fix | None:
    """An unclosed 《 or “ whose content is known and written out in full — a catalogued
    document name, a fixed expression the template quotes — gets its 》 or ” right after it."""
    char = f.data.get("char")
    if char not in ("《", "“") or old != char:
        return None
    after = _text_after(report, f)
    if char == "《":
        forms = [form for name in view.doc_names
                 for form in dict.fromkeys((name, _YEAR_SPAN.sub("", name)))]
        closing, refuse = "》", ("（", "》")
    else:
        forms, closing, refuse = list(view.quoted_terms), "”", ("”",)
    for form in forms:
        if after.startswith(form) and not after[len(form):].startswith(refuse):
            at = f.end_column + len(form)
            return Fix(f, (Edit(f.line, at, at, "", closing),), f"在「{form}」后补上「{closing}」")
    return None


def mechanical_fixes(result: FileResult) -> list[Fix]:
    """The findings whose correction is certain, with the edits that make it:

    - time-relative 「今年…」 when the reporting year is known → 「2023年…」;
    - doc-name: a near-miss name → the catalogue name (法制→法治, 督查→督察), unless the cited
      name carries another edition's years;
    - date-format: the 成文日期 in GB/T 9704 form (2024年03月15日 → 2024年3月15日);
    - punct-unbalanced: a 《 before a known document name written out in full gets its 》, a “
      before a fixed expression the template quotes (“一网通办”) its ”.
    """
    report = result.report
    if report is None:
        return []
    fixes = []
    for f in result.findings:
        old = _span_text(report, f)
        if old is None:
            continue
        fix = None
        if f.rule == "time-relative":
            fix = _fix_time_relative(report, f, old)
        elif f.rule == "doc-name":
            fix = _fix_doc_name(report, f, old)
        elif f.rule == "date-format":
            fix = _fix_date_format(report, f, old)
        elif f.rule == "punct-unbalanced":
            fix = _fix_punct(report, f, old, result.template_view)
        if fix is not None and fix.edits:
            fixes.append(fix)
    return fixes


# --- writing comments and revisions ------------------------------------------------------------
@dataclass
class _Annotator:
    draft: object  # _WordDraft or docx_page.TextDocument: .body, .comments_root
    date: str
    next_revision: int
    mine: set = field(default_factory=set)  # ids of the w:del/w:ins written here
    kept: list = field(default_factory=list)  # ... held, so that lxml keeps their proxies (and ids)
    comments_root: etree._Element | None = None
    next_comment: int = 0

    def _add_comment(self, text: str) -> str:
        """A w:comment in the comments part (made by python-docx when the draft has none), as
        Word writes one: a paragraph per line, the first opening with the annotation mark.
        Written as XML here: python-docx parses a template and searches every comment per call."""
        if self.comments_root is None:
            self.comments_root = self.draft.comments_root
            ids = [int(v) for v in (c.get(_ID) for c in self.comments_root) if v and v.isdigit()]
            self.next_comment = max(ids, default=-1) + 1
        cid = str(self.next_comment)
        self.next_comment += 1
        comment = etree.SubElement(self.comments_root, _w("comment"))
        for name, value in ((_ID, cid), (_AUTHOR, AUTHOR), (_w("initials"), INITIALS), (_DATE, self.date)):
            comment.set(name, value)
        for n, line in enumerate(text.split("\n")):
            para = etree.SubElement(comment, _w("p"))
            etree.SubElement(etree.SubElement(para, _w("pPr")), _w("pStyle")).set(_w("val"), "CommentText")
            if n == 0:
                mark = etree.SubElement(para, R)
                etree.SubElement(etree.SubElement(mark, _RPR), _w("rStyle")).set(_w("val"), "CommentReference")
                etree.SubElement(mark, _w("annotationRef"))
            t = etree.SubElement(etree.SubElement(para, R), T)
            t.text = line
            preserve(t)
        return cid

    def comment(self, p: etree._Element, runs: list[etree._Element], text: str) -> None:
        mark_comment(p, runs, self._add_comment(text), self.mine)

    def revision(self, tag: str) -> etree._Element:
        """An empty w:ins or w:del by fzcheck."""
        el = etree.Element(tag)
        el.set(_ID, str(self.next_revision))
        el.set(_AUTHOR, AUTHOR)
        el.set(_DATE, self.date)
        self.next_revision += 1
        self.mine.add(id(el))
        self.kept.append(el)
        return el


# --- where a finding stands ------------------------------------------------------------------
@dataclass(frozen=True)
class _Place:
    p: etree._Element
    start: int
    end: int


class _Locator:
    """(line, column) of a finding → a paragraph element and offsets into its text."""

    def __init__(self, entries: list[tuple[int, int, etree._Element, int]], source=None):
        # (line, first column, paragraph, offset of that column in the paragraph's text)
        # source: a page (html) whose paragraphs, in entries' order, map places to offsets
        self.page = source if source is not None and source.page_text else None
        self.in_order = list(entries)
        self.entries = sorted(entries, key=lambda e: (e[0], e[1]))
        self.keys = [(e[0], e[1]) for e in self.entries]
        self.paras: dict[etree._Element, Para] = {}

    def para(self, p: etree._Element) -> Para:
        para = self.paras.get(p)
        if para is None:
            para = self.paras[p] = Para(p)
        return para

    def paragraph(self, line: int, column: int = 1) -> tuple[etree._Element, int] | None:
        if not self.entries:
            return None
        i = bisect.bisect_right(self.keys, (line, column)) - 1
        best = self.entries[max(i, 0)]
        if best[0] != line:  # no paragraph on that line (a blank line, page chrome): the one before
            return best[2], -1
        return best[2], best[3] + column - best[1]

    def place(self, line: int, column: int, end_line: int, end_column: int) -> _Place | None:
        if self.page is not None:
            span = self.page.page_span(line, column, end_line, end_column)
            if span is not None and span[0] < len(self.in_order):
                i, a, b = span
                _, _, p, prefix = self.in_order[i]
                length = self.para(p).length
                return _Place(p, min(prefix + a, length), min(prefix + b, length))
        found = self.paragraph(line, column)
        if found is None:
            return None
        p, start = found
        length = self.para(p).length
        if start < 0 or end_line != line:
            return _Place(p, 0 if start < 0 else min(start, length), length)
        return _Place(p, min(start, length), min(max(start + end_column - column, start), length))


def _docx_locator(body: etree._Element) -> _Locator:
    return _Locator([(n, 1, p, 0) for n, (p, _) in enumerate(_block_paragraphs(body, False), 1)])


class _WordDraft:
    """A .docx draft opened with python-docx, every part of it kept as it was."""

    def __init__(self, data: bytes):
        # deferred: python-docx, only for a Word draft annotated in place
        import docx

        self.document = docx.Document(io.BytesIO(data))
        self.body = self.document.element.body

    @property
    def comments_root(self) -> etree._Element:
        return self.document.comments._comments_elm  # made, with its relationship, if the draft has none

    def save(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


# --- putting it together ---------------------------------------------------------------------
def _summary_text(result: FileResult, revised: int) -> str:
    counts = count_severities(result.findings)
    report = result.report
    parts = [
        f"fzcheck 检查结果：{conclusion(result)}。错误 {counts['error']} 处，警告 {counts['warning']} 处，"
        f"提示 {counts['info']} 处。"
    ]
    rows = checklist(report, result.template_view) if report is not None else []
    if rows:
        parts.append("内容完整性：" + "；".join(
            f"{c['title']}{'（非必需）' if not c['required'] else ''}：{c['status_cn']}" for c in rows) + "。")
    if revised:
        parts.append(f"其中 {revised} 处可以确定改法，已作为修订标出，可在“审阅”中逐条接受或拒绝；其余问题见各条批注。")
    else:
        parts.append("各问题见批注。")
    return "\n".join(parts)


def _comment_text(report: Report, entry, fixed: dict[int, Fix]) -> str:
    f = entry.first
    lines = [f"【{SEVERITY_CN.get(f.severity, f.severity)}·{rule_name(f.rule)}】{f.message}"]
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    note = repeat_note(entry, unit_of(report))
    if note:
        lines.append(note)
    done = [fixed[id(x)] for x in entry.all if id(x) in fixed]
    if done:
        lines.append(f"已作修订：{done[0].summary}" + (f"（共 {len(done)} 处）" if len(done) > 1 else "") + "。")
    lines.append(f"（规则 {f.rule}）")
    return "\n".join(lines)


def _max_annotation_id(body: etree._Element) -> int:
    values = (el.get(_ID) for el in body.iter() if isinstance(el.tag, str))
    ids = [int(v) for v in values if v is not None and v.lstrip("-").isdigit()]
    return max(ids, default=0)


def _title_place(report: Report, locator: _Locator) -> _Place | None:
    paragraphs = report.source.paragraphs
    index = report.title_index if report.title_index is not None else (0 if paragraphs else None)
    if index is None:
        return locator.place(1, 1, 1, 1) if locator.entries else None
    para = paragraphs[index]
    place = locator.place(para.line, para.column, para.line, para.column)
    return place and _Place(place.p, 0, locator.para(place.p).length)


def annotate(draft, locator: _Locator, result: FileResult, ctx: RenderContext, revisions: bool) -> _Annotator:
    report = result.report
    assert report is not None
    note = _Annotator(draft, ctx.checked_at.strftime("%Y-%m-%dT%H:%M:%SZ"), _max_annotation_id(draft.body) + 10_000)
    fixes = mechanical_fixes(result) if revisions else []
    entries = group_repeats(result.findings)

    # every span becomes a run boundary first; then the revisions; then the comments around them
    edits: list[tuple[_Place, Edit]] = []
    for fix in fixes:
        for e in fix.edits:
            place = locator.place(e.line, e.column, e.line, e.end_column)
            if place is not None:
                edits.append((place, e))
    anchors: list[tuple[_Place, object]] = []
    for entry in entries:
        f = entry.first
        place = locator.place(f.line, f.column, f.end_line, f.end_column)
        if place is None:
            continue
        if place.start == place.end:  # something absent: the paragraph it belongs in
            place = _Place(place.p, 0, locator.para(place.p).length)
        anchors.append((place, entry))
    title = _title_place(report, locator)
    bounds: dict[etree._Element, set[int]] = {}
    for place in [pl for pl, _ in edits] + [pl for pl, _ in anchors] + ([title] if title else []):
        bounds.setdefault(place.p, set()).update((place.start, place.end))
    for p, offsets in bounds.items():
        locator.para(p).split(offsets)

    # runs are looked up before any is moved into a w:del (the offsets count deleted text no more)
    anchor_runs = [(locator.para(pl.p).runs_in(pl.start, pl.end), pl, entry) for pl, entry in anchors]
    title_runs = locator.para(title.p).runs_in(title.start, title.end) if title is not None else []
    done_edits: set[int] = set()
    leftmost: dict[etree._Element, int] = {}
    # right to left within a paragraph, so that one edit never moves the text of another
    for place, e in sorted(edits, key=lambda x: (id(x[0].p), -x[0].start, -x[0].end)):
        left = leftmost.get(place.p)
        if left is not None and (left < place.end or place.start == place.end == left):
            continue  # overlaps an edit already made
        if revise(locator.para(place.p), place.start, place.end, e.old, e.new, note.revision):
            leftmost[place.p] = place.start
            done_edits.add(id(e))
    fixed = {id(fix.finding): fix for fix in fixes if all(id(e) in done_edits for e in fix.edits)}

    if title is not None:
        note.comment(title.p, title_runs, _summary_text(result, len(fixed)))
    for runs, place, entry in anchor_runs:
        note.comment(place.p, runs, _comment_text(report, entry, fixed))
    return note


def _original_bytes(result: FileResult, inputs: Mapping[str, bytes] | None) -> bytes:
    if inputs and result.path in inputs:
        return inputs[result.path]
    try:
        with open(result.path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise FzcheckError(f"{result.path}：无法再次读取原文件来生成批注稿（{exc.strerror or exc}）") from None


def render_docx(results: list[FileResult], ctx: RenderContext, inputs: Mapping[str, bytes] | None = None) -> bytes:
    """The annotated draft of the one checked report."""
    if len(results) != 1:
        raise FzcheckError(f"--format docx 每次只能为一份报告生成批注稿（这次有 {len(results)} 个文件）；"
                           "批量审核请用 --format xlsx 或 --format html")
    result = results[0]
    if result.error is not None or result.report is None:
        raise FzcheckError(result.error.message if result.error else f"{result.path}：无法检查")
    report = result.report
    if report.source.kind == "docx":
        draft = _WordDraft(_original_bytes(result, inputs))
        locator = _docx_locator(draft.body)
    else:
        draft, entries = build_document(report, ctx.checked_at)
        locator = _Locator(entries, report.source)
    annotate(draft, locator, result, ctx, ctx.revisions)
    return draft.save()
