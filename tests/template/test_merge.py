"""``extends:`` merges each key by its policy (issue 10): a province's template adds to the
built-in lists instead of replacing them, and can still replace or remove where it says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import Options, check_text
from checker.template import MERGE, TemplateError, load_template
from checker.template.schema import policy, schema_paths

from tests.conftest import findings_of
from tests.drafts import CLEAN, SIGNATURE

PROVINCE = """\
extends: annual
name: province
label: 某省法治政府建设年度报告
deadlines:
  publish: "03-20"
doc_names:
  - name: 《某省法治政府建设规定》
phrases:
  placeholder:
    - "待核定数"
sections:
  - key: rectification
    required: true
    title: 督察反馈问题整改情况
    heading: "六、督察反馈问题整改情况"
    regulation: 上一年度法治督察反馈问题的整改落实情况
    headings: ["督察反馈问题整改"]
"""
RECTIFICATION = ["六、督察反馈问题整改情况", "对督察反馈的3个问题，已全部整改到位，建立长效机制2项。"]
SPOT = "清理证明事项43项，公布涉企收费目录清单。"


def _write(tmp_path: Path, body: str, name: str = "province.yaml") -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def _draft(sentence: str = SPOT, rectified: bool = True, date: str = SIGNATURE[1]) -> str:
    text = CLEAN.replace(SPOT, sentence)
    tail = "\n".join(SIGNATURE) + "\n"
    extra = "\n".join(RECTIFICATION) + "\n" if rectified else ""
    return text.replace(tail, extra + SIGNATURE[0] + "\n" + date + "\n")


@pytest.fixture
def province(tmp_path: Path) -> str:
    return _write(tmp_path, PROVINCE)


def test_province_keeps_every_built_in_list_and_adds_its_own(province: str) -> None:
    annual, t = load_template("annual"), load_template(province)
    assert [d.name for d in t.doc_names] == [d.name for d in annual.doc_names] + ["《某省法治政府建设规定》"]
    assert t.phrase_sets["placeholder"].sources == annual.phrase_sets["placeholder"].sources + ("待核定数",)
    assert t.order == annual.order + ("rectification",)
    assert t.section("rectification").required
    assert (t.deadlines.publish, t.deadlines.submit) == ("03-20", None)
    assert [i.key for i in t.indicators] == [i.key for i in annual.indicators]


def test_a_clean_province_report_is_quiet(province: str) -> None:
    result = check_text(_draft(), Options(template=province))
    assert not [f for f in result.findings if f.severity == "error"], result.findings


@pytest.mark.parametrize(
    "sentence, rule, data",
    [
        # built-in: a near miss of a built-in name, the built-in placeholder patterns
        ("落实《法治政府建设与责任落实督查工作规定》。", "doc-name", {"expected": "《法治政府建设与责任落实督察工作规定》"}),
        ("评查案卷XX卷。", "placeholder", {"text": "XX"}),
        ("清理证明事项x项。", "placeholder", {"text": "x项"}),
        # the province's own
        ("落实《某省法制政府建设规定》。", "doc-name", {"expected": "《某省法治政府建设规定》"}),
        ("清理证明事项待核定数项。", "placeholder", {"text": "待核定数"}),
    ],
)
def test_built_in_and_province_entries_fire(province: str, sentence: str, rule: str, data: dict) -> None:
    found = findings_of(check_text(_draft(sentence), Options(template=province)), rule)
    assert any(all(f.data.get(k) == v for k, v in data.items()) for f in found), found


def test_the_new_section_is_required(province: str) -> None:
    result = check_text(_draft(rectified=False), Options(template=province))
    assert [f.data["section"] for f in findings_of(result, "section-missing")] == ["rectification"]
    assert not findings_of(check_text(_draft(), Options(template=province)), "section-missing")


def test_the_deadline_is_the_provinces(province: str) -> None:
    late = _draft(date="2024年3月25日")
    (f,) = findings_of(check_text(late, Options(template=province)), "date-late")
    assert f.data["deadline"] == "2024-03-20"
    assert not findings_of(check_text(_draft(date="2024年3月18日"), Options(template=province)), "date-late")
    annual = CLEAN.replace(SIGNATURE[1], "2024年3月25日")
    assert not findings_of(check_text(annual), "date-late")  # annual's deadline is 03-31


def test_a_template_extending_department_keeps_the_departments_changes(tmp_path: Path) -> None:
    path = _write(tmp_path, (
        "extends: department\nname: province-dept\nlabel: 某省部门年度报告\n"
        "indicators:\n  - key: admin_reconsideration\n    zero: ['本部门无复议案件']\n"
        "doc_names:\n  - name: 《某省行政执法条例》\n"
    ))
    dept, t = load_template("department"), load_template(path)
    assert t.deadlines.submit == "02-end"  # department's
    assert t.section("first_responsibility").title == dept.section("first_responsibility").title
    assert [i.key for i in t.indicators if i.severity == "off"] == ["government_services", "dispute_resolution"]
    zero = t.indicators[0].zero
    assert zero.search("本部门无复议案件") and zero.search("本部门未被申请行政复议")  # its own and department's
    assert len(t.doc_names) == len(dept.doc_names) + 1


def test_replace_and_remove(tmp_path: Path) -> None:
    path = _write(tmp_path, (
        "extends: annual\n"
        "phrases:\n  placeholder:\n    replace: ['待定']\n"
        "doc_names:\n  - name: 《优化营商环境条例》\n    remove: true\n"
        "sections:\n  - key: other\n    remove: true\n"
        "  - key: measures\n    collects_unmatched_before:\n      replace: [shortcomings, next_year_plan]\n"
    ))
    t = load_template(path)
    assert t.phrase_sets["placeholder"].sources == ("待定",)
    assert "《优化营商环境条例》" not in [d.name for d in t.doc_names]
    assert len(t.doc_names) == len(load_template("annual").doc_names) - 1
    assert "other" not in t.order
    result = check_text(CLEAN.replace(SPOT, "评查案卷XX卷，事项待定。"), Options(template=path))
    assert [f.data["text"] for f in findings_of(result, "placeholder")] == ["待定"]


def test_a_section_override_keeps_its_patterns_and_adds_one(tmp_path: Path) -> None:
    path = _write(tmp_path, "extends: annual\nsections:\n  - key: shortcomings\n    headings: ['短板弱项']\n")
    spec = load_template(path).section("shortcomings")
    assert spec.headings.search("存在的问题") and spec.headings.search("短板弱项")


def test_a_replaced_list_is_still_validated(tmp_path: Path) -> None:
    path = _write(tmp_path, "extends: annual\nphrases:\n  placeholder:\n    replace: ['(']\n")
    with pytest.raises(TemplateError, match="phrases.placeholder"):
        load_template(path)


def test_the_merge_table_covers_the_schema() -> None:
    assert schema_paths() == set(MERGE)
    assert policy("phrases.placeholder") == "append" and policy("applies.section-order.since") == "replace"
    assert {p for p in MERGE.values()} == {"replace", "merge", "append", "key:key", "key:name", "key:wrong"}


@pytest.mark.parametrize("body", [
    "extends: annual\ndoc_names:\n  - name: 《没有这个文件》\n    remove: true\n",
    "extends: annual\nsections:\n  - key: nowhere\n    remove: true\n",
])
def test_removing_what_the_base_does_not_have_is_an_error(tmp_path: Path, body: str) -> None:
    with pytest.raises(TemplateError, match="remove"):
        load_template(_write(tmp_path, body))
