"""The engine runs the rules: it alone stamps rule id and severity, and skips a rule that is off."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from checker.engine import Options, check_text
from checker.rules import registry
from checker.rules.declare import hit_at
from checker.rules.examples import MINI, variant
from checker.template import load_template

NO_SUBJECT = variant("柳溪县2023年法治政府建设年度报告\n", "关于2023年度法治政府建设情况报告\n")


def _boom(report, template):
    raise AssertionError("a rule that is off was run")


def _replaced(monkeypatch: pytest.MonkeyPatch, rule_id: str, check) -> None:
    monkeypatch.setitem(registry(), rule_id, dataclasses.replace(registry()[rule_id], check=check))


def _template(tmp_path: Path, body: str) -> str:
    path = tmp_path / "province.yaml"
    path.write_text("extends: annual\nname: province\nlabel: 某省年度报告\n" + body, encoding="utf-8")
    return str(path)


def test_a_rule_off_in_the_config_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    _replaced(monkeypatch, "punct-unbalanced", _boom)
    check_text(MINI, Options(rules={"punct-unbalanced": "off"}))
    with pytest.raises(AssertionError, match="was run"):
        check_text(MINI)


def test_a_rule_off_in_the_template_is_not_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _replaced(monkeypatch, "punct-unbalanced", _boom)
    template = _template(tmp_path, "severities:\n  punct-unbalanced: \"off\"\n")
    check_text(MINI, Options(template=template))
    with pytest.raises(AssertionError, match="was run"):  # the config switches it back on
        check_text(MINI, Options(template=template, rules={"punct-unbalanced": "info"}))


def test_a_phrase_rule_off_is_left_out_of_the_phrase_pass() -> None:
    bad = variant("评查行政执法案卷180卷", "评查行政执法案卷XX卷")
    assert "placeholder" in {f.rule for f in check_text(bad).findings}
    assert "placeholder" not in {f.rule for f in check_text(bad, Options(rules={"placeholder": "off"})).findings}


def test_the_engine_stamps_the_rule_id_and_the_default_severity(monkeypatch: pytest.MonkeyPatch) -> None:
    _replaced(monkeypatch, "punct-unbalanced", lambda report, template: [hit_at(1, "消息", "建议", start=0, end=2)])
    (f,) = [f for f in check_text(MINI).findings if f.rule == "punct-unbalanced"]
    assert (f.severity, f.line, f.column, f.end_column, f.message) == ("warning", 2, 1, 3, "消息")


def test_severity_config_then_template_then_the_templates_hint_then_default(tmp_path: Path) -> None:
    def severity(options: Options) -> str:
        (f,) = [f for f in check_text(NO_SUBJECT, options).findings if f.rule == "subject-mismatch"]
        return f.severity

    assert registry()["subject-mismatch"].severity == "warning"
    assert severity(Options()) == "info"  # the annual template's hint for a title naming no subject
    template = _template(tmp_path, "severities:\n  subject-mismatch: error\n")
    assert severity(Options(template=template)) == "error"
    assert severity(Options(template=template, rules={"subject-mismatch": "warning"})) == "warning"


@pytest.mark.parametrize("rule_id", [r.id for r in registry().values() if r.phrases is not None])
def test_a_phrase_rule_run_alone_finds_what_the_one_pass_finds(rule_id: str) -> None:
    rule = registry()[rule_id]
    report = check_text(rule.bad, Options(**dict(rule.example_options))).report
    alone = list(rule.check(report, load_template("annual")))
    assert alone
    found = [f for f in check_text(rule.bad).findings if f.rule == rule_id]
    assert [(h.message, dict(h.data)) for h in alone] == [(f.message, dict(f.data)) for f in found]


def test_registry_lists_phrase_rules_in_their_families_order() -> None:
    ids = list(registry())
    assert ids.index("date-future") + 1 == ids.index("period-partial") == ids.index("time-relative") - 1
    assert ids[-1] == "directive-unknown" and ids[0] == "title-missing"


def test_a_kind_of_finding_keeps_its_declared_default_unless_config_or_template_say_otherwise() -> None:
    bad = registry()["personal-info"].bad
    kinds = {f.data["kind"]: f.severity for f in check_text(bad).findings if f.rule == "personal-info"}
    assert kinds == {"id": "error", "mobile": "warning"}
    kinds = {f.data["kind"]: f.severity for f in check_text(bad, Options(rules={"personal-info": "info"})).findings if f.rule == "personal-info"}
    assert kinds == {"id": "info", "mobile": "info"}


@pytest.mark.parametrize("rule", [r for r in registry().values() if r.case_severities], ids=lambda r: r.id)
def test_declared_kinds_of_finding_have_valid_severities(rule) -> None:
    assert set(rule.case_severities.values()) <= {"error", "warning", "info"}
