"""Hypothesis feeds hostile .docx parts through the whole pipeline under a memory cap.

Each example is a Word package whose numbering (start values, formats, level texts, level
numbers, overrides, list-style links), styles (``basedOn`` chains and cycles, outline levels,
numbering through styles), comments (a comments part, ranges and references in the body) and
body (paragraphs nested in tables, content controls and alternate content, up to hundreds of
levels) are drawn at random, with values far outside what Word writes. The file is checked and
rendered in every format while the process's address space may grow by at most 1 GB and each
example has a time budget: a reader that builds without bound fails here with a MemoryError
or a timing, not by taking the machine down. Every file either gives a result whose spans lie
inside the document, or one of the readers' errors.
"""

from __future__ import annotations

import datetime as dt
import resource
import time
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.rules.examples import MINI
from checker.engine import check_file
from checker.render import BINARY, FORMATS, RenderContext, render, render_bytes

from .conftest import assert_spans_inside
from .hostile import mini_docx, rezip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:mc="{MC}" xmlns:r="{R}"'
CTX = RenderContext(version="fuzz", checked_at=dt.datetime(2024, 3, 15, 9, 30))
# The packages are well-formed: the only errors they may give are a bound reached, or no report
# text left (every paragraph styled as a table of contents, say). 'bad-docx' would mean that
# a reader failed on a valid file, as the unbounded label builder did (with a MemoryError).
READER_ERRORS = {"too-complex", "not-report"}
GROWTH = 1024 * 1024 * 1024  # bytes the address space may grow by, per example
BUDGET = 15.0  # seconds per example (checking and rendering in six formats)

FORMATS_W = ["decimal", "upperLetter", "lowerLetter", "upperRoman", "chineseCounting",
             "chineseCountingThousand", "ideographDigital", "decimalEnclosedCircle", "bullet",
             "none", "decimalZero", "ideographZodiac", "chineseLegalSimplified", "nonsense"]
STYLE_IDS = ["Normal", "Heading1", "Heading2", "ListA", "TOC1", "X"]
NUM_IDS = ["1", "1", "2", "0", "-1", "99999999999999999999"]  # mostly lists that exist
huge_int = st.one_of(st.integers(-5, 40), st.integers(-(10**12), 10**12),
                     st.sampled_from([32767, 32768, 200_000_000, 2**31]))
small_level = st.one_of(st.integers(0, 2), st.integers(-3, 12))  # mostly levels that exist
level_text = st.one_of(
    st.text(alphabet="%123456789.、（）X0", max_size=40),
    st.builds(lambda n, piece: piece * n, st.integers(0, 400), st.sampled_from(["%1", "%9", "x", "%1%2%3"])),
)
report_text = st.one_of(st.sampled_from(MINI.splitlines()), st.text(max_size=30))


def _attr(value) -> str:
    return quoteattr(_xml_chars(str(value)))


def _xml_chars(text: str) -> str:
    """Only the characters XML 1.0 allows (the package must be well-formed)."""
    return "".join(c for c in text if c in "\t\n\r" or (" " <= c and c not in "\ufffe\uffff"
                                                         and not "\ud800" <= c <= "\udfff"))


@st.composite
def numbering_part(draw) -> str:
    out = [f"<w:numbering {NS}>"]
    for aid in range(draw(st.integers(0, 3))):  # abstract lists 0, 1, 2
        out.append(f'<w:abstractNum w:abstractNumId="{aid}">')
        if draw(st.booleans()):
            out.append(f"<w:numStyleLink w:val={_attr(draw(st.sampled_from(STYLE_IDS)))}/>")
        for _ in range(draw(st.integers(0, 4))):
            out.append(
                f"<w:lvl w:ilvl={_attr(draw(small_level))}><w:start w:val={_attr(draw(huge_int))}/>"
                f"<w:numFmt w:val={_attr(draw(st.sampled_from(FORMATS_W)))}/>"
                f"<w:lvlText w:val={_attr(draw(level_text))}/>"
                + (f"<w:lvlRestart w:val={_attr(draw(huge_int))}/>" if draw(st.booleans()) else "")
                + ("<w:isLgl/>" if draw(st.booleans()) else "")
                + (f"<w:pStyle w:val={_attr(draw(st.sampled_from(STYLE_IDS)))}/>" if draw(st.booleans()) else "")
                + "</w:lvl>"
            )
        out.append("</w:abstractNum>")
    for num_id in draw(st.lists(st.sampled_from(NUM_IDS), max_size=4, unique=True)):
        out.append(f"<w:num w:numId={_attr(num_id)}><w:abstractNumId w:val={_attr(draw(st.integers(0, 2) | st.integers(-1, 3)))}/>")
        for _ in range(draw(st.integers(0, 2))):
            out.append(
                f"<w:lvlOverride w:ilvl={_attr(draw(st.integers(-2, 10)))}>"
                f"<w:startOverride w:val={_attr(draw(huge_int))}/></w:lvlOverride>"
            )
        out.append("</w:num>")
    out.append("</w:numbering>")
    return "".join(out)


@st.composite
def styles_part(draw) -> str:
    out = [f"<w:styles {NS}>"]
    for sid in draw(st.lists(st.sampled_from(STYLE_IDS), max_size=6, unique=True)):
        name = draw(st.sampled_from(["heading 1", "heading 9", "标题 2", "toc 1", "Normal", "x" * 300]))
        ppr = ""
        if draw(st.booleans()):
            ppr = (f"<w:pPr><w:outlineLvl w:val={_attr(draw(huge_int))}/>"
                   f"<w:numPr><w:ilvl w:val={_attr(draw(st.integers(-2, 12)))}/>"
                   f"<w:numId w:val={_attr(draw(st.sampled_from(NUM_IDS)))}/></w:numPr></w:pPr>")
        based = f"<w:basedOn w:val={_attr(draw(st.sampled_from(STYLE_IDS)))}/>" if draw(st.booleans()) else ""
        default = ' w:default="1"' if draw(st.booleans()) else ""
        out.append(f'<w:style w:type="paragraph" w:styleId={_attr(sid)}{default}><w:name w:val={_attr(name)}/>'
                   f"{based}{ppr}</w:style>")
    out.append("</w:styles>")
    return "".join(out)


@st.composite
def paragraph(draw, comment_ids: list[int]) -> str:
    ppr = []
    if draw(st.booleans()):
        ppr.append(f"<w:pStyle w:val={_attr(draw(st.sampled_from(STYLE_IDS)))}/>")
    if draw(st.integers(0, 3)):  # mostly numbered
        ppr.append(f"<w:numPr><w:ilvl w:val={_attr(draw(small_level))}/>"
                   f"<w:numId w:val={_attr(draw(st.sampled_from(NUM_IDS)))}/></w:numPr>")
    runs = [f"<w:r><w:t xml:space=\"preserve\">{_escape(draw(report_text))}</w:t></w:r>"]
    if comment_ids and draw(st.booleans()):
        cid = draw(st.sampled_from(comment_ids))
        runs = ([f'<w:commentRangeStart w:id="{cid}"/>'] + runs
                + [f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>'])
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{''.join(runs)}</w:p>"


def _escape(text: str) -> str:
    return _xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _nest(inner: str, kind: str, depth: int) -> str:
    open_, close = {
        "table": ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"),
        "sdt": ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
        "alternate": ("<mc:AlternateContent><mc:Fallback>", "</mc:Fallback></mc:AlternateContent>"),
    }[kind]
    return open_ * depth + inner + close * depth


@st.composite
def hostile_package(draw) -> dict[str, str]:
    """The parts of a package (member name → XML text), laid over the clean mini draft's."""
    comment_ids = draw(st.lists(st.integers(0, 5), max_size=3, unique=True))
    body = [f"<w:p><w:r><w:t>{_escape(line)}</w:t></w:r></w:p>" for line in MINI.splitlines()]
    for _ in range(draw(st.integers(0, 12))):
        piece = draw(paragraph(comment_ids))
        if draw(st.integers(0, 3)) == 0:
            piece = _nest(piece, draw(st.sampled_from(["table", "sdt", "alternate"])), draw(st.integers(1, 120)))
        body.insert(draw(st.integers(0, len(body))), piece)
    repeat = draw(st.sampled_from([1, 1, 1, 50, 400]))  # many numbered paragraphs
    if repeat > 1:
        body.extend([draw(paragraph(comment_ids))] * repeat)
    document = f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?><w:document {NS}><w:body>{''.join(body)}</w:body></w:document>"
    parts = {
        "word/document.xml": document,
        "word/numbering.xml": draw(numbering_part()),
        "word/styles.xml": draw(styles_part()),
    }
    if comment_ids:
        comments = "".join(
            f'<w:comment w:id="{cid}" w:author={_attr(draw(st.text(max_size=5)))}>'
            f"<w:p><w:r><w:t>{_escape(draw(st.sampled_from(['fzcheck: ignore placeholder', 'fzcheck: ignore', '修改意见'])))}</w:t></w:r></w:p></w:comment>"
            for cid in comment_ids
        )
        parts["word/comments.xml"] = f"<w:comments {NS}>{comments}</w:comments>"
        parts["word/_rels/document.xml.rels"] = _with_comments_relationship()
        parts["[Content_Types].xml"] = _with_comments_type()
    return parts


def _member(name: str) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(mini_docx())) as zf:
        return zf.read(name).decode("utf-8")


def _with_comments_relationship() -> str:
    rels = _member("word/_rels/document.xml.rels")
    extra = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/comments" Target="comments.xml"/>')
    return rels.replace("</Relationships>", extra + "</Relationships>")


def _with_comments_type() -> str:
    types = _member("[Content_Types].xml")
    extra = ('<Override PartName="/word/comments.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
    return types.replace("</Types>", extra + "</Types>")


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize")


@contextmanager
def memory_cap(growth: int = GROWTH):
    """Cap this process's address space at its present size plus ``growth`` (the soft limit,
    restored afterwards)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _address_space() + growth
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _check_package(tmp_path: Path, parts: dict[str, str]) -> None:
    path = tmp_path / "fuzz.docx"
    path.write_bytes(rezip(mini_docx(), {name: xml.encode("utf-8") for name, xml in parts.items()}))
    started = time.monotonic()
    with memory_cap():
        result = check_file(str(path))
        outputs = [render([result], fmt, CTX) for fmt in FORMATS if fmt not in BINARY]
        # the annotated Word copy is made only of a file that could be read (else: exit 2)
        outputs += [render_bytes([result], fmt, CTX) for fmt in BINARY if result.error is None or fmt != "docx"]
    assert time.monotonic() - started < BUDGET
    if result.error is not None:
        assert result.error.code in READER_ERRORS, result.error
        assert "fuzz.docx" in result.error.message
    assert_spans_inside(result)
    assert all(isinstance(out, (str, bytes)) for out in outputs)


_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


@settings(max_examples=12, deadline=None, suppress_health_check=_HEALTH)
@given(parts=hostile_package())
def test_hostile_docx_parts(tmp_path: Path, parts: dict[str, str]) -> None:
    _check_package(tmp_path, parts)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=_HEALTH)
@given(parts=hostile_package())
def test_hostile_docx_parts_at_length(tmp_path: Path, parts: dict[str, str]) -> None:
    _check_package(tmp_path, parts)


def test_the_cap_catches_unbounded_building(tmp_path: Path) -> None:
    """The harness itself: building 2 GB inside the cap fails with MemoryError."""
    with pytest.raises(MemoryError):
        with memory_cap():
            bytearray(2 * GROWTH)
