"""What every human-readable renderer shares: the sheet view of the results and the Jinja2 setup.

The view starts from the fzcheck/1 records of :mod:`.json_out` (so every format shows the same
findings) and adds what a reader needs beside them: the offending source line cut to a window
around the span, the template section each finding falls in, and the section checklist.

Report text is data. It only ever reaches a template as a variable, never as template source,
and every value printed is escaped for its format by the environment's ``finalize`` (Markdown,
terminal) or by autoescaping (HTML).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rich.cells import cell_len

from ..model import DATE_SOURCE_NAMES, SEVERITY_CN, FileResult, Finding, Report, SectionHit, Status, TemplateView, count_severities, position_unit, verdict
from ..rules.privacy import redacted
from ..resources import resource_path
from . import RenderContext, summary
from .escape import escape_data, escape_property
from .json_out import finding_dict, report_dict
from ..rules import registry

YEAR_SOURCE_CN = {"title": "标题", "opening": "开头段落", "heading": "章节标题", "option": "命令行 --year 指定"}
DATE_SOURCE_CN = DATE_SOURCE_NAMES["sheet"]
STATUS_CN = {"present": "已有", "unheaded": "无标题", "missing": "缺失"}
KIND_CN = {"txt": "文本文件", "md": "Markdown 文件", "docx": "Word 文档", "html": "网页"}
WHOLE_DOCUMENT = "全文"


# --- text safety --------------------------------------------------------------------------
# Control characters and bidirectional overrides would reorder or recolour what a reader sees.
# Each becomes one U+FFFD, so code-point columns still line up; tabs become one space.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Report text made safe to show: one code point in, one code point out (except ``\\n``)."""
    return _UNSAFE.sub("\ufffd", text.replace("\t", " ")).replace("\n", " ")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&$=^:])")


def md_escape(text: str) -> str:
    """Backslash-escape every character Markdown (CommonMark, GFM) could give a meaning to."""
    return _MD_SPECIAL.sub(r"\\\1", clean(str(text)))


class Safe(str):
    """Output a template filter has already made safe for a non-HTML format (not escaped again)."""


_ANSI = {
    "error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m", "path": "\x1b[1m",
    "dim": "\x1b[2m", "caret-error": "\x1b[31m", "caret-warning": "\x1b[33m", "caret-info": "\x1b[36m",
}
_RESET = "\x1b[0m"


def paint(value: Any, style: str, color: bool) -> Safe:
    """A terminal value cleaned, coloured in ``style`` when the run asked for colour."""
    text = clean(str(value))
    if color and style in _ANSI and text:
        return Safe(_ANSI[style] + text + _RESET)
    return Safe(text)


def _paint(context: Any, value: Any, style: str) -> Safe:
    """The ``paint`` filter of the templates (colour from the template's ``color`` variable)."""
    return paint(value, style, bool(context.get("color")))


def _gh_data(value: Any) -> Safe:
    return Safe(escape_data(clean_lines(str(value))))


def _gh_prop(value: Any) -> Safe:
    return Safe(escape_property(clean(str(value))))


def clean_lines(text: str) -> str:
    """:func:`clean`, keeping line breaks."""
    return "\n".join(clean(part) for part in text.split("\n"))


def _md_raw(value: Any) -> Safe:
    """Markdown the renderer wrote itself (never report text)."""
    return Safe(str(value))


def _finalize(context: Any, value: Any) -> Any:
    # deferred with jinja2 (see environment)
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, (Markup, Safe)):
        return value
    name = context.name or ""
    if name.endswith(".md"):
        return md_escape(str(value))
    return clean(str(value))


@lru_cache(maxsize=1)
def environment() -> Any:
    """The one Jinja2 environment: templates from ``templates/sheet``, autoescape for ``.html``.
    Jinja2 is imported here, by the formats that use templates (the default text output does not)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path("templates", "sheet"))),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        finalize=jinja2.pass_context(_finalize),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paint"] = jinja2.pass_context(_paint)
    env.filters["md_raw"] = _md_raw
    env.filters["gh_data"] = _gh_data
    env.filters["gh_prop"] = _gh_prop
    env.filters["gh_raw"] = _md_raw
    return env


def render_template(name: str, **variables: Any) -> str:
    return environment().get_template(name).render(**variables)


# --- excerpts -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Segment:
    kind: str  # 'text' | 'mark' | 'gap' (text left out) | 'point' (an empty span: insert here)
    text: str


@dataclass(frozen=True)
class Excerpt:
    line: int
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def _take_cells(text: str, budget: int, from_end: bool = False) -> str:
    """The longest prefix (or suffix) of ``text`` that fits in ``budget`` terminal cells."""
    chars = reversed(text) if from_end else iter(text)
    out, used = [], 0
    for ch in chars:
        w = cell_len(ch)
        if used + w > budget:
            break
        out.append(ch)
        used += w
    return "".join(reversed(out)) if from_end else "".join(out)


CONTEXT_CELLS = 10  # at least this much of the line is kept on each side of a long span


def excerpt(
    line_text: str, line: int, column: int, end_line: int, end_column: int, budget: int, gap: str = "…"
) -> Excerpt:
    """The source line around the span [column, end_column), cut to about ``budget`` cells.

    A span running onto later lines is marked to the end of this line. A span too long for the
    window keeps its head and tail with a gap between them.
    """
    if len(line_text) > LONG_LINE:
        return _long_excerpt(line_text, line, column, end_line, end_column, budget, gap)
    text = clean(line_text)
    n = len(text)
    start = min(max(column - 1, 0), n)
    stop = n if end_line > line else min(max(end_column - 1, start), n)
    span = text[start:stop]
    if 2 * n <= budget or cell_len(text) <= budget:  # the whole line fits: no window (a cell or two a character)
        return Excerpt(line, tuple(s for s in (
            Segment("text", text[:start]), Segment("mark", span) if span else Segment("point", ""),
            Segment("text", text[stop:])) if s.text or s.kind == "point"))
    return _windowed(line, text[:start], span, span, text[stop:], start, n - stop, budget, gap)


LONG_LINE = 2000  # characters: beyond this, only a window around the span is looked at


def _long_excerpt(
    line_text: str, line: int, column: int, end_line: int, end_column: int, budget: int, gap: str
) -> Excerpt:
    """:func:`excerpt` of a very long line (a whole report on one line, a million characters):
    only ``budget``-sized windows around the span are cleaned and measured, so that the
    thousands of findings such a line can carry cost no more than those of ordinary lines.
    Characters take one or two cells, so the windows always hold more than fits."""
    window = 4 * budget + 64
    n = len(line_text)
    start = min(max(column - 1, 0), n)
    stop = n if end_line > line else min(max(end_column - 1, start), n)
    before_text = clean(line_text[max(0, start - window):start])
    after_text = clean(line_text[stop:stop + window])
    if stop - start > 2 * window:
        span_head, span_tail = clean(line_text[start:start + window]), clean(line_text[stop - window:stop])
    else:
        span_head = span_tail = clean(line_text[start:stop])
    return _windowed(line, before_text, span_head, span_tail, after_text, start, n - stop, budget, gap)


def _windowed(
    line: int, before_text: str, span_head: str, span_tail: str, after_text: str,
    before_total: int, after_total: int, budget: int, gap: str,
) -> Excerpt:
    """The window of an excerpt that does not fit whole: the span (its head and tail with a gap
    when too long, or when only its ends were read) with what room is left shared out before and
    after it. ``before_total``/``after_total`` count the line's characters on either side, so
    that a gap marks text left out even when only a window of it was read."""
    span_budget = max(budget - 2 * CONTEXT_CELLS, 8)
    if span_head is not span_tail or cell_len(span_head) > span_budget:
        head = _take_cells(span_head, span_budget * 2 // 3)
        tail = _take_cells(span_tail, span_budget - cell_len(head) - cell_len(gap), from_end=True)
        span_segments = [Segment("mark", head), Segment("gap", gap), Segment("mark", tail)]
        used = cell_len(head) + cell_len(tail) + cell_len(gap)
    elif span_head:
        span_segments = [Segment("mark", span_head)]
        used = cell_len(span_head)
    else:
        span_segments = [Segment("point", "")]
        used = 0
    room = max(budget - used, 0)
    after_room = min(cell_len(after_text), room // 2)
    before_room = min(cell_len(before_text), room - after_room)
    after_room = min(cell_len(after_text), room - before_room)
    before = _take_cells(before_text, before_room, from_end=True)
    after = _take_cells(after_text, after_room)
    segments: list[Segment] = []
    if len(before) < before_total:
        segments.append(Segment("gap", gap))
    if before:
        segments.append(Segment("text", before))
    segments.extend(span_segments)
    if after:
        segments.append(Segment("text", after))
    if len(after) < after_total:
        segments.append(Segment("gap", gap))
    return Excerpt(line, tuple(segments))


def caret_line(ex: Excerpt) -> str:
    """``^~~~`` under the marked part of a terminal excerpt; wide (汉字) characters take two cells."""
    marked = [i for i, seg in enumerate(ex.segments) if seg.kind in ("mark", "point")]
    if not marked:
        return ""
    first, last = marked[0], marked[-1]
    out = []
    for i, seg in enumerate(ex.segments[: last + 1]):
        width = cell_len(seg.text)
        if i < first:
            out.append(" " * width)
        elif seg.kind == "point":
            out.append("^")
        elif i == first:
            out.append("^" + "~" * max(width - 1, 0))
        else:  # the rest of a long span, or the gap inside it
            out.append("~" * width)
    return "".join(out)


# --- sections -----------------------------------------------------------------------------
def checklist(report: Report, view: TemplateView) -> list[dict[str, Any]]:
    """One row per template section: 已有 (headed) / 无标题 / 缺失, with the headings found."""
    specs = [(s.key, s.title, s.required) for s in view.sections]
    known = {k for k, _, _ in specs}
    specs += [(h.key, view.title(h.key), False) for h in report.sections if h.key not in known]
    lines = [p.line for p in report.source.paragraphs]
    rows = []
    seen: set[str] = set()
    for key, title, required in specs:
        if key in seen:
            continue
        seen.add(key)
        hits = [h for h in report.sections if h.key == key]
        headed = [h for h in hits if h.heading is not None]
        status = "present" if headed else ("unheaded" if hits else "missing")
        found = [
            {"heading": h.heading.label if h.heading else None, "line": lines[h.start] if h.start < len(lines) else None}
            for h in (headed or hits)
        ]
        rows.append({
            "key": key, "title": title, "required": required, "status": status,
            "status_cn": STATUS_CN[status], "found": found,
        })
    return rows


def _paragraph_lines(report: Report) -> list[int]:
    return [p.line for p in report.source.paragraphs]


def _paragraph_index(report: Report, line: int, lines: list[int] | None = None) -> int | None:
    lines = _paragraph_lines(report) if lines is None else lines
    i = bisect.bisect_right(lines, line) - 1
    return i if i >= 0 else None


def _containing(report: Report, index: int | None) -> tuple[SectionHit, ...]:
    """The innermost section hits whose [start, end) contains paragraph ``index``."""
    if index is None:
        return ()
    hits = [h for h in report.sections if h.start <= index < h.end]
    if not hits:
        return ()
    size = min(h.end - h.start for h in hits)
    inner = [h for h in hits if h.end - h.start == size]
    start = min(h.start for h in inner)
    return tuple(h for h in inner if h.start == start)


def _place(report: Report, f: Finding, titles: dict[str, str], lines: list[int] | None = None) -> dict[str, Any]:
    """The group a finding is listed under: the innermost section holding its paragraph, else
    the part of the document it stands in (a finding on line 1 outside any section: 全文).

    ``lines`` are the paragraphs' source lines (:func:`_paragraph_lines`), worked out once per
    report by the caller: a long report has thousands of paragraphs and findings."""
    lines = _paragraph_lines(report) if lines is None else lines
    index = _paragraph_index(report, f.line, lines)
    hits = _containing(report, index)
    if hits:
        names = "、".join(dict.fromkeys(titles.get(h.key, h.key) for h in hits))
        heading = hits[0].heading
        first, last = lines[hits[0].start], lines[max(hits[0].end - 1, hits[0].start)]
        unit = unit_of(report)
        where = f"第{first}{unit}" if first == last else f"第{first}—{last}{unit}"
        head = heading.label if heading is not None else "（无标题）"
        return {
            "key": ("section", hits[0].start, hits[0].end), "heading": head, "sections": names, "where": where,
            "label": f"{head}（{names}，{where}）",
        }
    part = WHOLE_DOCUMENT
    if f.line != 1 and index is not None:
        if index == report.title_index:
            part = "标题"
        elif index in report.opening:
            part = "开头部分"
        elif index in report.signature:
            part = "落款"
        elif index in report.closing:
            part = "结尾部分"
    return {"key": ("part", part), "heading": part, "sections": "", "where": "", "label": part}


RULE_NAMES = {  # a few words naming each rule on paper and in the workbook (its id stays beside it)
    "title-missing": "缺少标题", "title-format": "标题不规范", "section-missing": "缺少必需部分",
    "section-unheaded": "部分无标题", "section-thin": "内容单薄", "causes-missing": "未分析原因",
    "duty-evidence-missing": "第一责任人履职缺事实", "section-order": "部分顺序", "heading-numbering": "标题序号",
    "signature-missing": "缺少落款", "year-mismatch": "年度不一致", "year-unknown": "年度不明",
    "date-missing": "缺少成文日期", "date-invalid": "日期不存在", "date-format": "成文日期格式",
    "date-early": "成文过早", "date-late": "超过期限", "date-future": "日期晚于成文日期",
    "period-partial": "数据不是全年", "time-relative": "年份指代不明", "indicator-missing": "指标未写到",
    "indicator-no-data": "指标无数据", "percent-range": "比率超出范围", "count-inconsistent": "部分大于整体",
    "ratio-mismatch": "比率与数字不符", "placeholder": "占位内容未删", "punct-unbalanced": "标点不配对",
    "doc-name": "文件名称有误", "secret-marking": "密级标识",
}


def rule_name(rule_id: str) -> str:
    """The rule's name in Chinese, for readers who do not know the ids (a rule added later and
    not named here is called by its one-line summary)."""
    if rule_id in RULE_NAMES:
        return RULE_NAMES[rule_id]
    rule = registry().get(rule_id)
    return rule.summary if rule is not None else rule_id


def paper_place(report: Report | None, f: Finding) -> str:
    """Where a person finds it on paper: 第N段 (Word) or 第N行 (a text file)."""
    return f"第{f.line}{unit_of(report)}"


def unit_of(report: Report | None) -> str:
    return position_unit(report.source.kind if report is not None else "")


def location(report: Report | None, f: Finding) -> str:
    """``第9行第3列`` (text) or ``第9段第3字`` (Word: paragraphs)."""
    if unit_of(report) == "段":
        return f"第{f.line}段第{f.column}字"
    return f"第{f.line}行第{f.column}列"


# --- the sheet ----------------------------------------------------------------------------
def _cn_date(iso: str | None) -> str | None:
    if not iso:
        return None
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def _masked(r: FileResult, text: str) -> str:
    """Personal numbers (ID, mobile, bank card) masked in place, columns kept (the template's
    code-context and amount patterns, carried by the result, say what is not such a number)."""
    return redacted(text, *r.template_view.privacy)


def shown_line(r: FileResult, line: int) -> str | None:
    """Line ``line`` of a checked file as fzcheck may show it, masked (:func:`_masked`); for a
    page (html), the text of the paragraphs starting on it, not its markup."""
    if r.report is None:
        return None
    source = r.report.source
    if source.page_text:
        row = source.page_rows.get(line)
        return _masked(r, row[0]) if row is not None else None
    return _masked(r, source.lines[line - 1]) if 1 <= line <= len(source.lines) else None


def shown_span(r: FileResult, f: Finding) -> tuple[str, int, int] | None:
    """The text a finding is shown in (excerpt, quoted sentence, workbook): its source line, for
    a page (html) its paragraph's text, not its markup; masked (:func:`_masked`); with the
    finding's first and end column in that text."""
    if r.report is None:
        return None
    found = r.report.source.shown_span(f.line, f.column, f.end_line, f.end_column)
    if found is None:
        return None
    text, column, end = found
    return _masked(r, text), column, end


def finding_view(r: FileResult, f: Finding, fid: str, budget: int, gap: str) -> dict[str, Any]:
    """The fzcheck/1 finding record plus what a reader needs: id, 级别, location, excerpt."""
    report = r.report
    rec = finding_dict(f)
    shown = shown_span(r, f)
    ex = quote = None
    if shown is not None:
        text, column, end = shown
        ex = excerpt(text, f.line, column, f.line, end, budget, gap)
        quote = sentence_at(text, column, end)
    rec.update(
        id=fid,
        rule_cn=rule_name(f.rule),
        quote=quote,
        place=paper_place(report, f),
        severity_cn=SEVERITY_CN.get(f.severity, f.severity),
        location=location(report, f),
        excerpt=ex,
        caret=caret_line(ex) if ex else "",
    )
    return rec


def file_view(
    r: FileResult, number: int, numbered: bool, budget: int, gap: str, grouped: bool = True
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "number": number,
        "anchor": f"file-{number}",
        "path": r.path,
        "template": {"name": r.template, "label": None},
        "error": {"code": r.error.code, "message": r.error.message} if r.error else None,
        "report": None,
        "counts": count_severities(r.findings),
        "checklist": [],
        "groups": [],
        "findings": [],
        "unit": unit_of(r.report),
        "verdict": verdict(r),
        "conclusion": conclusion(r),
        "indicators": indicator_checklist(r),
    }
    view["template"]["label"] = r.template_view.label
    report = r.report
    if report is None:
        return view
    rd = report_dict(report)
    rd.update(
        year_source=report.year_source,
        year_source_cn=YEAR_SOURCE_CN.get(report.year_source or "", report.year_source),
        date_cn=_cn_date(rd["date"]),
        date_source_cn=DATE_SOURCE_CN.get(report.date_source or "", report.date_source),
        kind=report.source.kind,
        kind_cn=KIND_CN.get(report.source.kind, report.source.kind),
        notes=list(report.source.notes),
        published=report.source.metadata.get("published"),
    )
    view["report"] = rd
    view["checklist"] = checklist(report, r.template_view)
    titles = r.template_view.titles
    lines = _paragraph_lines(report)
    groups: list[dict[str, Any]] = []
    unit = unit_of(report)
    entries = group_repeats(r.findings) if grouped else [Repeated(f) for f in r.findings]
    for n, entry in enumerate(entries, 1):
        f = entry.first
        fid = f"#{number}-{n}" if numbered else f"#{n}"
        rec = finding_view(r, f, fid, budget, gap)
        rec["repeats"] = [{"line": o.line, "column": o.column, "location": location(report, o)} for o in entry.others]
        rec["repeat_note"] = repeat_note(entry, unit)
        place = _place(report, f, titles, lines)
        if not groups or groups[-1]["key"] != place["key"]:
            groups.append(dict(place, findings=[]))
        rec["group"] = place["label"]
        rec["section_heading"] = place["heading"]
        groups[-1]["findings"].append(rec)
        view["findings"].append(rec)
    view["groups"] = groups
    return view


def sheet(
    results: list[FileResult], ctx: RenderContext, budget: int = 100, gap: str = "…", grouped: bool = True
) -> dict[str, Any]:
    """Everything a sheet template shows, for one file or a batch (``grouped``: repeats of one
    rule and phrase as one entry, see :func:`group_repeats`)."""
    batch = len(results) > 1
    files = [file_view(r, i, batch, budget, gap, grouped) for i, r in enumerate(results, 1)]
    s = summary(results)
    return {
        "tool": {"name": "fzcheck", "version": ctx.version},
        "version": ctx.version,
        "checked_at": ctx.checked_at,
        "checked_at_cn": f"{ctx.checked_at.year}年{ctx.checked_at.month}月{ctx.checked_at.day}日 "
        f"{ctx.checked_at:%H:%M}",
        "color": ctx.color,
        "batch": batch,
        "files": files,
        "summary": s,
        "failed": sum(1 for r in results if r.error),
        "summary_line": summary_line(results),
        "severity_cn": SEVERITY_CN,
        "quiet": ctx.quiet,
    }


def summary_line(results: list[FileResult]) -> str:
    return summary_line_of(summary(results), sum(1 for r in results if r.error))


def summary_line_of(counts: dict[str, int], failed: int) -> str:
    """The closing line, from the counts of :func:`~checker.render.summary`."""
    return (
        f"共检查 {counts['files']} 个文件：错误 {counts['error']} 处，警告 {counts['warning']} 处，提示 {counts['info']} 处"
        + (f"，{failed} 个文件无法检查" if failed else "") + (f"（{_one_verdict(counts, failed)}）" if counts["files"] == 1 and not failed else "") + "。"
    )


def _one_verdict(counts: dict[str, int], failed: int) -> str:
    """The verdict of :func:`checker.model.verdict` for a run of one file, from its counts."""
    return Status.of(counts, unchecked=bool(failed)).label


# --- file by file -------------------------------------------------------------------------
class Tally:
    """The counts of :func:`~checker.render.summary`, kept while results stream past."""

    def __init__(self) -> None:
        self.counts = {"files": 0, "error": 0, "warning": 0, "info": 0}
        self.failed = 0

    def add(self, result: FileResult) -> None:
        self.counts["files"] += 1
        self.failed += result.error is not None
        for severity, n in count_severities(result.findings).items():
            self.counts[severity] = self.counts.get(severity, 0) + n

    def summary_line(self) -> str:
        return summary_line_of(self.counts, self.failed)


def stream_files(
    results: Iterable[FileResult],
    count: int,
    ctx: RenderContext,
    template_name: str,
    dress: Callable[[dict[str, Any]], None],
    separator: str,
    budget: int = 100,
    gap: str = "…",
    grouped: bool = True,
) -> Iterator[str]:
    """A per-file sheet template rendered for one result at a time, then the summary line.

    The pieces joined are exactly what the whole-batch template (which includes the per-file
    one in a loop) gives for the same results; ``count`` is the number of results, known
    before they arrive (it decides whether findings are numbered per file). ``dress`` adds a
    format's own fields to a file view, as the format's whole-batch renderer does.
    """
    template = environment().get_template(template_name)
    tally = Tally()
    for number, r in enumerate(results, 1):
        tally.add(r)
        view = file_view(r, number, count > 1, budget, gap, grouped)
        dress(view)
        if number > 1:
            yield separator
        yield template.render(f=view, color=ctx.color, quiet=ctx.quiet)
    if not ctx.quiet:
        yield tally.summary_line() + "\n"


# --- repeats, the conclusion, the indicator checklist ---------------------------------------
@dataclass(frozen=True)
class Repeated:
    """A finding shown once for itself and every later finding of the same rule and phrase."""

    first: Finding
    others: tuple[Finding, ...] = ()

    @property
    def all(self) -> tuple[Finding, ...]:
        return (self.first, *self.others)


def _repeat_key(f: Finding) -> tuple | None:
    """Findings of one rule saying the same thing about the same words (the message quotes the
    phrase: 「今年以来」, 「XX」). A finding about something absent (an empty span with no phrase
    in its data) is never folded into another."""
    phrase = next((f.data[k] for k in ("phrase", "text", "char", "expected") if f.data.get(k)), None)
    if phrase is None and (f.line, f.column) == (f.end_line, f.end_column):
        return None
    return (f.rule, f.severity, f.message, f.suggestion, str(phrase))


def group_repeats(findings: Iterable[Finding]) -> list[Repeated]:
    """The findings in their order, each repeat of an earlier one (same rule, same phrase, same
    words) folded into it: one entry for 8× 今年以来, listing the places. Every format that a
    person reads (text, Markdown, the sheet, Word comments) shows these entries; JSON, SARIF and
    GitHub annotations keep every finding."""
    entries: list[list[Finding]] = []
    at: dict[tuple, int] = {}
    for f in findings:
        key = _repeat_key(f)
        if key is not None and key in at:
            entries[at[key]].append(f)
            continue
        if key is not None:
            at[key] = len(entries)
        entries.append([f])
    return [Repeated(e[0], tuple(e[1:])) for e in entries]


MAX_PLACES = 12  # places listed by number in a 同类问题 line; more are summed up with 等


def repeat_note(entry: Repeated, unit: str) -> str:
    """「同类问题另有7处：第27、31、40行」 for an entry with repeats, else ""."""
    if not entry.others:
        return ""
    lines = list(dict.fromkeys(f.line for f in entry.others))
    shown = "、".join(str(n) for n in lines[:MAX_PLACES]) + ("等" if len(lines) > MAX_PLACES else "")
    return f"同类问题另有{len(entry.others)}处：第{shown}{unit}"


CONCLUSION_PUBLISH = "可以发布"
CONCLUSION_REVISE = "修改后发布"
CONCLUSION_SUPPLEMENT = "需补充内容后复核"
# a finding of these rules means content must be written, not just corrected: review again
_SUPPLEMENT_RULES = ("section-missing", "duty-evidence-missing")


def conclusion(result: FileResult) -> str:
    """The reviewer's 结论 on one report (sheet, workbook, Word summary comment):
    需补充内容后复核 when a required section or the evidence of the first responsibility is
    missing, 修改后发布 for any other error or warning, else 可以发布; 无法检查 for a file error."""
    if result.error is not None:
        return Status.UNCHECKED.label
    required = {s.key for s in result.template_view.sections if s.required}
    for f in result.findings:
        if f.rule in _SUPPLEMENT_RULES and (
            f.rule != "section-missing" or f.data.get("section") in required or not required
        ):
            return CONCLUSION_SUPPLEMENT
    if any(f.severity in ("error", "warning") for f in result.findings):
        return CONCLUSION_REVISE
    return CONCLUSION_PUBLISH


INDICATOR_STATUS_CN = {"data": "有数据", "mentioned": "只提到", "absent": "未写到"}


def indicator_checklist(result: FileResult) -> list[dict[str, Any]]:
    """One row per indicator topic of the template: 有数据 / 只提到 / 未写到, read from the
    findings of indicator-missing and indicator-no-data (so it says what the check said)."""
    if result.report is None:
        return []
    absent = {f.data.get("indicator") for f in result.findings if f.rule == "indicator-missing"}
    no_data = {f.data.get("indicator") for f in result.findings if f.rule == "indicator-no-data"}
    rows = []
    for topic in result.template_view.indicators:
        status = "absent" if topic.key in absent else "mentioned" if topic.key in no_data else "data"
        rows.append({"key": topic.key, "topic": topic.topic, "status": status,
                     "status_cn": INDICATOR_STATUS_CN[status], "figures": topic.figures})
    return rows


_SENTENCE_END = "。！？；!?;"


def sentence_at(line_text: str, column: int, end_column: int, limit: int = 120) -> Excerpt:
    """The sentence of ``line_text`` holding the span (columns 1-based, the span marked), to
    quote on paper where line and column numbers mean nothing."""
    text = clean(line_text)
    start = min(max(column - 1, 0), len(text))
    stop = min(max(end_column - 1, start), len(text))
    left = max((text.rfind(ch, 0, start) for ch in _SENTENCE_END), default=-1) + 1
    ends = [i for i in (text.find(ch, max(stop - 1, start)) for ch in _SENTENCE_END) if i >= 0]
    right = max(min(ends) + 1 if ends else len(text), stop)
    while left < start and text[left] in " \u3000":
        left += 1
    if right - left > limit:  # a sentence running on for lines of print: a window round the span
        return excerpt(text, 1, column, 1, stop + 1, limit, "…")
    segments = (Segment("text", text[left:start]),
                Segment("mark", text[start:stop]) if stop > start else Segment("point", ""),
                Segment("text", text[stop:right]))
    return Excerpt(1, tuple(seg for seg in segments if seg.text or seg.kind == "point"))
