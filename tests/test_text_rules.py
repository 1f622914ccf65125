"""Text rules on team-written drafts, both ways."""

from __future__ import annotations

import pytest

from checker.rules.text import unbalanced
from checker.engine import check_text

from .conftest import CORPUS, findings_of
from .drafts import CLEAN

SPOT = "全年新增网上可办事项126项"


def with_text(replacement: str) -> str:
    return CLEAN.replace(SPOT, replacement)


@pytest.mark.parametrize("text", ["新增网上可办事项XX项", "新增××项", "于X月X日上线", "新增【待补充】项", "新增TODO项", "新增X项", "（此处填写数据）"])
def test_placeholder_fires(text):
    (f,) = findings_of(check_text(with_text(text)), "placeholder")
    assert f.severity == "error" and f.data["text"] in text


@pytest.mark.parametrize("text", ["新增网上可办事项126项", "X射线检测设备投入使用", "开展“双随机、一公开”检查"])
def test_placeholder_quiet(text):
    assert not findings_of(check_text(with_text(text)), "placeholder")


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


@pytest.mark.parametrize("text, char", [("落实《法治政府建设实施纲要要求", "《"), ("开展“一网通办服务", "“"), ("服务】开展", "】"), ("（一网通办", "（")])
def test_punct_unbalanced_fires(text, char):
    (f,) = findings_of(check_text(with_text(text)), "punct-unbalanced")
    assert f.data["char"] == char


def test_punct_balanced_across_kinds_is_quiet():
    assert not findings_of(check_text(with_text("落实《法治政府建设实施纲要（2021－2025年）》，开展“一网通办”【试点】")), "punct-unbalanced")


@pytest.mark.parametrize(
    "cited, expected",
    [
        ("《法治政府建设与责任落实督查工作规定》", "《法治政府建设与责任落实督察工作规定》"),
        ("《法制政府建设实施纲要（2021－2025年）》", "《法治政府建设实施纲要（2021－2025年）》"),
        ("《党政主要负责人履行推进法制建设第一责任人职责规定》", "《党政主要负责人履行推进法治建设第一责任人职责规定》"),
    ],
)
def test_doc_name_near_miss(cited, expected):
    (f,) = findings_of(check_text(with_text(f"落实{cited}")), "doc-name")
    assert f.data["expected"] == expected


@pytest.mark.parametrize(
    "cited",
    [
        "《法治政府建设实施纲要（2021-2025年）》",  # half-width dash: same document
        "《法治政府建设实施纲要(2021—2025年)》",
        "《青山县党政主要负责人履行推进法治建设第一责任人职责规定实施办法》",  # a local document
        "《中华人民共和国民法典》",
        "《江西省法治政府建设实施纲要（2021－2025年）》",
    ],
)
def test_doc_name_quiet(cited):
    assert not findings_of(check_text(with_text(f"落实{cited}")), "doc-name")


@pytest.mark.parametrize("marking", ["机密★1年", "内部资料 注意保存", "【内部资料】", "秘密"])
def test_secret_marking_fires(marking):
    text = marking + "\n" + CLEAN
    assert findings_of(check_text(text), "secret-marking")


def test_secret_words_in_prose_are_quiet():
    text = with_text("开展保守国家秘密法宣传，新增网上可办事项126项")
    assert not findings_of(check_text(text), "secret-marking")


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
