"""Every rule's metadata: examples fire both ways, explain works, docs/rules.md is current."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.docgen import DOC, rules_markdown
from checker.engine import Options, check_text
from checker.rules import registry

SPEC_RULES = {
    "title-missing", "title-format", "section-missing", "section-unheaded", "section-thin", "causes-missing",
    "duty-evidence-missing", "section-order", "heading-numbering", "signature-missing", "year-mismatch",
}
RULES = list(registry().values())


def _options(rule) -> Options:
    return Options(**dict(rule.example_options))


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_fires_on_its_failing_example_only(rule):
    bad = check_text(rule.bad, _options(rule))
    good = check_text(rule.good, _options(rule))
    assert rule.id in {f.rule for f in bad.findings}, f"{rule.id} does not fire on its failing example"
    assert rule.id not in {f.rule for f in good.findings}, f"{rule.id} fires on its passing example"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_metadata_is_complete_and_chinese(rule):
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id)
    assert rule.severity in ("error", "warning", "info")
    for text in (rule.summary, rule.rationale, rule.source):
        assert re.search(r"[\u4e00-\u9fff]", text), text
    assert rule.bad != rule.good


def test_structure_rules_of_the_spec_are_all_registered():
    assert SPEC_RULES <= set(registry())


@pytest.mark.parametrize("rule_id", sorted(registry()))
def test_explain_every_rule(rule_id):
    result = CliRunner().invoke(app, ["explain", rule_id])
    assert result.exit_code == 0
    rule = registry()[rule_id]
    assert rule.rationale in result.output and rule.source in result.output
    assert "不合格示例" in result.output and "合格示例" in result.output


def test_explain_unknown_rule_exits_2():
    result = CliRunner().invoke(app, ["explain", "no-such-rule"])
    assert result.exit_code == 2


def test_docs_rules_md_is_current():
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), "run: python -m checker.docgen"


_DUCHA = "《法治政府建设与责任落实督察工作规定》"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_sources_cite_only_the_confirmed_article_of_the_regulation(rule):
    """The publication duty is its 第二十四条; no article could be confirmed for the five content
    items, so a rule citing them names the regulation without an article number."""
    for part in re.split(r"[；;]", rule.source):
        if _DUCHA in part:
            articles = re.findall(r"第([一二三四五六七八九十、]+)条", part.split(_DUCHA, 1)[1])
            assert articles in ([], ["二十四"]), f"{rule.id} cites {articles} of {_DUCHA}"
