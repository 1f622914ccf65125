"""Properties of the whole checker on arbitrary text (mutated drafts: tests/test_pipeline_fuzz.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import check_text
from checker.render import RenderContext
from checker.render.json_out import render_json

from .conftest import assert_spans_inside

REPORT_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十（）()、.．，,。：:；年月日第是的法治政府建设报告存在问题下一步安排责任人") + list("0123456789 \n%《》“”【】XX")
)
CTX = RenderContext(version="test")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_crashes(text):
    result = check_text(text)
    if result.report is not None:
        assert_spans_inside(result)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(REPORT_ALPHABET, max_size=400))
def test_report_like_text_never_crashes_and_is_deterministic(text):
    first, second = check_text(text), check_text(text)
    assert render_json([first], CTX) == render_json([second], CTX)
    if first.report is not None:
        assert_spans_inside(first)
