"""`fzcheck init`: the skeleton has the template's shape, so checking it untouched reports the
gaps (【待补充】) and nothing structural; it never overwrites a file without --force."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.rules.examples import MINI, variant
from checker.cli import app
from checker.engine import Options, check_file
from checker.init import build_skeleton, organ_of
from checker.template import load_template


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def assert_skeleton_checks(path: Path, template: str = "annual") -> None:
    """No structural gap in the untouched skeleton; the placeholders are what is reported."""
    result = check_file(str(path), Options(template=template))
    assert result.error is None, result.error
    rules = [f.rule for f in result.findings]
    assert "section-missing" not in rules
    assert "section-unheaded" not in rules and "section-order" not in rules
    assert "heading-numbering" not in rules and "year-mismatch" not in rules
    assert result.report.year == 2024
    t = load_template(template)
    found = [s.key for s in result.report.sections]
    assert found == list(t.order)  # every section, in the regulation's order
    assert set(rules) == {"placeholder"}, rules  # the hints are placeholders and nothing else


def test_init_markdown_default_name(work: Path) -> None:
    result = run("init", "--subject", "柳溪县", "--year", "2024")
    assert result.exit_code == 0, result.output
    path = work / "柳溪县2024年法治政府建设年度报告（草稿）.md"
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 柳溪县2024年法治政府建设年度报告\n")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    t = load_template("annual")
    assert headings == [s.heading.format(year=2024, next_year=2025) for s in t.sections]
    assert headings[3] == "四、2025年推进法治政府建设的主要安排"
    for s in t.sections:  # the regulation's wording of what each section covers
        assert s.regulation in text
    assert "【待补充】" in text
    assert text.rstrip().endswith("柳溪县人民政府\n\n2025年X月X日")
    assert_skeleton_checks(path)


def test_init_text(work: Path) -> None:
    assert run("init", "-s", "柳溪县", "--year", "2024", "-o", "draft.txt").exit_code == 0
    lines = (work / "draft.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "柳溪县2024年法治政府建设年度报告"
    assert lines[-2:] == ["柳溪县人民政府", "2025年X月X日"]
    assert_skeleton_checks(work / "draft.txt")


def test_init_docx(work: Path) -> None:
    from docx import Document

    result = run("init", "--subject", "柳溪县", "--year", "2024", "--output", "draft.docx")
    assert result.exit_code == 0, result.output
    doc = Document(str(work / "draft.docx"))
    heading_texts = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert heading_texts == [s.heading.format(year=2024, next_year=2025) for s in load_template("annual").sections]
    assert doc.paragraphs[0].text == "柳溪县2024年法治政府建设年度报告"
    assert [p.text for p in doc.paragraphs[-2:]] == ["柳溪县人民政府", "2025年X月X日"]
    assert_skeleton_checks(work / "draft.docx")


@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx"])
def test_init_department(work: Path, suffix: str) -> None:
    out = f"dept{suffix}"
    result = run("init", "-s", "柳溪县司法局", "--year", "2024", "--template", "department", "-o", out)
    assert result.exit_code == 0, result.output
    path = work / out
    if suffix != ".docx":
        text = path.read_text(encoding="utf-8")
        assert "三、2024年度本部门主要负责人履行推进法治建设第一责任人职责情况" in text
        assert "柳溪县司法局\n" in text and "柳溪县司法局人民政府" not in text
    assert_skeleton_checks(path, "department")


def test_never_overwrites_without_force(work: Path) -> None:
    target = work / "draft.md"
    target.write_text("我的草稿", encoding="utf-8")
    result = run("init", "-s", "柳溪县", "--year", "2024", "-o", "draft.md")
    assert result.exit_code == 2
    assert "已存在" in result.output and "--force" in result.output and "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "我的草稿"
    assert run("init", "-s", "柳溪县", "--year", "2024", "-o", "draft.md", "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# 柳溪县2024年")
    assert [p.name for p in work.iterdir() if p.name.startswith(".draft")] == []


@pytest.mark.parametrize(
    "args, words",
    [
        (["-o", "draft.pdf"], [".docx"]),
        (["--year", "1900"], ["--year"]),
        (["--year", "x"], ["--year"]),
        (["--template", "nosuch"], ["未知的模板"]),
        (["-o", "missing_dir/draft.md"], ["不存在"]),
    ],
)
def test_bad_init_options_exit_2(work: Path, args: list[str], words: list[str]) -> None:
    result = run("init", "-s", "柳溪县", *(["--year", "2024"] if "--year" not in args else []), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output


def test_init_uses_the_configured_template(work: Path) -> None:
    (work / ".fzcheck.yaml").write_text("template: department\n", encoding="utf-8")
    assert run("init", "-s", "柳溪县司法局", "--year", "2024", "-o", "d.md").exit_code == 0
    assert "本部门" in (work / "d.md").read_text(encoding="utf-8")


def test_organ_names() -> None:
    assert organ_of("柳溪县") == "柳溪县人民政府"
    assert organ_of("青山市") == "青山市人民政府"
    assert organ_of("柳溪县司法局") == "柳溪县司法局"
    assert organ_of("南昌经开区管委会") == "南昌经开区管委会"
    assert build_skeleton("柳溪县", 2024, organ="中共柳溪县委 柳溪县人民政府").organ == "中共柳溪县委 柳溪县人民政府"


def test_user_template_headings_without_markers_are_numbered(tmp_path: Path) -> None:
    custom = tmp_path / "custom.yaml"
    custom.write_text(
        "extends: annual\nname: custom\nsections:\n  - key: other\n    heading: 其他需要报告的情况\n",
        encoding="utf-8",
    )
    skeleton = build_skeleton("柳溪县", 2024, str(custom))
    assert skeleton.sections[-1].heading == "五、其他需要报告的情况"


# --- the page, the file mode, safe names and template fields -------------------------------------
def test_docx_page_is_gb_t_9704(work: Path) -> None:
    """A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 22 lines of 28 characters; 「— 1 —」 outside."""
    from docx import Document
    from docx.oxml.ns import qn

    assert run("init", "-s", "柳溪县", "--year", "2024", "-o", "draft.docx").exit_code == 0
    doc = Document(str(work / "draft.docx"))
    section = doc.sections[0]
    mm = lambda length: round(length.mm, 1)  # noqa: E731
    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert mm(section.top_margin) == 37.0 and mm(section.left_margin) == 28.0
    assert mm(section.page_width) - mm(section.left_margin) - mm(section.right_margin) == 156.0
    assert mm(section.page_height) - mm(section.top_margin) - mm(section.bottom_margin) == 225.0
    assert doc.settings.element.find(qn("w:mirrorMargins")) is not None  # 订口 is the inside edge
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert round(225 / 25.4 * 72 * 20 / int(grid.get(qn("w:linePitch")))) == 22
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert round(156 / 25.4 * 72 / char_pitch) == 28
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert doc.settings.odd_and_even_pages_header_footer
    assert odd.text == even.text == "— 1 —"
    assert "PAGE" in "".join(t.text or "" for t in odd._element.iter(qn("w:instrText")))
    assert odd.alignment == 2 and even.alignment == 0  # right on odd pages, left on even ones


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_mode_follows_the_umask_also_with_force(work: Path, umask: int, mode: int, suffix: str) -> None:
    import os
    import stat

    old = os.umask(umask)
    try:
        assert run("init", "-s", "柳溪县", "--year", "2024", "-o", f"new{suffix}").exit_code == 0
        existing = work / f"old{suffix}"
        existing.write_bytes(b"x")
        os.chmod(existing, 0o644)
        assert run("init", "-s", "柳溪县", "--year", "2024", "-o", existing.name, "--force").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((work / f"new{suffix}").stat().st_mode) == mode
    assert stat.S_IMODE(existing.stat().st_mode) == mode


@pytest.mark.parametrize("subject", ["../柳溪县", "a/b", "..\\柳溪县", "柳溪县\x00", ".."])
def test_a_subject_cannot_name_a_path(work: Path, subject: str) -> None:
    inner = work / "inner"
    inner.mkdir()
    import os

    os.chdir(inner)
    result = run("init", "-s", subject, "--year", "2024")
    assert result.exit_code == 2, result.output
    assert "--subject" in result.output and "Traceback" not in result.output
    assert [p.name for p in work.iterdir()] == [".git", "inner"] or sorted(p.name for p in work.iterdir()) == [".git", "inner"]
    assert list(inner.iterdir()) == []


def test_default_name_never_has_a_directory_part() -> None:
    from checker.init import default_output

    skeleton = build_skeleton("柳溪县", 2024)
    import dataclasses

    odd = dataclasses.replace(skeleton, title="../../etc/柳溪县2024年报告")
    assert "/" not in default_output(odd) and not default_output(odd).startswith(".")


@pytest.mark.parametrize("title", ["{subject}{year:999999999}", "{subject}{0}年", "{subject.__class__}", "{subject"])
def test_template_fields_are_filled_by_name_only(work: Path, title: str) -> None:
    import json

    (work / "t.yaml").write_text(
        "extends: annual\nname: mine\ntitle:\n  canonical: " + json.dumps(title, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    result = run("init", "-s", "柳溪县", "--year", "2024", "-t", str(work / "t.yaml"), "-o", "d.md")
    assert result.exit_code == 2, result.output
    assert "占位符" in result.output or "花括号" in result.output
    assert "Traceback" not in result.output and not (work / "d.md").exists()


def test_previous_keeps_the_headings_and_opens_the_figures(work: Path) -> None:
    last = variant("（四）化解行政争议。", "（四）化解行政争议。2023年3月1日起施行新办法。")
    (work / "2023.txt").write_text(last, encoding="utf-8")
    result = run("init", "--previous", "2023.txt", "--year", "2024", "-o", "2024.md")
    assert result.exit_code == 0, result.output
    text = (work / "2024.md").read_text(encoding="utf-8")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "一、2024年度推进法治政府建设的主要举措和成效", "二、2024年度推进法治政府建设存在的不足和原因",
        "三、2024年度党政主要负责人履行推进法治建设第一责任人职责情况", "四、2025年推进法治政府建设的主要安排",
        "五、其他需要报告的情况",
    ]
    assert text.startswith("# 柳溪县2024年法治政府建设年度报告\n")
    assert "全年收到行政复议申请XX件，受理XX件" in text and "出庭应诉率XX%" in text
    assert "2024年X月X日起施行新办法" in text  # years move on, dates are left open
    assert "23件" not in text and "100%" not in text
    result = check_file(str(work / "2024.md"))
    rules = {f.rule for f in result.findings}
    assert "placeholder" in rules and "section-missing" not in rules and "year-mismatch" not in rules


def test_previous_adds_a_required_section_it_lacked(work: Path) -> None:
    duty = next(line for line in MINI.splitlines() if line.startswith("三、"))
    body = MINI.splitlines()[MINI.splitlines().index(duty) + 1]
    last = variant(duty + "\n" + body + "\n", "")
    last = variant("四、2024年推进", "三、2024年推进", last)
    last = variant("五、其他需要", "四、其他需要", last)
    (work / "2023.txt").write_text(last, encoding="utf-8")
    assert run("init", "--previous", "2023.txt", "--year", "2024", "-o", "2024.md").exit_code == 0
    result = check_file(str(work / "2024.md"))
    assert [s.key for s in result.report.sections][:4] == ["measures", "shortcomings", "first_responsibility", "next_year_plan"]
    assert "section-missing" not in {f.rule for f in result.findings}
    assert "heading-numbering" not in {f.rule for f in result.findings}


def test_previous_that_is_missing_exits_2(work: Path) -> None:
    result = run("init", "--previous", "nosuch.txt", "--year", "2024")
    assert result.exit_code == 2 and "--previous" in result.output and "Traceback" not in result.output


# --- placeholders stand for what is not written yet ---------------------------------------------
def _rules(text: str) -> set[str]:
    from checker.engine import check_text

    return {f.rule for f in check_text(text).findings}


def test_a_written_section_with_one_placeholder_keeps_its_content_findings() -> None:
    thin = variant(
        "一是行政执法规范化水平仍有差距，少数执法人员程序意识不强；二是基层法治力量薄弱。"
        "主要原因是执法培训覆盖面不够，乡镇法治机构人员编制不足。",
        "执法还有差距，培训XX次。",
    )
    assert {"section-thin", "placeholder"} <= _rules(thin)


def test_a_section_of_placeholders_only_leaves_thinness_to_them() -> None:
    unwritten = variant(
        "一是行政执法规范化水平仍有差距，少数执法人员程序意识不强；二是基层法治力量薄弱。"
        "主要原因是执法培训覆盖面不够，乡镇法治机构人员编制不足。",
        "【待补充】（写明不足和原因。）",
    )
    rules = _rules(unwritten)
    assert "placeholder" in rules and "section-thin" not in rules and "causes-missing" not in rules


def test_indicators_are_judged_once_the_measures_hold_real_text() -> None:
    lines = MINI.splitlines()
    measures = [line for line in lines if line.startswith("（") and "。" in line][:4]
    text = MINI
    for line in measures[1:]:
        text = variant(line + "\n", "", text)
    assert "indicator-missing" in _rules(text)  # written, and topics missing
    unwritten = variant(measures[0], "【待补充】（写明主要举措和成效。）", text)
    assert "indicator-missing" not in _rules(unwritten) and "placeholder" in _rules(unwritten)


def test_a_missing_signature_is_reported_unless_its_date_is_left_to_fill() -> None:
    # no 落款 at all is one fault: signature-missing says so (and that the date checks were skipped)
    missing = _rules(variant("柳溪县人民政府\n2024年3月15日\n", ""))
    assert "signature-missing" in missing and "date-missing" not in missing
    left = _rules(variant("2024年3月15日", "2024年X月X日"))
    assert "placeholder" in left and not left & {"signature-missing", "date-missing"}


def test_a_placeholder_in_a_last_paragraph_that_is_no_date_hides_nothing() -> None:
    no_signature = variant("柳溪县人民政府\n2024年3月15日\n", "")
    rules = _rules(variant("本年度无其他需要报告的情况。", "本年度无其他需要报告的情况，XX件待核。", no_signature))
    assert {"placeholder", "signature-missing"} <= rules
