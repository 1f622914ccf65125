"""The JSON output is the same bytes whichever encoder writes it: the standard library's, orjson
(the optional extra ``fast``) or a batch worker's pieces (EncodedResult) joined in the parent."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import enum
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import api as engine  # the public entry points (check_text … check_paths)
from checker.batch import FileSummary, check_files
from checker.render import RenderContext, json_out, render, render_stream
from checker.render.json_out import EncodedResult, dumps, encode_result, encoded_text, result_dict
from tests import golden

import orjson  # noqa: E402,F401  (in the test extra: the fast path must be the one measured here)
CTX = RenderContext(version="test", checked_at=dt.datetime(2026, 1, 1))


def standard(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _results() -> list:
    """The shared files (corpus, real openings, the example) and every 25th recorded test draft."""
    out = [engine.check_data(p.read_bytes(), p.name) for p in golden.shared_files()]
    for case in itertools.islice(golden.read_drafts(), 0, None, 25):
        options = golden.options_from(case["options"])
        if case["kind"] == "text":
            out.append(engine.check_text(case["text"], options, case["path"], case["markdown"]))
        else:
            out.append(engine.check_data(base64.b64decode(case["data"]), case["name"], options, case.get("format")))
    return out


@pytest.fixture(scope="module")
def results() -> list:
    found = _results()
    assert len(found) > 60
    return found


def test_orjson_and_the_standard_encoder_give_the_same_bytes(results, monkeypatch) -> None:
    fast = render(results, "json", CTX)
    fast_pieces = "".join(render_stream(iter(results), len(results), "json", CTX))
    monkeypatch.setattr(json_out, "orjson", None)
    slow = render(results, "json", CTX)
    assert fast == slow == fast_pieces
    assert json.loads(slow)["results"][0]["findings"]  # the example draft has findings


def test_a_worker_encoded_result_joins_to_the_same_bytes(results) -> None:
    for r in results:
        encoded = encode_result(r)
        assert encoded_text(encoded) == standard(result_dict(r)).replace("\n", "\n    "), r.path
        assert result_dict(encoded) == json.loads(standard(result_dict(r)))
        fewer = tuple(f for f in r.findings if f.severity != "info")  # what --min-severity warning keeps
        kept = dataclasses.replace(encoded, findings=fewer)
        assert encoded_text(kept) == standard(result_dict(dataclasses.replace(r, findings=fewer))).replace("\n", "\n    ")
    whole = render(results, "json", CTX)
    assert "".join(render_stream(iter(map(encode_result, results)), len(results), "json", CTX)) == whole


def test_a_batch_with_workers_writes_what_a_serial_run_writes(tmp_path) -> None:
    for i, p in enumerate(golden.shared_files()[:8]):
        (tmp_path / f"{i:02d}{p.suffix}").write_bytes(p.read_bytes())
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    example = golden.shared_files()[0].read_bytes().splitlines(keepends=True)  # UTF-8, a GBK line pasted in
    pasted = "这一段是从另一个文件用GBK编码粘贴进来的文字。".encode("gbk") + b"\n"
    (tmp_path / "damaged.txt").write_bytes(b"".join(example[:6]) + pasted + b"".join(example[6:]))
    paths = engine.expand_paths([str(tmp_path)])
    serial = engine.check_paths([str(tmp_path)])
    encoded = check_files(paths, engine.Options(), jobs=2, encode="json")
    assert all(isinstance(r, EncodedResult) for r in encoded)
    assert "".join(render_stream(iter(encoded), len(encoded), "json", CTX)) == render(serial, "json", CTX)
    assert [FileSummary.of(r) for r in encoded] == [FileSummary.of(r) for r in serial]
    assert any(FileSummary.of(r).partly for r in serial) and any(r.error for r in serial)


class Level(str, enum.Enum):
    HIGH = "高"


TRICKY = [
    "lone surrogate \ud800 and \udfff",
    "escapes \" \\ / \b \f \n \r \t \x00 \x01 \x1f \x7f",
    "non-BMP 𠀀𪚥😀 \U0010ffff, line and paragraph separators \u2028\u2029, BOM \ufeff, NBSP \u00a0",
    {"emoji 😀": ["\ud83d\ude00", "𝒳"], "": {}, "list": [], "nested": [[{}]]},
    [0.0, -0.0, 1e-4, 1e-5, 1e-7, 0.1, 1 / 3, 98.6, 1e15, 1e16, 1e22, 123456789012345.6, float("nan"), float("inf")],
    [2**63 - 1, 2**63, -(2**64), 10**30, True, False, None],
    {1: "int key", None: "None key", 2.5: "float key"},
    (1, "tuple", ("inner",)),
    {"enum": Level.HIGH},
]


@pytest.mark.parametrize("value", TRICKY, ids=range(len(TRICKY)))
def test_tricky_values_are_written_as_the_standard_encoder_writes_them(value) -> None:
    assert dumps(value) == standard(value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_value_is_written_as_the_standard_encoder_writes_it(value) -> None:
    assert dumps(value) == standard(value)


def test_the_standard_encoder_alone_gives_the_same_bytes(monkeypatch) -> None:
    monkeypatch.setattr(json_out, "orjson", None)
    for value in TRICKY:
        assert dumps(value) == standard(value)
