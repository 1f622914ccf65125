"""Properties of the whole checker on arbitrary and mutated drafts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import check_text
from checker.render import RenderContext
from checker.render.json_out import render_json

from .drafts import CLEAN

REPORT_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十（）()、.．，,。：:；年月日第是的法治政府建设报告存在问题下一步安排责任人") + list("0123456789 \n%《》“”【】XX")
)
CTX = RenderContext(version="test")


def _assert_spans_inside(text: str, result) -> None:
    lines = text.splitlines()
    for f in result.findings:
        assert 1 <= f.line <= max(1, len(lines)), f
        assert f.line <= f.end_line
        line = lines[f.line - 1] if lines else ""
        assert 1 <= f.column <= len(line) + 1, (f, line)
        assert 1 <= f.end_column <= len(lines[f.end_line - 1] if lines else "") + 1, f
        if f.line == f.end_line:
            assert f.column <= f.end_column, f


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_crashes(text):
    result = check_text(text)
    if result.report is not None:
        _assert_spans_inside(text, result)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(REPORT_ALPHABET, max_size=400))
def test_report_like_text_never_crashes_and_is_deterministic(text):
    first, second = check_text(text), check_text(text)
    assert render_json([first], CTX) == render_json([second], CTX)
    if first.report is not None:
        _assert_spans_inside(text, first)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_clean_draft(data):
    lines = CLEAN.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["drop", "dup", "cut", "swap"]))
        i = data.draw(st.integers(0, len(lines) - 1))
        if op == "drop" and len(lines) > 1:
            lines.pop(i)
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    text = "\n".join(lines)
    result = check_text(text)
    if result.report is not None:
        _assert_spans_inside(text, result)
    assert render_json([result], CTX) == render_json([check_text(text)], CTX)
