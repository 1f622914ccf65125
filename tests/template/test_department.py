"""The department template: a 县级以上政府部门's report — same five items, the department's
principal carries the first-responsibility duty, reporting deadline end of February."""

from __future__ import annotations

from pathlib import Path

import yaml

from checker.rules.examples import MINI
from checker.engine import Options, check_text
from checker.resources import resource_path
from checker.template import builtin_names, load_template

DEPARTMENT = (
    MINI.replace("柳溪县2023年法治政府建设年度报告", "柳溪县司法局2023年法治政府建设年度报告")
    .replace("2023年，柳溪县坚持", "2023年，柳溪县司法局坚持")
    .replace("三、2023年度党政主要负责人履行推进法治建设第一责任人职责情况", "三、2023年度本部门主要负责人履行推进法治建设第一责任人职责情况")
    .replace("县委、县政府主要负责同志", "局主要负责同志")
    .replace("柳溪县人民政府\n", "柳溪县司法局\n")
    .replace("2024年3月15日", "2024年2月20日")
)


def test_is_built_in_and_extends_annual() -> None:
    assert "department" in builtin_names()
    raw = yaml.safe_load(Path(resource_path("templates", "report", "department.yaml")).read_text(encoding="utf-8"))
    assert raw["extends"] == "annual"
    t = load_template("department")
    assert t.name == "department"
    assert t.label == "县级以上政府部门法治政府建设年度报告"
    assert (t.deadlines.submit, t.deadlines.publish) == ("02-end", "03-31")
    assert t.title_canonical == "{subject}{year}年法治政府建设年度报告"


def test_sections_are_worded_for_a_department() -> None:
    t = load_template("department")
    annual = load_template("annual")
    assert t.order == annual.order
    assert [s.required for s in t.sections] == [s.required for s in annual.sections]
    duty = t.section("first_responsibility")
    assert "本部门主要负责人履行推进法治建设第一责任人职责" in duty.regulation
    assert duty.title == "部门主要负责人履行推进法治建设第一责任人职责情况"
    assert "党政主要负责人" not in duty.heading
    for s in t.sections:
        if s.key != "other":
            assert "本部门" in s.heading and "本部门" in s.regulation
    # recognition is inherited from annual
    assert duty.headings is not None and duty.evidence == annual.section("first_responsibility").evidence


def test_a_department_report_is_complete() -> None:
    result = check_text(DEPARTMENT, Options(template="department"))
    assert result.error is None
    assert result.template == "department"
    assert [s.key for s in result.report.sections] == list(load_template("department").order)
    structural = ("section-missing", "section-unheaded", "duty-evidence-missing")
    assert not [f for f in result.findings if f.rule in structural]
    assert result.report.subject == "柳溪县司法局"


def test_a_department_report_missing_the_duty_section() -> None:
    text = DEPARTMENT.replace(
        "三、2023年度本部门主要负责人履行推进法治建设第一责任人职责情况\n"
        "局主要负责同志对法治建设重要工作亲自部署、重大问题亲自过问。县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。\n",
        "",
    )
    assert text != DEPARTMENT
    missing = [f for f in check_text(text, Options(template="department")).findings if f.rule == "section-missing"]
    assert [f.data["section"] for f in missing] == ["first_responsibility"]
    assert "部门主要负责人" in missing[0].message
