"""The whole pipeline under hypothesis: read → check → every output format, on arbitrary text
(.txt, .md, and as the paragraphs of a .docx), arbitrary bytes (.txt, .html, .docx) and mutated
drafts (the team's clean draft, the real reports in ../shared/corpus when present).

For every input: no exception escapes (a file that cannot be read is a result with an error);
every span lies inside the document; the same input gives the same output, in every format;
compacted results (what batch workers send back) and file-by-file output render the same.
The budget is about a minute for the whole module.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import check_file, compact_result
from checker.render import BINARY, FORMATS, RenderContext, render, render_stream

from .conftest import CORPUS, assert_spans_inside
from .drafts import CLEAN

CTX = RenderContext(version="fuzz", checked_at=dt.datetime(2024, 3, 15, 9, 30))
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]

FORMATS = tuple(f for f in FORMATS if f not in BINARY)  # docx/xlsx: tests/render/test_docx.py, test_xlsx.py


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, suppress_health_check=_HEALTH)
DRAFTS = [CLEAN] + ([p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.glob("*.txt"))]
                    if CORPUS.is_dir() else [])

# Text that looks like a report often enough to reach every rule: markers, figures, dates.
REPORT_WORDS = st.sampled_from([
    "一、", "二、", "（一）", "（二）", "1.", "2、", "（1）", "①", "一是", "二是", "主要举措和成效", "存在的问题",
    "第一责任人职责", "下一步工作打算", "其他需要报告的情况", "2023年", "2024年3月15日", "2023年2月30日", "截至10月",
    "今年以来", "行政复议", "收到", "受理23件", "审结20件", "纠错率17.4%", "120%", "XX件", "【待补充】", "《法制政府建设实施纲要》",
    "“", "”", "（", "）", "。", "，", "\n", "\n\n", " ", "人民政府", "法治政府建设年度报告", "原因", "述法", "出庭应诉",
])
REPORT_TEXT = st.lists(st.one_of(REPORT_WORDS, st.text(max_size=8)), max_size=120).map("".join)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def pipeline(path: Path) -> dict[str, str]:
    """Check ``path`` twice and render every format; all the properties of the module."""
    result = check_file(str(path))
    assert_spans_inside(result)
    outputs = {fmt: render([result], fmt, CTX) for fmt in FORMATS}
    json.loads(outputs["json"])
    json.loads(outputs["sarif"])
    again = check_file(str(path))
    assert again == result
    compact = compact_result(result)
    for fmt in FORMATS:
        assert render([again], fmt, CTX) == outputs[fmt], fmt
        assert render([compact], fmt, CTX) == outputs[fmt], fmt
    for fmt in ("json", "text", "github"):
        assert "".join(render_stream(iter([compact]), 1, fmt, CTX)) == outputs[fmt], fmt
    return outputs


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


# --- arbitrary text ----------------------------------------------------------------------------
@fuzz(200)
@given(text=st.one_of(st.text(), REPORT_TEXT), suffix=st.sampled_from([".txt", ".md"]))
def test_arbitrary_text(folder: Path, text: str, suffix: str) -> None:
    pipeline(write(folder, "text" + suffix, text))


@fuzz(150)
@given(text=REPORT_TEXT, suffix=st.sampled_from([".txt", ".md"]), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_report_like_text_with_any_line_ends(folder: Path, text: str, suffix: str, newline: str) -> None:
    pipeline(write(folder, "report" + suffix, text.replace("\n", newline)))


_XML_SAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@fuzz(50)
@given(paragraphs=st.lists(st.one_of(REPORT_TEXT, st.text(max_size=40)), max_size=25),
       styled=st.lists(st.integers(0, 4), max_size=25))
def test_arbitrary_text_in_a_docx(folder: Path, paragraphs: list[str], styled: list[int]) -> None:
    document = docx.Document()
    for i, text in enumerate(paragraphs):
        level = styled[i] if i < len(styled) else 0
        text = _XML_SAFE.sub("", text)
        document.add_paragraph(text, style=f"Heading {level}" if level else None)
    buf = io.BytesIO()
    document.save(buf)
    pipeline(write(folder, "text.docx", buf.getvalue()))


# --- arbitrary bytes ---------------------------------------------------------------------------
@fuzz(150)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".docx"]))
def test_arbitrary_bytes(folder: Path, data: bytes, suffix: str) -> None:
    pipeline(write(folder, "bytes" + suffix, data))


@fuzz(100)
@given(data=st.data())
def test_html_made_of_report_text_and_tags(folder: Path, data: st.DataObject) -> None:
    parts = data.draw(st.lists(st.one_of(
        REPORT_TEXT,
        st.sampled_from(["<p>", "</p>", "<div id=\"zoom\">", "</div>", "<br>", "<h1>", "</h1>", "<table><tr><td>",
                         "</td></tr></table>", "&amp;", "&#x4e00;", "<!--", "-->", "<script>", "</script>",
                         '<meta charset="gb2312">', "发布时间：2024-03-15", "\n"]),
    ), max_size=80))
    encoding = data.draw(st.sampled_from(["utf-8", "gb18030", "utf-16"]))
    page = "<html><body>" + "".join(parts) + "</body></html>"
    pipeline(write(folder, "page.html", page.encode(encoding, errors="replace")))


@fuzz(60)
@given(data=st.data())
def test_damaged_docx(folder: Path, data: st.DataObject) -> None:
    """A real .docx with bytes changed, cut off or overwritten: an error result or a report."""
    document = docx.Document()
    for line in data.draw(st.sampled_from(DRAFTS)).splitlines()[:40]:
        document.add_paragraph(_XML_SAFE.sub("", line))
    buf = io.BytesIO()
    document.save(buf)
    blob = bytearray(buf.getvalue())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(blob) - 1))
        blob[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        blob = blob[: data.draw(st.integers(0, len(blob)))]
    pipeline(write(folder, "damaged.docx", bytes(blob)))


# --- mutated drafts ----------------------------------------------------------------------------
MUTATIONS = ["drop", "dup", "cut", "swap", "insert", "join", "split", "marker"]


@pytest.mark.slow
@fuzz(250)
@given(data=st.data())
def test_mutated_drafts(folder: Path, data: st.DataObject) -> None:
    lines = data.draw(st.sampled_from(DRAFTS)).splitlines()
    for _ in range(data.draw(st.integers(1, 6))):
        if not lines:
            break
        op = data.draw(st.sampled_from(MUTATIONS))
        i = data.draw(st.integers(0, len(lines) - 1))
        if op == "drop":
            lines.pop(i)
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            at = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + data.draw(st.one_of(REPORT_WORDS, st.text(max_size=6))) + lines[i][at:]
        elif op == "join" and i + 1 < len(lines):
            lines[i: i + 2] = [lines[i] + lines[i + 1]]
        elif op == "split":
            at = data.draw(st.integers(0, len(lines[i])))
            lines[i: i + 1] = [lines[i][:at], lines[i][at:]]
        elif op == "marker":
            lines[i] = data.draw(st.sampled_from(["一、", "（一）", "1.", "（1）", "五、", "十一、", "# "])) + lines[i]
    text = "\n".join(lines) + "\n"
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    raw = text.encode(encoding, errors="replace")
    if data.draw(st.booleans()):  # a few damaged bytes
        blob = bytearray(raw)
        for _ in range(data.draw(st.integers(1, 4))):
            if blob:
                blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(128, 255))
        raw = bytes(blob)
    suffix = data.draw(st.sampled_from([".txt", ".md"]))
    pipeline(write(folder, "mutated" + suffix, raw))


def test_a_batch_renders_the_same_whole_and_file_by_file(folder: Path) -> None:
    """Several results at once (numbered findings, the summary): deterministic, streamable."""
    rng = random.Random(5)
    paths = []
    for i, text in enumerate(DRAFTS * 2):
        lines = text.splitlines()
        rng.shuffle(lines) if i % 2 else None
        paths.append(write(folder, f"batch{i}.txt", "\n".join(lines) + "\n"))
    paths.append(write(folder, "batch-binary.txt", b"\x00\x01"))
    results = [check_file(str(p)) for p in paths]
    for fmt in FORMATS:
        whole = render(results, fmt, CTX)
        assert render([check_file(str(p)) for p in paths], fmt, CTX) == whole
        assert "".join(render_stream(iter(map(compact_result, results)), len(results), fmt, CTX)) == whole
