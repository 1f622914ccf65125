"""The phrase screen's first-character look-ahead (checker.rules.phrases): the characters a
pattern's match can start with, and the same first match with and without the look-ahead."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.rules.phrases import _first_chars, _first_class


def test_first_chars_of_pattern_shapes():
    assert _first_chars("特此请示") == {"特"}
    assert _first_chars("(占|完成)?(全年|年度)") == {"占", "完", "全", "年"}
    assert _first_chars("(?i:TODO|TBD)") == {"T", "t"}
    assert _first_chars("(?i:s)") >= {"s", "S", "\u017f"}  # re folds ſ with s itself
    assert _first_chars("^(绝密|机密)$") == {"绝", "机"}
    assert _first_chars("[0-9XＸ]{1,2}月") == set("0123456789XＸ")
    # unknown: no look-ahead can be built
    for pattern in ("a*", r"\s+请示", "[^。]请", ".请", "(?:)"):
        assert _first_chars(pattern) is None, pattern
    assert _first_class(["特此", r"\s+x"]) == ""



_WORDS = ["特此请示", "妥否，请批示", "今年以来", "XX件", "xx", "TODO", "todo", "至今", "绝密★", "【待补充】", "1—10月", "请勿外传", "上半年", "○○"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + ["，", "。", "年", "明", "截", "a", "A", " ", "\n", "占全年目标的95%"]), max_size=12))
def test_screen_with_look_ahead_finds_the_same_first_match(parts):
    text = "".join(parts)
    patterns = [
        "特此请示", r"(?:妥否[，,]?\s*请(批示|批复|审批|示))", "今年(以来|上半年|全年)?", "[XＸ×]{2,}", "[xｘ]{2,}(?![A-Za-z])",
        "(?i:TODO|TBD|FIXME)(?![A-Za-z])", "(至今|迄今)(?!年)", r"(绝密|机密|秘密)[ \t]*★", "【[^】\n]{0,12}(待|补充)[^】\n]{0,12}】",
        r"一\s*[-—－~～至到]\s*(十一|十|[二三四五六七八九])\s*月", "(请勿|不得|严禁)(外传|公开|上网)", "上半年",
        "[○〇]{2,}(?!年)", r"(占|完成|达到)(全年|年度)(目标)?的?\s*[1-9]?[0-9]\s*[%％]",
    ]
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    prefix = _first_class(patterns)
    assert prefix
    fast = re.compile(f"{prefix}(?:{plain.pattern})")
    a, b = plain.search(text), fast.search(text)
    assert (a and a.start()) == (b and b.start())
