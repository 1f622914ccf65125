"""The figure reader: every written form reads back with its value, unit, precision and label;
dates, labels, names and document numbers are not read as counts; no string makes it fail."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from checker.readings.figures import Figure, find_figures, rounds_to, sentence_of, split_sentences


def only(text: str) -> Figure:
    """The single figure of ``text`` (fails when there is not exactly one)."""
    figures = find_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


def summary(text: str) -> list[tuple[str, float, str, bool]]:
    return [(f.text, f.value, f.unit, f.approx) for f in find_figures(text)]


# ---------------------------------------------------------------------------------------------
# Numbers and units


@pytest.mark.parametrize(
    ("text", "figure_text", "value", "unit", "decimals"),
    [
        ("受理23件", "23件", 23, "件", 0),
        ("培训执法人员236人次", "236人次", 236, "人次", 0),
        ("举办讲座260场次", "260场次", 260, "场次", 0),
        ("检测1420批次", "1420批次", 1420, "批次", 0),
        ("全县10230人参加", "10230人", 10230, "人", 0),
        ("聘请法律顾问12名", "12名", 12, "名", 0),
        ("新增4534户", "4534户", 4534, "户", 0),
        ("出具法律意见23份", "23份", 23, "份", 0),
        ("评查案卷46卷", "46卷", 46, "卷", 0),
        ("办理刑事案件7起", "7起", 7, "起", 0),
        ("报告12篇", "12篇", 12, "篇", 0),
        ("中小学达283所", "283所", 283, "所", 0),
        ("部署自助终端221台", "221台", 221, "台", 0),
        ("经费15元", "15元", 15, "元", 0),
        ("全年办结１２３件", "１２３件", 123, "件", 0),  # full-width digits
        ("数据项1.8万项", "1.8万项", 18000, "项", 1),
        ("汇聚数据1.2万条", "1.2万条", 12000, "条", 1),
        ("发放贷款14.41亿元", "14.41亿元", 1441000000, "元", 2),
        ("标的额达9296万元", "9296万元", 92960000, "元", 0),
        ("电子证照92万本", "92万本", 920000, "本", 0),
        ("投资7000万建设", "7000万", 70000000, "", 0),
        ("服务1,234人", "1,234人", 1234, "人", 0),
        ("服务1，234人", "1，234人", 1234, "人", 0),
        ("金额12,345.67元", "12,345.67元", 12345.67, "元", 2),
        ("24小时在线", "24小时", 24, "小时", 0),
        ("时间不多于4个工作日", "4个工作日", 4, "个工作日", 0),
        ("整改期限3个月", "3个月", 3, "个月", 0),
        ("15日内办结", "15日", 15, "日", 0),
    ],
)
def test_arabic_numbers_with_units(text, figure_text, value, unit, decimals):
    fig = only(text)
    assert (fig.text, fig.value, fig.unit, fig.decimals) == (figure_text, value, unit, decimals)
    assert fig.approx is False
    assert fig.is_percent is False
    assert text[fig.start : fig.end] == figure_text


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("共二十三个单位", 23, "个"),
        ("开展两次督查", 2, "次"),
        ("出台三项规定", 3, "项"),
        ("落实一名分管领导", 1, "名"),
        ("设立五个专项行动组", 5, "个"),
        ("召开十二次会议", 12, "次"),
        ("一百零五件", 105, "件"),
        ("两万人", 20000, "人"),
        ("三十场", 30, "场"),
    ],
)
def test_chinese_numerals_in_counts(text, value, unit):
    fig = only(text)
    assert (fig.value, fig.unit, fig.approx, fig.decimals) == (value, unit, False, 0)


def test_chinese_numeral_with_approx_marker():
    fig = only("走访企业十余家")
    assert (fig.text, fig.value, fig.unit, fig.approx) == ("十余家", 10, "家", True)
    fig = only("十几个部门")
    assert (fig.value, fig.unit, fig.approx) == (10, "个", True)


# ---------------------------------------------------------------------------------------------
# Percentages and point differences


@pytest.mark.parametrize(
    ("text", "figure_text", "value", "decimals"),
    [
        ("直接纠错率17.4%", "17.4%", 17.4, 1),
        ("调解成功率为97 %。", "97 %", 97, 0),
        ("通过率９９．９％", "９９．９％", 99.9, 1),
        ("网办率99.61%", "99.61%", 99.61, 2),
        ("满意率100％", "100％", 100, 0),
        ("同比下降-3.2%", "-3.2%", -3.2, 1),
        ("占百分之九十", "百分之九十", 90, 0),
    ],
)
def test_percentages(text, figure_text, value, decimals):
    fig = only(text)
    assert (fig.text, fig.value, fig.unit, fig.decimals) == (figure_text, value, "%", decimals)
    assert fig.is_percent is True
    assert fig.approx is False


def test_percentage_points_are_not_percents():
    fig = only("结案率提高2.3个百分点")
    assert (fig.value, fig.unit, fig.is_percent, fig.decimals) == (2.3, "个百分点", False, 1)
    assert only("下降5百分点").unit == "个百分点"
    assert only("提高两个百分点").value == 2


# ---------------------------------------------------------------------------------------------
# Approximate figures and ranges: never the basis of an error


@pytest.mark.parametrize(
    ("text", "figure_text", "value", "unit"),
    [
        ("培训2000余人", "2000余人", 2000, "人"),
        ("服务3000多户", "3000多户", 3000, "户"),
        ("覆盖近5000人", "近5000人", 5000, "人"),
        ("约300件", "约300件", 300, "件"),
        ("超过6次", "超过6次", 6, "次"),
        ("不超过5天", "不超过5天", 5, "天"),
        ("参加20人左右", "20人左右", 20, "人"),
        ("压缩40%以上", "40%以上", 40, "%"),
        ("投资50余万元", "50余万元", 500000, "元"),
        ("逾1.2万件", "逾1.2万件", 12000, "件"),
        ("培训百余人", "百余人", 100, "人"),
        ("服务一万余人", "一万余人", 10000, "人"),
        ("整改3个多月", "3个多月", 3, "个月"),
    ],
)
def test_approximate_figures(text, figure_text, value, unit):
    fig = only(text)
    assert (fig.text, fig.value, fig.unit, fig.approx) == (figure_text, value, unit, True)


@pytest.mark.parametrize(
    ("text", "value", "upper", "unit"),
    [
        ("落实1-2名专职人员", 1, 2, "名"),
        ("每年安排2-3次", 2, 3, "次"),
        ("配备1至2名", 1, 2, "名"),
        ("压缩5%-10%", 5, 10, "%"),
        ("1～2万人", 10000, 20000, "人"),
    ],
)
def test_ranges_are_approximate(text, value, upper, unit):
    fig = only(text)
    assert (fig.value, fig.upper, fig.unit, fig.approx) == (value, upper, unit, True)


def test_exact_figure_has_no_upper_bound():
    assert only("受理23件").upper is None


# ---------------------------------------------------------------------------------------------
# What must not be read as a count


@pytest.mark.parametrize(
    "text",
    [
        "2023年",
        "2023年度",
        "2023年3月15日",
        "截至10月",
        "10月份",
        "1—10月",
        "2021-2025年",
        "（2021－2025年）",
        "2021-01-11 17:07",
        "2024.3.15",
        "第一",
        "第3批",
        "第 3 次会议",
        "一是完善工作体系",
        "（一）推进数字政府",
        "(1)强化领导",
        "1.深入学习",
        "4、普法宣传教育方面",
        "〔2019〕28号",
        "厅字〔2019〕28号",
        "枣政办函[2020]58号",
        "八五普法",
        "七五普法",
        "“八五”普法",
        "二十大",
        "党的二十大精神",
        "十九届四中全会",
        "“十四五”规划",
        "全面推行三项制度",
        "“三项制度”",
        "“放管服”改革",
        "“最多跑一次”",
        "“百名干部进百企”",
        "法律送到千家万户",
        "深化“万所联万会”",
        "一户一档",
        "创建一批示范村",
        "共同参与、一起行动",
        "委员会二次会议",
        "神农云二期",
        "《法治政府建设实施纲要（2021－2025年）》",
        "“3·8”国际妇女节",
        "“4·15”国家安全日",
        "12.4国家宪法日",
        "7×24小时服务",
        "“5+4”专项行动",
        "6B会议室",
        "5G基站",
        "联系电话：0710-3221234",
        "手机13812345678",
        "12345政务服务便民热线",
        "拨打12348",
        "2022新提任副科级领导",
        "依照第2.3.4条",
        "数十家",
    ],
)
def test_not_read_as_figures(text):
    assert find_figures(text) == [], summary(text)


def test_numbers_around_traps_are_still_read():
    text = "2023年3月15日，依据厅字〔2019〕28号，全市开展“三项制度”检查12次，第一批整改问题8个。"
    assert summary(text) == [("12次", 12, "次", False), ("8个", 8, "个", False)]


def test_list_label_does_not_swallow_its_figure():
    assert summary("1.全年受理案件23件") == [("23件", 23, "件", False)]
    assert summary("（2）办结15件") == [("15件", 15, "件", False)]


# ---------------------------------------------------------------------------------------------
# Labels: the noun phrase before the figure


def test_labels_of_the_brief_example():
    figures = find_figures("收到行政复议申请23件，受理21件，直接纠错率17.4%")
    assert [(f.label, f.value, f.unit) for f in figures] == [
        ("收到行政复议申请", 23, "件"),
        ("受理", 21, "件"),
        ("直接纠错率", 17.4, "%"),
    ]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("调解成功率为97 %", ["调解成功率"]),
        ("可网办率达99.9%", ["可网办率"]),
        ("即办件占90.24%", ["即办件"]),
        ("办理了23件", ["办理"]),
        ("查处违法行为12起", ["查处违法行为"]),  # 行为 keeps its 为
        ("2023年受理21件", ["受理"]),  # the 年 of a date is not part of the label
        ("配备“法治副校长”的中小学达283所", ["中小学"]),
        ("互联网+政务服务平台发布37条", ["政务服务平台发布"]),
        ("其中：1.行政处罚19条；2.行政强制2条", ["行政处罚", "行政强制"]),
        ("全市各级人民调解组织与基层网格员排查矛盾纠纷123件", ["与基层网格员排查矛盾纠纷"]),
    ],
)
def test_labels(text, labels):
    assert [f.label for f in find_figures(text)] == labels


def test_label_is_at_most_twelve_characters():
    fig = only("全市各级人民调解组织与基层网格员排查矛盾纠纷123件")
    assert len(fig.label) == 12


def test_totals_and_parts():
    figures = find_figures("全年共收到行政复议申请30件，其中受理27件，撤销、确认违法、责令履行案件共4件。")
    assert [(f.label, f.is_total, f.is_part) for f in figures] == [
        ("收到行政复议申请", True, False),
        ("受理", False, True),
        ("责令履行案件", True, False),
    ]
    assert only("公共服务事项324项").is_total is False  # 共 inside 公共 is no total
    assert only("共享目录1767个").is_total is False


# ---------------------------------------------------------------------------------------------
# Sentences from the corpus (copied, so they run without ../shared/corpus)

CORPUS_000 = "今年以来,全市各级人民调解组织共受理矛盾纠纷8067件,调解成功7825件,调解成功率为97 %。"
CORPUS_001 = (
    "2023年市政府共收到行政复议申请30件,受理27件,办结23件,撤销、确认违法、责令履行案件共4件,"
    "直接纠错率为17.4%;调解结案率73.9%。"
)
CORPUS_004 = (
    "认真组织国家工作人员学法考法工作,全县10230人参加学法考试,其中免考528人,应考9702人,"
    "通过9692人,通过率99.9%,参考人数和考试合格率进入全市先进行列。"
)


def test_corpus_000_mediation():
    figures = find_figures(CORPUS_000)
    assert [(f.label, f.value, f.unit, f.decimals) for f in figures] == [
        ("受理矛盾纠纷", 8067, "件", 0),
        ("调解成功", 7825, "件", 0),
        ("调解成功率", 97, "%", 0),
    ]
    received, settled, rate = figures
    assert rounds_to(settled.value / received.value * 100, rate.value, rate.decimals)


def test_corpus_001_reconsideration():
    figures = find_figures(CORPUS_001)
    assert [(f.label, f.value, f.unit) for f in figures] == [
        ("收到行政复议申请", 30, "件"),
        ("受理", 27, "件"),
        ("办结", 23, "件"),
        ("责令履行案件", 4, "件"),
        ("直接纠错率", 17.4, "%"),
        ("调解结案率", 73.9, "%"),
    ]
    corrected, concluded, rate = figures[3], figures[2], figures[4]
    assert rate.decimals == 1
    assert rounds_to(corrected.value / concluded.value * 100, rate.value, rate.decimals)


def test_corpus_004_law_exam():
    figures = find_figures(CORPUS_004)
    assert [(f.label, f.value, f.unit, f.is_part) for f in figures] == [
        ("全县", 10230, "人", False),
        ("免考", 528, "人", True),
        ("应考", 9702, "人", False),
        ("通过", 9692, "人", False),
        ("通过率", 99.9, "%", False),
    ]
    assert figures[-1].decimals == 1
    assert rounds_to(9692 / 9702 * 100, figures[-1].value, figures[-1].decimals)


@pytest.mark.parametrize(
    ("name", "needle", "expected"),
    [
        ("000_", "调解成功7825件", [8067, 7825, 97]),
        ("001_", "直接纠错率为17.4%", [50, 30, 27, 23, 4, 17.4, 73.9]),
        ("004_", "通过9692人", [10230, 528, 9702, 9692, 99.9]),
    ],
)
def test_corpus_files(corpus_dir, name, needle, expected):
    (path,) = corpus_dir.glob(name + "*.txt")
    (line,) = [ln for ln in path.read_text(encoding="utf-8").splitlines() if needle in ln]
    (start, end) = next(s for s in split_sentences(line) if needle in line[s[0] : s[1]])
    values = [f.value for f in find_figures(line[start:end])]
    if name == "001_":  # the 001 sentence is the tail of a longer one: look at the whole line
        values = [f.value for f in find_figures(line) if f.start < line.index("调解结案率") + 12]
    assert values == expected


def test_corpus_never_fails_and_spans_hold(corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for fig in find_figures(line):
                assert line[fig.start : fig.end] == fig.text
                assert not (fig.unit in ("年", "月", "号"))


# ---------------------------------------------------------------------------------------------
# split_sentences


def test_split_sentences_at_full_and_half_width_ends():
    text = "受理23件，办结21件。纠错率17.4%;调解73.9%！是否达标？是"
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == ["受理23件，办结21件。", "纠错率17.4%;", "调解73.9%！", "是否达标？", "是"]


def test_split_sentences_keeps_closing_quotes_and_skips_blanks():
    text = "  他说：“已办结。”  下一句；；  \n第三句"
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == ["他说：“已办结。”", "下一句；；", "第三句"]


def test_split_sentences_does_not_split_at_commas_or_decimals():
    text = "受理27件,办结23件，纠错率17.4%"
    assert split_sentences(text) == [(0, len(text))]


def test_sentence_of():
    text = "甲。乙乙。丙"
    spans = split_sentences(text)
    assert [sentence_of(spans, i) for i in range(len(text))] == [0, 0, 1, 1, 1, 2]
    assert sentence_of(spans, 99) == -1


# ---------------------------------------------------------------------------------------------
# rounds_to


def test_rounds_to_brief_cases():
    assert rounds_to(4 / 23 * 100, 17.4, 1) is True
    assert rounds_to(4 / 23 * 100, 17.6, 1) is False
    assert rounds_to(7825 / 8067 * 100, 97, 0) is True
    assert rounds_to(9692 / 9702 * 100, 99.9, 1) is True


def test_rounds_to_boundaries():
    assert rounds_to(17.45, 17.4, 1) is True  # exactly half a unit away
    assert rounds_to(17.4501, 17.4, 1) is False
    assert rounds_to(96.4, 97, 0) is False
    assert rounds_to(96.5, 97, 0) is True
    assert rounds_to(float("nan"), 1, 0) is False


@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_rounds_to_accepts_its_own_rounding(computed, decimals):
    assert rounds_to(computed, round(computed, decimals), decimals)


@given(st.floats(min_value=0, max_value=100, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_rounds_to_rejects_one_unit_off(computed, decimals):
    unit = 10.0**-decimals
    nearest = round(computed, decimals)
    assume(abs(computed - nearest) < 0.49 * unit)  # not on a half-unit boundary
    assert not rounds_to(computed, nearest + unit, decimals)
    assert not rounds_to(computed, nearest - unit, decimals)


# ---------------------------------------------------------------------------------------------
# Properties

REPORT_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９.,，%％ 、。；;：:（）()“”《》〔〕-—~至")
    + list("一二三四五六七八九十两百千万亿零〇几余多近约第是年月日号件人次项个家名元条")
    + ["受理", "其中", "共", "以上", "左右", "超过", "个百分点", "纠错率", "人次", "万元", "\n"]
)
report_like = st.lists(REPORT_ALPHABET, max_size=60).map("".join)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=200), report_like))
@example("")
@example("9" * 400 + "件")
@example("1" + ".1" * 50)
@example("，" * 10 + "1，234，567，890件")
@example("百分之")
@example("负-1%")
@example("一亿万亿千百十个")
def test_any_text_reads_without_error_and_spans_hold(text):
    figures = find_figures(text)
    previous_end = 0
    for fig in figures:
        assert 0 <= previous_end <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.text
        assert fig.unit not in ("年", "月", "号")
        assert fig.decimals >= 0
        assert fig.is_percent == (fig.unit == "%")
        assert len(fig.label) <= 12
        previous_end = fig.end
    assert find_figures(text) == figures  # deterministic


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=200), report_like))
def test_sentences_cover_the_text_in_order(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence.strip() == sentence
        inner = sentence.rstrip("。！？；!?;”’」』）)》\"'")
        assert not any(ch in "。！？；!?;\n" for ch in inner)
        previous_end = end
    kept = "".join(text[a:b] for a, b in spans)
    assert "".join(kept.split()) == "".join(text.split())
    assert split_sentences(text) == spans


UNITS = [
    "件",
    "人",
    "人次",
    "项",
    "个",
    "次",
    "家",
    "场",
    "份",
    "条",
    "名",
    "户",
    "元",
    "篇",
    "期",
    "批",
    "起",
    "宗",
    "卷",
]


@given(
    st.integers(min_value=0, max_value=10**9), st.sampled_from(UNITS), st.sampled_from(["受理", "其中办结", "共收到"])
)
def test_counts_read_back(number, unit, verb):
    text = f"全年，{verb}{number}{unit}，"
    fig = only(text)
    assert (fig.value, fig.unit, fig.approx, fig.decimals) == (number, unit, False, 0)
    assert fig.label == verb.removeprefix("其中").removeprefix("共")


@given(st.integers(min_value=0, max_value=100_000), st.integers(min_value=0, max_value=3), st.booleans())
def test_percentages_read_back(hundredths, decimals, spaced):
    stated = f"{hundredths / 1000:.{decimals}f}"
    text = f"纠错率为{stated}{' ' if spaced else ''}％；"
    fig = only(text)
    assert fig.value == float(stated)
    assert (fig.unit, fig.decimals, fig.is_percent, fig.label) == ("%", decimals, True, "纠错率")


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿"]), st.integers(min_value=0, max_value=2))
def test_multipliers_read_back(whole, multiplier, decimals):
    written = f"{whole / 10**decimals:.{decimals}f}"
    fig = only(f"发放贷款{written}{multiplier}元")
    factor = 10**4 if multiplier == "万" else 10**8
    assert fig.value == pytest.approx(whole * factor / 10**decimals)
    assert (fig.unit, fig.decimals) == ("元", decimals)
