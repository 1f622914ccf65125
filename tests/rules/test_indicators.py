"""Indicator rules on team-written drafts: every topic reported, with figures; zeros count for
departments; plan-only mentions are not reports."""

from __future__ import annotations

import pytest

from checker.rules.indicators import coverage, indicators
from checker.engine import Options, check_text
from checker.template import load_template

from tests.conftest import findings_of

# One measures paragraph per topic; no paragraph names another topic.
TOPICS = {
    "government_services": "（一）深化“放管服”改革。全年新增政务服务事项126项，政务服务事项网上可办率达到98.6%。",
    "major_decisions": "（二）规范重大行政决策。全年作出重大行政决策7项，均经公众参与、专家论证。",
    "normative_documents": "（三）加强规范性文件管理。制定规范性文件9件，报备率100%。",
    "enforcement": "（四）严格规范公正文明执法。全面落实“三项制度”，评查案卷180卷。",
    "admin_reconsideration": "（五）发挥行政复议作用。全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件。",
    "admin_litigation": "（六）做好行政应诉工作。全年行政诉讼一审案件35件，败诉2件。",
    "head_appearance": "（七）落实负责人出庭制度。行政机关负责人出庭33次，出庭率94.3%。",
    "legal_advisers": "（八）发挥法律顾问作用。各部门聘请法律顾问48名，出具法律意见236件。",
    "legal_education": "（九）深入开展普法。举办普法讲座260场，培训“法律明白人”2000余人。",
    "dispute_resolution": "（十）化解矛盾纠纷。人民调解组织受理矛盾纠纷1260件，调解成功1214件。",
    "leadership_shufa": "（十一）推行述法。32名党政主要负责人在年终述法，实现全覆盖。",
}
PLAN = "一是继续深化行政复议体制改革；二是加强行政应诉，提升负责人出庭质量；三是做好普法和人民调解工作；四是推行述法。"


def draft(topics: dict[str, str] = TOPICS, plan: str = PLAN, extra: str = "") -> str:
    return "\n".join([
        "青山县2023年法治政府建设年度报告",
        "2023年，青山县全面推进法治政府建设。现将有关情况报告如下：",
        "一、2023年度推进法治政府建设的主要举措和成效",
        *topics.values(),
        *([extra] if extra else []),
        "二、2023年度推进法治政府建设存在的不足和原因",
        "一是基层法治力量薄弱；二是工作创新不够。主要原因是乡镇法治机构人员编制不足。",
        "三、2023年度党政主要负责人履行推进法治建设第一责任人职责情况",
        "县委、县政府主要负责同志亲自部署、亲自过问法治建设，县政府常务会议专题研究法治政府建设工作4次。",
        "四、2024年推进法治政府建设的主要安排",
        plan,
        "青山县人民政府",
        "2024年3月15日",
    ]) + "\n"


def without(key: str, replacement: str | None = None) -> dict[str, str]:
    out = dict(TOPICS)
    if replacement is None:
        del out[key]
    else:
        out[key] = replacement
    return out


def ids(result, rule: str) -> list[str]:
    return [f.data["indicator"] for f in findings_of(result, rule)]


def test_every_topic_reported_with_figures_is_quiet():
    result = check_text(draft())
    assert findings_of(result, "indicator-missing") == []
    assert findings_of(result, "indicator-no-data") == []


def test_the_draft_names_each_topic_once():
    template = load_template("annual")
    for key, paragraph in TOPICS.items():
        named = {t.key for t in indicators(template) if t.patterns.search(paragraph)}
        assert named == {key}, (key, named)


# --- indicator-missing ---------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(TOPICS))
def test_missing_topic_is_reported_once_with_its_key(key):
    result = check_text(draft(without(key)))
    (f,) = findings_of(result, "indicator-missing")
    assert f.severity == "warning"
    assert f.data == {"indicator": key}
    assert ids(result, "indicator-no-data") == []


def test_missing_finding_sits_at_the_measures_and_names_the_figures():
    # where the topic belongs: the measures' heading, not the end of whichever paragraph is last
    text = draft(without("admin_reconsideration"))
    (f,) = findings_of(check_text(text), "indicator-missing")
    lines = text.splitlines()
    assert lines[f.line - 1] == "一、2023年度推进法治政府建设的主要举措和成效"
    assert f.column == 1
    assert "补充行政复议收到、受理、审结件数和纠错率" in f.suggestion
    assert "行政复议" in f.message


def test_plan_only_mentions_do_not_report_a_topic():
    # PLAN names 行政复议, 应诉, 出庭, 普法, 人民调解, 述法: intentions, not reports
    for key in ("admin_reconsideration", "admin_litigation", "head_appearance", "legal_education",
                "dispute_resolution", "leadership_shufa"):
        result = check_text(draft(without(key)))
        assert ids(result, "indicator-missing") == [key]


def test_several_missing_topics_one_finding_each():
    topics = {k: v for k, v in TOPICS.items() if k not in ("legal_advisers", "head_appearance", "admin_litigation")}
    result = check_text(draft(topics))
    assert sorted(ids(result, "indicator-missing")) == ["admin_litigation", "head_appearance", "legal_advisers"]


def test_mention_in_the_shortcomings_counts_as_mentioned():
    text = draft(without("legal_advisers")).replace("二是工作创新不够", "二是法律顾问作用发挥不够")
    result = check_text(text)
    assert ids(result, "indicator-missing") == []
    assert ids(result, "indicator-no-data") == ["legal_advisers"]


def test_without_a_measures_section_the_finding_is_at_the_end_of_the_text():
    text = "青山县2023年法治政府建设年度报告\n2023年，青山县依法行政，法治政府建设取得成效。\n"
    result = check_text(text)
    missing = findings_of(result, "indicator-missing")
    assert {f.data["indicator"] for f in missing} == set(TOPICS)
    assert {(f.line, f.column) for f in missing} == {(2, len(text.splitlines()[1]) + 1)}


def test_measures_running_to_the_end_take_the_finding_at_the_end():
    # nothing after the measures (a report cut short): more measures go at the end
    text = "青山县2023年法治政府建设年度报告\n一、主要举措和成效\n（一）深化“放管服”改革。全年新增政务服务事项126项。\n"
    (f, *_) = findings_of(check_text(text), "indicator-missing")
    assert (f.line, f.column) == (3, len(text.splitlines()[2]) + 1)


# --- indicator-no-data ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "key, paragraph",
    [
        ("admin_reconsideration", "（五）发挥行政复议作用。依法办理行政复议案件，纠错功能进一步发挥。"),
        ("admin_reconsideration", "（五）发挥行政复议作用。2023年修订行政复议工作规则，3月15日起施行。"),  # dates are not data
        ("legal_advisers", "（八）发挥法律顾问作用。第一批法律顾问全部到岗，一是参与决策，二是审核合同。"),  # ordinals
        ("major_decisions", "（二）规范重大行政决策。落实《重大行政决策程序暂行条例》（2019年）。"),
        ("leadership_shufa", "（十一）推行述法。党政主要负责人年终述法工作有序开展。"),
    ],
)
def test_no_data_fires_on_a_mention_without_figures(key, paragraph):
    result = check_text(draft(without(key, paragraph)))
    (f,) = findings_of(result, "indicator-no-data")
    assert (f.data["indicator"], f.severity) == (key, "info")
    assert ids(result, "indicator-missing") == []
    line = draft(without(key, paragraph)).splitlines()[f.line - 1]
    assert line == paragraph
    assert f.end_column > f.column


def test_no_data_points_at_the_first_mention():
    paragraph = "（五）发挥行政复议作用。依法办理行政复议案件。"
    text = draft(without("admin_reconsideration", paragraph))
    (f,) = findings_of(check_text(text), "indicator-no-data")
    line = text.splitlines()[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "行政复议"
    assert f.column - 1 == paragraph.index("行政复议")


@pytest.mark.parametrize(
    "paragraph",
    [
        "（五）发挥行政复议作用。全年办理行政复议案件约20件。",  # approximate figures are data
        "（五）发挥行政复议作用。全年办理行政复议案件二十余件。",
        "（五）发挥行政复议作用。行政复议纠错率17.4%。",
        "（五）加强行政复议工作。全年收到申请23件，受理21件。",  # the next sentence names no other topic
        "（五）全年未发生行政复议案件。",  # an explicit zero
        "（五）行政复议案件为零。",
    ],
)
def test_data_in_the_sentence_or_the_next_one_is_enough(paragraph):
    result = check_text(draft(without("admin_reconsideration", paragraph)))
    assert findings_of(result, "indicator-no-data") == []
    assert findings_of(result, "indicator-missing") == []


def test_figures_anywhere_in_the_paragraph_are_its_data():
    # issue 11: the paragraph that reports a topic is judged whole (a reviewer reads figures
    # in another sentence of it as its data); a figure in another paragraph is not
    paragraph = "（五）加强行政复议工作，完善工作机制。聘请法律顾问12名。"
    result = check_text(draft(without("admin_reconsideration", paragraph)))
    assert ids(result, "indicator-no-data") == []
    apart = draft(without("admin_reconsideration", "（五）加强行政复议工作，完善工作机制。"))
    assert ids(check_text(apart), "indicator-no-data") == ["admin_reconsideration"]


def test_data_later_in_the_report_clears_an_early_bare_mention():
    extra = "此外，全年收到行政复议申请23件，受理21件。"
    text = draft(without("admin_reconsideration", "（五）发挥行政复议作用，完善工作机制。"), extra=extra)
    assert findings_of(check_text(text), "indicator-no-data") == []


def test_coverage_helper_reports_first_mention_and_data():
    result = check_text(draft(without("admin_reconsideration", "（五）发挥行政复议作用。依法办案。")))
    found = coverage(result.report, load_template("annual"))
    assert found["admin_reconsideration"].with_data is False
    assert found["legal_advisers"].with_data is True
    assert set(found) == set(TOPICS)


# --- templates: department subset, zero statements, severity off ----------------------------
DEPARTMENT_TOPICS = {k: v for k, v in TOPICS.items() if k not in ("government_services", "dispute_resolution")}


def department(topics: dict[str, str]) -> str:
    return (
        draft(topics)
        .replace("青山县2023年法治政府建设年度报告", "青山县司法局2023年法治政府建设年度报告")
        .replace("三、2023年度党政主要负责人", "三、2023年度本部门主要负责人")
        .replace("县委、县政府主要负责同志", "局主要负责同志")
        .replace("青山县人民政府", "青山县司法局")
        .replace("2024年3月15日", "2024年2月20日")
    )


def test_department_does_not_need_services_or_mediation():
    result = check_text(department(DEPARTMENT_TOPICS), Options(template="department"))
    assert findings_of(result, "indicator-missing") == []
    assert findings_of(result, "indicator-no-data") == []
    annual = check_text(department(DEPARTMENT_TOPICS))
    assert sorted(ids(annual, "indicator-missing")) == ["dispute_resolution", "government_services"]


@pytest.mark.parametrize(
    "key, zero",
    [
        ("admin_reconsideration", "（五）本部门全年未发生行政复议案件。"),
        ("admin_reconsideration", "（五）本局全年未被申请行政复议。"),
        ("admin_litigation", "（六）本部门全年无行政诉讼案件。"),
        ("admin_litigation", "（六）全年未发生行政诉讼案件。"),
        ("normative_documents", "（三）本部门全年未制定规范性文件。"),
        ("major_decisions", "（二）本部门无重大行政决策事项。"),
    ],
)
def test_department_zero_counts_as_reported(key, zero):
    result = check_text(department({**DEPARTMENT_TOPICS, key: zero}), Options(template="department"))
    assert findings_of(result, "indicator-missing") == []
    assert findings_of(result, "indicator-no-data") == []


def test_a_zero_of_something_else_is_not_a_zero_of_the_topic():
    # 未发生行政诉讼败诉案件 says nothing about how many cases there were
    paragraph = "（六）做好行政诉讼应诉工作，全年未发生行政诉讼败诉案件。"
    result = check_text(department({**DEPARTMENT_TOPICS, "admin_litigation": paragraph}), Options(template="department"))
    assert ids(result, "indicator-no-data") == ["admin_litigation"]


def test_department_missing_topic_uses_department_wording():
    result = check_text(department({k: v for k, v in DEPARTMENT_TOPICS.items() if k != "normative_documents"}), Options(template="department"))
    (f,) = [f for f in findings_of(result, "indicator-missing") if f.data["indicator"] == "normative_documents"]
    assert "本部门制定行政规范性文件件数" in f.suggestion


def test_department_template_turns_off_the_topics_it_does_not_own():
    keys = {t.key for t in indicators(load_template("department"))}
    assert keys == set(TOPICS) - {"government_services", "dispute_resolution"}
    assert {t.key for t in indicators(load_template("annual"))} == set(TOPICS)


def test_user_template_can_raise_a_topic_and_turn_one_off(tmp_path):
    path = tmp_path / "province.yaml"
    path.write_text(
        "extends: annual\nname: province\n"
        "indicators:\n"
        "  - key: leadership_shufa\n    severity: \"off\"\n"
        "  - key: legal_advisers\n    severity: error\n",
        encoding="utf-8",
    )
    topics = {k: v for k, v in TOPICS.items() if k not in ("leadership_shufa", "legal_advisers")}
    result = check_text(draft(topics, plan="一是继续深化行政复议体制改革。"), Options(template=str(path)))
    assert [(f.data["indicator"], f.severity) for f in findings_of(result, "indicator-missing")] == [("legal_advisers", "error")]


def test_config_can_turn_the_rule_off():
    result = check_text(draft(without("legal_advisers")), Options(rules={"indicator-missing": "off"}))
    assert findings_of(result, "indicator-missing") == []
