"""The first-responsibility part judged kind by kind (duty-evidence-incomplete).

Assessments score this part by counted evidence: how many times the 常务会议 or 党委 took up
rule-of-law work, how many 学法 sessions, 述法, the principal's 出庭应诉, and the four 亲自 duties
shown by what the principal did. A kind counts as evidenced only when its stretch of a sentence
carries a figure or a concrete act (template ``duty_evidence``); slogans do not. A part that
names no kind at all is ``duty-evidence-missing``'s (one fault, one finding).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterator

from ..model import Report
from ..readings.numerals import chinese_to_int
from .declare import Hit, hit_at, rule
from ..template import DutyKind as Kind, Template
from .base import content_text
from .examples import variant

ORDER = 70  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

REG_FIRST = "《党政主要负责人履行推进法治建设第一责任人职责规定》第四条"
_SENTENCE = re.compile(r"[^。！？；;\n]+")
_ITEM = re.compile(r"\s*([一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])")
_ITEM_HEADING_CHARS = 30
_CLAUSE_END = re.compile(r"[，,：:。；;]")
_NUMBER = re.compile(r"\d+|[一二三四五六七八九十两]{1,3}")


@dataclass(frozen=True)
class Judgement:
    kind: Kind
    mentioned: bool
    evidenced: bool
    count: int | None  # the largest count of times given beside it (次, 场, 期)


def _kinds(template: Template) -> tuple[str, tuple[Kind, ...], re.Pattern | None, re.Pattern | None]:
    duty = template.duty_evidence
    return duty.section, duty.kinds, duty.figures, duty.acts


def _count(figure: str) -> int | None:
    """The number of times a figure gives (4次 → 4, 十二次 → 12), None for a percentage or 全覆盖."""
    if not re.search(r"(次|场|期|轮)\s*$", figure):
        return None
    m = _NUMBER.search(figure)
    if m is None:
        return None
    digits = m.group(0)
    if digits.isdigit():
        return int(digits[:9])  # a count, not a number of a thousand digits
    return chinese_to_int(digits)


def judge(text: str, kinds: tuple[Kind, ...], figures: re.Pattern, acts: re.Pattern | None) -> dict[str, Judgement]:
    """Each kind's judgement over ``text``. A figure counts for a mention when it stands in the
    mention's stretch: its sentence, cut where another kind's clause ends before it and where
    another kind's mention starts after it (「专题研究4次，会前学法12次」 gives each its own
    figure). A concrete act counts anywhere in the sentence."""
    state = {k.key: [False, False, None] for k in kinds}  # mentioned, evidenced, count
    for s in _units(text):
        mentions = sorted((m.start(), m.end(), k.key) for k in kinds for m in k.patterns.finditer(s))
        if not mentions:
            continue
        clause_ends = [m.end() for m in _CLAUSE_END.finditer(s)]
        starts = {k.key: [st for st, _, key in mentions if key == k.key] for k in kinds}
        has_act = acts is not None and acts.search(s) is not None
        last_end: dict[str, int] = {}  # the end of each kind's latest mention so far
        seen: set[tuple[str, int, int]] = set()
        for start, end, key in mentions:
            lo = 0
            for other, e in last_end.items():
                if other != key:
                    i = bisect_left(clause_ends, e + 1)  # the clause end after that mention
                    cut = clause_ends[i] if i < len(clause_ends) else None
                    lo = max(lo, cut if cut is not None and cut <= start else e)
            hi = len(s)
            for other, positions in starts.items():
                if other != key:
                    i = bisect_left(positions, end)
                    if i < len(positions):
                        hi = min(hi, positions[i])
            last_end[key] = max(last_end.get(key, 0), end)
            entry = state[key]
            entry[0] = True
            if (key, lo, hi) in seen:
                continue  # the same stretch as an earlier mention of this kind
            seen.add((key, lo, hi))
            found = list(figures.finditer(s, lo, hi))
            if found or has_act:
                entry[1] = True
            counts = [c for c in (_count(f.group(0)) for f in found) if c is not None]
            if counts:
                entry[2] = max([*counts, *([entry[2]] if entry[2] is not None else [])])
    return {k.key: Judgement(k, *state[k.key]) for k in kinds}


def _units(text: str) -> Iterator[str]:
    """The sentences of ``text``; an item's heading sentence (「二是加强述法工作。」) is joined with
    the sentences of its item, which give its facts."""
    for paragraph in text.split("\n"):
        sentences = [m.group(0) for m in _SENTENCE.finditer(paragraph)]
        i = 0
        while i < len(sentences):
            unit = [sentences[i]]
            if _ITEM.match(unit[0]) and len(unit[0]) <= _ITEM_HEADING_CHARS:
                while i + 1 < len(sentences) and not _ITEM.match(sentences[i + 1]):
                    i += 1
                    unit.append(sentences[i])
            yield "。".join(unit)
            i += 1


def _evidence_text(report: Report, template: Template) -> str:
    """The report's text where evidence of the past year can stand: plans and shortcomings left out."""
    skipped = set(template.duty_evidence.not_evidence)
    out = set()
    for s in report.sections:
        if s.key in skipped:
            out.update(range(s.start, s.end))
    return "\n".join(p.text for i, p in enumerate(report.source.paragraphs) if i not in out)


def judged_kinds(report: Report, template: Template) -> dict[str, Judgement] | None:
    """Each kind of evidence judged in the first-responsibility part (a kind of scope report: in
    the whole report but its plans and shortcomings); None when this rule has nothing to judge
    (no such part: section-missing; no evidence at all: duty-evidence-missing)."""
    key, kinds, figures, acts = _kinds(template)
    if not kinds or figures is None or not any(s.key == key for s in template.sections):
        return None
    spec = template.section(key)
    hits = [s for s in report.sections if s.key == key]
    if not hits:
        return None  # section-missing
    text = "\n".join(content_text(report, h) for h in hits)
    if spec.evidence and not any(rx.search(text) for _, rx in spec.evidence):
        return None  # duty-evidence-missing: none of the evidence at all
    whole = _evidence_text(report, template) if any(k.scope == "report" for k in kinds) else ""
    section_kinds = tuple(k for k in kinds if k.scope == "section")
    report_kinds = tuple(k for k in kinds if k.scope == "report")
    return {**judge(text, section_kinds, figures, acts), **judge(whole, report_kinds, figures, acts)}


def topics_judged_here(report: Report, template: Template) -> dict[str, frozenset[int]]:
    """Indicator topics this rule already reports as given without figures, each with the
    paragraphs where it judged them: there a topic without data is this rule's finding, not
    indicator-no-data's as well (one fault, one finding)."""
    judged = judged_kinds(report, template)
    if not judged:
        return {}
    key, kinds, _, _ = _kinds(template)
    section = frozenset(i for s in report.sections if s.key == key for i in range(s.start, s.end))
    skipped = set(template.duty_evidence.not_evidence)
    left_out = {i for s in report.sections if s.key in skipped for i in range(s.start, s.end)}
    evidence = frozenset(i for i in range(len(report.source.paragraphs)) if i not in left_out)
    return {
        k.indicator: (section if k.scope == "section" else evidence)
        for k in kinds
        if k.indicator and judged[k.key].mentioned and not judged[k.key].evidenced
    }


@rule(
    id="duty-evidence-incomplete",
    family="review",
    severity="info",
    summary="第一责任人履职部分逐项看：专题研究、学法、述法、出庭应诉、“四个亲自”缺项或只有口号没有数据",
    rationale="考核评价按事实计分（如一年专题研究法治工作少于3次、专题学法少于6次扣分）。“亲自部署、亲自过问”之类的表述"
    "说明不了履职情况，每一项都要有次数等数据或具体做法。模板可以规定各项的最少次数（内置模板不设，达不到时为警告）。"
    "这一部分完全没有履职事实时报告 duty-evidence-missing，不再重复报告本规则；学法、述法、出庭应诉在这里只有表述时由本规则指出，"
    "不再另报 indicator-no-data（模板中的 indicator 把一项履职与一个指标对应起来）。",
    source=f"{REG_FIRST}；《法治中国建设规划（2020－2025年）》（述法）；各地法治政府建设考核评价细则",
    bad=variant(
        "县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。",
        "县政府常务会议专题研究法治政府建设工作，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。",
    ),
    good=variant(
        "重大问题亲自过问。",
        "重大问题亲自过问，县长亲自协调解决乡镇综合执法队伍编制问题3个。",
    ),
    placeholder_stands_for="section",
    case_severities={"below_minimum": "warning"},  # fewer than the template's minimum count
)
def duty_evidence_incomplete(report: Report, template: Template) -> Iterator[Hit]:
    judged = judged_kinds(report, template)
    if judged is None:
        return
    key, kinds, _, _ = _kinds(template)
    spec = template.section(key)
    hits = [s for s in report.sections if s.key == key]
    missing = [k.name for k in kinds if not judged[k.key].mentioned]
    bare = [k.name for k in kinds if judged[k.key].mentioned and not judged[k.key].evidenced]
    short = [
        (k.name, judged[k.key].count, k.minimum) for k in kinds
        if k.minimum and judged[k.key].evidenced and (judged[k.key].count or 0) < k.minimum
    ]
    if not (missing or bare or short):
        return
    parts = []
    if missing:
        parts.append(f"没有写{'、'.join(missing)}")
    if bare:
        parts.append(f"{'、'.join(bare)}只有表述，没有次数等数据或具体做法")
    for name, count, minimum in short:
        parts.append(f"{name}写明的次数（{count if count is not None else '未写次数'}）少于模板要求的{minimum}次")
    yield hit_at(
        hits[0].start,
        f"「{spec.title}」的履职情况不完整：{'；'.join(parts)}。",
        template.suggestion("duty-evidence-incomplete", f"按{REG_FIRST}逐项写明履职的具体事实和次数。", spec),
        case="below_minimum" if short else "",
        missing=missing, without_figures=bare, below_minimum=[name for name, _, _ in short],
    )
