"""Every rule's cases (tests/rules/cases/<rule-id>.yaml), run by one runner."""

from __future__ import annotations

import pytest

from checker.rules import registry

from .cases import CASES, Case, all_cases, problems

CASES_LIST = all_cases()


@pytest.mark.parametrize("case", CASES_LIST, ids=[c.id for c in CASES_LIST])
def test_case(case: Case) -> None:
    found = problems(case)
    assert not found, "\n".join(found)


def test_every_rule_has_cases_that_fire_and_stay_quiet() -> None:
    by_rule: dict[str, list[Case]] = {}
    for case in CASES_LIST:
        by_rule.setdefault(case.rule, []).append(case)
    assert set(by_rule) == set(registry()), f"rules without a case file: {sorted(set(registry()) - set(by_rule))}; files of no rule: {sorted(set(by_rule) - set(registry()))}"
    for rule, cases in by_rule.items():
        assert any(rule in {f['rule'] for f in c.fires} for c in cases), f"{rule}: no case where it fires"
        assert any(rule in c.quiet for c in cases), f"{rule}: no case where it stays quiet"
        assert len(cases) >= 3, f"{rule}: only {len(cases)} cases in {CASES / (rule + '.yaml')}"


def test_the_runner_sees_a_wrong_expectation() -> None:
    """A case whose expectation is wrong fails: the runner compares, it does not only run."""
    (case,) = [c for c in CASES_LIST if c.rule == "placeholder" and c.fires][:1]
    wrong = Case(case.rule, case.name, case.draft, case.options, ({"rule": "placeholder", "data": {"text": "不是这个"}},), ())
    assert problems(wrong)
    silent = Case(case.rule, case.name, case.draft, case.options, (), ("placeholder",))
    assert problems(silent)
