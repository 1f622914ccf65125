"""The false-alarm classes and missed faults of real reports (issue 11), each both ways: the
false alarm is gone, and the real fault is still found. Texts are the team's own, written from
the classes (not copied from the real reports)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine import check_text
from checker.read.normalize import normalize_lines, recognition_view, simplified, split_lines

from .conftest import findings_of, rules_of
from .drafts import CLEAN, OPENING, SECTIONS, SIGNATURE, TITLE, build


def with_measures(paragraph: str, text: str = CLEAN) -> str:
    """The clean draft with one more measures paragraph, （五）…, after （四）."""
    last = SECTIONS["measures"][1][-1]
    return text.replace(last + "\n", last + "\n" + paragraph + "\n", 1)


def without_phrases(*phrases: str, text: str = CLEAN) -> str:
    for phrase in phrases:
        assert phrase in text, phrase
        text = text.replace(phrase, "")
    return text


# the clean draft without its 学法 and 政务服务 mentions (so a new mention is the only one)
NO_STUDY = without_phrases("，开展会前学法12次")
NO_SERVICES = without_phrases(
    "深化“放管服”改革，全年新增网上可办事项126项，政务服务事项网上可办率达到98.6%，\n“一网通办”覆盖县乡村三级。".replace("\n", "")
)


def ids(result, rule: str) -> list[str]:
    return [f.data.get("indicator") or f.data.get("section") or "" for f in findings_of(result, rule)]


# --- 1. page chrome read as report text ----------------------------------------------------
PAGE_HEAD = ["柏溪区人民政府门户网站", "政务公开", "信息公开目录"]


def test_title_after_unrecognised_chrome_lines_is_the_title():
    text = "\n".join(PAGE_HEAD) + "\n" + CLEAN
    result = check_text(text)
    assert result.report.title == TITLE
    assert "title-missing" not in rules_of(result)
    assert result.report.year == 2023 and "year-mismatch" not in rules_of(result)


def test_a_page_without_a_title_still_has_no_title():
    text = "\n".join(PAGE_HEAD) + "\n" + CLEAN.replace(TITLE + "\n", "")
    assert findings_of(check_text(text), "title-missing")


@pytest.mark.parametrize(
    "clock",
    ["今天是:2019年10月31日 星期三 农历十月初七", "柏溪区人民政府 2019年12月3日星期二", "今天是 2025年1月6日"],
)
def test_a_portal_clock_line_is_not_the_opening_nor_a_date(clock):
    text = clock + "\n" + CLEAN
    result = check_text(text)
    assert result.report.title == TITLE and result.report.year == 2023
    assert (result.report.date, result.report.date_source) == (dt.date(2024, 3, 15), "signature")
    assert not {"year-mismatch", "title-missing", "date-late"} & set(rules_of(result))


@pytest.mark.parametrize(
    "meta, published",
    [
        ("文章来源:县司法局 更新时间:2024/03/20 10:15:00", dt.date(2024, 3, 20)),
        ("栏目:政策文件 发布时间:2024-03-22", dt.date(2024, 3, 22)),
        ("• 2024年03月25日 09时24分", dt.date(2024, 3, 25)),
        ("县政府办公室 2024-03-26", dt.date(2024, 3, 26)),
        ("索引号:11420000-2024-00012 发布机构:县司法局 主题分类:政务公开", None),
    ],
)
def test_labelled_publication_dates_and_stamps_are_metadata(meta, published):
    body = build(signature=[])  # no 落款: the page's date is the document date
    text = body.replace(TITLE + "\n", TITLE + "\n" + meta + "\n", 1)
    result = check_text(text)
    first_opening = result.report.source.paragraphs[result.report.opening[0]].text
    assert first_opening == OPENING  # the meta line is not report text
    if published:
        assert (result.report.date, result.report.date_source) == (published, "metadata")
        assert "date-missing" not in rules_of(result)
    else:
        assert result.report.date is None


def test_a_late_page_date_is_still_late():
    text = build(signature=[]).replace(TITLE + "\n", TITLE + "\n栏目:政策文件 发布时间:2024-04-12\n", 1)
    (late,) = findings_of(check_text(text), "date-late")
    assert late.data["date"] == "2024-04-12"


def test_a_date_alone_on_a_line_is_not_a_stamp():
    # a 落款 date, or a bracketed date under the title, stays the signature's
    result = check_text(CLEAN)
    assert result.report.date_source == "signature"


# --- 2. traditional characters -------------------------------------------------------------
def test_traditional_title_and_names_are_recognised_with_source_positions():
    text = with_measures("（五）學習貫徹《法治政府建設與責任落實督查工作規定》，推進法治督查。").replace(
        TITLE, "青山縣2023年法治政府建設年度報告"
    )
    result = check_text(text)
    assert result.report.title is not None and "title-missing" not in rules_of(result)
    (f,) = findings_of(result, "doc-name")
    line = text.splitlines()[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "《法治政府建設與責任落實督查工作規定》"
    assert f.data["expected"] == "《法治政府建设与责任落实督察工作规定》"


def test_traditional_correct_names_stay_quiet():
    text = with_measures("（五）學習貫徹《法治政府建設與責任落實督察工作規定》。")
    assert not findings_of(check_text(text), "doc-name")


def test_simplified_view_keeps_offsets():
    assert simplified("法治政府建設年度報告") == "法治政府建设年度报告"
    assert simplified("柳溪县") == "柳溪县"
    text = "重慶市長壽區" * 50
    assert len(simplified(text)) == len(text)


# --- 3. a keyword in a cited title or a name is not a report on that work ------------------
TOPIC_SENTENCES = {
    "admin_reconsideration": ["全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；"],
    "admin_litigation": ["行政诉讼一审案件35件，败诉2件，"],
    "legal_education": ["，开展会前学法12次"],
    "major_decisions": ["落实重大行政决策程序，作出重大行政决策7项，均经公众参与、专家论证和合法性审查。"],
    "legal_advisers": ["全县各级行政机关聘请法律顾问86名，配备公职律师23名。"],
    "government_services": ["深化“放管服”改革，全年新增网上可办事项126项，政务服务事项网上可办率达到98.6%，“一网通办”覆盖县乡村三级。"],
}


@pytest.mark.parametrize(
    "paragraph, key",
    [
        ("（五）组织学习新修订的《中华人民共和国行政复议法》，提升依法行政能力。", "admin_reconsideration"),
        ("（五）组织学习新修订的行政复议法和行政诉讼法。", "admin_reconsideration"),
        ("（五）组织学习新修订的行政复议法和行政诉讼法。", "admin_litigation"),
        ("（五）印发《柏溪区普法依法治理工作要点》，部署年度工作。", "legal_education"),
        ("（五）深入学习党中央关于全面依法治国的重大决策部署。", "major_decisions"),
        ("（五）邀请市委总法律顾问、知名法学家作专题辅导。", "legal_advisers"),
        ("（五）柏溪区“企业全生命周期政务服务”项目被命名为示范项目。", "government_services"),
    ],
)
def test_a_keyword_in_a_name_is_not_a_mention(paragraph, key):
    base = without_phrases(*TOPIC_SENTENCES[key])
    result = check_text(with_measures(paragraph, base))
    assert key not in ids(result, "indicator-no-data")
    assert key in ids(result, "indicator-missing")  # the name did not count as reporting it


def test_the_work_itself_without_figures_is_still_asked_for_data():
    text = CLEAN.replace(
        "全县各级行政机关聘请法律顾问86名，配备公职律师23名。", ""
    )
    text = with_measures("（五）发挥政府法律顾问作用，法律顾问参与重大事项论证。", text)
    assert "legal_advisers" in ids(check_text(text), "indicator-no-data")


# --- 4. figures beside the topic --------------------------------------------------------------
@pytest.mark.parametrize(
    "paragraph",
    [
        "（五）抓好学法普法。组织干部参加年度法治理论知识考试，合格率100%。",
        "（五）深化审批改革。将9个部门的74项行政许可事项统一划入政务服务中心办理。",
        "（五）96%的政务服务事项实现全程网办。",
        "（五）推行述法。实现党政主要负责人年度述法全覆盖。",
    ],
)
def test_figures_elsewhere_in_the_paragraph_are_data(paragraph):
    text = with_measures(paragraph, without_phrases("，开展会前学法12次", "年终述法实现全覆盖，", text=NO_SERVICES))
    assert findings_of(check_text(text), "indicator-no-data") == []


def test_a_paragraph_without_any_figure_is_still_asked_for_data():
    text = with_measures("（五）抓好学法普法。组织干部多次集中学法，营造浓厚氛围。", NO_STUDY)
    assert "legal_education" in ids(check_text(text), "indicator-no-data")


def test_a_heading_mention_looks_at_its_section():
    text = with_measures("（五）深化“放管服”改革\n全年新办理政务服务事项1.2万件。", NO_SERVICES)
    assert findings_of(check_text(text), "indicator-no-data") == []
    bare = with_measures("（五）深化“放管服”改革\n持续优化审批流程。", NO_SERVICES)
    assert "government_services" in ids(check_text(bare), "indicator-no-data")


def test_shufa_applies_from_the_2020_plan():
    text = CLEAN.replace("年终述法实现全覆盖，", "")
    assert "leadership_shufa" in ids(check_text(text), "indicator-missing")
    old = text.replace("2023", "2018").replace("2024", "2019")
    assert "leadership_shufa" not in ids(check_text(old), "indicator-missing")


# --- 5. doc-name only for known confusions --------------------------------------------------
@pytest.mark.parametrize(
    "cited",
    [
        "《中华人民共和国行政诉讼法》",  # another law, one word apart from 行政复议法
        "《法治柏溪建设规划（2021—2025年）》",  # the county's own plan
        "《柏溪区法治政府建设实施方案（2021—2025年）》",
        "《法治社会建设实施纲要（2020－2025年）》",
    ],
)
def test_real_documents_are_not_corrected(cited):
    assert not findings_of(check_text(with_measures(f"（五）贯彻落实{cited}。")), "doc-name")


@pytest.mark.parametrize(
    "cited, year, expected",
    [
        ("《法制政府建设实施纲要（2015-2020年）》", 2018, "《法治政府建设实施纲要（2015－2020年）》"),
        ("《法制政府建设实施纲要》", 2018, "《法治政府建设实施纲要（2015－2020年）》"),
        ("《法制政府建设实施纲要》", 2023, "《法治政府建设实施纲要（2021－2025年）》"),
        ("《法治政府建设与责任落实督查工作规定》", 2023, "《法治政府建设与责任落实督察工作规定》"),
        ("《党政主要负责人履行推进法治建设第一责任职责规定》", 2023, "《党政主要负责人履行推进法治建设第一责任人职责规定》"),  # dropped 人
        ("《重大行政决策程序条暂行例》", 2023, None),  # two characters moved: not one swap
        ("《重大行政决策程序暂条行例》", 2023, "《重大行政决策程序暂行条例》"),  # neighbours swapped
    ],
)
def test_known_confusions_name_the_right_edition(cited, year, expected):
    text = with_measures(f"（五）贯彻落实{cited}。")
    if year != 2023:
        text = text.replace("2023", str(year)).replace("2024", str(year + 1))
    found = findings_of(check_text(text), "doc-name")
    assert [f.data["expected"] for f in found] == ([expected] if expected else [])


# --- 6. numbering that runs on across parents -------------------------------------------------
RUN_ON = build(("measures", "shortcomings", "first_responsibility", "next_year_plan")).replace(
    "\n".join(SECTIONS["measures"][1]) + "\n",
    "\n".join(SECTIONS["measures"][1][2:]).replace("（三）", "（一）").replace("（四）", "（二）") + "\n"
    "（三）加强组织领导\n1.压实责任。全年召开专题会议4次。\n2.强化考核。考核单位56个。\n"
    "（四）依法履行职能\n3.深化审批改革。取消事项18项。\n4.优化服务。新增网办事项126项。\n",
)


def test_numbering_continued_across_parents_is_not_a_skip():
    assert not findings_of(check_text(RUN_ON), "heading-numbering")


def test_a_real_skip_in_continued_numbering_is_found():
    text = RUN_ON.replace("4.优化服务", "6.优化服务")
    (f,) = findings_of(check_text(text), "heading-numbering")
    assert "6" in f.message


def test_restarted_numbering_with_a_skip_is_found():
    text = RUN_ON.replace("3.深化审批改革", "1.深化审批改革").replace("4.优化服务", "3.优化服务")
    assert findings_of(check_text(text), "heading-numbering")


# --- 7. run-on text --------------------------------------------------------------------------
def _run_together(text: str) -> str:
    """A mirror's copy: the body lines joined into one line after the title."""
    lines = text.splitlines()
    return lines[0] + "\n" + "".join(lines[1:-2]) + "\n" + "\n".join(lines[-2:]) + "\n"


def test_headings_inside_a_run_on_line_still_count():
    text = _run_together(CLEAN)
    result = check_text(text)
    assert findings_of(result, "section-missing") == []
    assert {s.key for s in result.report.sections} >= {"measures", "shortcomings", "first_responsibility", "next_year_plan"}
    # positions point into the one long line
    (para,) = [result.report.source.paragraphs[h.index] for h in result.report.headings if h.keys == ("shortcomings",)]
    src = text.splitlines()[para.line - 1]
    assert src[para.column - 1:].startswith("二、")


def test_a_run_on_report_still_misses_what_it_misses():
    text = _run_together(build(("measures", "shortcomings", "next_year_plan")))
    assert ids(check_text(text), "section-missing") == ["first_responsibility"]


def test_ordinals_listed_in_a_sentence_are_not_headings():
    text = with_measures("（五）推进产业协调。" + "一、二、三产业融合发展，新增项目12个。" * 8)
    result = check_text(text)
    assert [h.label for h in result.report.headings if h.level == 1] == [
        h.label for h in check_text(CLEAN).report.headings if h.level == 1
    ]
    assert not findings_of(result, "heading-numbering")


# --- missed faults -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written",
    ["20xx年", "共办理xx件", "共召开会议*次", "全区*个乡镇", "在_村开展试点", "完成____项"],
)
def test_placeholders_in_other_marks(written):
    text = with_measures(f"（五）{written}，推进依法行政。")
    assert findings_of(check_text(text), "placeholder")


@pytest.mark.parametrize(
    "ordinary",
    ["访问 www.example.gov.cn/xxgk 查看", "**重点工作**按期完成", "注*：数据来源于统计年鉴", "user_name 字段", "Xbox 和 xx-large"],
)
def test_ordinary_text_and_footnote_marks_are_not_placeholders(ordinary):
    text = with_measures(f"（五）{ordinary}。")
    assert not findings_of(check_text(text), "placeholder")


@pytest.mark.parametrize(
    "title, fires",
    [
        ("青山县2023年法治政府建设自查报告", True),
        ("青山县2023年法治政府建设情况汇报", True),
        ("青山县法治政府建设年度报告", True),  # no year
        ("青山县2023年法治政府建设年度报告", False),
        ("青山县人民政府关于2023年度法治政府建设情况的报告", False),
    ],
)
def test_title_format(title, fires):
    result = check_text(CLEAN.replace(TITLE, title))
    assert bool(findings_of(result, "title-format")) is fires


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("推进法制政府建设", "法治政府"),
        ("打造法制化营商环境", "法治化营商环境"),
        ("迎接法治政府建设实地督查", "法治政府建设实地督察"),
    ],
)
def test_term_usage_outside_titles(sentence, expected):
    (f,) = findings_of(check_text(with_measures(f"（五）{sentence}，全年完成12项任务。")), "term-usage")
    assert f.data["expected"] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "落实重大执法决定法制审核制度",  # 法制审核 is the right word
        "配合市委督查室开展联合督查",  # government 督查 of work, not 法治督察
        "打造法治化营商环境",
        "学习《法制政府建设实施纲要》",  # a cited title is doc-name's, not term-usage's
    ],
)
def test_term_usage_quiet(sentence):
    assert not findings_of(check_text(with_measures(f"（五）{sentence}，全年完成12项任务。")), "term-usage")


@pytest.mark.parametrize(
    "sentence, phrase",
    [
        ("该项目至今已惠及群众3万人", "至今"),
        ("本周内将完成验收", "本周内"),
        ("近日，区政府召开专题会议", "近日"),
        ("目前各乡镇正在开展自查", "目前各乡镇正在"),
    ],
)
def test_relative_time(sentence, phrase):
    found = findings_of(check_text(with_measures(f"（五）{sentence}。")), "time-relative")
    assert [f.data["phrase"] for f in found] == [phrase]


def test_relative_time_quiet_on_dated_text():
    text = with_measures("（五）截至2023年12月31日，已惠及群众3万人；2023年11月，区政府召开专题会议。")
    assert not findings_of(check_text(text), "time-relative")


def test_partial_year_share_of_target():
    (f,) = findings_of(check_text(with_measures("（五）新增网办事项126项，占全年目标任务的80%。")), "period-partial")
    assert "80%" in f.data["phrase"]
    assert not findings_of(check_text(with_measures("（五）新增网办事项126项，完成全年目标任务。")), "period-partial")


# --- one fault, one finding -------------------------------------------------------------------
def test_this_year_up_to_a_month_is_one_finding():
    result = check_text(with_measures("（五）今年截至11月，共办理案件56件。"))
    assert [f.data["phrase"] for f in findings_of(result, "period-partial")] == ["截至11月"]
    assert not findings_of(result, "time-relative")
    alone = check_text(with_measures("（五）今年共办理案件56件。"))
    assert findings_of(alone, "time-relative")


def test_no_signature_is_one_finding():
    result = check_text(build(signature=[]))
    (sig,) = findings_of(result, "signature-missing")
    assert "与日期有关的检查已跳过" in sig.message
    assert not findings_of(result, "date-missing")


def test_a_signature_without_its_date_is_date_missing_only():
    result = check_text(build(signature=["青山县人民政府"]))
    assert findings_of(result, "date-missing") and not findings_of(result, "signature-missing")
    result = check_text(build(signature=["2024年3月15日"]))
    (sig,) = findings_of(result, "signature-missing")
    assert "发文机关" in sig.message and not findings_of(result, "date-missing")


# --- section-missing: the report's own numbering and position ------------------------------
def test_missing_section_heading_uses_the_reports_numbering_and_place():
    text = build(("measures", "shortcomings", "next_year_plan"))
    (f,) = findings_of(check_text(text), "section-missing")
    lines = text.splitlines()
    assert lines[f.line - 1].startswith("三、") and "下一年度" not in SECTIONS["next_year_plan"][0]
    assert "「三、2023年度党政主要负责人履行推进法治建设第一责任人职责情况」" in f.suggestion
    assert "其后各节序号顺延" in f.suggestion


def test_missing_section_after_the_last_one_is_numbered_on():
    text = build(("measures", "shortcomings", "first_responsibility"))
    (f,) = findings_of(check_text(text), "section-missing")
    assert "「四、2024年推进法治政府建设的主要安排」" in f.suggestion
    assert "顺延" not in f.suggestion
    assert text.splitlines()[f.line - 1] == SIGNATURE[0]


def test_missing_section_after_a_combined_heading_goes_after_it():
    headings = {"shortcomings": "存在问题及下步打算"}
    text = build(("measures", "shortcomings"), headings=headings)
    (f,) = findings_of(check_text(text), "section-missing")
    assert f.data["section"] == "first_responsibility"
    assert "「三、" in f.suggestion


def test_the_optional_section_is_never_reported_missing():
    result = check_text(build(("measures", "shortcomings", "first_responsibility", "next_year_plan")))
    assert "other" not in ids(result, "section-missing")


# --- causes-missing -------------------------------------------------------------------------
SHORT = SECTIONS["shortcomings"][1][0]


def test_causes_for_some_problems_name_those_without():
    items = (
        "1.示范创建工作滞后。因思想上重视不够，申报工作推进缓慢。\n"
        "2.执法监督不够有力。对执法单位的检查频次偏低。\n"
        "3.业务培训有待加强。培训内容不够系统。"
    )
    text = CLEAN.replace(SHORT, items)
    (f,) = findings_of(check_text(text), "causes-missing")
    assert "执法监督不够有力" in f.message and "业务培训有待加强" in f.message
    assert "示范创建工作滞后" not in f.message


def test_a_cause_for_all_problems_is_enough():
    assert not findings_of(check_text(CLEAN), "causes-missing")


def test_no_cause_at_all_is_still_found():
    text = CLEAN.replace("产生这些问题的原因主要是执法培训覆盖面不够，乡镇法治机构人员编制偏少。", "")
    (f,) = findings_of(check_text(text), "causes-missing")
    assert "没有分析原因" in f.message


# --- lines as an editor counts them; invisible marks ------------------------------------------
def test_lines_split_only_on_newlines():
    assert split_lines("a\fb\x1cc\u2028d\u0085e\r\nf\rg\n") == ["a\fb\x1cc\u2028d\u0085e", "f", "g"]
    text = CLEAN.replace(OPENING, OPENING.replace("，", "\u2028，", 1))
    assert all(f.line <= len(text.split("\n")) - 1 for f in check_text(text).findings)
    bad = CLEAN.replace("（三）严格", "\x0b（三）严格").replace("（四）预防", "（五）预防")
    (f,) = findings_of(check_text(bad), "heading-numbering")
    assert bad.split("\n")[f.line - 1].lstrip("\x0b").startswith("（五）")


@pytest.mark.parametrize("mark", ["\u200b", "\u2060", "\u00ad", "\u200e", "\u202e", "\ufeff"])
def test_invisible_marks_in_headings_are_ignored(mark):
    text = CLEAN.replace("二、2023年度推进", f"二{mark}、2023年度推进").replace("（三）严格", f"（{mark}三）严格")
    result = check_text(text)
    assert findings_of(result, "section-missing") == []
    assert not findings_of(result, "heading-numbering")


def test_invisible_marks_keep_source_columns():
    text = with_measures("（五）\u200b\u200b落实《法治政府建设与责任落实督查工作规定》。")
    (f,) = findings_of(check_text(text), "doc-name")
    line = text.splitlines()[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "《法治政府建设与责任落实督查工作规定》"
    view, offsets = recognition_view("一\u200b、二")
    assert view == "一、二" and offsets == (0, 2, 3, 4)


def test_normalize_keeps_markdown_heading_columns_with_invisible_marks():
    (p,), _ = normalize_lines(["## \u200b一、主要举措"], markdown=True)
    assert p.text == "一、主要举措" and p.style_level == 2
    assert p.source_column(0) == 5


# --- more page chrome: breadcrumbs, index-table rows, a one-line 落款 --------------------------
@pytest.mark.parametrize(
    "crumb",
    ["您所在的位置：首页 > 政务公开 > 法治政府建设", "首页 / 政务公开 / 法治政府建设", "网站首页 » 信息公开"],
)
def test_breadcrumbs_before_the_title_are_chrome(crumb):
    result = check_text(crumb + "\n" + CLEAN)
    assert result.report.title == TITLE
    assert result.report.source.paragraphs[0].text == TITLE


def test_index_table_rows_are_metadata():
    rows = "索引号 11420000/2024-00012 发布机构 县司法局\n发布日期 2024-03-20 主题分类 政务公开\n"
    result = check_text(build(signature=[]).replace(TITLE + "\n", TITLE + "\n" + rows, 1))
    assert (result.report.date, result.report.date_source) == (dt.date(2024, 3, 20), "metadata")
    assert result.report.source.paragraphs[1].text == OPENING


def test_a_one_line_signature_at_the_end_is_not_a_stamp():
    result = check_text(build(signature=["青山县人民政府 2024年3月15日"]))
    assert result.report.source.paragraphs[-1].text == "青山县人民政府 2024年3月15日"
    assert result.report.date_source != "metadata"


def test_a_saved_pages_text_copy_reads_like_the_page(tmp_path):
    from checker.engine import check_file

    body = "\n".join(f"<p>{line}</p>" for line in build(signature=[]).splitlines()[1:])
    page = (
        "<html><body><div class='crumb'>首页 &gt; 政务公开</div>"
        f"<h1>{TITLE}</h1><div class='info'>栏目:政策文件 发布时间:2024-03-22</div>"
        f"<div id='zoom'>{body}</div></body></html>"
    )
    copy = "首页 > 政务公开\n" + TITLE + "\n栏目:政策文件 发布时间:2024-03-22\n" + build(signature=[]).split("\n", 1)[1]
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "page.txt").write_text(copy, encoding="utf-8")
    html, text = check_file(str(tmp_path / "page.html")), check_file(str(tmp_path / "page.txt"))
    for r in (html, text):
        assert (r.report.title, r.report.year, r.report.date) == (TITLE, 2023, dt.date(2024, 3, 22))
    assert sorted(rules_of(html)) == sorted(rules_of(text))


# --- year-mismatch: the opening's own year, not a period or a date in passing ----------------
@pytest.mark.parametrize("opening, fires", [
    ("2019年以来，青山县持续推进法治政府建设。", False),
    ("2023年3月，县委印发法治建设工作要点。", False),
    ("2022年，青山县全面推进法治政府建设。", True),
    ("2022年度，青山县全面推进法治政府建设。", True),
])
def test_opening_year(opening, fires):
    result = check_text(CLEAN.replace(OPENING, opening))
    assert bool(findings_of(result, "year-mismatch")) is fires


def test_an_update_time_is_not_a_late_publication_but_can_be_early():
    late = build(signature=[]).replace(TITLE + "\n", TITLE + "\n文章来源:县司法局 更新时间:2025/06/01 09:00:00\n", 1)
    result = check_text(late)
    assert result.report.date == dt.date(2025, 6, 1) and not findings_of(result, "date-late")
    early = late.replace("2025/06/01", "2023/11/20")
    assert findings_of(check_text(early), "date-early")


def test_several_missing_sections_at_one_place_are_numbered_in_turn():
    text = build(("measures",))
    found = {f.data["section"]: f.suggestion for f in findings_of(check_text(text), "section-missing")}
    assert "「二、2023年度推进法治政府建设存在的不足和原因」" in found["shortcomings"]
    assert "「三、2023年度党政主要负责人" in found["first_responsibility"]
    assert "「四、2024年推进" in found["next_year_plan"]


def test_ducha_applies_from_the_2019_regulation():
    text = with_measures("（五）迎接法治政府建设实地督查，全年完成12项任务。")
    assert findings_of(check_text(text), "term-usage")
    old = text.replace("2023", "2018").replace("2024", "2019")
    assert not findings_of(check_text(old), "term-usage")
    assert findings_of(check_text(old.replace("实地督查", "实地督查，推进法制政府建设")), "term-usage")


@pytest.mark.parametrize("title, fires", [
    ("2023年法治政府建设工作情况的报告", True),
    ("关于2023年度法治政府建设情况的报告", True),
    ("青山县人民政府关于2023年度法治政府建设情况的报告", False),
    ("2023年青山县法治政府建设情况报告", False),
])
def test_title_names_its_organ(title, fires):
    # a title naming no organ is subject-mismatch's (one fault, one finding), not title-format's
    result = check_text(CLEAN.replace(TITLE, title))
    found = findings_of(result, "subject-mismatch")
    assert bool(found) is fires
    assert not findings_of(result, "title-format")
    if fires:
        assert "主体" in found[0].message


@pytest.mark.parametrize("note", ["（此件公开发布）", "(此件主动公开)", "抄送：市司法局", "（联系人：张三，电话：1234567）"])
def test_a_note_under_the_signature_does_not_hide_it(note):
    result = check_text(CLEAN + note + "\n")
    assert result.report.date_source == "signature" and result.report.signature_organ == SIGNATURE[0]
    assert not findings_of(result, "signature-missing")


def test_half_year_as_a_date_is_not_partial_data():
    assert not findings_of(check_text(with_measures("（五）2023年上半年，区政府召开专题会议2次。")), "period-partial")
    assert findings_of(check_text(with_measures("（五）上半年共办理案件56件。")), "period-partial")


def test_a_word_paragraph_of_invisible_marks_only_is_no_paragraph(tmp_path):
    # a soft hyphen or zero-width space alone in a Word paragraph (found by the pipeline fuzz test)
    import docx

    from checker.engine import check_file

    document = docx.Document()
    for text in (TITLE, "\u00ad", "\u200b\u2060", *CLEAN.splitlines()[1:]):
        document.add_paragraph(text)
    path = tmp_path / "marks.docx"
    document.save(path)
    result = check_file(str(path))
    assert result.error is None
    assert all(p.text.strip() for p in result.report.source.paragraphs)
    assert not findings_of(result, "section-missing")
