"""duty-evidence-incomplete on team-written drafts: the first-responsibility part judged kind by kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import Options, check_text

from tests.conftest import findings_of
from tests.drafts import CLEAN, SECTIONS

DUTY = SECTIONS["first_responsibility"][1][0]
SLOGAN = "县委、县政府主要负责同志对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。"
FACTS = "县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。"
PERSONALLY = "四个亲自"


def with_duty(text: str) -> str:
    assert CLEAN.count(DUTY) == 1
    return CLEAN.replace(DUTY, text)


def incomplete(text: str, options: Options = Options()):
    result = check_text(with_duty(text), options)
    return findings_of(result, "duty-evidence-incomplete"), findings_of(result, "duty-evidence-missing")


def names(found: list) -> tuple[set, set]:
    (f,) = found
    return {n[:2] for n in f.data["missing"]}, {n[:2] for n in f.data["without_figures"]}


def test_clean_draft_lacks_only_a_concrete_act_of_the_four_personal_duties():
    found, missing = incomplete(DUTY)
    assert missing == []
    (f,) = found
    assert f.severity == "info" and f.data["missing"] == []
    assert [PERSONALLY in n for n in f.data["without_figures"]] == [True]


def test_every_kind_with_a_figure_or_an_act_is_quiet():
    text = SLOGAN.replace("。", "，县长亲自协调解决乡镇执法编制问题3个。") + FACTS
    assert incomplete(text) == ([], [])


def test_slogans_only_are_duty_evidence_missing_not_both():
    found, missing = incomplete(SLOGAN + "全县上下高度重视，形成了齐抓共管的良好局面。")
    assert found == [] and len(missing) == 1


def test_kinds_named_without_figures_are_listed():
    found, _ = incomplete(SLOGAN + "县政府常务会议专题研究法治政府建设工作，坚持会前学法；认真开展述法。")
    missing, bare = names(found)
    assert bare == {"专题", "学法", "述法", "“四"}
    assert missing == set()  # 出庭应诉 is reported in the measures (出庭应诉率100%): the whole report counts


def test_a_figure_counts_for_its_own_kind_only():
    found, _ = incomplete("县政府常务会议专题研究法治工作，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。县长带队督导乡镇执法3次。")
    missing, bare = names(found)
    assert bare == {"专题"} and missing == set()


def test_vague_counts_and_ordinals_are_not_figures():
    found, _ = incomplete("县政府常务会议多次听取法治工作汇报；会前学法常态化，每次常务会议必有学法内容。县长在第三十五次常务会议上作了发言。")
    missing, bare = names(found)
    assert {"听取", "专题"} & bare and "学法" in bare
    assert {"述法", "“四"} <= missing


def test_item_heading_takes_the_facts_of_its_item():
    text = "一是加强述法工作。县长在县委全会上述职述法，全县32个部门主要负责人年终述法。二是坚持学法。全年开展会前学法12次。"
    found, _ = incomplete(text + "县政府常务会议专题研究法治政府建设工作4次。县长亲自主持召开县委全面依法治县委员会会议。")
    assert found == []


def test_kinds_missing_are_named(tmp_path: Path):
    text = CLEAN.replace(DUTY, "县政府常务会议专题研究法治政府建设工作4次。").replace("行政机关负责人出庭应诉率100%", "败诉率5.7%")
    (f,) = findings_of(check_text(text), "duty-evidence-incomplete")
    assert {n[:2] for n in f.data["missing"]} == {"学法", "述法", "负责", "“四"}
    assert "没有写" in f.message


def test_minimum_counts_from_a_province_template(tmp_path: Path):
    province = tmp_path / "province.yaml"
    province.write_text(
        "extends: annual\nname: province\nlabel: 某省\nduty_evidence:\n  kinds:\n"
        "    - key: deliberation\n      min: 5\n    - key: law_study\n      min: 6\n",
        encoding="utf-8",
    )
    text = SLOGAN.replace("。", "，县长亲自协调解决乡镇执法编制问题3个。") + FACTS
    found, _ = incomplete(text, Options(template=str(province)))
    (f,) = found
    assert f.severity == "warning" and [n[:2] for n in f.data["below_minimum"]] == ["专题"]
    assert "少于模板要求的5次" in f.message
    assert incomplete(text) == ([], [])  # the built-in template sets no minimum


def test_a_bad_minimum_is_a_template_error(tmp_path: Path):
    from checker.template import TemplateError, load_template

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "extends: annual\nname: bad\nlabel: x\nduty_evidence:\n  kinds:\n    - key: law_study\n      min: -1\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="min"):
        load_template(str(bad))


# --- one fault, one finding: 学法 without a count in the duty part is this rule's --------------
FACTS_NO_STUDY = "县政府常务会议专题研究法治政府建设工作4次；年终述法实现全覆盖，县长出庭应诉2次。"
BARE_STUDY = "坚持会前学法，领导干部带头学法。"


def _indicator_no_data(result, key: str) -> list:
    return [f for f in findings_of(result, "indicator-no-data") if f.data["indicator"] == key]


def test_study_without_a_count_in_the_duty_part_is_said_once():
    result = check_text(with_duty(FACTS_NO_STUDY + "\n" + BARE_STUDY))
    (f,) = findings_of(result, "duty-evidence-incomplete")
    assert any(n.startswith("学法") for n in f.data["without_figures"])
    assert _indicator_no_data(result, "legal_education") == []


def test_study_without_a_count_elsewhere_is_still_indicator_no_data():
    measures = "（五）开展普法宣传，组织领导干部学法。"
    text = with_duty(FACTS_NO_STUDY + "\n" + BARE_STUDY)
    text = text.replace("二、2023年度", measures + "\n二、2023年度", 1)
    assert measures in text
    result = check_text(text)
    (f,) = _indicator_no_data(result, "legal_education")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l == measures)
    assert f.line == line  # anchored outside the duty part, where nothing else says it


def test_study_evidenced_by_an_act_but_not_counted_keeps_indicator_no_data():
    # the duty rule accepts a concrete act as evidence; the indicator still asks for a figure
    result = check_text(with_duty(FACTS_NO_STUDY + "\n" + "制定了《县政府常务会议会前学法制度》，坚持会前学法。"))
    assert not any(
        n.startswith("学法") for f in findings_of(result, "duty-evidence-incomplete") for n in f.data["without_figures"]
    )
    assert _indicator_no_data(result, "legal_education")
