"""Text rules on team-written drafts (the cases of each rule are data: tests/rules/cases/)."""

from __future__ import annotations

import pytest

from checker.rules.text import unbalanced
from checker.engine import check_text

from tests.conftest import CORPUS, findings_of
from tests.drafts import CLEAN

SPOT = "全年新增网上可办事项126项"


def with_text(replacement: str) -> str:
    return CLEAN.replace(SPOT, replacement)


def test_placeholder_span_points_at_the_text():
    text = with_text("新增网上可办事项XX项")
    (f,) = findings_of(check_text(text), "placeholder")
    line = text.splitlines()[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "XX"


def test_unbalanced_helper():
    assert unbalanced("《法治政府建设实施纲要（2021－2025年）》") == []
    assert unbalanced("（2021-2025)") == []  # mixed widths are one family
    assert unbalanced("落实《纲要和要求") == [(2, "《", "open")]
    assert unbalanced("新官不理旧账”专项") == [(6, "”", "close")]


def test_corpus_002_unbalanced_marks():
    path = CORPUS / "002_c924e1175a3b02cb.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is not present")
    from checker.engine import check_file

    result = check_file(str(path))
    found = {(f.data["char"], f.line) for f in findings_of(result, "punct-unbalanced")}
    lines = path.read_text(encoding="utf-8").splitlines()
    open_at = next(i for i, line in enumerate(lines, 1) if "《法治政府建设实施纲要(2021-2025年)和省、市、区要求" in line)
    lone_at = next(i for i, line in enumerate(lines, 1) if "新官不理旧账”" in line)
    assert ("《", open_at) in found and ("”", lone_at) in found
