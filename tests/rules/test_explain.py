"""`fzcheck explain`: the two examples shown as a diff, and each failing example differing from its
passing one by the one fault it illustrates."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from checker.cli import app, example_diff
from checker.engine import Options, check_text
from checker.rules import registry

RULES = list(registry().values())


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_failing_example_raises_only_its_own_rule_beyond_the_passing_one(rule) -> None:
    options = Options(**dict(rule.example_options))
    bad = {f.rule for f in check_text(rule.bad, options).findings}
    good = {f.rule for f in check_text(rule.good, options).findings}
    assert bad - good == {rule.id}, f"{rule.id}: the failing example also raises {sorted(bad - good - {rule.id})}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_explain_shows_only_the_lines_that_differ(rule) -> None:
    out = CliRunner().invoke(app, ["explain", rule.id]).stdout
    bad, good = rule.bad.strip("\n").splitlines(), rule.good.strip("\n").splitlines()
    minus = [line[6:] for line in out.splitlines() if line.startswith("    - ")]
    plus = [line[6:] for line in out.splitlines() if line.startswith("    + ")]
    assert minus or plus
    assert all(line in bad for line in minus) and all(line in good for line in plus)
    assert len(minus) + len(plus) < len(bad) + len(good)  # never both drafts whole
    for line in set(bad) - set(good):
        assert line in minus  # every line only the failing example has is shown
    for line in set(good) - set(bad):
        assert line in plus


def test_diff_names_the_line_and_marks_both_sides() -> None:
    diff = example_diff("甲\n乙\n丙\n", "甲\n乙改\n丙\n丁\n")
    assert diff.splitlines() == ["  第2行：", "    - 乙", "    + 乙改", "  第3行之后（合格示例多出的行）：", "    + 丁"]
    assert example_diff("甲\n乙\n", "甲\n").splitlines() == ["  第2行（合格示例中删去）：", "    - 乙"]


def test_section_missing_is_explained_without_a_numbering_fault() -> None:
    out = CliRunner().invoke(app, ["explain", "section-missing"]).stdout
    assert "五、" not in [line[6:8] for line in out.splitlines() if line.startswith("    - ")]
    assert len(out.splitlines()) < 25  # not two whole drafts
