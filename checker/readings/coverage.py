"""Indicator coverage: which of the template's topics the report reports on, and with figures.

The topics and how a mention is recognised are data (the template's ``indicators``). A topic is
reported where the report tells what was done in the year: the next-year plan does not count
(「加强行政复议工作」 there is an intention, not a report). A keyword inside a cited title
(「学习《中华人民共和国行政复议法》」) or inside a quoted name of a project, brand or award
(「“…政务服务”项目被命名为…」) is not a report on that work, and is not a mention.

A topic has data when the paragraph that reports it carries a figure: a count with its unit or
a percentage, in whichever sentence of the paragraph, or a stated full coverage (「实现年度述法
全覆盖」). A mention in a heading looks at the section under it, up to the next heading. An
explicit zero (the topic's ``zero`` patterns: 「未发生行政复议案件」) reports the topic with its
figure. Computed once per report, by :class:`checker.readings.report.Readings`: the indicator
rules, the feedback sheet and the web page's checklist read the same coverage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Report
from ..template import IndicatorSpec as Indicator, Template
from .figures import COUNT_UNITS, MEASURE_UNITS

if TYPE_CHECKING:  # pragma: no cover
    from .report import Readings

_DATA_UNITS = frozenset(COUNT_UNITS + MEASURE_UNITS + ("%", "个百分点", "‰"))


def indicators(template: Template, year: int | None = None) -> tuple[Indicator, ...]:
    """The template's indicator topics that apply to reporting year ``year``, without those
    turned off."""
    return tuple(i for i in template.indicators if i.severity != "off" and i.applies(year))


# What is a name, not an account of work: a cited title, and a quoted name that a project,
# brand, award or model word follows. Their text is blanked (same length) before topics are
# looked for.
_CITED_TITLE = re.compile(r"《[^《》\n]{1,80}》|〈[^〈〉\n]{1,80}〉|<[^<>\n]{1,80}>")
_QUOTED_NAME = re.compile(
    r"“[^“”\n]{2,40}”(?=\s*(项目|品牌|案例|称号|奖|示范|典型|工程|模式|创新成果|课题|栏目|节目|专栏|大赛|比赛|活动品牌))"
)


def without_names(text: str) -> str:
    """``text`` with cited titles and quoted names blanked out, offsets unchanged."""
    if "《" not in text and "“" not in text and "〈" not in text and "<" not in text:
        return text
    def blank(m: re.Match[str]) -> str:
        return m.group(0)[0] + "\u3000" * (len(m.group(0)) - 2) + m.group(0)[-1]
    return _QUOTED_NAME.sub(blank, _CITED_TITLE.sub(blank, text))


def reporting_paragraphs(report: Report, template: Template) -> list[int]:
    """Paragraphs that report the year: all but those only in the next-year plan."""
    plan: set[int] = set()
    other: set[int] = set()
    plans = template.keys_of("plan")
    for hit in report.sections:
        (plan if hit.key in plans else other).update(range(hit.start, hit.end))
    return [i for i in range(len(report.source.paragraphs)) if i not in plan or i in other]


@dataclass(frozen=True)
class Coverage:
    """How the report covers one topic."""

    first_mention: tuple[int, int, int] | None  # (paragraph, start, end) of the first mention
    with_data: bool  # a sentence about it carries a figure, or it states a zero
    mentions: tuple[tuple[int, int, int], ...] = ()  # every mention while it has no data yet


# Shortcuts around the figure reader, which stays the judge of anything in between: a plain
# count (236人次, 97%) is data at once; text with no digit and no Chinese numeral before a unit
# has none.
_PLAIN_COUNT = re.compile(
    r"(?<![第0-9０-９.．A-Za-z《“])[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]?[余多]?\s?"
    r"(?:[%％]|人次|件|人(?![民大])|项|个|次|家|场次|场|份|条(?![例款])|名|户|篇|卷|起|宗|台(?![账])|所(?![有属在以]))"
)
_MAYBE_FIGURE = re.compile(r"[0-9０-９]|百分之|[一二三四五六七八九十两百千万][余多几]?[个次件人项场家名期批条份户篇所台处本轮位]")


# A stated full coverage is the figure (100%) in words: 「实现…年度述法全覆盖」.
_FULL_COVERAGE = re.compile(r"全覆盖|全面覆盖|全部(完成|落实|到位|覆盖|公开|备案|审核)|百分之百|无一遗漏")


def has_data(readings: Readings, i: int) -> bool:
    """Does paragraph ``i`` carry a figure (or a stated full coverage)?"""
    text = readings.report.source.paragraphs[i].text
    if _PLAIN_COUNT.search(text) or _FULL_COVERAGE.search(text):
        return True
    if not _MAYBE_FIGURE.search(text):
        return False
    return any(f.unit in _DATA_UNITS for f in readings.paragraph_figures(i))


def _heading_reach(report: Report) -> dict[int, int]:
    """For each heading paragraph, one past the last paragraph before the next heading."""
    starts = [h.index for h in report.headings]
    end = len(report.source.paragraphs)
    return {a: (starts[k + 1] if k + 1 < len(starts) else end) for k, a in enumerate(starts)}


def topics_in(readings: Readings, i: int, topics: Iterable[Indicator] | None = None) -> tuple[tuple[str, int, int], ...]:
    """The topics (of ``topics``; default: every topic that applies) paragraph ``i`` reports on:
    (topic key, start, end) of each topic's first mention, names blanked out (see
    :func:`without_names`), in the template's order."""
    view = readings.names_blanked(i)
    out = []
    for topic in readings.indicators if topics is None else topics:
        m = topic.patterns.search(view)
        if m is not None:
            out.append((topic.key, m.start(), m.end()))
    return tuple(out)


def coverage_of(readings: Readings) -> dict[str, Coverage]:
    """Each topic's first mention and whether it comes with data.

    Topics are looked for in each reporting paragraph until each has data. A topic has data when its paragraph (a
    heading's: the section under it, up to the next heading) carries a figure — the paragraph
    that reports a topic is where its figures are, in whichever sentence. A paragraph's figures
    are looked at only when a topic named there still has none.
    """
    report = readings.report
    paragraphs = report.source.paragraphs
    reach = _heading_reach(report)
    zero = {topic.key: topic.zero for topic in readings.indicators}
    data_of: dict[int, bool] = {}

    def section_has_data(i: int) -> bool:
        for j in range(i, reach.get(i, i + 1)):
            if j not in data_of:
                data_of[j] = has_data(readings, j)
            if data_of[j]:
                return True
        return False

    found: dict[str, Coverage] = {}
    wanted = list(readings.indicators)  # the topics not yet reported with data
    for i in reporting_paragraphs(report, readings.template):
        if not wanted:
            break
        text = paragraphs[i].text
        for key, start, end in topics_in(readings, i, wanted):
            before = found.get(key)
            here = (i, start, end)
            first = before.first_mention if before else here
            with_data = bool(zero[key] and zero[key].search(text)) or section_has_data(i)
            found[key] = Coverage(first, with_data, (before.mentions if before else ()) + (here,))
        wanted = [topic for topic in wanted if not (topic.key in found and found[topic.key].with_data)]
    return found

