"""Indicator rules: every indicator topic of the template is reported, with figures (SPEC §3).

What counts as reporting a topic, and as reporting it with data, is the report's indicator
coverage, read once per report (:mod:`checker.readings.coverage`); these rules say what it lacks.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Report
from ..readings.coverage import Coverage, Indicator, indicators
from ..readings.report import coverage
from .declare import Hit, hit_at, rule
from ..template import Template
from .duty import topics_judged_here
from .examples import variant

__all__ = ["Coverage", "Indicator", "coverage", "indicators", "indicator_missing", "indicator_no_data"]

ORDER = 30  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)


def _measures_place(report: Report, template: Template) -> tuple[int | None, int]:
    """Where a missing topic belongs: the measures, at their first heading. When the measures
    run to the end of the text (nothing follows them: a report cut short, or one that is all
    measures), at the end of the text, where more measures would be added."""
    paragraphs = report.source.paragraphs
    if not paragraphs:
        return None, 0
    measures = template.keys_of("measures")
    hits = [hit for hit in report.sections if hit.key in measures]
    last = len(paragraphs) - 1
    if hits:
        end = max(hit.end for hit in hits)
        followed = any(hit.start >= end for hit in report.sections if hit.key not in measures)
        if followed or report.signature:
            return min(hit.start for hit in hits), 0
        return last, len(paragraphs[last].text)
    if report.opening and report.sections:
        return report.opening[0], 0
    return last, len(paragraphs[last].text)


def _measures_title(template: Template) -> str:
    return next((s.title for s in template.by_role("measures")), "主要举措和成效")


# --- examples and sources the rules below cite ---------------------------------------------------
# MINI with every topic reported with figures: the passing example.
FULL = variant(
    "行政机关负责人出庭应诉率100%。",
    "行政机关负责人出庭应诉率100%。全县各级人民调解组织受理矛盾纠纷1260件，调解成功1214件。"
    "制定行政规范性文件9件，全部经合法性审核并报备；县政府法律顾问出具法律意见56件。",
)
_SRC = "《法治政府建设实施纲要（2021－2025年）》；法治政府建设示范指标体系；各省法治政府建设年度报告编制指引"


@rule(
    id="indicator-missing",
    family="indicators",
    severity="warning",
    summary="模板列出的指标方面（行政复议、行政诉讼、规范性文件等）在报告中完全没有写到",
    rationale="年度报告应反映法治政府建设主要任务的进展：行政复议、行政应诉、负责人出庭应诉、规范性文件、重大行政决策、"
    "行政执法、法律顾问、普法、政务服务、矛盾纠纷化解、述法等。完全不写，读者无从了解这方面的工作。"
    "只写在下一年度安排中的不算已报告。",
    source=_SRC,
    bad=variant("全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；", "", FULL),
    good=FULL,
    placeholder_stands_for="measures",
)
def indicator_missing(report: Report, template: Template) -> Iterator[Hit]:
    found = report.readings.coverage
    index, at = _measures_place(report, template)
    for topic in report.readings.indicators:
        if topic.key in found:
            continue
        yield hit_at(
            index,
            f"报告没有写到“{topic.topic}”方面的情况：这是法治政府建设年度报告应当反映的主要指标之一。",
            f"在{_measures_title(template)}部分补充{topic.figures}。",
            start=at, end=at, severity=topic.severity, indicator=topic.key,
        )


@rule(
    id="indicator-no-data",
    family="indicators",
    severity="info",
    summary="写到了某个指标方面，但没有任何数据（件数、人次、比率）",
    rationale="只有定性描述、没有数字的工作情况无法衡量成效；年份、序号不算数据，约数算。"
    "没有发生的事项写明“未发生”即可。",
    source=_SRC,
    bad=variant(
        "（四）化解行政争议。全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；",
        "（四）依法办理行政复议案件，行政复议纠错功能进一步发挥。\n（五）化解行政争议。",
        FULL,
    ),
    good=FULL,
    placeholder_stands_for="measures",
)
def indicator_no_data(report: Report, template: Template) -> Iterator[Hit]:
    found = report.readings.coverage
    judged_there = None
    for topic in report.readings.indicators:
        seen = found.get(topic.key)
        if seen is None or seen.with_data or seen.first_mention is None:
            continue
        if judged_there is None:
            # 学法, 述法, 出庭应诉 in the first-responsibility part without figures: duty-evidence-incomplete
            # says so (judged only when a topic is mentioned without data)
            judged_there = topics_judged_here(report, template)
        elsewhere = [m for m in seen.mentions if m[0] not in judged_there.get(topic.key, ())]
        if not elsewhere:
            continue
        i, start, end = elsewhere[0]
        yield hit_at(
            i,
            f"写到了“{topic.topic}”，但没有具体数据（件数、人次、比率等）。",
            f"补充{topic.figures}。",
            start=start, end=end, indicator=topic.key,
        )
