"""The report grammar generated from a template (checker.outline.grammar) and ``fzcheck grammar``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Tree
from typer.testing import CliRunner

from checker.cli import app
from checker.engine import check_text
from checker.model import Source
from checker.outline import outline
from checker.outline.classify import classify, classify_text
from checker.outline.grammar import grammar_text, parser_of
from checker.outline.model import paragraph_tokens
from checker.read.normalize import normalize_lines
from checker.template import TemplateError, load_template

from tests.drafts import OPENING, SECTIONS, SIGNATURE, TITLE, build

# A province's template: one more required section, nested in the measures like the duty; a
# key that is not a grammar name.
PROVINCE = """\
extends: annual
name: province-x
label: 某省法治政府建设年度报告
sections:
  - key: 法律顾问
    role: other
    required: true
    title: 法律顾问工作情况
    regulation: 法律顾问和公职律师工作情况
    headings: ["法律顾问"]
    nested_in: [measures]
"""


def _source(text: str) -> Source:
    paragraphs, metadata = normalize_lines(text.splitlines())
    return Source("<t>", "txt", tuple(paragraphs), tuple(text.splitlines()), metadata)


def _tree(text: str, template_name: str = "annual") -> Tree:
    template = load_template(template_name)
    source = _source(text)
    return parser_of(template).parse(paragraph_tokens(source.paragraphs, classify(source.paragraphs), template))


def _rules(tree: Tree) -> list[str]:
    return [t.data for t in tree.iter_subtrees_topdown()]


@pytest.fixture()
def province(tmp_path: Path) -> Path:
    path = tmp_path / "province.yaml"
    path.write_text(PROVINCE, encoding="utf-8")
    return path


def test_annual_grammar_names_every_part_and_the_required_sections():
    text = grammar_text(load_template("annual"))
    Lark(text, parser="lalr", lexer="basic")  # a grammar Lark accepts as it is printed
    for rule in ("title:", "opening:", "closing:", "signature:", "required_measures:", "required_shortcomings:",
                 "required_first_responsibility:", "required_next_year_plan:", "optional_other:", "measures_topic:",
                 "required_first_responsibility_in_measures:", "combined_section:", "unnamed_section:"):
        assert f"\n{rule}" in text, rule
    assert "%declare SHORTCOMINGS_HEADING" in text and "存在(的)?(主要)?(问题|不足|差距)" in text  # the template's patterns


def test_department_grammar_says_the_departments_duty():
    text = grammar_text(load_template("department"))
    assert "部门主要负责人履行推进法治建设第一责任人职责情况（必需，role duty）" in text
    assert "党政主要负责人" not in text


def test_a_province_section_becomes_a_required_rule_nested_in_the_measures(province):
    template = load_template(str(province))
    text = grammar_text(template)
    assert "required_section6_in_measures: SECTION6_SUBHEADING _content*" in text
    assert "法律顾问工作情况（必需，role other，作为「主要举措和成效」的二级标题）" in text
    draft = build().replace("（四）预防调处化解社会矛盾纠纷。", "（五）发挥法律顾问作用。聘请法律顾问86名。\n（四）预防调处化解社会矛盾纠纷。")
    report = outline(_source(draft), template)
    hit = report.section("法律顾问")
    assert hit is not None and hit.heading.level == 2 and hit.heading.text == "发挥法律顾问作用"


def test_a_template_without_topic_collection_or_nesting_still_compiles(tmp_path):
    path = tmp_path / "flat.yaml"
    path.write_text(
        "name: flat\nlabel: 简单报告\ntitle: {canonical: '{subject}{year}年报告', required: ['报告']}\n"
        "deadlines: {publish: '03-31'}\n"
        "sections:\n  - {key: a, title: 甲, regulation: 甲, headings: ['甲'], required: true}\n"
        "  - {key: b, title: 乙, regulation: 乙, headings: ['乙']}\n",
        encoding="utf-8",
    )
    template = load_template(str(path))
    text = grammar_text(template)
    assert "_sections: _any*" in text and "measures_topic" not in text
    report = outline(_source("某县2023年报告\n开头。\n一、甲\n内容。\n二、丙\n内容。\n三、乙\n内容。\n"), template)
    assert [(h.text, h.keys) for h in report.headings] == [("甲", ("a",)), ("丙", ()), ("乙", ("b",))]


def test_the_parse_tree_is_the_report_structure():
    tree = _tree(build())
    rules = _rules(tree)
    assert rules[0] == "start"
    for rule in ("title", "opening", "required_measures", "required_shortcomings", "required_first_responsibility",
                 "required_next_year_plan", "optional_other", "signature"):
        assert rules.count(rule) == 1, rule
    assert rules.count("subsection") == 4  # the measures' （一）…（四）


def test_unnamed_headings_before_the_later_sections_are_the_measures_topics():
    lines = [TITLE, OPENING, "一、深化放管服改革", "内容。", "二、规范行政决策", "内容。",
             f"三、{SECTIONS['shortcomings'][0]}", *SECTIONS["shortcomings"][1], "四、加强队伍建设", "内容。", *SIGNATURE]
    text = "\n".join(lines) + "\n"
    rules = _rules(_tree(text))
    assert rules.count("measures_topic") == 2 and rules.count("unnamed_section") == 1
    report = check_text(text).report
    assert [h.keys for h in report.headings] == [("measures",), ("measures",), ("shortcomings",), ()]


def test_duty_counts_as_a_subsection_only_inside_the_measures():
    duty = "（五）切实履行党政主要负责人推进法治建设第一责任人职责。"
    inside = build(("measures", "shortcomings", "next_year_plan")).replace(
        "二、2023年度推进法治政府建设存在的不足和原因", duty + "\n二、2023年度推进法治政府建设存在的不足和原因")
    assert "required_first_responsibility_in_measures" in _rules(_tree(inside))
    outside = build(("measures", "shortcomings", "next_year_plan")).replace(
        "三、2024年推进法治政府建设的主要安排", duty + "\n三、2024年推进法治政府建设的主要安排")
    rules = _rules(_tree(outside))
    assert "required_first_responsibility_in_measures" not in rules and "subsection" in rules
    assert check_text(outside).report.section("first_responsibility") is None


def test_combined_heading_names_both_sections():
    text = build(("measures", "first_responsibility", "shortcomings"), headings={"shortcomings": "存在的问题及下一步打算"})
    assert "combined_later_section" in _rules(_tree(text))


@settings(max_examples=60, deadline=None)
@given(
    order=st.permutations(list(SECTIONS)),
    kept=st.lists(st.booleans(), min_size=len(SECTIONS), max_size=len(SECTIONS)),
    junk=st.lists(st.sampled_from(["（一）其他工作。内容。", "1.具体事项。", "一是加强领导。", "2024年3月1日", "二、另一项工作", "随便一段文字。"]),
                  max_size=6),
    where=st.integers(min_value=0, max_value=40),
)
def test_any_order_and_any_missing_part_parses(order, kept, junk, where):
    keys = tuple(k for k, keep in zip(order, kept) if keep)
    lines = build(keys).splitlines()
    at = min(where, len(lines))
    text = "\n".join(lines[:at] + junk + lines[at:]) + "\n"
    report = outline(_source(text), load_template("annual"))  # never a parse error
    found = {s.key for s in report.sections if s.heading is not None}
    assert found >= set(keys) - {"first_responsibility"}  # a junk （一） line may be where the duty's heading was


def test_the_classifier_kinds():
    assert [classify_text(t).kind for t in ("一、总体情况", "（二）执法", "1.5万元", "3．培训", "（1）复议", "①审核",
                                              "一是加强", "2024年3月15日", "2024年3月15日召开", "正文")] == [
        "heading1", "heading2", "body", "heading3", "heading4", "heading4", "enum_item", "date_line", "body", "body"]
    line = classify_text("二、存在的问题。主要是")
    assert (line.marker, line.rest, line.rest_offset) == ("二、", "存在的问题。主要是", 2)


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("name", ["annual", "department"])
def test_grammar_command_prints_the_builtin_grammar(name):
    result = _run("grammar", "--template", name)
    assert result.exit_code == 0
    assert result.output == grammar_text(load_template(name))
    assert f"模板 {name}（{load_template(name).label}）" in result.output


def test_grammar_command_default_and_a_user_template(province):
    assert _run("grammar").output == grammar_text(load_template("annual"))
    result = _run("grammar", "-t", str(province))
    assert result.exit_code == 0 and "法律顾问工作情况（必需" in result.output


def test_grammar_command_bad_template_is_a_chinese_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nsections: 3\n", encoding="utf-8")
    for ref in (str(bad), "no-such-template"):
        result = _run("grammar", "--template", ref)
        assert result.exit_code == 2
        assert "模板" in result.output and "Traceback" not in result.output
    with pytest.raises(TemplateError):
        load_template(str(bad))


def test_a_second_collecting_section_collects_after_the_first(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(
        "name: two\nlabel: 两段报告\ntitle: {canonical: '{subject}{year}年报告', required: ['报告']}\n"
        "deadlines: {publish: '03-31'}\n"
        "sections:\n  - {key: a, title: 甲, regulation: 甲, headings: ['甲'], collects_unmatched_before: [b]}\n"
        "  - {key: b, title: 乙, regulation: 乙, headings: ['乙']}\n"
        "  - {key: c, title: 丙, regulation: 丙, headings: ['丙'], collects_unmatched_before: [d]}\n"
        "  - {key: d, title: 丁, regulation: 丁, headings: ['丁']}\n",
        encoding="utf-8",
    )
    text = "某县2023年报告\n开头。\n一、甲\n内容。\n二、其一\n内容。\n三、乙\n内容。\n四、其二\n内容。\n五、丁\n内容。\n六、其三\n内容。\n"
    report = outline(_source(text), load_template(str(path)))
    assert [h.keys for h in report.headings] == [("a",), ("a",), ("b",), ("c",), ("d",), ()]


_LINES = ["青山县2023年法治政府建设年度报告", "青山县人民政府", "首页", "（2024年3月20日）", "一、主要举措", "二、存在的问题",
          "三、下一步打算", "一、存在的问题及下一步打算", "（一）依法履职", "（二）第一责任人职责", "1.具体工作", "①要点",
          "一是加强", "2024年3月1日", "内容内容内容。", "下一步，我们将继续努力。", "（此件公开发布）", "法治政府建设领导小组办公室",
          "2024年工作计划", "第一责任人履职情况"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_LINES), st.sampled_from([None, None, 1, 2, 3])), max_size=14))
def test_any_paragraphs_with_any_heading_styles_parse(rows):
    """Lines styled as headings above the title, a title that is also the 落款, a title block
    that is also the closing: every draft parses, and every part lies inside it."""
    from checker.model import Paragraph

    paragraphs = tuple(Paragraph(text, i + 1, style_level=level) for i, (text, level) in enumerate(rows))
    report = outline(Source("x.docx", "docx", paragraphs), load_template("annual"))
    n = len(paragraphs)
    assert all(0 <= h.index < n for h in report.headings)
    assert [h.index for h in report.headings] == sorted({h.index for h in report.headings})
    assert all(0 <= s.start < s.end <= n for s in report.sections)
    assert all(0 <= i < n for i in report.opening + report.closing + report.signature)
