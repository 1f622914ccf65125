"""The review rules on the five seed reports (when ../shared/corpus is present): exactly the
findings judged in tests/data/new_rule_findings.md, with their data."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import Options, check_paths

from .conftest import CORPUS

REVIEW = {"personal-info", "duty-evidence-incomplete", "copy-previous", "request-in-report", "subject-mismatch"}

# (file prefix, line, rule) judged true positives
JUDGED = {
    ("000", 55, "subject-mismatch"),
    ("001", 8, "duty-evidence-incomplete"),
    ("002", 25, "duty-evidence-incomplete"),
}


@pytest.fixture(scope="module")
def results() -> list:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return check_paths([str(CORPUS)], Options(previous="auto"), jobs=1)


def test_review_findings_on_the_corpus_are_the_judged_ones(results):
    found = {(Path(r.path).name[:3], f.line, f.rule) for r in results for f in r.findings if f.rule in REVIEW}
    assert found == JUDGED


def test_what_the_duty_findings_name(results):
    by_file = {Path(r.path).name[:3]: r for r in results}
    (f001,) = [f for f in by_file["001"].findings if f.rule == "duty-evidence-incomplete"]
    assert [n[:2] for n in f001.data["missing"]] == ["负责"]
    assert [n[:2] for n in f001.data["without_figures"]] == ["学法"]
    (f002,) = [f for f in by_file["002"].findings if f.rule == "duty-evidence-incomplete"]
    assert [n[:2] for n in f002.data["without_figures"]] == ["专题", "述法", "“四"]
    (s000,) = [f for f in by_file["000"].findings if f.rule == "subject-mismatch"]
    assert (s000.data["expected"], s000.data["found"]) == ("枣阳市", "中共枣阳市委全面依法治市委员会办公室")
