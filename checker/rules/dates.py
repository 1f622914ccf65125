"""Date rules: reporting year, document date, deadlines, partial-year data (SPEC §3 Dates).

A report on year N can only be written once N is over and must be public by the template's
publication deadline in N+1 (annual: 3月31日); a department also reports to its superiors by the
submission deadline (end of February). Its figures must cover the whole year.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Iterable, Iterator

from ..readings.dates import DateMention, format_gbt
from ..outline import date_is_update_time, date_paragraph_mention
from ..model import DATE_SOURCE_NAMES, Report
from .declare import Hit, Phrases, Wording, hit_at, rule
from ..template import Template
from .phrases import phrase_rule
from .examples import MINI, variant

_SOURCE_CN = DATE_SOURCE_NAMES["message"]
_SHOWN = DATE_SOURCE_NAMES["outline"]  # the rule's summary names the sources as fzcheck outline does

ORDER = 20  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

REG_PUBLISH = "《法治政府建设与责任落实督察工作规定》第二十四条：每年4月1日之前向社会公开"
GBT = "GB/T 9704-2012《党政机关公文格式》7.3.5.2：成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位"


def deadline(template: Template, kind: str, year: int) -> dt.date | None:
    """The template's deadline ('publish' or 'submit') in the year after reporting year ``year``."""
    value = template.deadlines.get(kind)
    if not value:
        return None
    month_s, day_s = value.split("-")
    month = int(month_s)
    day = calendar.monthrange(year + 1, month)[1] if day_s == "end" else int(day_s)
    day = min(day, calendar.monthrange(year + 1, month)[1])
    return dt.date(year + 1, month, day)


def _cn_date(d: dt.date) -> str:
    return format_gbt(d)


# --- examples and sources the rules below cite ---------------------------------------------------
# No date anywhere: the 落款 names the organ only. With a page's 发布时间 the date is known (the
# 落款 still lacks it, in both examples alike).
_NO_DATE = variant("柳溪县人民政府\n2024年3月15日\n", "柳溪县人民政府\n")
_DATE_IN_METADATA = "发布时间：2024-03-15\n" + _NO_DATE


# --- year and date present ------------------------------------------------------------------
@rule(
    id="year-unknown",
    family="dates",
    severity="warning",
    summary="找不到报告年度（此时跳过与年度有关的检查）",
    rationale="报告针对哪一年是判断按时形成、按时公开、数据是否全年的前提。",
    source="《法治政府建设与责任落实督察工作规定》第二十四条",
    bad="××县法治政府建设年度报告\n一、主要举措和成效\n推进各项工作。\n",
    good="××县法治政府建设年度报告\n现将2023年度法治政府建设情况报告如下：\n一、主要举措和成效\n推进各项工作。\n",
)
def year_unknown(report: Report, template: Template) -> Iterator[Hit]:
    if report.year is None:
        yield hit_at(
            0 if report.source.paragraphs else None,
            "无法确定报告所属年度：标题、开头和章节标题都没有写明年份，与年度有关的检查已跳过。",
            "在标题中写明年度，如「××县2023年法治政府建设年度报告」；或用 --year 指定。", end=0,
        )


@rule(
    id="date-missing",
    family="dates",
    severity="warning",
    summary=f"没有成文日期（{_SHOWN['signature']}、{_SHOWN['metadata']}和 --date 都没有）",
    rationale="没有成文日期就无法判断报告是否在年度结束后形成、是否按期公开。",
    source=GBT,
    bad=_NO_DATE,
    good=_DATE_IN_METADATA,
    placeholder_stands_for="signature",
)
def date_missing(report: Report, template: Template) -> Iterator[Hit]:
    # one fault, one finding: with no 落款 at all, signature-missing reports it (and says the
    # date checks were skipped); a 落款 that has the organ but no date is this rule's
    if report.date is None and (report.date_index is not None or report.signature_organ is not None):
        last = len(report.source.paragraphs) - 1 if report.source.paragraphs else None
        example = f"{report.year + 1}年3月15日" if report.year else "2024年3月15日"
        yield hit_at(
            last,
            f"找不到成文日期（{_SOURCE_CN['signature']}、{_SOURCE_CN['metadata']}都没有），与日期有关的检查已跳过。",
            f"在落款处写明成文日期，如「{example}」；或用 --date 指定。",
            start=len(report.source.paragraphs[last].text) if last is not None else 0,
        )


def _signature_mention(report: Report) -> DateMention | None:
    if report.date_index is None:
        return None
    return date_paragraph_mention(report.source.paragraphs[report.date_index].text)


# --- dates in the text -----------------------------------------------------------------------
def _mentions(report: Report, indexes: Iterable[int] | None = None) -> Iterator[tuple[int, DateMention]]:
    """Date mentions with their paragraph index, over all paragraphs or the given ones."""
    readings = report.readings
    for i in range(len(report.source.paragraphs)) if indexes is None else indexes:
        for m in readings.dates(i):
            yield i, m


@rule(
    id="date-invalid",
    family="dates",
    severity="error",
    summary="不存在的日期（2023年2月30日、13月）",
    rationale="不存在的日期说明数据或文字有误，会被公众和督察发现。",
    source="常识性错误；GB/T 9704-2012",
    bad=variant("全年新增网上可办事项126项", "2023年2月30日起新增网上可办事项126项"),
    good=variant("全年新增网上可办事项126项", "2023年2月28日起新增网上可办事项126项"),
)
def date_invalid(report: Report, template: Template) -> Iterator[Hit]:
    for i, m in _mentions(report):
        if not m.valid and m.kind in ("date", "month", "day", "month-range"):
            yield hit_at(
                i, f"日期「{m.text}」不存在：{m.problem}。", "核对并改正这个日期。",
                start=m.start, end=m.end,
            )


@rule(
    id="date-format",
    family="dates",
    severity="info",
    summary="成文日期不是“2024年3月15日”的公文格式",
    rationale="公文成文日期用阿拉伯数字将年、月、日标全，月、日不编虚位（不写“03月”）。",
    source=GBT,
    bad=variant("2024年3月15日", "2024年03月15日"),
    good=MINI,
)
def date_format(report: Report, template: Template) -> Iterator[Hit]:
    m = _signature_mention(report)
    if m is None or not m.valid or m.date is None or m.form == "gbt":
        return
    right = format_gbt(m.date)
    yield hit_at(
        report.date_index,
        f"成文日期「{m.text.strip()}」不符合公文格式：应使用阿拉伯数字，年份写全，月、日不编虚位（不补0）。",
        f"改为「{right}」。", start=m.start, end=m.end,
    )


def _date_span(report: Report) -> tuple[int | None, int, int | None]:
    """Where to point a finding about the document date: the 落款 date, else the start."""
    m = _signature_mention(report)
    if report.date_source == "signature" and m is not None:
        return report.date_index, m.start, m.end
    return (0 if report.source.paragraphs else None), 0, 0


def _source_cn(report: Report) -> str:
    return _SOURCE_CN.get(report.date_source or "", "")


@rule(
    id="date-early",
    family="dates",
    severity="error",
    summary="成文日期早于报告年度结束（年度还没过完）",
    rationale="报告的是上一年度全年的情况，只能在年度结束后形成；年内成文的报告数据不可能覆盖全年。",
    source=f"{REG_PUBLISH}；该规定关于报告上一年度情况的要求",
    bad=variant("2024年3月15日", "2023年12月10日"),
    good=MINI,
)
def date_early(report: Report, template: Template) -> Iterator[Hit]:
    if report.date is None or report.year is None:
        return
    year_end = dt.date(report.year + 1, 1, 1)
    if report.date < year_end:
        index, start, end = _date_span(report)
        yield hit_at(
            index,
            f"{_source_cn(report)}日期{_cn_date(report.date)}早于{report.year}年度结束：年度报告只能在{report.year}年结束后形成，"
            "数据也应覆盖全年。",
            f"在{report.year + 1}年1月1日之后、用全年数据定稿，成文日期写定稿当天（如「{report.year + 1}年1月20日」）。",
            start=start, end=end, date=report.date.isoformat(),
        )


@rule(
    id="date-late",
    family="dates",
    severity="error",
    summary="成文或发布日期晚于公开期限（次年3月31日）；部门报告晚于报送期限为警告",
    rationale="年度报告应在每年4月1日之前向社会公开；县级以上政府部门还应在3月1日前向本级党委、政府和上一级部门报告。",
    source=f"{REG_PUBLISH}；各省编制指引（部门3月1日前报送）",
    bad=variant("2024年3月15日", "2024年4月2日"),
    good=MINI,
    case_severities={"submit": "warning"},  # a department past the submission deadline (still in time to publish)
)
def date_late(report: Report, template: Template) -> Iterator[Hit]:
    if report.date is None or report.year is None:
        return
    if date_is_update_time(report):
        return  # published on or before its update time: lateness cannot be told from it
    publish = deadline(template, "publish", report.year)
    submit = deadline(template, "submit", report.year)
    index, start, end = _date_span(report)
    notes = {k: template.deadlines.note(k) for k in ("publish", "submit")}  # what the template says of them
    if publish and report.date > publish:
        yield hit_at(
            index,
            f"{_source_cn(report)}日期{_cn_date(report.date)}晚于公开期限{_cn_date(publish)}"
            + (f"（{notes['publish']}）。" if notes.get("publish") else "。"),
            f"年度报告应在{_cn_date(publish)}前向社会公开；成文日期应早于该日（{REG_PUBLISH}）。",
            start=start, end=end, date=report.date.isoformat(), deadline=publish.isoformat(),
        )
    elif submit and report.date > submit:
        yield hit_at(
            index,
            f"{_source_cn(report)}日期{_cn_date(report.date)}晚于报送期限{_cn_date(submit)}"
            f"（{notes.get('submit') or '部门应在此前向本级党委、政府和上一级部门报告'}）。",
            f"在{_cn_date(submit)}前报送，{_cn_date(publish) if publish else '公开期限'}前向社会公开。",
            start=start, end=end, case="submit", date=report.date.isoformat(), deadline=submit.isoformat(),
        )


def _measures_paragraphs(report: Report, template: Template) -> list[int]:
    measures = template.keys_of("measures")
    return sorted({i for s in report.sections if s.key in measures for i in range(s.start, s.end)})


@rule(
    id="date-future",
    family="dates",
    severity="warning",
    summary="工作成效里写到的日期晚于成文日期",
    rationale="已完成的工作不可能发生在成文之后：要么日期写错，要么把计划写进了成效。",
    source="报告内容真实性要求（《法治政府建设与责任落实督察工作规定》）",
    bad=variant("全年新增网上可办事项126项", "2024年5月上线新系统，新增网上可办事项126项"),
    good=variant("全年新增网上可办事项126项", "2024年1月上线新系统，新增网上可办事项126项"),
)
def date_future(report: Report, template: Template) -> Iterator[Hit]:
    if report.date is None:
        return
    doc = report.date
    for i, m in _mentions(report, _measures_paragraphs(report, template)):
        if not m.valid or m.year is None:
            continue
        if m.kind == "date" and m.date and m.date > doc:
            when = m.date.isoformat()
        elif m.kind == "month" and m.month and (m.year, m.month) > (doc.year, doc.month):
            when = f"{m.year:04d}-{m.month:02d}"
        else:
            continue
        yield hit_at(
            i,
            f"工作成效中写到的「{m.text}」晚于成文日期{_cn_date(doc)}：已完成的工作不会发生在成文之后。",
            "核对这个日期；如果是计划安排，移到下一年度安排部分；如果成文日期写错了，改正成文日期。",
            start=m.start, end=m.end, date=when,
        )


# --- phrases -----------------------------------------------------------------------------
# Not in the plan (a plan speaks of the coming year). 「今年截至11月」 is partial-year data:
# one fault, one finding (period-partial's fix, the whole year's figures with the year written
# out, also removes the 今年), so time-relative yields to it.
phrase_rule(
    module=__name__,
    id="period-partial",
    family="dates",
    severity="warning",
    summary="只有部分年度的数据：截至10月、1—10月、前三季度、上半年、截至目前",
    rationale="年度报告反映全年情况；“截至10月”的数据说明报告在年内起草、未用全年数据更新。",
    source="《法治政府建设与责任落实督察工作规定》（报告上一年度情况）",
    bad=variant("全年新增网上可办事项126项", "截至10月底，新增网上可办事项126项"),
    good=MINI,
    phrases=Phrases("period_partial", (Wording(
        "「{text}」只统计了部分年度的数据，年度报告应反映全年情况。",
        "改用{year}年全年（截至{year}年12月31日）的数据。",
        without_year="改用全年数据。",
    ),), data="phrase", outside_role="plan"),
)

_RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "明年": 1, "来年": 1}

phrase_rule(
    module=__name__,
    id="time-relative",
    family="dates",
    severity="warning",
    summary="用“今年”“去年”“明年”“今年以来”代替具体年份",
    rationale="报告在次年公开，读者看到“今年”会理解为公开的年份，造成年份错位。",
    source="公文写作规范：时间应写明具体年份",
    bad=variant("全年新增网上可办事项126项", "今年以来新增网上可办事项126项"),
    good=MINI,
    phrases=Phrases("time_relative", (
        Wording(
            "「{text}」指代不明：报告在次年公开，读者会把“{word}”理解为公开的年份。",
            "改为「{dated}」，写明具体年份。",
            without_year="写明具体年份。",
            starts=tuple(_RELATIVE),
        ),
        # 至今, 近日, 本周内, 目前…正在: counted from the day of writing
        Wording(
            "「{shown}」以起草之日为准：报告公开后，读者无从知道指的是什么时候。",
            "写明具体时间，如「截至{year}年12月31日」或事情发生的月份。",
            without_year="写明具体时间，如「截至年底」或事情发生的月份。",
        ),
    ), data="phrase", yields_to="period-partial", years=_RELATIVE),
)
