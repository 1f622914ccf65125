"""Indicator rules: every indicator topic of the template is reported, with figures (SPEC §3).

The topics and how a mention is recognised are data (the template's ``indicators``). A topic is
reported where the report tells what was done in the year: the next-year plan does not count
(「加强行政复议工作」 there is an intention, not a report). A keyword inside a cited title
(「学习《中华人民共和国行政复议法》」) or inside a quoted name of a project, brand or award
(「“…政务服务”项目被命名为…」) is not a report on that work, and is not a mention.

A topic has data when the paragraph that reports it carries a figure: a count with its unit or
a percentage, in whichever sentence of the paragraph (「将12个部门的86项许可事项划入…」, 「96%的
事项实现全程网办」, 「考试合格率100%」), or a stated full coverage (「实现年度述法全覆盖」).
Years, dates and ordinals are not figures; approximate figures are. A mention in a heading
looks at the section under it, up to the next heading. An explicit zero (the topic's ``zero``
patterns: 「未发生行政复议案件」) reports the topic with its figure.

A topic applies to the years its template entry gives (``since``/``until``: 述法 became an
annual duty with 《法治中国建设规划（2020－2025年）》, so a 2018 report is not asked for it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..readings.figures import COUNT_UNITS, MEASURE_UNITS, find_figures
from ..model import Finding, Report
from ..rules import Rule
from ..template import Template, _rx
from .base import finding
from .duty import topics_judged_here
from .examples import variant

_DATA_UNITS = frozenset(COUNT_UNITS + MEASURE_UNITS + ("%", "个百分点", "‰"))


@dataclass(frozen=True)
class Indicator:
    key: str
    topic: str
    figures: str
    patterns: re.Pattern[str]
    zero: re.Pattern[str] | None
    severity: str  # '' for the rule's default
    since: int | None = None  # first reporting year the topic applies to
    until: int | None = None  # last reporting year it applies to

    def applies(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


def indicators(template: Template, year: int | None = None) -> tuple[Indicator, ...]:
    """The template's indicator topics that apply to reporting year ``year``, without those
    turned off."""
    out = []
    for item in template.raw.get("indicators", ()):
        severity = item.get("severity", "")
        if severity == "off":
            continue
        if not Indicator("", "", "", _NOTHING, None, "", item.get("since"), item.get("until")).applies(year):
            continue
        out.append(Indicator(
            key=item["key"], topic=item["topic"], figures=item.get("figures") or f"{item['topic']}方面的具体数据",
            patterns=_rx(item["patterns"]), zero=_rx(item.get("zero")), severity=severity,
            since=item.get("since"), until=item.get("until"),
        ))
    return tuple(out)


_NOTHING = re.compile(r"(?!)")

# What is a name, not an account of work: a cited title, and a quoted name that a project,
# brand, award or model word follows. Their text is blanked (same length) before topics are
# looked for.
_CITED_TITLE = re.compile(r"《[^《》\n]{1,80}》|〈[^〈〉\n]{1,80}〉|<[^<>\n]{1,80}>")
_QUOTED_NAME = re.compile(
    r"“[^“”\n]{2,40}”(?=\s*(项目|品牌|案例|称号|奖|示范|典型|工程|模式|创新成果|课题|栏目|节目|专栏|大赛|比赛|活动品牌))"
)


def _without_names(text: str) -> str:
    """``text`` with cited titles and quoted names blanked out, offsets unchanged."""
    if "《" not in text and "“" not in text and "〈" not in text and "<" not in text:
        return text
    def blank(m: re.Match[str]) -> str:
        return m.group(0)[0] + "\u3000" * (len(m.group(0)) - 2) + m.group(0)[-1]
    return _QUOTED_NAME.sub(blank, _CITED_TITLE.sub(blank, text))


def reporting_paragraphs(report: Report) -> list[int]:
    """Paragraphs that report the year: all but those only in the next-year plan."""
    plan: set[int] = set()
    other: set[int] = set()
    for hit in report.sections:
        (plan if hit.key == "next_year_plan" else other).update(range(hit.start, hit.end))
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


def _has_data(text: str) -> bool:
    if _PLAIN_COUNT.search(text) or _FULL_COVERAGE.search(text):
        return True
    if not _MAYBE_FIGURE.search(text):
        return False
    return any(f.unit in _DATA_UNITS for f in find_figures(text))


def _heading_reach(report: Report) -> dict[int, int]:
    """For each heading paragraph, one past the last paragraph before the next heading."""
    starts = [h.index for h in report.headings]
    end = len(report.source.paragraphs)
    return {a: (starts[k + 1] if k + 1 < len(starts) else end) for k, a in enumerate(starts)}


def coverage(report: Report, template: Template) -> dict[str, Coverage]:
    """Each topic's first mention and whether it comes with data.

    Topics are looked for in each reporting paragraph with names blanked out. A topic has data
    when its paragraph (a heading's: the section under it, up to the next heading) carries a
    figure — the paragraph that reports a topic is where its figures are, in whichever
    sentence. Each paragraph's figures are read once, and only when a topic named there still
    has none.
    """
    topics = indicators(template, report.year)
    paragraphs = report.source.paragraphs
    reach = _heading_reach(report)
    data_of: dict[int, bool] = {}

    def has_data(i: int) -> bool:
        for j in range(i, reach.get(i, i + 1)):
            if j not in data_of:
                data_of[j] = _has_data(paragraphs[j].text)
            if data_of[j]:
                return True
        return False

    found: dict[str, Coverage] = {}
    for i in reporting_paragraphs(report):
        text = paragraphs[i].text
        view = _without_names(text)
        for topic in topics:
            if topic.key in found and found[topic.key].with_data:
                continue
            m = topic.patterns.search(view)
            if m is None:
                continue
            here = (i, m.start(), m.end())
            before = found.get(topic.key)
            first = before.first_mention if before else here
            with_data = bool(topic.zero and topic.zero.search(text)) or has_data(i)
            found[topic.key] = Coverage(first, with_data, (before.mentions if before else ()) + (here,))
    return found


def _measures_place(report: Report) -> tuple[int | None, int]:
    """Where a missing topic belongs: the measures, at their first heading. When the measures
    run to the end of the text (nothing follows them: a report cut short, or one that is all
    measures), at the end of the text, where more measures would be added."""
    paragraphs = report.source.paragraphs
    if not paragraphs:
        return None, 0
    hits = [hit for hit in report.sections if hit.key == "measures"]
    last = len(paragraphs) - 1
    if hits:
        end = max(hit.end for hit in hits)
        followed = any(hit.start >= end for hit in report.sections if hit.key != "measures")
        if followed or report.signature:
            return min(hit.start for hit in hits), 0
        return last, len(paragraphs[last].text)
    if report.opening and report.sections:
        return report.opening[0], 0
    return last, len(paragraphs[last].text)


def indicator_missing(report: Report, template: Template) -> Iterator[Finding]:
    found = coverage(report, template)
    index, at = _measures_place(report)
    for topic in indicators(template, report.year):
        if topic.key in found:
            continue
        yield finding(
            report, "indicator-missing", index,
            f"报告没有写到“{topic.topic}”方面的情况：这是法治政府建设年度报告应当反映的主要指标之一。",
            f"在主要举措和成效部分补充{topic.figures}。",
            start=at, end=at, severity=topic.severity, indicator=topic.key,
        )


def indicator_no_data(report: Report, template: Template) -> Iterator[Finding]:
    found = coverage(report, template)
    # 学法, 述法, 出庭应诉 in the first-responsibility part without figures: duty-evidence-incomplete says so
    judged_there = topics_judged_here(report, template)
    for topic in indicators(template, report.year):
        seen = found.get(topic.key)
        if seen is None or seen.with_data or seen.first_mention is None:
            continue
        elsewhere = [m for m in seen.mentions if m[0] not in judged_there.get(topic.key, ())]
        if not elsewhere:
            continue
        i, start, end = elsewhere[0]
        yield finding(
            report, "indicator-no-data", i,
            f"写到了“{topic.topic}”，但没有具体数据（件数、人次、比率等）。",
            f"补充{topic.figures}。",
            start=start, end=end, indicator=topic.key,
        )


# --- metadata ------------------------------------------------------------------------------
# MINI with every topic reported with figures: the passing example.
FULL = variant(
    "行政机关负责人出庭应诉率100%。",
    "行政机关负责人出庭应诉率100%。全县各级人民调解组织受理矛盾纠纷1260件，调解成功1214件。"
    "制定行政规范性文件9件，全部经合法性审核并报备；县政府法律顾问出具法律意见56件。",
)
_SRC = "《法治政府建设实施纲要（2021－2025年）》；法治政府建设示范指标体系；各省法治政府建设年度报告编制指引"

RULES = (
    Rule(
        "indicator-missing", "indicators", "warning", "模板列出的指标方面（行政复议、行政诉讼、规范性文件等）在报告中完全没有写到",
        "年度报告应反映法治政府建设主要任务的进展：行政复议、行政应诉、负责人出庭应诉、规范性文件、重大行政决策、"
        "行政执法、法律顾问、普法、政务服务、矛盾纠纷化解、述法等。完全不写，读者无从了解这方面的工作。"
        "只写在下一年度安排中的不算已报告。",
        _SRC,
        variant("全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；", "", FULL), FULL, indicator_missing, placeholder_stands_for="measures",
    ),
    Rule(
        "indicator-no-data", "indicators", "info", "写到了某个指标方面，但没有任何数据（件数、人次、比率）",
        "只有定性描述、没有数字的工作情况无法衡量成效；年份、序号不算数据，约数算。"
        "没有发生的事项写明“未发生”即可。",
        _SRC,
        variant(
            "（四）化解行政争议。全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；",
            "（四）依法办理行政复议案件，行政复议纠错功能进一步发挥。\n（五）化解行政争议。",
            FULL,
        ),
        FULL, indicator_no_data, placeholder_stands_for="measures",
    ),
)
