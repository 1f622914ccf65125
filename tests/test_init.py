"""`fzcheck init`: the skeleton has the template's shape, so checking it untouched reports the
gaps (【待补充】) and nothing structural; it never overwrites a file without --force."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.engine import Options, check_file
from checker.init import build_skeleton, organ_of
from checker.rules import registry
from checker.template import load_template

HAS_DOCX_READER = importlib.util.find_spec("checker.read.docx") is not None
needs_docx_reader = pytest.mark.skipif(not HAS_DOCX_READER, reason="checker/read/docx.py is not there yet")


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
    if "placeholder" in registry():
        assert "placeholder" in rules
    else:  # pragma: no cover - the placeholder rule is being written elsewhere
        pytest.skip("placeholder rule not registered yet: only section-missing asserted")


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
    assert text.rstrip().endswith("柳溪县人民政府\n\n2025年 月 日")
    assert_skeleton_checks(path)


def test_init_text(work: Path) -> None:
    assert run("init", "-s", "柳溪县", "--year", "2024", "-o", "draft.txt").exit_code == 0
    lines = (work / "draft.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "柳溪县2024年法治政府建设年度报告"
    assert lines[-2:] == ["柳溪县人民政府", "2025年 月 日"]
    assert_skeleton_checks(work / "draft.txt")


@needs_docx_reader
def test_init_docx(work: Path) -> None:
    from docx import Document

    result = run("init", "--subject", "柳溪县", "--year", "2024", "--output", "draft.docx")
    assert result.exit_code == 0, result.output
    doc = Document(str(work / "draft.docx"))
    heading_texts = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert heading_texts == [s.heading.format(year=2024, next_year=2025) for s in load_template("annual").sections]
    assert doc.paragraphs[0].text == "柳溪县2024年法治政府建设年度报告"
    assert [p.text for p in doc.paragraphs[-2:]] == ["柳溪县人民政府", "2025年 月 日"]
    assert_skeleton_checks(work / "draft.docx")


@pytest.mark.parametrize("suffix", [".md", ".txt"] + ([".docx"] if HAS_DOCX_READER else []))
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
