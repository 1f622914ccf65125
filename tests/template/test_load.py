"""Report templates: built-ins validate, extends merges, bad templates stop the run (exit 2)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.engine import Options, check_text, template_for
from checker.template import TemplateError, builtin_names, load_template

from tests.conftest import findings_of
from tests.drafts import CLEAN, build


def test_builtins_load():
    assert "annual" in builtin_names()
    t = load_template("annual")
    assert t.order[:4] == ("measures", "shortcomings", "first_responsibility", "next_year_plan")
    assert [s.key for s in t.sections if s.required] == ["measures", "shortcomings", "first_responsibility", "next_year_plan"]


def test_user_template_extends_annual(tmp_path):
    path = tmp_path / "province.yaml"
    path.write_text(
        "extends: annual\n"
        "name: province\n"
        "severities:\n  section-order: warning\n"
        "sections:\n"
        "  - key: rectification\n    required: true\n    title: 督察反馈问题整改情况\n"
        "    regulation: 上一年度法治督察反馈问题的整改落实情况\n    headings: ['整改']\n",
        encoding="utf-8",
    )
    t = load_template(str(path))
    assert t.name == "province" and t.order[-1] == "rectification"
    assert t.section("measures").title == "主要举措和成效"  # inherited
    result = check_text(CLEAN, Options(template=str(path)))
    assert {f.data["section"] for f in findings_of(result, "section-missing")} == {"rectification"}
    reordered = build(("measures", "first_responsibility", "shortcomings", "next_year_plan"))
    (f,) = findings_of(check_text(reordered, Options(template=str(path))), "section-order")
    assert f.severity == "warning"


def test_extends_can_override_one_section_field(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("extends: annual\nsections:\n  - key: other\n    required: true\n", encoding="utf-8")
    result = check_text(build(("measures", "shortcomings", "first_responsibility", "next_year_plan")), Options(template=str(path)))
    (f,) = findings_of(result, "section-missing")
    assert f.data["section"] == "other"


@pytest.mark.parametrize(
    "body, named",
    [
        ("extends: annual\nsectoins: []\n", "sectoins"),
        ("extends: annual\nseverities:\n  no-such-rule: error\n", "no-such-rule"),
        ("extends: annual\nseverities:\n  title-missing: fatal\n", "title-missing"),
        ("extends: annual\nsections:\n  - key: measures\n    headings: ['(']\n", "headings"),
        ("extends: annual\ndeadlines:\n  publish: 'March 31'\n", "publish"),
        ("extends: nowhere\n", "nowhere"),
        ("name: x\n", "label"),
        ("- a list\n", "顶层"),
        ("a: [unclosed\n", "YAML"),
    ],
)
def test_invalid_template_names_the_bad_key(tmp_path, body, named):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        template_for(str(path))  # the template, its rule ids checked against the registry
    assert named in str(info.value)
    result = CliRunner().invoke(app, ["check", "--template", str(path), str(tmp_path)])
    assert result.exit_code == 2
    assert named in result.output
    assert "Traceback" not in result.output


def test_unknown_template_name_exits_2(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--template", "nosuch", str(draft)])
    assert result.exit_code == 2 and "未知的模板" in result.output


@pytest.mark.parametrize("block", [
    "copy_previous:\n  similarity: 150\n",
    "copy_previous:\n  stock_phrases: ['(']\n",
    "personal_info:\n  no_such_key: []\n",
    "duty_evidence:\n  section: first_responsibility\n  figures: ['\\\\d+次']\n  kinds:\n"
    "    - key: x\n      name: y\n      patterns: ['a']\n      scope: everywhere\n",
    "subject_check:\n  mismatch: loud\n",
    "deadline_notes:\n  submit: 3\n",
])
def test_bad_review_keys_are_template_errors(tmp_path, block):
    from checker.template import TemplateError

    path = tmp_path / "bad.yaml"
    path.write_text("extends: annual\nname: bad\nlabel: x\n" + block, encoding="utf-8")
    with pytest.raises(TemplateError):
        load_template(str(path))
