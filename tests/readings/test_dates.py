"""The date reader: every written form reads back, impossible dates are flagged, numbers that
only look like dates are left alone, and no string makes it fail."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.readings import dates
from checker.readings.dates import (
    FORMS,
    KINDS,
    DateMention,
    find_dates,
    format_gbt,
    parse_date,
    parse_mention,
)

# ---------------------------------------------------------------------------------------------
# Writing a date in each form, independently of the module under test.

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CN = "〇一二三四五六七八九"


def _cn_small(n: int) -> str:
    tens, units = divmod(n, 10)
    if tens == 0:
        return _CN[units]
    return ("" if tens == 1 else _CN[tens]) + "十" + ("" if units == 0 else _CN[units])


def _cn_year(y: int, zero: str) -> str:
    return "".join(_CN[int(c)] for c in str(y)).replace("〇", zero)


def write(d: dt.date, form: str, zero: str = "〇", space: str = "") -> str:
    y, m, dd = d.year, d.month, d.day
    s = space
    if form == "gbt":
        return f"{y}{s}年{s}{m}{s}月{s}{dd}{s}日"
    if form == "padded":
        return f"{y}{s}年{s}{m:02d}{s}月{s}{dd:02d}{s}日"
    if form == "fullwidth":
        return f"{y}{s}年{s}{m}{s}月{s}{dd}{s}日".translate(_FULLWIDTH)
    if form == "chinese":
        return f"{_cn_year(y, zero)}{s}年{s}{_cn_small(m)}{s}月{s}{_cn_small(dd)}{s}日"
    if form == "iso":
        return f"{y}{s}-{s}{m:02d}{s}-{s}{dd:02d}"
    if form == "dot":
        return f"{y}{s}.{s}{m}{s}.{s}{dd}"
    if form == "slash":
        return f"{y}{s}/{s}{m}{s}/{s}{dd}"
    raise AssertionError(form)


def expected_form(d: dt.date, form: str) -> str:
    if form == "padded" and d.month >= 10 and d.day >= 10:
        return "gbt"  # nothing to pad: 2024年11月15日 is already the GB/T form
    return form


report_dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
forms = st.sampled_from(FORMS)
zeros = st.sampled_from("〇零○")
spaces = st.sampled_from(["", "", " ", "\u3000"])
before = st.sampled_from(["", "截至", "于", "（", "成文日期：", "\u3000", "自", "x", "。"])
after = st.sampled_from(["", "，", "。", "前", "）", "印发", " 17:07", "起施行"])


# ---------------------------------------------------------------------------------------------
# Every valid date in every form reads back the same.


@given(report_dates, forms, zeros, spaces)
@example(dt.date(2024, 2, 29), "gbt", "〇", "")
@example(dt.date(2000, 10, 20), "chinese", "零", "")
@example(dt.date(2031, 12, 31), "chinese", "○", " ")
def test_parse_date_reads_every_form(d, form, zero, space):
    written = write(d, form, zero, space)
    mention = parse_date(written)
    assert mention is not None, written
    assert mention.date == d
    assert (mention.kind, mention.valid, mention.problem) == ("date", True, "")
    assert mention.form == expected_form(d, form)
    assert (mention.start, mention.end, mention.text) == (0, len(written), written)


@given(report_dates, forms, zeros, spaces, before, after)
def test_find_dates_reads_every_form_in_prose(d, form, zero, space, prefix, suffix):
    written = write(d, form, zero, space)
    text = f"本机关{prefix}{written}{suffix}发布"
    found = find_dates(text)
    assert [m.date for m in found] == [d], (text, found)
    (mention,) = found
    assert mention.start == len("本机关") + len(prefix)
    assert mention.text == written
    assert mention.form == expected_form(d, form)


@given(report_dates)
def test_format_gbt_round_trips(d):
    written = format_gbt(d)
    assert written == f"{d.year}年{d.month}月{d.day}日"
    mention = parse_date(written)
    assert mention is not None and mention.date == d and mention.form == "gbt"


# ---------------------------------------------------------------------------------------------
# Arbitrary strings.

_DATEY = list("0123456789０１２３４５年月日度底至到—－-–~～.．/／ \u3000〇零○一二三十O") + ["2023年", "12月"]
datey_text = st.lists(
    st.sampled_from(_DATEY) | st.characters(), max_size=60
).map("".join)


def _check_mentions(text: str, found: list[DateMention]) -> None:
    last_end = 0
    for m in found:
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.kind in KINDS and m.form in FORMS
        assert m.valid == (m.problem == "")
        for year in (m.year, m.end_year):
            assert year is None or dates.YEAR_MIN <= year <= dates.YEAR_MAX
        assert m.date is None or (m.kind == "date" and m.valid)
        last_end = m.end


@settings(max_examples=400)
@given(st.text() | datey_text)
def test_arbitrary_text_never_raises_and_spans_hold(text):
    _check_mentions(text, find_dates(text))
    mention = parse_mention(text)
    if mention is not None:
        assert text[mention.start : mention.end] == mention.text
        assert mention.text.strip() == mention.text != ""
    date = parse_date(text)
    assert date is None or date.kind == "date"


@settings(max_examples=400)
@given(datey_text)
def test_every_candidate_the_regex_finds_the_grammar_parses(text):
    # The locating regex and the grammar describe the same expressions: a candidate that the
    # grammar rejects would silently hide a date.
    for match in dates._CANDIDATE.finditer(text):
        skeleton = match.group().translate(dates._SKELETON)
        assert dates._parse_shape(skeleton) is not None, match.group()


# ---------------------------------------------------------------------------------------------
# Impossible dates are mentions, flagged.


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2023年2月30日", "2023年2月只有28天"),
        ("2023年2月29日", "2023年2月只有28天"),
        ("2100年2月29日", "2100年2月只有28天"),
        ("2024年4月31日", "2024年4月只有30天"),
        ("2024年3月0日", "不存在0日"),
        ("2024年13月5日", "不存在13月，月份应在1至12之间"),
        ("2024-13-05", "不存在13月，月份应在1至12之间"),
        ("二〇二三年二月三十日", "2023年2月只有28天"),
    ],
)
def test_impossible_full_dates(text, problem):
    mention = parse_date(text)
    assert mention is not None
    observed = (mention.kind, mention.valid, mention.problem, mention.date)
    assert observed == ("date", False, problem, None)
    (found,) = find_dates(f"于{text}召开")
    assert (found.text, found.valid, found.problem) == (text, False, problem)


def test_leap_day_exists_only_in_leap_years():
    assert parse_date("2024年2月29日").date == dt.date(2024, 2, 29)
    assert parse_date("2000年2月29日").valid
    assert not parse_date("2023年2月29日").valid


@pytest.mark.parametrize(
    ("text", "kind", "problem"),
    [
        ("2月30日", "day", "2月最多只有29天"),
        ("4月31日", "day", "4月只有30天"),
        ("2024年13月", "month", "不存在13月，月份应在1至12之间"),
        ("2024年0月", "month", "不存在0月，月份应在1至12之间"),
        ("10—1月", "month-range", "起始月份10月晚于结束月份1月"),
        ("1—13月", "month-range", "不存在13月，月份应在1至12之间"),
        ("2024年3月至2023年5月", "month-range", "起始时间2024年3月晚于结束时间2023年5月"),
        ("2025-2021年", "year-span", "起始年份2025年晚于结束年份2021年"),
    ],
)
def test_impossible_partial_mentions(text, kind, problem):
    (mention,) = find_dates(text)
    observed = (mention.text, mention.kind, mention.valid, mention.problem)
    assert observed == (text, kind, False, problem)


def test_february_29_without_a_year_may_exist():
    (mention,) = find_dates("5月19日与2月29日")[1:]
    assert (mention.month, mention.day, mention.valid) == (2, 29, True)


# ---------------------------------------------------------------------------------------------
# Form labels.


MARCH_15 = dt.date(2024, 3, 15)


@pytest.mark.parametrize(
    ("text", "form", "date"),
    [
        ("2024年3月15日", "gbt", MARCH_15),
        ("2024年03月15日", "padded", MARCH_15),
        ("2024年3月05日", "padded", dt.date(2024, 3, 5)),
        ("２０２４年３月１５日", "fullwidth", MARCH_15),
        ("二〇二四年三月十五日", "chinese", MARCH_15),
        ("二零二四年三月十五日", "chinese", MARCH_15),
        ("二○二四年十一月二十日", "chinese", dt.date(2024, 11, 20)),
        ("二O二四年三月十五日", "chinese", MARCH_15),
        ("2024-03-15", "iso", MARCH_15),
        ("2024-3-15", "iso", MARCH_15),
        ("2024－03－15", "iso", MARCH_15),
        ("2024.3.15", "dot", MARCH_15),
        ("2024．3．15", "dot", MARCH_15),
        ("2024/3/15", "slash", MARCH_15),
        ("2024／3／15", "slash", MARCH_15),
        ("2024 年 3 月 15 日", "gbt", MARCH_15),
    ],
)
def test_form_labels(text, form, date):
    mention = parse_date(text)
    assert mention is not None
    assert (mention.form, mention.date) == (form, date)


def test_chinese_month_and_day_numerals():
    cases = {"一": 1, "十": 10, "十一": 11, "二十": 20, "二十一": 21, "三十": 30, "三十一": 31}
    for numeral, value in cases.items():
        mention = parse_date(f"二〇二三年一月{numeral}日")
        assert (mention.month, mention.day) == (1, value), numeral
    assert parse_date("二〇二三年十二月一日").month == 12


# ---------------------------------------------------------------------------------------------
# Kinds, ranges and traps in running prose.


def _read(text: str) -> list[tuple]:
    return [
        (m.text, m.kind, m.year, m.month, m.day, m.end_year, m.end_month)
        for m in find_dates(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年3月", [("2024年3月", "month", 2024, 3, None, None, None)]),
        ("截至2023年10月底", [("2023年10月", "month", 2023, 10, None, None, None)]),
        ("2024年，我县", [("2024年", "year", 2024, None, None, None, None)]),
        ("2023年度法治政府建设", [("2023年", "year", 2023, None, None, None, None)]),
        ("到2023年底", [("2023年", "year", 2023, None, None, None, None)]),
        ("二〇二三年", [("二〇二三年", "year", 2023, None, None, None, None)]),
        ("5月19日，召开会议", [("5月19日", "day", None, 5, 19, None, None)]),
        ("1—10月，共受理", [("1—10月", "month-range", None, 1, None, None, 10)]),
        ("1-10月", [("1-10月", "month-range", None, 1, None, None, 10)]),
        ("1至10月", [("1至10月", "month-range", None, 1, None, None, 10)]),
        ("1月至10月", [("1月至10月", "month-range", None, 1, None, None, 10)]),
        ("1——10月", [("1——10月", "month-range", None, 1, None, None, 10)]),
        ("1~10月份", [("1~10月", "month-range", None, 1, None, None, 10)]),
        ("2023年1月至10月", [("2023年1月至10月", "month-range", 2023, 1, None, 2023, 10)]),
        ("2023年1—10月", [("2023年1—10月", "month-range", 2023, 1, None, 2023, 10)]),
        ("2023年 1 月 ～ 10 月", [("2023年 1 月 ～ 10 月", "month-range", 2023, 1, None, 2023, 10)]),
        ("2023年11月至2024年2月", [("2023年11月至2024年2月", "month-range", 2023, 11, None, 2024, 2)]),
        ("2021-2025年", [("2021-2025年", "year-span", 2021, None, None, 2025, None)]),
        ("2021—2025年", [("2021—2025年", "year-span", 2021, None, None, 2025, None)]),
        ("（2021－2025年）", [("2021－2025年", "year-span", 2021, None, None, 2025, None)]),
        ("(2021-2025年)", [("2021-2025年", "year-span", 2021, None, None, 2025, None)]),
        ("2021 – 2025年", [("2021 – 2025年", "year-span", 2021, None, None, 2025, None)]),
        ("2021年至2025年", [("2021年至2025年", "year-span", 2021, None, None, 2025, None)]),
        ("二〇二一至二〇二五年", [("二〇二一至二〇二五年", "year-span", 2021, None, None, 2025, None)]),
        (
            "2023年1月1日至12月31日",
            [
                ("2023年1月1日", "date", 2023, 1, 1, None, None),
                ("12月31日", "day", None, 12, 31, None, None),
            ],
        ),
        (
            "2023年1月至2023年12月31日",
            [
                ("2023年1月", "month", 2023, 1, None, None, None),
                ("2023年12月31日", "date", 2023, 12, 31, None, None),
            ],
        ),
        (
            "1月至12月31日",
            [("12月31日", "day", None, 12, 31, None, None)],
        ),
        ("发布时间：2021-03-28 17:07", [("2021-03-28", "date", 2021, 3, 28, None, None)]),
        ("\u20022018年12月10日来", [("2018年12月10日", "date", 2018, 12, 10, None, None)]),
        ("1.2023年以来", [("2023年", "year", 2023, None, None, None, None)]),
    ],
)
def test_mentions_in_prose(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "经费2.5万元",
        "归集1.2万条数据",
        "培训12345人次",
        "联系电话：0571-88886666",
        "手机13812345678",
        "服务热线12345",
        "20余年来",
        "配备1-2名专职人员",
        "截至10月",
        "10月份",
        "三十日内作出决定",
        "办理3000年",
        "1800年",
        "GB/T 9704-2012",
        "2101年",
        "1000-2000年",
        "2023-2024学年",
        "2024.35万元",
        "版本V2.3.1",
        "第2-3个月",
        "2024-123-4",
        "20240315",
        "编号12023年",
        "流水号512024-03-15",
    ],
)
def test_numbers_that_are_not_dates(text):
    assert find_dates(text) == []


def test_mentions_are_left_to_right_and_do_not_overlap():
    text = "2022年，2023年1—10月，5月19日，2021-2025年；2024-03-15。"
    assert [m.text for m in find_dates(text)] == [
        "2022年",
        "2023年1—10月",
        "5月19日",
        "2021-2025年",
        "2024-03-15",
    ]


# ---------------------------------------------------------------------------------------------
# parse_date: the whole text is one date.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年3月15日", dt.date(2024, 3, 15)),
        ("  2024年3月15日\n", dt.date(2024, 3, 15)),
        ("2021-03-28 17:07", dt.date(2021, 3, 28)),
        ("2018年12月10日 15:23:00", dt.date(2018, 12, 10)),
        ("2021-03-28T17:07:00", dt.date(2021, 3, 28)),
        ("2021/3/28 9:05", dt.date(2021, 3, 28)),
    ],
)
def test_parse_date_accepts_a_date_with_a_clock_time(text, expected):
    mention = parse_date(text)
    assert mention is not None and mention.date == expected
    assert text[mention.start : mention.end] == mention.text
    assert ":" not in mention.text


@pytest.mark.parametrize(
    "text",
    ["", "   ", "2024年3月", "2024年", "2021-2025年", "1—10月", "5月19日", "2024年3月15日发布",
     "于2024年3月15日", "2024年3月15日 2024年3月16日", "1800年3月15日", "2024-03-15 25", "x" * 200],
)
def test_parse_date_rejects_what_is_not_exactly_one_full_date(text):
    assert parse_date(text) is None


def test_parse_mention_returns_partial_dates():
    assert parse_mention(" 2024年3月 ").kind == "month"
    assert parse_mention("2021-2025年").kind == "year-span"
    assert parse_mention("2024年3月15日发布") is None


def test_date_property_only_for_valid_full_dates():
    assert parse_mention("2024年3月").date is None
    assert parse_date("2023年2月30日").date is None
    assert parse_date("2023年2月28日").date == dt.date(2023, 2, 28)


def test_format_gbt_does_not_pad():
    assert format_gbt(dt.date(2024, 3, 5)) == "2024年3月5日"
    assert format_gbt(dt.date(2023, 12, 31)) == "2023年12月31日"


def test_grammar_file_has_a_header_comment():
    text = dates._grammar_path().read_text(encoding="utf-8")
    assert text.startswith("// dates.lark")
