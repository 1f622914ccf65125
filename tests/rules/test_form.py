"""request-in-report, subject-mismatch and the deadlines of other kinds of reporter, on team drafts."""

from __future__ import annotations


import pytest

from checker.rules.form import same_subject, split_subject, title_subject
from checker.engine import Options, check_text

from tests.conftest import ROOT, findings_of
from tests.drafts import CLEAN, OPENING, SIGNATURE, TITLE

OTHER = "本年度无其他需要报告的情况。"


# --- request-in-report ----------------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["妥否，请批示。", "以上报告如无不妥，请予批准。", "特此请示。", "恳请市政府批准设立县级复议中心。"])
def test_request_phrases_in_a_report_are_warnings(phrase):
    (f,) = findings_of(check_text(CLEAN.replace(OTHER, phrase)), "request-in-report")
    assert f.severity == "warning" and f.data["text"] in phrase


@pytest.mark.parametrize("text", ["特此报告。", "现将有关情况报告如下。", "按照市政府批示要求开展执法检查。", "经县政府批准，设立行政复议服务中心。"])
def test_ordinary_report_wording_is_not_a_request(text):
    assert findings_of(check_text(CLEAN.replace(OTHER, text)), "request-in-report") == []


# --- subject-mismatch -----------------------------------------------------------------------
def mismatch(text: str) -> list:
    return findings_of(check_text(text), "subject-mismatch")


def test_clean_draft_names_one_subject():
    assert mismatch(CLEAN) == []


def test_county_report_signed_by_the_countys_justice_bureau():
    (f,) = mismatch(CLEAN.replace(SIGNATURE[0] + "\n", "青山县司法局\n"))
    assert (f.severity, f.data["place"], f.data["found"]) == ("warning", "signature", "青山县司法局")
    assert "工作部门" in f.message and "青山县人民政府" in f.suggestion


def test_place_left_from_another_report_in_the_opening():
    (f,) = mismatch(CLEAN.replace(OPENING, OPENING.replace("青山县坚持", "白河市坚持")))
    assert (f.data["place"], f.data["expected"], f.data["found"]) == ("opening", "青山县", "白河市")


def test_title_naming_no_subject_is_info():
    (f,) = mismatch(CLEAN.replace(TITLE, "关于2023年度法治政府建设情况报告"))
    assert (f.severity, f.data["place"]) == ("info", "title")


@pytest.mark.parametrize("organ", ["中共青山县委 青山县人民政府", "中共青山县委青山县人民政府", "青山县政府"])
def test_joint_and_government_signatures_fit(organ):
    assert mismatch(CLEAN.replace(SIGNATURE[0] + "\n", organ + "\n")) == []


def test_the_governments_office_is_not_the_government():
    (f,) = mismatch(CLEAN.replace(SIGNATURE[0] + "\n", "青山县人民政府办公室\n"))
    assert f.data["found"] == "青山县人民政府办公室"


def test_department_report_signed_as_itself_fits():
    text = CLEAN.replace(TITLE, "青山县司法局2023年法治政府建设年度报告").replace("2023年，青山县坚持", "2023年，县司法局坚持")
    assert mismatch(text.replace(SIGNATURE[0] + "\n", "青山县司法局\n")) == []
    (f,) = mismatch(text.replace(SIGNATURE[0] + "\n", "青山县市场监督管理局\n"))
    assert f.data["expected"] == "青山县司法局"


def test_a_longer_name_of_the_same_place_fits():
    text = CLEAN.replace(TITLE, "2023年青山县法治政府建设情况报告").replace(SIGNATURE[0] + "\n", "某某市青山县人民政府\n")
    assert mismatch(text) == []


def test_subject_helpers():
    assert split_subject("天津市静海区司法局") == ("天津市静海区", "司法局")
    assert split_subject("中共柳溪县委") == ("柳溪县", "")
    assert title_subject("柳溪县人民政府关于2023年度法治政府建设情况的报告") == "柳溪县人民政府"
    assert title_subject("关于2022年度法治政府建设情况报告") == ""
    assert same_subject("静海区", "天津市静海区人民政府") and not same_subject("柳溪县", "柳溪县司法局")


# --- deadlines by kind of reporter ----------------------------------------------------------
def late(date: str, template: str) -> list:
    text = CLEAN.replace(SIGNATURE[1], date)
    return findings_of(check_text(text, Options(template=template)), "date-late")


def test_demonstration_areas_submit_by_the_end_of_january():
    (f,) = late("2024年2月5日", "demonstration")
    assert (f.severity, f.data["deadline"]) == ("warning", "2024-01-31")
    assert "示范地区" in f.message
    assert late("2024年1月31日", "demonstration") == []
    assert late("2024年2月5日", "annual") == []
    (public,) = late("2024年4月2日", "demonstration")
    assert (public.severity, public.data["deadline"]) == ("error", "2024-03-31")


def test_a_province_file_sets_a_departments_publication_date():
    province = str(ROOT / "examples" / "templates" / "province-department.yaml")
    (f,) = late("2024年3月25日", province)
    assert (f.severity, f.data["deadline"]) == ("error", "2024-03-20") and "本省" in f.message
    assert late("2024年3月25日", "department")[0].data["deadline"] == "2024-02-29"  # only the submission
    assert late("2024年2月20日", province) == []


@pytest.mark.parametrize("title, organ", [
    ("青山县2023年法治政府建设年度报告", "县人民政府"),
    ("武汉市市场监管局2022年法治政府建设年度报告", "武汉市市场监督管理局"),
    ("青山县卫健委2023年法治政府建设年度报告", "青山县卫生健康委员会"),
])
def test_short_forms_of_the_same_organ_fit(title, organ):
    text = CLEAN.replace(TITLE, title).replace(SIGNATURE[0] + "\n", organ + "\n")
    assert [f for f in mismatch(text) if f.data["place"] == "signature"] == []
