"""Date rules on team-written drafts, both ways, around the deadlines and the year boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine import Options, check_text

from tests.conftest import findings_of
from tests.drafts import CLEAN, build


def signed(date_text: str, year_title: int = 2023) -> str:
    return build(signature=["青山县人民政府", date_text]).replace("青山县2023年", f"青山县{year_title}年")


@pytest.mark.parametrize(
    "signature, early, late",
    [
        ("2023年12月31日", True, False),
        ("2024年1月1日", False, False),
        ("2024年3月31日", False, False),
        ("2024年4月1日", False, True),
        ("2025年1月5日", False, True),
    ],
)
def test_deadlines_annual(signature, early, late):
    result = check_text(signed(signature))
    assert bool(findings_of(result, "date-early")) == early
    assert bool(findings_of(result, "date-late")) == late
    for f in findings_of(result, "date-late"):
        assert f.severity == "error" and f.data["deadline"] == "2024-03-31"
    for f in findings_of(result, "date-early"):
        assert f.data["date"] == result.report.date.isoformat()


@pytest.fixture
def department(tmp_path):
    path = tmp_path / "dept.yaml"
    path.write_text("extends: annual\nname: dept\ndeadlines:\n  submit: '02-end'\n  publish: '03-31'\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "year, signature, severity",
    [
        (2023, "2024年2月29日", None),  # 2024 is a leap year: 29 February is still in time
        (2023, "2024年3月1日", "warning"),
        (2024, "2025年2月28日", None),
        (2024, "2025年3月1日", "warning"),
        (2023, "2024年3月31日", "warning"),
        (2023, "2024年4月1日", "error"),
    ],
)
def test_deadlines_department(department, year, signature, severity):
    body = build(signature=["青山县人民政府"]).replace("2024年推进", f"{year + 1}年推进").replace("2023年", f"{year}年")
    text = body + signature + "\n"
    result = check_text(text, Options(template=department))
    assert result.report.year == year
    late = findings_of(result, "date-late")
    assert [f.severity for f in late] == ([severity] if severity else [])


def test_date_source_order_and_option():
    no_sig = build(signature=["青山县人民政府"])
    result = check_text(no_sig)
    assert result.report.date is None and findings_of(result, "date-missing")
    result = check_text(no_sig, Options(date=dt.date(2024, 3, 10)))
    assert (result.report.date, result.report.date_source) == (dt.date(2024, 3, 10), "option")
    assert not findings_of(result, "date-missing")
    result = check_text(CLEAN, Options(date=dt.date(2024, 3, 10)))
    assert (result.report.date, result.report.date_source) == (dt.date(2024, 3, 15), "signature")


def test_metadata_date_from_portal_page():
    text = "发布时间:2024-04-02 09:30 来源:青山县司法局\n" + build(signature=["青山县人民政府"])
    result = check_text(text)
    assert (result.report.date, result.report.date_source) == (dt.date(2024, 4, 2), "metadata")
    (f,) = findings_of(result, "date-late")
    assert f.data == {"date": "2024-04-02", "deadline": "2024-03-31"}


@pytest.mark.parametrize("written", ["2024年03月15日", "2024.3.15", "二〇二四年三月十五日", "2024-03-15"])
def test_date_format_of_the_signature(written):
    result = check_text(build(signature=["青山县人民政府", written]))
    assert result.report.date == dt.date(2024, 3, 15)
    (f,) = findings_of(result, "date-format")
    assert f.severity == "info" and "2024年3月15日" in f.suggestion
    assert not findings_of(check_text(CLEAN), "date-format")


def test_date_future_only_in_measures():
    text = CLEAN.replace("全年新增网上可办事项126项", "2024年5月上线新系统，新增网上可办事项126项")
    (f,) = findings_of(check_text(text), "date-future")
    assert f.data["date"] == "2024-05"
    text = CLEAN.replace("全年新增网上可办事项126项", "2024年3月20日上线新系统，新增网上可办事项126项")
    (f,) = findings_of(check_text(text), "date-future")
    assert f.data["date"] == "2024-03-20"
    assert not findings_of(check_text(CLEAN.replace("全年新增", "2024年3月1日前新增")), "date-future")
    plan = CLEAN.replace("一是深入学习贯彻", "2024年5月前深入学习贯彻")
    assert not findings_of(check_text(plan), "date-future")


def test_year_unknown_skips_year_rules():
    text = "青山县法治政府建设年度报告\n一、主要举措和成效\n推进各项工作。\n青山县人民政府\n2023年12月1日\n"
    result = check_text(text)
    assert findings_of(result, "year-unknown")
    assert not findings_of(result, "date-early") and not findings_of(result, "date-late")


def test_bracketed_date_under_the_title_is_the_document_date():
    text = build(signature=["青山县人民政府"]).replace(
        "青山县2023年法治政府建设年度报告\n", "青山县2023年法治政府建设年度报告\n（2024年04月02日）\n"
    )
    result = check_text(text)
    assert (result.report.date, result.report.date_source) == (dt.date(2024, 4, 2), "signature")
    assert not findings_of(result, "year-mismatch")  # the date is not the opening
    (late,) = findings_of(result, "date-late")
    (fmt,) = findings_of(result, "date-format")
    assert late.line == fmt.line == 2 and fmt.column == 2 and "2024年4月2日" in fmt.suggestion
