"""Indicator rules: every indicator topic of the template is reported, with figures (SPEC §3).

The topics and how a mention is recognised are data (the template's ``indicators``). A topic is
reported where the report tells what was done in the year: the next-year plan does not count
(「加强行政复议工作」 there is an intention, not a report). It has data when a sentence that
names it — or the sentence right after, when that one names no other topic — carries a figure:
a count with its unit or a percentage (years, dates and ordinals are not figures; approximate
figures are). An explicit zero (the topic's ``zero`` patterns: 「未发生行政复议案件」) reports
the topic with its figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..figures import COUNT_UNITS, MEASURE_UNITS, find_figures, sentence_of, split_sentences
from ..model import Finding, Report
from ..rules import Rule
from ..template import Template, _rx
from .base import finding
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


def indicators(template: Template) -> tuple[Indicator, ...]:
    """The template's indicator topics, without those turned off."""
    out = []
    for item in template.raw.get("indicators", ()):
        severity = item.get("severity", "")
        if severity == "off":
            continue
        out.append(Indicator(
            key=item["key"], topic=item["topic"], figures=item.get("figures") or f"{item['topic']}方面的具体数据",
            patterns=_rx(item["patterns"]), zero=_rx(item.get("zero")), severity=severity,
        ))
    return tuple(out)


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


# Shortcuts around the figure reader, which stays the judge of anything in between: a plain
# count (236人次, 97%) is data at once; text with no digit and no Chinese numeral before a unit
# has none.
_PLAIN_COUNT = re.compile(
    r"(?<![第0-9０-９.．A-Za-z《“])[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]?[余多]?\s?"
    r"(?:[%％]|人次|件|人(?![民大])|项|个|次|家|场次|场|份|条(?![例款])|名|户|篇|卷|起|宗|台(?![账])|所(?![有属在以]))"
)
_MAYBE_FIGURE = re.compile(r"[0-9０-９]|百分之|[一二三四五六七八九十两百千万][余多几]?[个次件人项场家名期批条份户篇所台处本轮位]")


def _has_data(text: str) -> bool:
    if _PLAIN_COUNT.search(text):
        return True
    if not _MAYBE_FIGURE.search(text):
        return False
    return any(f.unit in _DATA_UNITS for f in find_figures(text))


class _SentenceData:
    """Whether each sentence of one paragraph carries data, read once and only when asked."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self._text = text
        self._spans = spans
        self._known: dict[int, bool] = {}

    def has(self, n: int) -> bool:
        if n not in self._known:
            a, b = self._spans[n]
            self._known[n] = _has_data(self._text[a:b])
        return self._known[n]


def coverage(report: Report, template: Template) -> dict[str, Coverage]:
    """Each topic's first mention and whether it comes with data.

    Each paragraph is split into sentences once; each topic's patterns run once per paragraph
    (its ``zero`` patterns only where the topic is named), and figures are read only in the
    sentences that name a topic still without data.
    """
    topics = indicators(template)
    paragraphs = report.source.paragraphs
    found: dict[str, Coverage] = {}
    for i in reporting_paragraphs(report):
        text = paragraphs[i].text
        mentions = [(t, list(t.patterns.finditer(text))) for t in topics if not (t.key in found and found[t.key].with_data)]
        mentions = [(t, ms) for t, ms in mentions if ms]
        if not mentions:
            continue
        spans = split_sentences(text)
        named: list[set[str]] = [set() for _ in spans]
        for t, ms in mentions:
            for m in ms:
                n = sentence_of(spans, m.start())
                if n >= 0:
                    named[n].add(t.key)
        data = _SentenceData(text, spans)
        for topic, ms in mentions:
            first = found[topic.key].first_mention if topic.key in found else (i, ms[0].start(), ms[0].end())
            with_data = bool(topic.zero and topic.zero.search(text))
            for n in range(len(spans)):
                if with_data:
                    break
                if topic.key in named[n]:
                    following = n + 1 < len(spans) and named[n + 1] <= {topic.key}
                    with_data = data.has(n) or (following and data.has(n + 1))
            found[topic.key] = Coverage(first, with_data)
    return found


def _end_of_measures(report: Report) -> tuple[int | None, int]:
    ends = [hit.end for hit in report.sections if hit.key == "measures" and hit.end > hit.start]
    if not ends or not report.source.paragraphs:
        return None, 0
    last = max(ends) - 1
    return last, len(report.source.paragraphs[last].text)


def indicator_missing(report: Report, template: Template) -> Iterator[Finding]:
    found = coverage(report, template)
    index, at = _end_of_measures(report)
    for topic in indicators(template):
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
    for topic in indicators(template):
        seen = found.get(topic.key)
        if seen is None or seen.with_data or seen.first_mention is None:
            continue
        i, start, end = seen.first_mention
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
        variant("全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；", "", FULL), FULL, indicator_missing,
    ),
    Rule(
        "indicator-no-data", "indicators", "info", "写到了某个指标方面，但没有任何数据（件数、人次、比率）",
        "只有定性描述、没有数字的工作情况无法衡量成效；年份、序号不算数据，约数算。"
        "没有发生的事项写明“未发生”即可。",
        _SRC,
        variant("全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；", "依法办理行政复议案件，行政复议纠错功能进一步发挥。", FULL),
        FULL, indicator_no_data,
    ),
)
