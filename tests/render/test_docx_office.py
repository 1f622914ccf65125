"""The annotated draft opens in a real office suite: LibreOffice converts it headless to PDF.

The comments are asked for in the margin (``ExportNotesInMargin``, LibreOffice 7.6 and later);
LibreOffice 7.4 (Debian 12) has no such option and exports each comment as a PDF text
annotation instead. Either way every fzcheck comment must reach the PDF: as page text that
``pdftotext`` shows, or as an annotation's contents. The tracked changes are shown on the page,
so ``pdftotext`` shows the inserted words.
"""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import pytest

from checker.api import Options, check_paths
from checker.render import RenderContext, render_bytes

from tests.conftest import require_tools
from tests.render.test_docx import CTX, comments, make_draft

MARGIN_PDF = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'


def to_pdf(docx_path: Path, tmp_path: Path, soffice: str) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", MARGIN_PDF, "--outdir", str(tmp_path / "pdf"), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "pdf" / (docx_path.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 0
    return pdf


_CONTENTS = re.compile(rb"/Contents\s*(<[0-9A-Fa-f\s]+>|\((?:\\.|[^\\)])*\))", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def annotation_texts(pdf: Path) -> list[str]:
    """The /Contents of the PDF's annotations (objects in compressed streams too)."""
    data = pdf.read_bytes()
    chunks = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    out = []
    for chunk in chunks:
        for m in _CONTENTS.finditer(chunk):
            value = m.group(1)
            if value.startswith(b"<"):
                raw = bytes.fromhex(re.sub(rb"\s", b"", value[1:-1]).decode())
            else:
                raw = re.sub(rb"\\([nrtbf()\\]|[0-7]{1,3})",
                             lambda e: _ESCAPES.get(e.group(1)) or bytes([int(e.group(1), 8)]), value[1:-1])
            out.append(raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1"))
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.slow  # 1.4–3.3 s, LibreOffice starting up
def test_libreoffice_shows_every_comment_and_the_inserted_words(tmp_path):
    tools = require_tools("soffice", "pdftotext")
    draft = make_draft(tmp_path / "draft.docx")
    result = check_paths([str(draft)], Options())[0]
    out = tmp_path / "draft-annotated.docx"
    out.write_bytes(render_bytes([result], "docx", CTX))
    pdf = to_pdf(out, tmp_path, tools["soffice"])
    page_text = squash(subprocess.run([tools["pdftotext"], str(pdf), "-"], check=True, capture_output=True,
                                      text=True).stdout)
    in_pdf = squash("".join(annotation_texts(pdf))) + page_text
    ours = [text for author, text in comments(out.read_bytes()).values() if author == "fzcheck"]
    assert len(ours) > 10
    for text in ours:
        assert squash(text) in in_pdf, text
    assert "原有批注：请核实复议数字" in in_pdf  # the drafter's own comment survives the round trip
    # the tracked changes are drawn on the page: deleted and inserted words both
    assert "今年2023年以来" in page_text
    assert "《法制治政府建设实施纲要" in page_text
    assert "督察工作规定》要求" in page_text
    assert "柳溪县2023年法治政府建设年度报告" in page_text


@pytest.mark.slow
def test_libreoffice_opens_the_word_document_made_from_a_text_draft(tmp_path):
    tools = require_tools("soffice", "pdftotext", "pdfinfo")
    src = tmp_path / "draft.txt"
    src.write_text(
        "柳溪县2023年法治政府建设年度报告\n今年以来，柳溪县全面推进法治政府建设。\n"
        "一、2023年度推进法治政府建设的主要举措和成效\n全年新增网上可办事项126项。\n柳溪县人民政府\n2024年3月15日\n",
        encoding="utf-8",
    )
    result = check_paths([str(src)], Options())[0]
    out = tmp_path / "draft.docx"
    out.write_bytes(render_bytes([result], "docx", RenderContext(version="0.1.0", checked_at=CTX.checked_at)))
    pdf = to_pdf(out, tmp_path, tools["soffice"])
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    w, h = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(w), round(h)) == (595, 842)  # A4
    text = squash(subprocess.run([tools["pdftotext"], str(pdf), "-"], capture_output=True, text=True).stdout)
    assert "今年2023年以来" in text and "一、2023年度推进法治政府建设的主要举措和成效" in text
    assert any("「今年以来」指代不明" in t for t in annotation_texts(pdf)) or "「今年以来」指代不明" in text
