"""Behaviour kept: the JSON output on every draft the suite checks, the corpus, ../shared/real and
the bundled example equals the recorded one (tests/golden; a deliberate change updates it with
``python -m tests.golden --update`` and names itself in its commit)."""

from __future__ import annotations

import json

import pytest

from tests import golden


def _first_difference(old, new, where: str = "") -> str:
    if type(old) is not type(new):
        return f"{where}: {old!r} → {new!r}"
    if isinstance(old, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                return _first_difference(old.get(key), new.get(key), f"{where}.{key}")
    if isinstance(old, list):
        if len(old) != len(new):
            return f"{where}: {len(old)} items → {len(new)}: {json.dumps(old, ensure_ascii=False)[:600]} → {json.dumps(new, ensure_ascii=False)[:600]}"
        for i, (a, b) in enumerate(zip(old, new)):
            if a != b:
                return _first_difference(a, b, f"{where}[{i}]")
    return f"{where}: {old!r} → {new!r}"


def test_outputs_identical_to_the_recorded_ones() -> None:
    if not golden.SHARED.is_dir():
        pytest.skip("../shared is not present")
    expected = golden.stored()
    actual = golden.outputs()
    assert len(expected) > 1500 and set(actual) == set(expected)
    changed = [key for key in expected if actual[key] != expected[key]]
    shown = "\n".join(f"{key}{_first_difference(expected[key], actual[key])}" for key in changed[:15])
    assert not changed, f"{len(changed)} of {len(expected)} outputs changed:\n{shown}"
