"""Figure rules: impossible rates, parts larger than their whole, rates the counts contradict
(SPEC §3 Indicators and figures).

All three read the report's sentences and their figures from its readings
(:class:`checker.readings.report.Readings`: each sentence split and its figures read once for
the three of them and the indicator rules), and only the sentences a cheap pattern says can
matter. They are
written for precision: a figure that is approximate (约、余、近、多、以上), in another unit, or
whose role in the sentence is not clear keeps the rule quiet.

Words the rules go by (what a figure counts) are read from the figure's *clause*: the text
between the previous figure (or the last comma before it) and the figure — 「收到行政复议申请」
「受理」「撤销、确认违法、责令履行案件共」.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..readings.figures import COUNT_UNITS, MEASURE_UNITS, Figure, rounds_to
from ..model import Report
from .declare import Hit, hit_at, rule
from ..template import Rate, StageChains, Template
from .examples import MINI, variant

ORDER = 40  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

_AMOUNT_UNITS = frozenset(COUNT_UNITS + MEASURE_UNITS)


@dataclass(frozen=True)
class _Sentence:
    index: int  # paragraph
    offset: int  # of the sentence in the paragraph
    text: str
    figures: tuple[Figure, ...]
    clauses: tuple[str, ...]  # one per figure


def _sentences(report: Report, hint: re.Pattern[str]) -> Iterator[_Sentence]:
    """The sentences that ``hint`` finds something in, with their figures and clauses."""
    readings = report.readings
    for i, p in enumerate(report.source.paragraphs):
        if not hint.search(p.text):
            continue
        for sentence in readings.sentences(i):
            if not hint.search(sentence.text):
                continue
            figures = readings.figures(sentence)
            if figures:
                yield _Sentence(i, sentence.start, sentence.text, figures, readings.clauses(sentence))


def _exact_amount(f: Figure) -> bool:
    return not f.approx and not f.is_percent and f.unit in _AMOUNT_UNITS


def _n(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _show(f: Figure) -> str:
    return f.text.strip()


def _at(s: _Sentence, first: Figure, last: Figure, message: str, suggestion: str, **data) -> Hit:
    return hit_at(s.index, message, suggestion, start=s.offset + first.start, end=s.offset + last.end, **data)


# --- percent-range -------------------------------------------------------------------------
_PERCENT_HINT = re.compile(r"[%％‰]|百分之")
# A rate: the clause ends with a rate word, perhaps followed by a verb of stating (提高到 states a
# level). Growth and change are not rates and never match: in 同比增长150%, 增幅120%, 结案率提高15%
# the clause ends with the change, not with the rate.
_RATE_END = re.compile(
    r"(率|占比|比例|比重|满意度|知晓度|覆盖面|占)(均|都|分别|已|总体|整体|平均)*"
    r"(为|是|达|达到|达至|已达|保持|保持在|稳定在|超过|提高到|提高至|提升到|提升至|上升到|上升至|升至|降至|降到|下降到|下降至)?$"
)
# Rates that may lawfully pass 100% (a target overshot, a growth rate) or are not shares at all.
_OPEN_RATES = re.compile(
    r"完成率|完成|超额|增长率|增速|收益率|回报率|负债率|利用率|贡献率|溢价率|效率|频率|汇率|利率|速率|功率|容积率|周转率|"
    r"目标|任务|计划|上年|去年|同期|倍"
)


def _is_rate(clause: str) -> bool:
    return bool(_RATE_END.search(clause)) and not _OPEN_RATES.search(clause)


# --- examples and sources the rules below cite ---------------------------------------------------
_SRC_TRUE = "《法治政府建设与责任落实督察工作规定》（年度报告内容真实准确）"


@rule(
    id="percent-range",
    family="figures",
    severity="error",
    summary="比率（…率、占比、满意度）超过100%或小于0",
    rationale="比率是部分占整体的比例，不可能超过100%或为负数；出现这种数字说明数据或计算有误。"
    "同比增长、增幅不是比率，“个百分点”不是百分比，不在此列。",
    source=_SRC_TRUE,
    bad=variant("网上可办率达到98.6%", "网上可办率达到108.6%"),
    good=MINI,
)
def percent_range(report: Report, template: Template) -> Iterator[Hit]:
    for s in _sentences(report, _PERCENT_HINT):
        for f, clause in zip(s.figures, s.clauses):
            if not f.is_percent or f.approx or 0 <= f.value <= 100 or not _is_rate(clause):
                continue
            what = "超过100%" if f.value > 100 else "小于0"
            yield _at(
                s, f, f,
                f"「{clause}{_show(f)}」{what}：比率（率、占比、满意度等）只能在0到100%之间。",
                "核对这个比率和计算它的数字；如果说的是增长幅度，写成“同比增长……%”。",
                value=_n(f.value),
            )


# --- count-inconsistent ----------------------------------------------------------------------
# Stages of one matter, in order: a later stage never counts more than an earlier one. The
# chains are template data (``stage_chains``); a stage continues a chain when its clause is the
# bare stage word, with these words around it.
_FOLLOWER_FILL_BEFORE = r"(?:其中|已经|已|依法|全年|全部|均|共计|共|累计|实际|最终|当年|年内|并|及时|一次性|现场)*"
_FOLLOWER_FILL_AFTER = r"(?:立案|案件|申请|人数|考试|纠纷|的|了)*"
# Words of counting and of outcomes: a 其中 list of parts named by them lists stages or overlapping
# groups, not parallel categories.
_OUTCOME_WORDS = r"成功|纠错|纠正|撤销|维持|驳回|败诉|胜诉|整改|完成|出庭|处罚|办理"


@dataclass(frozen=True)
class _Chain:
    key: str
    stages: tuple[tuple[str, re.Pattern[str]], ...]  # (name, pattern) in order
    followers: tuple[tuple[str, re.Pattern[str]], ...]  # the same, matching a whole clause
    carry_over: re.Pattern[str] | None


@dataclass(frozen=True)
class _Chains:
    hint: re.Pattern[str]  # sentences worth reading for stages
    stage_words: re.Pattern[str]
    chains: tuple[_Chain, ...]


def _chains(template: Template) -> _Chains | None:
    spec = template.stage_chains
    return _compiled_chains(spec) if spec else None


@lru_cache(maxsize=16)
def _compiled_chains(spec: StageChains) -> _Chains:
    out = []
    for chain in spec.chains:
        followers = tuple(
            (name, re.compile(_FOLLOWER_FILL_BEFORE + f"(?:{rx.pattern})" + _FOLLOWER_FILL_AFTER)) for name, rx in chain.stages
        )
        out.append(_Chain(chain.key, chain.stages, followers, chain.carry_over))
    return _Chains(spec.words, re.compile(spec.words.pattern + "|" + _OUTCOME_WORDS), tuple(out))


@dataclass(frozen=True)
class _Stage:
    chain: _Chain
    rank: int
    label: str


def _head_stage(chains: _Chains, clause: str) -> _Stage | None:
    for chain in chains.chains:
        for rank, (label, rx) in enumerate(chain.stages):
            if rx.search(clause):
                return _Stage(chain, rank, label)
    return None


def _follower_stage(clause: str, chain: _Chain) -> _Stage | None:
    for rank, (label, rx) in enumerate(chain.followers):
        if rx.fullmatch(clause):
            return _Stage(chain, rank, label)
    return None


def _chain_findings(report: Report, chains: _Chains, s: _Sentence) -> Iterator[Hit]:
    """收到 ≥ 受理 ≥ 审结, 应考 ≥ 参考 ≥ 通过: each stage against the one just before it.

    A stage continues a chain only when its clause is the bare stage word (「受理」「已审结」),
    so it is about the same matter; any other count in the same unit breaks the chain.
    """
    previous: tuple[Figure, str, _Stage] | None = None
    for f, clause in zip(s.figures, s.clauses):
        if f.is_percent:
            continue
        if f.approx or f.unit not in _AMOUNT_UNITS:
            if previous and (f.unit == previous[0].unit or _head_stage(chains, clause)):
                previous = None
            continue
        stage = None
        if previous and previous[0].unit == f.unit:
            stage = _follower_stage(clause, previous[2].chain)
            if stage and stage.rank > previous[2].rank:
                whole, whole_clause, whole_stage = previous
                if f.value > whole.value and not _carried_over(stage, s.text):
                    yield _at(
                        s, whole, f,
                        f"「{clause}{_show(f)}」比「{whole_clause}{_show(whole)}」还多：{stage.label}的数量"
                        f"不会超过{whole_stage.label}的数量。",
                        f"核对这两个数字（{stage.label}数应不大于{whole_stage.label}数）。",
                        whole=_n(whole.value), part=_n(f.value),
                    )
                previous = (f, clause, stage)
                continue
        head = _head_stage(chains, clause)
        if head:
            previous = (f, clause, head)
        elif previous and previous[0].unit == f.unit:
            previous = None


def _carried_over(stage: _Stage, sentence: str) -> bool:
    """The chain's last stage, in a sentence that speaks of cases carried over (结转, 上年): it may
    count more than the stage before it."""
    chain = stage.chain
    return chain.carry_over is not None and stage.rank == len(chain.stages) - 1 and bool(chain.carry_over.search(sentence))


# 「共X件，其中A件、B件」: the whole is the count just before 其中, the parts follow it.
_PART_STOP = re.compile(r"[）)】]|另有|另外|此外|还有|同比|环比|较上年|比上年|增长|减少|下降|新增|涉及")
_OVERLAP = re.compile(r"涉|含|包括|兼|同时|其中|以上|以下")


@dataclass(frozen=True)
class _Part:
    figure: Figure
    label: str
    listed: bool  # the first after 其中, or joined to the previous part by 、


def _parts(s: _Sentence, after: int, whole: Figure) -> list[_Part]:
    """The figures listed after 其中 (at ``after``): same unit, exact, close together."""
    parts: list[_Part] = []
    previous_end = after
    for f, clause in zip(s.figures, s.clauses):
        if f.start < after:
            continue
        gap = s.text[previous_end:f.start]
        if len(gap) > 24 or f.unit != whole.unit or not _exact_amount(f) or f.is_total or _PART_STOP.search(gap):
            break
        listed = not parts or (parts[-1].listed and gap.startswith("、"))
        parts.append(_Part(f, clause.removeprefix("其中"), listed))
        previous_end = f.end
    return parts


def _common_suffix(labels: list[str]) -> str:
    suffix = labels[0]
    for label in labels[1:]:
        while suffix and not label.endswith(suffix):
            suffix = suffix[1:]
    return suffix


def _clear_partition(chains: _Chains, whole_clause: str, parts: list[_Part]) -> bool:
    """Parallel categories (市直…事项、镇级…事项), not stages or overlapping groups."""
    labels = [p.label for p in parts]
    if len(labels) < 2 or not all(labels) or len(set(labels)) < 2:
        return False
    if any(chains.stage_words.search(label) or _OVERLAP.search(label) for label in labels):
        return False
    return len(_common_suffix(labels + [whole_clause])) >= 2


def _partition_findings(report: Report, chains: _Chains, s: _Sentence) -> Iterator[Hit]:
    for m in re.finditer("其中", s.text):
        before = [k for k, f in enumerate(s.figures) if f.end <= m.start()]
        if not before:
            continue
        whole, whole_clause = s.figures[before[-1]], s.clauses[before[-1]]
        gap = s.text[whole.end:m.start()]
        if not _exact_amount(whole) or len(gap) > 16 or re.search(r"[0-9]", gap):
            continue
        parts = _parts(s, m.end(), whole)
        bigger = [p for p in parts if p.listed and p.figure.value > whole.value]
        if bigger:
            part = bigger[0]
            yield _at(
                s, whole, part.figure,
                f"其中的「{part.label}{_show(part.figure)}」比总数「{whole_clause}{_show(whole)}」还多。",
                "核对总数和“其中”所列的数字：部分不会大于整体。",
                whole=_n(whole.value), part=_n(part.figure.value),
            )
            continue
        total = sum(p.figure.value for p in parts)
        if total > whole.value and _clear_partition(chains, whole_clause, parts):
            listed = "、".join(f"{p.label}{_show(p.figure)}" for p in parts)
            yield _at(
                s, whole, parts[-1].figure,
                f"其中所列各项（{listed}）合计{_n(total)}{whole.unit}，超过了总数「{whole_clause}{_show(whole)}」。",
                "核对总数和分项数字，使分项之和不超过总数。",
                whole=_n(whole.value), part=_n(total),
            )


@rule(
    id="count-inconsistent",
    family="figures",
    severity="warning",
    summary="部分大于整体：受理数多于收到数、办结数多于受理数、“其中”分项大于总数",
    rationale="同一事项的受理数不会多于收到数，审结数不会多于受理数（有上年结转的除外），通过人数不会多于应考人数，"
    "“其中”所列分项不会大于总数；这类矛盾会被公众和督察发现。约数和不同单位的数字不比较。",
    source=_SRC_TRUE,
    bad=variant("受理21件", "受理25件"),
    good=MINI,
)
def count_inconsistent(report: Report, template: Template) -> Iterator[Hit]:
    chains = _chains(template)
    if chains is None:
        return
    for s in _sentences(report, chains.hint):
        if len(s.figures) < 2:
            continue
        parts_seen = set()  # one finding per part: the chain's, which names the stages
        for f in _chain_findings(report, chains, s):
            parts_seen.add(f.end)
            yield f
        if "其中" in s.text:
            yield from (f for f in _partition_findings(report, chains, s) if f.end not in parts_seen)


# --- ratio-mismatch ------------------------------------------------------------------------
@dataclass(frozen=True)
class RateDefinition:
    """A rate and the counts that define it: numerator ÷ denominator (template data: ``rates``)."""

    rate: re.Pattern[str]  # the end of the rate's clause: 纠错率
    numerator: re.Pattern[str]
    denominator: re.Pattern[str]


def rates(template: Template) -> tuple[RateDefinition, ...]:
    """The template's rates (``rates``), in order: the first whose name ends a clause is checked."""
    return _compiled_rates(template.rates)


@lru_cache(maxsize=16)
def _compiled_rates(table: tuple[Rate, ...]) -> tuple[RateDefinition, ...]:
    return tuple(RateDefinition(re.compile(f"(?:{r.rate.pattern})$"), r.numerator, r.denominator) for r in table)


# Words before the rate that only name the matter or the scope, not a subset of the numerator.
_GENERIC_QUALIFIERS = re.compile(
    r"直接|综合|总体|整体|平均|全年|年度|案件|全市|全县|全区|全省|我市|我县|我区|本级|行政复议|复议|行政诉讼|诉讼|"
    r"行政应诉|应诉|考试|学法|考法|事项|政务服务|行政机关负责人|负责人|人民调解|的|为|其中|、"
)
_RATIO_HINT = re.compile(r"率")
_STATING_TAIL = re.compile(
    r"(?:均|都|分别|已|总体|整体|平均)*"
    r"(?:为|是|达到|达至|达|保持在|保持|稳定在|提高到|提高至|提升到|提升至|上升到|上升至|升至|降至|降到)?$"
)
_NOT_DEFINING = re.compile(r"新增|增加|减少|同比|环比|较上年|比上年|累计")


def _qualifier_ok(clause: str, rate_start: int, numerator_clause: str) -> bool:
    """调解结案率 is not 结案率: a qualifier of the rate must be in the numerator's clause."""
    qualifier = _GENERIC_QUALIFIERS.sub("", clause[:rate_start])
    return not qualifier or qualifier in numerator_clause


def _defining_counts(s: _Sentence, k: int, clause: str, definition: RateDefinition, rate_start: int):
    """(numerator, [denominators]) before rate ``k`` that define it, or None when unclear."""
    numerator = None
    for j in range(k - 1, -1, -1):
        f, c = s.figures[j], s.clauses[j]
        if f.is_percent:
            continue
        if definition.numerator.search(c):
            numerator = j
            break
    if numerator is None:
        return None
    num, num_clause = s.figures[numerator], s.clauses[numerator]
    if any(f.is_percent for f in s.figures[numerator + 1:k]):
        return None  # the count belongs to the rate stated before this one
    if not _exact_amount(num) or _NOT_DEFINING.search(num_clause) or not _qualifier_ok(clause, rate_start, num_clause):
        return None
    denominators = []
    for j in range(k):
        f, c = s.figures[j], s.clauses[j]
        if j == numerator or f.is_percent or f.unit != num.unit:
            continue
        if definition.denominator.search(c) and not definition.numerator.search(c):
            if not _exact_amount(f) or _NOT_DEFINING.search(c):
                return None  # an approximate or partial count could be the base: say nothing
            if f.value >= num.value > 0 or (f.value > 0 and num.value == 0):
                denominators.append(j)
    if not denominators:
        return None
    return numerator, denominators


@rule(
    id="ratio-mismatch",
    family="figures",
    severity="warning",
    summary="写明的比率与同一句中计算它的数字对不上（纠错率17.4%却是4÷20）",
    rationale="比率应能由同一句中的计数算出（纠错率＝纠错数÷审结数，调解成功率＝调解成功数÷受理数，通过率＝通过人数÷应考人数），"
    "按写明的精度四舍五入后应一致；对不上说明比率或计数有误。",
    source=_SRC_TRUE,
    bad=variant("直接纠错4件；", "直接纠错4件，直接纠错率25%；"),
    good=variant("直接纠错4件；", "直接纠错4件，直接纠错率20%；"),
)
def ratio_mismatch(report: Report, template: Template) -> Iterator[Hit]:
    table = rates(template)
    if not table:
        return
    for s in _sentences(report, _RATIO_HINT):
        if len(s.figures) < 3:
            continue
        for k, (rate, clause) in enumerate(zip(s.figures, s.clauses)):
            if not rate.is_percent or rate.approx or not 0 <= rate.value <= 100:
                continue
            clause = clause[: _STATING_TAIL.search(clause).start()]
            for definition in table:
                m = definition.rate.search(clause)
                if m is None:
                    continue
                found = _defining_counts(s, k, clause, definition, m.start())
                if found is None:
                    break
                numerator, denominators = found
                num = s.figures[numerator]
                if any(rounds_to(num.value / s.figures[j].value * 100, rate.value, rate.decimals) for j in denominators):
                    break
                den_at = max((j for j in denominators if j < numerator), default=denominators[0])
                den, den_clause = s.figures[den_at], s.clauses[den_at]
                computed = round(num.value / den.value * 100, rate.decimals + 1)
                stated = _n(rate.value)
                yield _at(
                    s, s.figures[min(numerator, den_at)], rate,
                    f"「{m.group(0)}{_show(rate)}」与同一句中的数字不符：{s.clauses[numerator]}{_show(num)}÷"
                    f"{den_clause}{_show(den)}＝{_n(computed)}%。",
                    f"核对{m.group(0)}和计算它的两个数字，改正其中写错的一个（按这两个数字应为{_n(computed)}%）。",
                    stated=stated, computed=_n(computed),
                )
                break
