"""The figure rules on the five real reports (../shared/corpus/, skipped when absent).

Every ``percent-range``, ``count-inconsistent`` and ``ratio-mismatch`` finding on the corpus is
listed here with the reason it is right — a real inconsistency in the published text, checked
by reading the sentence — so a new false alarm fails the build. The consistent figures the
reports publish stay quiet.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from checker.engine import check_file

from .conftest import CORPUS

FIGURE_RULES = ("percent-range", "count-inconsistent", "ratio-mismatch")

# (file prefix, rule, line) -> why the published text is inconsistent
EXPECTED = {
    ("000", "count-inconsistent", 23): (
        "「认领发布事项1063项,其中:市直依申请事项719项,公共服务事项324项,镇级依申请事项10项,"
        "公共服务事项14项,村级公共服务事项3项」: the five parts are disjoint (level × kind of 事项) "
        "and add up to 1070, not 1063"
    ),
}

# Consistent figures the reports publish: (prefix, needle on the line), with the arithmetic.
CONSISTENT = [
    ("000", "调解成功率为97 %"),  # 7825 / 8067 = 97.0 %
    ("000", "其中受理立案61件、办结57件"),  # 67 ≥ 61 ≥ 57
    ("001", "直接纠错率为17.4%"),  # 4 / 23 = 17.39 %; 30 ≥ 27 ≥ 23
    ("003", "其中,决定不予受理3件"),  # 9 = 3 + 1 + 5
    ("004", "通过率99.9%"),  # 9692 / 9702 = 99.90 %; 10230 = 528 + 9702
    ("004", "受理17件,已审结15件"),  # 21 ≥ 17 ≥ 15
    ("004", "其中包括行政处罚19条"),  # 37 = 19 + 2 + 16
]


@cache
def _result(prefix: str):
    (path,) = CORPUS.glob(prefix + "_*.txt")
    return check_file(str(path))


def _line_of(prefix: str, needle: str) -> int:
    (path,) = CORPUS.glob(prefix + "_*.txt")
    (line,) = [n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text]
    return line


def _figure_findings(prefix: str) -> set[tuple[str, str, int]]:
    return {(prefix, f.rule, f.line) for f in _result(prefix).findings if f.rule in FIGURE_RULES}


PREFIXES = ("000", "001", "002", "003", "004")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_figure_findings_are_exactly_the_known_inconsistencies(corpus_dir: Path, prefix):
    expected = {key for key in EXPECTED if key[0] == prefix}
    assert _figure_findings(prefix) == expected


def test_000_partition_finding_carries_whole_and_sum(corpus_dir: Path):
    (f,) = [f for f in _result("000").findings if f.rule == "count-inconsistent"]
    assert f.data == {"whole": 1063, "part": 1070}
    assert f.line == _line_of("000", "认领发布事项1063项")


@pytest.mark.parametrize("prefix, needle", CONSISTENT)
def test_consistent_published_figures_stay_quiet(corpus_dir: Path, prefix, needle):
    line = _line_of(prefix, needle)
    assert not [f for f in _result(prefix).findings if f.rule in FIGURE_RULES and f.line == line]


def test_001_misses_the_litigation_topics(corpus_dir: Path):
    # 001 (随州市 2023) reports 行政复议 with figures but says nothing of 行政诉讼/应诉 or of
    # 负责人出庭 (its only 诉讼 words are 公益诉讼 and 诉源治理), and never names 法律顾问/公职律师.
    missing = {f.data["indicator"] for f in _result("001").findings if f.rule == "indicator-missing"}
    assert missing == {"admin_litigation", "head_appearance", "legal_advisers"}
    # anchored where the topics belong: the measures' heading (deliberate change, issue 11)
    measures = _line_of("001", "一、主要举措和成效")
    assert {f.line for f in _result("001").findings if f.rule == "indicator-missing"} == {measures}


def test_reconsideration_with_figures_is_reported_with_data(corpus_dir: Path):
    for prefix in ("000", "001", "003", "004"):
        flagged = {f.data["indicator"] for f in _result(prefix).findings if f.rule.startswith("indicator-")}
        assert "admin_reconsideration" not in flagged, prefix
