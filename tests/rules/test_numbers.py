"""Figure rules on team-written drafts, both ways: impossible rates, parts larger than their
whole, rates the counts contradict — and the traps that must stay quiet (growth above 100%,
个百分点, approximate counts, unrelated counts, rates stated without counts)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import check_text

from tests.conftest import findings_of
from tests.drafts import CLEAN

SPOT = "全年新增网上可办事项126项"
FIGURE_RULES = ("percent-range", "count-inconsistent", "ratio-mismatch")


def with_text(sentence: str) -> str:
    return CLEAN.replace(SPOT, sentence)


def found(sentence: str, rule: str) -> list:
    return findings_of(check_text(with_text(sentence)), rule)


def span_text(sentence: str, f) -> str:
    text = with_text(sentence)
    line = text.splitlines()[f.line - 1]
    return line[f.column - 1:f.end_column - 1]


def test_clean_draft_is_quiet():
    result = check_text(CLEAN)
    assert [f for f in result.findings if f.rule in FIGURE_RULES] == []


# --- percent-range -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, value",
    [
        ("政务服务事项网上可办率达到108.6%", 108.6),
        ("群众满意度为120%", 120),
        ("执法人员培训覆盖率达到101%", 101),
        ("行政复议纠错率为-5%", -5),
        ("即办件占比115%", 115),
        ("即办件占110%", 110),
        ("案卷评查达标率102.5%", 102.5),
        ("结案率提高到105%", 105),  # 提高到 states the level
        ("法律顾问覆盖率百分之一百二十", 120),
    ],
)
def test_percent_range_fires(sentence, value):
    (f,) = found(sentence, "percent-range")
    assert f.severity == "error"
    assert f.data == {"value": value}
    assert span_text(sentence, f) in sentence and ("%" in span_text(sentence, f) or "百分之" in span_text(sentence, f))


@pytest.mark.parametrize(
    "sentence",
    [
        "市场主体同比增长150%",  # growth is not a rate
        "行政复议案件增幅达到120%",
        "案件数量较上年提高150%",
        "网办事项增长率为230%",
        "办理时限压缩150%",
        "结案率提高2.3个百分点",  # a difference of percentages, not a percent
        "结案率提高120个百分点",
        "结案率同比提高150%",
        "网上可办率较上年增长120%",
        "任务完成率115%",  # a target may be overshot
        "占全年目标任务的120%",
        "网上可办率达100%",
        "纠错率为0%",
        "满意度超过120%",  # approximate: never the basis of an error
        "为上年的150%",  # no rate word
        "审批效率提高到150%",  # 效率 is no share
    ],
)
def test_percent_range_quiet(sentence):
    assert found(sentence, "percent-range") == []


# --- count-inconsistent --------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, whole, part",
    [
        ("全年收到行政复议申请23件，受理25件，审结20件", 23, 25),
        ("全年收到行政复议申请23件，受理21件，审结22件", 21, 22),
        ("共收到复议申请67件，其中受理立案61件、办结70件", 61, 70),
        ("组织学法考试应考9702人，参考9800人，通过9692人", 9702, 9800),
        ("组织学法考试应考9702人，参考9600人，通过9692人", 9600, 9692),
        ("应参加培训412人，参加420人", 412, 420),
        ("共收到申请30件，其中受理35件", 30, 35),
        ("全年收到行政复议申请近30件，受理25件，审结28件", 25, 28),  # the exact pair still counts
        ("评查行政执法案卷共100卷，其中市直单位案卷60卷、乡镇案卷120卷", 100, 120),
        ("共评查案卷100卷，其中市直单位案卷60卷、乡镇单位案卷50卷", 100, 110),  # parts add up beyond
        ("认领发布事项1063项，其中：市直依申请事项719项，公共服务事项324项，镇级依申请事项10项，镇级公共服务事项14项", 1063, 1067),
    ],
)
def test_count_inconsistent_fires(sentence, whole, part):
    (f,) = found(sentence, "count-inconsistent")
    assert f.severity == "warning"
    assert f.data == {"whole": whole, "part": part}
    shown = span_text(sentence, f)
    assert shown.startswith(str(whole)) or str(whole) in shown


@pytest.mark.parametrize(
    "sentence",
    [
        "全年收到行政复议申请23件，受理21件，审结20件",
        "全年收到行政复议申请约23件，受理25件",  # approximate
        "全年收到行政复议申请20余件，受理25件",
        "全年收到行政复议申请30件，受理近25件，审结28件",
        "全年收到行政复议申请23件，受理21件，审结22件（含上年结转3件）",  # carried over
        "收到行政复议申请23件，不予受理25件",  # not a stage
        "收到行政复议申请23件，受理21人",  # another unit
        "培训执法人员400人，参加培训420人次",
        "受理复议案件20件，行政诉讼案件45件，审结38件",  # another matter in between
        "受理复议案件20件，审结18件，行政应诉案件受理45件、审结40件",  # two matters
        "收到群众来信100件，受理行政复议申请120件",  # two matters: the second names its own
        "全县10230人参加学法考试，其中免考528人，应考9702人，通过9692人",  # stages, not a partition
        "共收到复议申请67件，其中受理立案61件、办结57件",
        "共收到申请30件，其中受理27件，法院受理行政诉讼案件45件",  # the 其中 list ended
        "检查企业100家，其中食品企业60家、涉疫企业50家",  # categories may overlap
        "受理案件100件，其中行政案件60件、民事案件40件",
        "共发布37条行政职权，其中行政处罚19条、行政强制2条、行政检查16条",
        "办理案件50件（其中民事案件2件），已审结的13件行政案件中，判决驳回2件，撤诉2件",
        "共收到申请30件，其中约35件已受理",
    ],
)
def test_count_inconsistent_quiet(sentence):
    assert found(sentence, "count-inconsistent") == []


# --- ratio-mismatch ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, stated, computed",
    [
        ("人民调解组织共受理矛盾纠纷8067件，调解成功7825件，调解成功率为99%", 99, 97),
        ("收到行政复议申请30件，受理27件，办结23件，撤销、确认违法、责令履行案件共4件，直接纠错率为20.4%", 20.4, 17.39),
        ("全县应考9702人，通过9692人，通过率98.9%", 98.9, 99.9),
        ("制定规范性文件22件，报备20件，报备率100%", 100, 90.9),
        ("受理案件100件，办结98件，办结率95%", 95, 98),
        ("行政诉讼一审审结35件，败诉2件，败诉率8%", 8, 5.7),
        ("政务服务事项1063项，可网上办理事项1059项，可网办率99.71%", 99.71, 99.624),
        ("应参训执法人员500人，参训480人，参训率98%", 98, 96),
    ],
)
def test_ratio_mismatch_fires(sentence, stated, computed):
    (f,) = found(sentence, "ratio-mismatch")
    assert f.severity == "warning"
    assert f.data == {"stated": stated, "computed": computed}
    assert f"{computed}%" in f.message
    assert span_text(sentence, f).endswith("%")


@pytest.mark.parametrize(
    "sentence",
    [
        "人民调解组织共受理矛盾纠纷8067件，调解成功7825件，调解成功率为97 %",  # 000
        "收到行政复议申请30件，受理27件，办结23件，撤销、确认违法、责令履行案件共4件，直接纠错率为17.4%",  # 001
        "全县10230人参加学法考试，其中免考528人，应考9702人，通过9692人，通过率99.9%",  # 004
        "受理复议案件20件，审结18件，纠错3件，纠错率15%",  # 3/20: a base some reports use
        "行政复议纠错率17.4%",  # a rate stated without counts
        "制定行政规范性文件22件，报备率、程序到位率100%",  # only one count
        "培训执法人员412人次，评查案卷180卷，案卷合格率95%",  # two unrelated counts
        "受理调解案件50件，调解纠纷30件，调解成功率90%",  # no count of successes
        "受理矛盾纠纷约8000件，调解成功7825件，调解成功率为99%",  # approximate counts
        "受理矛盾纠纷8067件，调解成功7800余件，调解成功率为99%",
        "受理矛盾纠纷8000多件，调解成功7825件，调解成功率为99%",
        "受理矛盾纠纷近8100件，调解成功7825件，调解成功率为99%",
        "受理约30件，办结23件，纠错4件，纠错率13.3%",  # 4/30: the approximate count may be the base
        "收到行政复议申请30件，受理27件，办结23件，调解结案率73.9%",  # another rate than 结案率
        "受理案件100件，办结98件，按期办结率95%",
        "培训执法人员500人，参训480人次，参训率98%",  # different units
        "受理100件，办结98件，办结率98%，纠错5件，纠错率5.1%",
        "新增网上可办事项126项，政务服务事项网上可办率达到98.6%",  # 新增 is no base
        "受理案件100件，办结98件，办结率100%以上",
    ],
)
def test_ratio_mismatch_quiet(sentence):
    assert found(sentence, "ratio-mismatch") == []


def test_ratio_mismatch_rounds_at_the_stated_precision():
    assert found("应考300人，通过291人，通过率97%", "ratio-mismatch") == []  # 97.0
    assert found("应考300人，通过290人，通过率97%", "ratio-mismatch") == []  # 96.67 rounds to 97
    (f,) = found("应考300人，通过290人，通过率97.0%", "ratio-mismatch")  # 96.67 ≠ 97.0
    assert f.data == {"stated": 97, "computed": 96.67}


def test_counts_in_another_sentence_do_not_define_a_rate():
    assert found("受理矛盾纠纷8067件，调解成功7825件。调解成功率为99%", "ratio-mismatch") == []


# --- properties ----------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=5000),
    st.integers(min_value=0, max_value=5000),
    st.integers(min_value=0, max_value=2),
)
def test_a_rate_computed_from_its_counts_is_never_flagged(received, settled, decimals):
    settled = min(settled, received)
    rate = round(settled / received * 100, decimals)
    sentence = f"受理矛盾纠纷{received}件，调解成功{settled}件，调解成功率为{rate:.{decimals}f}%"
    result = check_text(with_text(sentence))
    assert [f for f in result.findings if f.rule in FIGURE_RULES] == []


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=5000), st.integers(min_value=0, max_value=5000))
def test_chain_fires_exactly_when_a_stage_grows(received, accepted, concluded):
    sentence = f"全年收到行政复议申请{received}件，受理{accepted}件，审结{concluded}件"
    pairs = {(f.data["whole"], f.data["part"]) for f in found(sentence, "count-inconsistent")}
    expected = set()
    if accepted > received:
        expected.add((received, accepted))
    if concluded > accepted:
        expected.add((accepted, concluded))
    assert pairs == expected
