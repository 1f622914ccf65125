"""Structure rules on team-written drafts: the clean report and its variants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import Options, check_text

from tests.conftest import findings_of, rules_of
from tests.drafts import CLEAN, MANDATORY, SECTIONS, build


def test_clean_report_has_no_error_or_warning():
    result = check_text(CLEAN)
    assert result.error is None
    assert [(f.rule, f.message) for f in result.findings if f.severity in ("error", "warning")] == []
    report = result.report
    assert report.title == "青山县2023年法治政府建设年度报告"
    assert (report.year, report.year_source, report.subject) == (2023, "title", "青山县")
    assert [s.key for s in report.sections if s.heading] == list(SECTIONS)


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(MANDATORY)))
def test_removing_sections_reports_exactly_those(removed):
    kept = tuple(k for k in SECTIONS if k not in removed)
    result = check_text(build(kept))
    missing = {f.data["section"] for f in findings_of(result, "section-missing")}
    assert missing == set(removed)
    assert all(f.severity == "error" for f in findings_of(result, "section-missing"))


def test_missing_other_is_never_reported():
    # the optional 「其他需要报告的情况」 is not reported missing (SPEC §3, issue 11)
    result = check_text(build(MANDATORY))
    assert findings_of(result, "section-missing") == []


def test_missing_section_suggestion_gives_heading_and_regulation():
    result = check_text(build(("measures", "shortcomings", "next_year_plan")))
    (f,) = [f for f in findings_of(result, "section-missing") if f.data["section"] == "first_responsibility"]
    assert "2023年度党政主要负责人履行推进法治建设第一责任人职责情况" in f.suggestion
    assert "第一责任人职责" in f.message


def test_missing_duty_mentioned_elsewhere_says_where():
    text = build(("measures", "shortcomings", "next_year_plan")).replace(
        "（一）依法全面履行政府职能。", "（一）依法全面履行政府职能。落实党政主要负责人履行推进法治建设第一责任人职责规定。"
    )
    result = check_text(text)
    (f,) = [f for f in findings_of(result, "section-missing") if f.data["section"] == "first_responsibility"]
    assert "第4行" in f.message


def test_combined_heading_carries_two_keys():
    text = build(("measures", "first_responsibility", "shortcomings"), headings={"shortcomings": "存在的问题及下一步打算"})
    result = check_text(text)
    heading = next(h for h in result.report.headings if h.text == "存在的问题及下一步打算")
    assert set(heading.keys) == {"shortcomings", "next_year_plan"}
    missing = {f.data["section"] for f in findings_of(result, "section-missing")}
    assert not missing & {"shortcomings", "next_year_plan"}


def test_first_responsibility_as_level_two_heading_inside_measures():
    body = SECTIONS["first_responsibility"][1][0]
    text = build(("measures", "shortcomings", "next_year_plan")).replace(
        "二、2023年度推进法治政府建设存在的不足和原因",
        "（五）切实履行党政主要负责人推进法治建设第一责任人职责。" + body + "\n二、2023年度推进法治政府建设存在的不足和原因",
    )
    result = check_text(text)
    hit = result.report.section("first_responsibility")
    assert hit is not None and hit.heading is not None and hit.heading.level == 2
    assert "section-missing" not in [f.rule for f in result.findings if f.severity == "error"]
    assert not [f for f in findings_of(result, "duty-evidence-missing")]


def test_level_two_duty_heading_outside_measures_does_not_count():
    text = build(("measures", "shortcomings", "next_year_plan")).replace(
        "一是深入学习贯彻习近平法治思想", "（一）压实党政主要负责人推进法治建设第一责任人职责。\n一是深入学习贯彻习近平法治思想"
    )
    result = check_text(text)
    assert "first_responsibility" in {f.data["section"] for f in findings_of(result, "section-missing")}


def test_unheaded_closing_paragraph_is_found_not_missing():
    closing = (
        "虽然我县法治政府建设取得了一定成效，但仍存在一些差距和不足，主要表现在：执法规范化水平不高，原因是培训不足。"
        "下一步，我们将继续加强执法队伍建设，推动法治政府建设再上新台阶。"
    )
    text = build(("measures", "first_responsibility"), tail=[closing])
    result = check_text(text)
    unheaded = {f.data["section"] for f in findings_of(result, "section-unheaded")}
    missing = {f.data["section"] for f in findings_of(result, "section-missing")}
    assert unheaded == {"shortcomings", "next_year_plan"}
    assert not missing & unheaded
    (f,) = [f for f in findings_of(result, "section-unheaded") if f.data["section"] == "shortcomings"]
    assert f.line == text.splitlines().index(closing) + 1


def test_numbering_skipped_repeated_and_mixed():
    skipped = CLEAN.replace("（三）严格规范公正文明执法", "（四）严格规范公正文明执法")
    (f,) = findings_of(check_text(skipped), "heading-numbering")
    assert "跳" in f.message and f.line == skipped.splitlines().index(
        next(line for line in skipped.splitlines() if line.startswith("（四）严格"))
    ) + 1

    repeated = CLEAN.replace("三、2023年度党政主要负责人", "二、2023年度党政主要负责人")
    msgs = [f.message for f in findings_of(check_text(repeated), "heading-numbering")]
    assert any("重复" in m for m in msgs)

    mixed = "\n".join(
        [CLEAN.split("二、")[0].rstrip("\n"), "1.第一项工作。内容。", "2、第二项工作。内容。", "二、" + CLEAN.split("二、", 1)[1]]
    )
    msgs = [f.message for f in findings_of(check_text(mixed), "heading-numbering")]
    assert any("混用" in m for m in msgs)

    assert findings_of(check_text(CLEAN), "heading-numbering") == []


def test_title_naming_the_old_document():
    result = check_text(build(title="青山县2023年依法行政工作报告"))
    (f,) = findings_of(result, "title-format")
    assert "依法行政工作报告" in f.message and "青山县2023年法治政府建设年度报告" in f.suggestion
    assert findings_of(check_text(build(title="青山县2023年度法治政府建设情况报告")), "title-format") == []
    assert findings_of(check_text(build(title="青山县人民政府关于2023年度法治政府建设情况的报告")), "title-format") == []


def test_title_missing():
    result = check_text(build(title=None))
    assert "title-missing" in rules_of(result)
    assert result.report.year == 2023 and result.report.year_source == "opening"


def test_plan_heading_must_name_next_year():
    text = build(headings={"next_year_plan": "2023年推进法治政府建设的主要安排"})
    (f,) = findings_of(check_text(text), "year-mismatch")
    assert (f.data["expected"], f.data["found"]) == (2024, 2023)


def test_title_and_opening_years_disagree():
    text = CLEAN.replace("现将2023年度法治政府建设", "现将2023年度法治政府建设").replace("2023年，青山县", "2022年，青山县")
    (f,) = findings_of(check_text(text), "year-mismatch")
    assert (f.data["expected"], f.data["found"]) == (2023, 2022)


def test_year_option_overrides():
    result = check_text(CLEAN, Options(year=2022))
    assert result.report.year == 2022 and result.report.year_source == "option"
    assert findings_of(result, "year-mismatch")


def test_section_order_is_info():
    text = build(("measures", "first_responsibility", "shortcomings", "next_year_plan", "other"))
    (f,) = findings_of(check_text(text), "section-order")
    assert f.severity == "info" and f.data["section"] == "shortcomings"


def test_causes_and_duty_evidence():
    text = CLEAN.replace("产生这些问题的原因主要是执法培训覆盖面不够，乡镇法治机构人员编制偏少。", "")
    assert findings_of(check_text(text), "causes-missing")
    text = CLEAN.replace("县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。", "成效明显。")
    (f,) = findings_of(check_text(text), "duty-evidence-missing")
    assert f.data["missing"] == ["述法", "学法", "专题研究", "出庭应诉"]


def test_signature_missing_and_partial():
    assert findings_of(check_text(build(signature=[])), "signature-missing")
    (f,) = findings_of(check_text(build(signature=["2024年3月15日"])), "signature-missing")
    assert "发文机关" in f.message


def test_section_thin():
    text = build(("measures", "shortcomings", "first_responsibility", "next_year_plan")).replace(
        SECTIONS["next_year_plan"][1][0], "继续努力。"
    )
    (f,) = findings_of(check_text(text), "section-thin")
    assert f.data["section"] == "next_year_plan"


def test_not_a_report():
    result = check_text("今天天气很好。\n我们去公园散步。\n")
    assert result.error is not None and result.error.code == "not-report"
    assert check_text("").error.code == "not-report"


def test_signature_suggestion_names_the_right_organ():
    (f,) = findings_of(check_text(build(title="柳溪县司法局2023年法治政府建设年度报告", signature=[])), "signature-missing")
    assert "「柳溪县司法局」" in f.suggestion
    (f,) = findings_of(check_text(build(signature=[])), "signature-missing")
    assert "「青山县人民政府」" in f.suggestion
