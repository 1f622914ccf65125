"""copy-previous on team-written reports of two consecutive years; how last year's report is named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.api import Options, check_paths, check_text

from tests.conftest import DATA, findings_of
from tests.drafts import CLEAN

PREVIOUS = DATA / "previous"
LAST_YEAR = PREVIOUS / "青山县2022年法治政府建设年度报告.txt"  # its 不足 are this year's, word for word
BOILERPLATE_ONLY = PREVIOUS / "青山县2022年法治政府建设年度报告-另稿.txt"  # shares only stock phrases


def years_back(text: str) -> str:
    return re.sub(r"20(\d\d)(?=年)", lambda m: f"20{int(m.group(1)) - 1:02d}", text)


def copies(text: str, **options) -> list:
    return findings_of(check_text(text, Options(**options)), "copy-previous")


def test_nothing_happens_without_a_previous_report():
    assert copies(CLEAN) == []


def test_repeated_shortcomings_are_found_and_stock_phrases_are_not():
    found = copies(CLEAN, previous=str(LAST_YEAR))
    whole = [f for f in found if f.severity == "warning"]
    assert [f.data["section"] for f in whole] == ["shortcomings"]  # the plan shares only stock phrases
    (f,) = whole
    assert f.data["repeated"] == f.data["total"] == 3
    assert "存在的不足和原因」与上一年度（2022年度）报告基本相同" in f.message
    figures = [f for f in found if f.severity == "info"]
    assert [(f.data["section"], f.data["figures"]) for f in figures] == [("measures", ["86", "23"])]
    assert figures[0].data["previous_line"] == 5


def test_a_report_sharing_only_boilerplate_is_quiet():
    assert copies(CLEAN, previous=str(BOILERPLATE_ONLY)) == []


def test_last_years_report_with_only_the_year_changed():
    found = copies(CLEAN, previous_text=years_back(CLEAN))
    assert {f.data["section"] for f in found if f.severity == "warning"} == {"shortcomings", "next_year_plan"}
    measures = [f for f in found if f.severity == "info"]
    assert {f.data["section"] for f in measures} == {"measures", "first_responsibility"}
    assert len(measures) >= 5


def test_same_sentences_with_this_years_figures_are_not_copying():
    previous = years_back(CLEAN).replace("新增网上可办事项126项", "新增网上可办事项98项")
    found = copies(CLEAN, previous_text=previous)
    assert not any(f.data.get("figures") == ["126", "98.6%"] for f in found)


def test_share_threshold_comes_from_the_template(tmp_path: Path):
    strict = tmp_path / "strict.yaml"
    strict.write_text("extends: annual\nname: strict\nlabel: x\ncopy_previous:\n  share: 100\n", encoding="utf-8")
    previous = years_back(CLEAN).replace("乡镇合法性审核能力不足", "乡镇司法所人员力量严重不足，三个乡镇没有专职人员")
    kept = copies(CLEAN, previous_text=previous)
    assert "shortcomings" in {f.data.get("section") for f in kept if f.severity == "warning"}  # 2 of 3 ≥ 50 %
    strict_found = copies(CLEAN, previous_text=previous, template=str(strict))
    assert "shortcomings" not in {f.data.get("section") for f in strict_found if f.severity == "warning"}


# --- how the previous report is named ------------------------------------------------------
@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "青山县2023年法治政府建设年度报告.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "青山县2022年法治政府建设年度报告.txt").write_text(LAST_YEAR.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "白河市2022年法治政府建设年度报告.txt").write_text(
        years_back(CLEAN).replace("青山县", "白河市"), encoding="utf-8"
    )
    return tmp_path


def _copy_rules(results) -> dict[str, set]:
    return {
        Path(r.path).name: {f.data.get("section") for f in r.findings if f.rule == "copy-previous"} for r in results
    }


def test_auto_finds_the_sibling_by_subject_and_year(folder: Path):
    found = _copy_rules(check_paths([str(folder)], Options(previous="auto")))
    assert found["青山县2023年法治政府建设年度报告.txt"] == {"shortcomings", "measures"}  # not 白河市's copy
    assert found["青山县2022年法治政府建设年度报告.txt"] == set()  # no 2021 report there
    assert _copy_rules(check_paths([str(folder)], Options())) == {name: set() for name in found}


def test_cli_previous_file_auto_and_config_mapping(folder: Path, tmp_path: Path, monkeypatch):
    this = folder / "青山县2023年法治政府建设年度报告.txt"
    runner = CliRunner()

    def sections(*args: str) -> set:
        result = runner.invoke(app, ["check", "-f", "json", "--fail-on", "never", *args])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        found = [f for r in data["results"] for f in r["findings"] if f["rule"] == "copy-previous"]
        return {f["data"].get("section") for f in found}

    assert sections(str(this)) == set()
    assert sections(str(this), "--previous", str(LAST_YEAR)) == {"shortcomings", "measures"}
    assert sections(str(this), "--previous", "auto") == {"shortcomings", "measures"}
    config = folder / ".fzcheck.yaml"
    config.write_text(f"previous:\n  {this.name}: {LAST_YEAR}\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    assert sections(this.name) == {"shortcomings", "measures"}


@pytest.mark.parametrize("value, words", [
    ("nosuch.txt", "不存在"),
])
def test_cli_bad_previous_exits_2(folder: Path, value: str, words: str):
    result = CliRunner().invoke(app, ["check", "--previous", value, str(folder / "青山县2023年法治政府建设年度报告.txt")])
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output


def test_unreadable_previous_exits_2(folder: Path):
    broken = folder / "去年.docx"
    broken.write_bytes(b"not a zip")
    result = CliRunner().invoke(app, ["check", "--previous", str(broken), str(folder / "青山县2023年法治政府建设年度报告.txt")])
    assert result.exit_code == 2 and "上一年度报告" in result.output


def test_bad_previous_config_value_exits_2(folder: Path, monkeypatch):
    (folder / ".fzcheck.yaml").write_text("previous: [1, 2]\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, ["check", "青山县2023年法治政府建设年度报告.txt"])
    assert result.exit_code == 2 and "previous" in result.output


def test_the_previous_report_itself_in_the_batch_is_not_compared_with_itself(folder: Path):
    last = folder / "青山县2022年法治政府建设年度报告.txt"
    found = _copy_rules(check_paths([str(folder)], Options(previous=str(last))))
    assert found[last.name] == set()


def test_one_previous_file_serves_only_reports_of_its_subject(folder: Path):
    found = _copy_rules(check_paths([str(folder)], Options(previous=str(LAST_YEAR))))
    assert found["青山县2023年法治政府建设年度报告.txt"] == {"shortcomings", "measures"}
    assert found["白河市2022年法治政府建设年度报告.txt"] == set()


def test_last_years_word_report_in_traditional_characters_is_read_as_this_years_is(tmp_path):
    # a .docx is read through the same report model as the checked report: simplified view,
    # invisible marks left out (else its headings and sentences match nothing of this year's)
    import docx
    import opencc

    traditional = opencc.OpenCC("s2t").convert(years_back(CLEAN))
    assert traditional != years_back(CLEAN)
    document = docx.Document()
    for line in traditional.splitlines():
        document.add_paragraph(line.replace("、", "\u200b、", 1))
    path = tmp_path / "去年.docx"
    document.save(path)
    found = copies(CLEAN, previous=str(path))
    assert {f.data["section"] for f in found if f.severity == "warning"} == {"shortcomings", "next_year_plan"}
