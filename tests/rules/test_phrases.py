"""The one phrase pass: its screen never changes what a phrase list finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.rules.phrases import _compiled, _unanchored, list_patterns, matches_in
from checker.template import load_template

NAMES = ("placeholder", "period_partial", "time_relative", "secret_marking", "request_in_report")
TEMPLATE = load_template("annual")
LISTS = tuple((n, list_patterns(TEMPLATE, n)) for n in NAMES)
SCREEN, OWN = _compiled(LISTS)
# Text made of what the patterns are made of: their characters, digits, marks and plain words.
ALPHABET = sorted({c for _, ps in LISTS for p in ps for c in p if not c.isspace()} | set("0123456789 \n。，全年工作aX"))


def test_every_list_is_screened_and_has_patterns() -> None:
    assert SCREEN is not None and set(OWN) == set(NAMES)


def test_leading_assertions_are_left_out_of_the_screen_only() -> None:
    assert _unanchored("(?<![A-Za-z/.@_-])[xｘ]{2,}(?![A-Za-z/.@_-])") == "[xｘ]{2,}(?![A-Za-z/.@_-])"
    assert _unanchored("^(绝密|机密|秘密)$") == "(绝密|机密|秘密)$"
    assert _unanchored("(?<![\\d年])1\\s*月") == "1\\s*月"
    assert _unanchored("今年(以来)?") == "今年(以来)?"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_screened_matches_are_each_lists_own(text: str) -> None:
    screened = {name: [(m.start(), m.end()) for m in found] for name, found in matches_in(text, SCREEN, OWN).items()}
    alone = {name: [(m.start(), m.end()) for m in rx.finditer(text)] for name, rx in OWN.items()}
    assert screened == {name: spans for name, spans in alone.items() if spans}


def test_known_overlaps_are_kept() -> None:
    """「截至目前正在」: period-partial's 截至目前 and time-relative's 目前…正在 overlap; both found."""
    found = matches_in("截至目前正在推进", SCREEN, OWN)
    assert [m.group(0) for m in found["period_partial"]] == ["截至目前"]
    assert [m.group(0) for m in found["time_relative"]] == ["目前正在"]
    assert matches_in("全县依法行政工作有序推进。", SCREEN, OWN) == {}
