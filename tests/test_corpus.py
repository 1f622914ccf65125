"""SPEC §6: the section verdicts on the five real reports (when ../shared/corpus is present)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import CORPUS

# file prefix -> (sections present, with a heading; sections found unheaded; sections missing)
VERDICTS = {
    "000": ({"measures"}, {"shortcomings", "next_year_plan"}, {"first_responsibility"}),
    "001": ({"measures", "first_responsibility", "shortcomings", "next_year_plan"}, set(), set()),
    "002": ({"measures", "shortcomings", "first_responsibility", "next_year_plan"}, set(), set()),
    "003": ({"measures", "shortcomings", "next_year_plan"}, set(), {"first_responsibility"}),
    "004": ({"measures", "shortcomings", "next_year_plan"}, set(), {"first_responsibility"}),
}


@pytest.fixture(scope="module")
def corpus_json() -> dict:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json", "--fail-on", "never", str(CORPUS)],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _result(doc: dict, prefix: str) -> dict:
    (r,) = [r for r in doc["results"] if r["path"].rsplit("/", 1)[-1].startswith(prefix)]
    return r


@pytest.mark.parametrize("prefix", sorted(VERDICTS))
def test_section_verdicts(corpus_json, prefix):
    headed, unheaded, missing = VERDICTS[prefix]
    r = _result(corpus_json, prefix)
    assert r["error"] is None
    found_headed = {k for s in r["report"]["sections"] if s["heading"] for k in s["keys"]}
    assert headed <= found_headed
    reported_missing = {f["data"]["section"] for f in r["findings"] if f["rule"] == "section-missing" and f["severity"] == "error"}
    reported_unheaded = {f["data"]["section"] for f in r["findings"] if f["rule"] == "section-unheaded"}
    assert reported_missing == missing
    assert reported_unheaded == unheaded


def test_corpus_report_facts(corpus_json):
    years = {p: _result(corpus_json, p)["report"]["year"] for p in VERDICTS}
    assert years == {"000": 2020, "001": 2023, "002": 2022, "003": 2018, "004": 2020}
    assert _result(corpus_json, "000")["report"]["title"] == "枣阳市2020年法治政府建设工作报告"
    assert _result(corpus_json, "001")["report"]["title"] is None
    assert "title-missing" in {f["rule"] for f in _result(corpus_json, "001")["findings"]}
    r003 = _result(corpus_json, "003")
    assert "title-format" in {f["rule"] for f in r003["findings"]}
    assert any(s["heading"] == "二、存在问题及下步打算" and set(s["keys"]) == {"shortcomings", "next_year_plan"}
               for s in r003["report"]["sections"])
    r001 = _result(corpus_json, "001")
    assert any(s["heading"] == "三、存在不足及下一年度安排" and set(s["keys"]) == {"shortcomings", "next_year_plan"}
               for s in r001["report"]["sections"])


def test_missing_duty_in_000_says_where_it_is_mentioned(corpus_json):
    r = _result(corpus_json, "000")
    (f,) = [f for f in r["findings"] if f["rule"] == "section-missing" and f["data"]["section"] == "first_responsibility"]
    assert "第11行" in f["message"]  # 一、's 一是完善工作体系 names the duty in passing


def test_page_chrome_is_not_report_text(corpus_json):
    for r in corpus_json["results"]:
        for f in r["findings"]:
            assert "扫一扫" not in f["message"] and "返回顶部" not in f["message"]


def _rules(doc: dict, prefix: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in _result(doc, prefix)["findings"]:
        out.setdefault(f["rule"], []).append(f)
    return out


def test_corpus_dates(corpus_json):
    """Issue 3's acceptance on the seed reports."""
    r000 = _rules(corpus_json, "000")
    assert _result(corpus_json, "000")["report"]["date"] == "2021-01-11"
    assert "date-early" not in r000 and "date-late" not in r000
    assert any(f["data"]["phrase"] == "今年以来" for f in r000["time-relative"])
    r003 = _rules(corpus_json, "003")
    assert [f["data"]["date"] for f in r003["date-early"]] == ["2018-12-10"]
    r004 = _result(corpus_json, "004")
    assert (r004["report"]["date"], r004["report"]["date_source"]) == ("2021-03-28", "metadata")
    assert "date-late" not in _rules(corpus_json, "004")
    phrases = {f["data"]["phrase"] for f in _rules(corpus_json, "002")["period-partial"]}
    assert {"截至10月", "截至11月"} <= phrases
    for prefix in ("001", "002"):
        # one fault, one finding (issue 11): with no 落款 at all, signature-missing says so and
        # that the date checks were skipped; date-missing does not repeat it
        rules = _rules(corpus_json, prefix)
        assert "date-missing" not in rules
        (sig,) = rules["signature-missing"]
        assert "与日期有关的检查已跳过" in sig["message"]
        assert _result(corpus_json, prefix)["report"]["date"] is None


def test_outline_shows_year_and_date_with_their_sources():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "outline", str(CORPUS / "004_196632ee41429a73.txt")],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    assert "报告年度：2020（来自开头）" in proc.stdout
    assert "成文日期：2021-03-28（来自网页元数据）" in proc.stdout
