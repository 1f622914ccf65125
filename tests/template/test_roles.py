"""The checks read what a section IS (its role), and take their wording from the template: a
template whose sections have other keys, or that words its own suggestions, is checked alike."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from checker.engine import Options, check_text, template_for
from checker.resources import resource_path
from checker.template import TemplateError, load_template
from checker.template.lexicon import ORGAN_LINE, names_organ

from tests.conftest import ROOT, findings_of
from tests.drafts import CLEAN, SECTIONS, build

RENAMED = {"measures": "jucuo", "shortcomings": "buzu", "first_responsibility": "zeren", "next_year_plan": "anpai"}


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> str:
    """annual.yaml with every section key renamed (the roles kept): no check may rely on a key."""
    text = Path(resource_path("templates", "report", "annual.yaml")).read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        text = re.sub(rf"(?<!role: )\b{old}\b", new, text)
    text = text.replace("name: annual", "name: renamed")
    path = tmp_path_factory.mktemp("roles") / "renamed.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_template(str(path)).order[:4] == tuple(RENAMED.values())
    return str(path)


def _ids(text: str, template: str = "annual") -> list[tuple[str, str]]:
    return sorted((f.rule, json.dumps(f.data, ensure_ascii=False, sort_keys=True)) for f in check_text(text, Options(template=template)).findings)


def _renamed(data: str) -> str:
    for old, new in RENAMED.items():
        data = data.replace(f'"{old}"', f'"{new}"')
    return data


def test_a_template_with_other_keys_checks_the_same(renamed: str) -> None:
    for draft in (CLEAN, build(("measures", "shortcomings", "next_year_plan"))):
        ours = sorted((rule, _renamed(data)) for rule, data in _ids(draft))
        assert ours and _ids(draft, renamed) == ours


def test_the_plan_heading_expects_next_year_by_role(renamed: str) -> None:
    draft = build(headings={"next_year_plan": SECTIONS["next_year_plan"][0].replace("2024", "2023")})
    for template in ("annual", renamed):
        (f,) = findings_of(check_text(draft, Options(template=template)), "year-mismatch")
        assert f.data == {"expected": 2024, "found": 2023}


def test_partial_year_in_the_plan_is_not_flagged_by_role(renamed: str) -> None:
    plan = SECTIONS["next_year_plan"][1][0]
    draft = CLEAN.replace(plan, plan + "截至10月底完成评查。")
    assert not findings_of(check_text(draft, Options(template=renamed)), "period-partial")
    measures = SECTIONS["measures"][1][0]
    draft = CLEAN.replace(measures, measures + "截至10月底完成评查。")
    assert findings_of(check_text(draft, Options(template=renamed)), "period-partial")


def test_suggestions_come_from_the_template(tmp_path: Path) -> None:
    path = tmp_path / "worded.yaml"
    path.write_text(
        "extends: department\n"
        "suggestions:\n  section-order: 按本省通知要求的顺序排列各部分。\n"
        "sections:\n  - key: first_responsibility\n    short: 主要负责人职责\n    suggestions:\n"
        "      duty-evidence-missing: 写明部门党组会议专题研究法治工作的次数。\n",
        encoding="utf-8",
    )
    reordered = build(("measures", "first_responsibility", "shortcomings", "next_year_plan"))
    (f,) = findings_of(check_text(reordered, Options(template=str(path))), "section-order")
    assert f.suggestion == "按本省通知要求的顺序排列各部分。"
    (g,) = findings_of(check_text(reordered), "section-order")
    assert g.suggestion == "按“主要举措和成效、不足和原因、第一责任人履职情况、下一年度安排”的顺序排列各部分。"
    duty = SECTIONS["first_responsibility"][1][0]
    bare = CLEAN.replace(duty, "主要负责同志高度重视法治建设，认真履行第一责任人职责，取得了明显成效。")
    (h,) = findings_of(check_text(bare, Options(template=str(path))), "duty-evidence-missing")
    assert h.suggestion == "写明部门党组会议专题研究法治工作的次数。"
    assert load_template(str(path)).section("first_responsibility").short == "主要负责人职责"


def test_a_suggestion_for_no_rule_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("extends: annual\nsections:\n  - key: measures\n    suggestions:\n      no-such-rule: 某某\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="no-such-rule"):
        template_for(str(path))


@pytest.mark.parametrize("name, organ", [
    ("柳溪县司法局", True), ("柳溪县人民政府", True), ("某某街道办事处", True), ("法治政府建设工作领导小组", True),
    ("柳溪县", False), ("柳溪县法治政府建设", False),
])
def test_one_lexicon_of_organ_names(name: str, organ: bool) -> None:
    from checker.rules.structure import _organ_of
    from checker.init import organ_of

    assert names_organ(name) is organ and bool(ORGAN_LINE.match(name)) is organ
    assert (organ_of(name) == name) is (organ or not name.endswith("县"))
    assert (_organ_of(name) == name) is organ


def test_the_template_package_imports_no_rule() -> None:
    """The rules read templates; the template package reads no rule (rule ids reach it as a
    parameter), at module level or inside a function."""
    package = ROOT / "checker" / "template"
    imported = set()
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                imported.add("." * node.level + (node.module or ""))
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
    assert imported and not {m for m in imported if re.search(r"rules|checks|engine|outline|render", m)}


def test_no_template_yaml_beyond_the_template_package() -> None:
    """Checks, outline and renderers read the compiled records: no ``.raw`` data of a template,
    no private pattern helper of the package, imported or reached for."""
    root = ROOT / "checker"
    offenders = []
    for module in root.rglob("*.py"):
        if module.parent.name == "template":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and "template" in (node.module or ""):
                offenders += [f"{module.name}: {a.name}" for a in node.names if a.name.startswith("_")]
            elif isinstance(node, ast.Attribute) and node.attr == "raw" and "template" in ast.unparse(node.value):
                offenders.append(f"{module.name}: {ast.unparse(node)}")
    assert not offenders
    assert not hasattr(load_template("annual"), "raw")
