"""Template patterns compiled on first use, and the stamp of a template validated before."""

from __future__ import annotations

import pickle

import pytest

from checker.template import TemplateError, schema
from checker.template.load import _load_raw
from checker.template.schema import LazyPattern, compiled


def test_lazy_pattern_acts_as_the_compiled_pattern():
    rx = LazyPattern("法治(政府)?")
    assert "search" not in vars(rx)  # not compiled yet
    assert rx.search("建设法治政府").span() == (2, 6)
    assert "search" in vars(rx)  # compiled once, its methods kept on the instance
    assert [m.group() for m in rx.finditer("法治，法治政府")] == ["法治", "法治政府"]
    assert rx.groups == 1 and rx.pattern == "法治(政府)?"
    assert rx == LazyPattern("法治(政府)?") and hash(rx) == hash(LazyPattern("法治(政府)?"))
    assert rx != LazyPattern("法治")
    again = pickle.loads(pickle.dumps(rx))
    assert again == rx and again.search("法治").group() == "法治"


def test_compiled_is_one_object_per_list():
    assert compiled(("甲", "乙")) is compiled(("甲", "乙"))
    assert compiled(("甲", "乙")).fullmatch("乙")


def test_validated_template_is_stamped_and_not_validated_again(tmp_path, monkeypatch):
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(tmp_path))
    data, _ = _load_raw("annual", ())
    calls = []
    real = schema._validate
    monkeypatch.setattr(schema, "_validate", lambda d: (calls.append(1), real(d)))
    schema.validate(data)
    assert len(calls) == 1 and len(list(tmp_path.glob("template-*.ok"))) == 1
    schema.validate(data)
    assert len(calls) == 1  # the stamp said so
    changed = {**data, "name": "changed"}
    schema.validate(changed)
    assert len(calls) == 2  # other data: validated


def test_invalid_template_is_refused_every_time_and_never_stamped(tmp_path, monkeypatch):
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(tmp_path))
    data, _ = _load_raw("annual", ())
    bad = {**data, "phrases": {**data.get("phrases", {}), "secret_marking": ["(a+)+b"]}}
    for _ in range(2):
        with pytest.raises(TemplateError):
            schema.validate(bad)
    assert not list(tmp_path.glob("template-*.ok"))


def test_no_cache_directory_validates_each_time(monkeypatch):
    monkeypatch.setenv("FZCHECK_CACHE_DIR", "")
    data, _ = _load_raw("annual", ())
    calls = []
    real = schema._validate
    monkeypatch.setattr(schema, "_validate", lambda d: (calls.append(1), real(d)))
    schema.validate(data)
    schema.validate(data)
    assert len(calls) == 2
