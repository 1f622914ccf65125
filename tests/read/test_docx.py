"""The .docx reader: paragraphs in body order, numbering labels, and refusal of broken files.

Every document is built here with python-docx (and, for numbering and broken files, by editing
its XML or its zip), so no binary fixture is kept in the repository.
"""

from __future__ import annotations

import io
import os
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import InputError
from checker.read import read_source
from checker.read.docx import format_number, read_docx_source

W_NS = nsdecls("w")


def _bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """The same package with some members replaced, added or removed."""
    replace = dict(replace or {})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, replace.pop(info.filename, None) or src.read(info))
        for member, blob in replace.items():
            dst.writestr(member, blob)
    return out.getvalue()


def _texts(source) -> list[str]:
    return [p.text for p in source.paragraphs]


def _by_text(source, text):
    return next(p for p in source.paragraphs if p.text == text)


# ---------------------------------------------------------------- clean documents


def clean_report():
    d = docx.Document()
    d.add_paragraph("柳溪县2023年法治政府建设年度报告", style="Title")
    d.add_paragraph("2023年，柳溪县深入贯彻习近平法治思想，现将有关情况报告如下：")
    d.add_heading("一、主要举措和成效", level=1)
    d.add_heading("（一）加强党的领导", level=2)
    d.add_paragraph("县委常委会会议专题研究法治建设工作4次。")
    d.add_paragraph("")
    d.add_heading("二、存在的不足和原因", level=1)
    d.add_paragraph("基层执法力量不足。")
    d.add_paragraph("柳溪县人民政府")
    d.add_paragraph("2024年3月15日")
    return d


def test_clean_report_paragraphs_levels_and_numbers():
    source = read_docx_source(_bytes(clean_report()), "柳溪县.docx")
    assert source.kind == "docx"
    assert _texts(source) == [
        "柳溪县2023年法治政府建设年度报告",
        "2023年，柳溪县深入贯彻习近平法治思想，现将有关情况报告如下：",
        "一、主要举措和成效",
        "（一）加强党的领导",
        "县委常委会会议专题研究法治建设工作4次。",
        "二、存在的不足和原因",
        "基层执法力量不足。",
        "柳溪县人民政府",
        "2024年3月15日",
    ]
    levels = {p.text: p.style_level for p in source.paragraphs}
    assert levels["一、主要举措和成效"] == 1
    assert levels["（一）加强党的领导"] == 2
    assert levels["二、存在的不足和原因"] == 1
    assert levels["基层执法力量不足。"] is None
    assert levels["柳溪县2023年法治政府建设年度报告"] is None  # Title is not an outline level
    # the empty 6th paragraph is counted: the heading after it is paragraph 7
    assert [p.line for p in source.paragraphs] == [1, 2, 3, 4, 5, 7, 8, 9, 10]
    assert all(p.column == 1 and p.prefix == "" and not p.in_table for p in source.paragraphs)
    assert source.lines[5] == "" and source.lines[6] == "二、存在的不足和原因"
    assert len(source.lines) == 10


def test_read_source_dispatches_docx(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(_bytes(clean_report()))
    source = read_source(path)
    assert source.kind == "docx" and source.paragraphs[2].text == "一、主要举措和成效"


def test_leading_full_width_spaces_give_the_column():
    d = docx.Document()
    d.add_paragraph("\u3000\u3000全年办理行政复议案件52件。")
    source = read_docx_source(_bytes(d), "a.docx")
    para = source.paragraphs[0]
    assert para.text == "全年办理行政复议案件52件。"
    assert para.column == 3
    assert source.lines[0][para.column - 1:].startswith("全年")


def test_wps_and_outline_level_headings():
    d = docx.Document()
    styles = d.styles.element
    styles.append(parse_xml(
        f'<w:style {W_NS} w:type="paragraph" w:styleId="WPSHeading2"><w:name w:val="标题 2"/></w:style>'
    ))
    styles.append(parse_xml(
        f'<w:style {W_NS} w:type="paragraph" w:styleId="MyHead"><w:name w:val="我的标题"/>'
        '<w:basedOn w:val="Heading3"/></w:style>'
    ))
    d.add_paragraph("（一）加强党的领导").style = d.styles["标题 2"]
    d.add_paragraph("1.完善工作机制").style = d.styles["我的标题"]
    outlined = d.add_paragraph("二、存在的不足和原因")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W_NS} w:val="0"/>'))
    body = d.add_heading("Heading styled, but outline level says body text", level=1)
    body._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W_NS} w:val="9"/>'))
    source = read_docx_source(_bytes(d), "a.docx")
    assert [p.style_level for p in source.paragraphs] == [2, 3, 1, None]


# ---------------------------------------------------------------- automatic numbering

NUMBERING = f"""<w:numbering {W_NS}>
  <w:abstractNum w:abstractNumId="10">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>
      <w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>
      <w:pStyle w:val="Heading2"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="30">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="40">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="40"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="2"><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>
      <w:lvlText w:val="%3．"/></w:lvl></w:lvlOverride></w:num>
</w:numbering>"""


def _number(paragraph, num_id: int, ilvl: int | None = None) -> None:
    ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>')
    )


def _use_numbering(d, xml: str = NUMBERING) -> None:
    numbering = d.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(xml):
        numbering.append(child)


def numbered_report():
    """Headings numbered through their styles (the labels are not in the text)."""
    d = docx.Document()
    _use_numbering(d)
    for style_id, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        style = d.styles[style_id]
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>')
        )
    d.add_paragraph("柳溪县2023年法治政府建设年度报告", style="Title")
    d.add_heading("主要举措和成效", level=1)
    d.add_heading("加强党的领导", level=2)
    _number(d.add_paragraph("完善工作机制。"), 1, 2)
    _number(d.add_paragraph("强化考核督办。"), 1, 2)
    _number(d.add_paragraph("细化责任清单。"), 1, 3)
    d.add_heading("深化“放管服”改革", level=2)
    _number(d.add_paragraph("推行告知承诺制。"), 1, 2)
    d.add_heading("存在的不足和原因", level=1)
    d.add_heading("执法力量不足", level=2)
    _number(d.add_paragraph("第一项"), 2, 0)
    _number(d.add_paragraph("第二项"), 2, 0)
    _number(d.add_paragraph("要点"), 3, 0)
    _number(d.add_paragraph("续编的项"), 4, 0)
    _number(d.add_paragraph("字母项"), 5, 2)
    no_number = d.add_heading("不编号的一级标题", level=1)
    _number(no_number, 0)
    d.add_heading("下一年度主要安排", level=1)
    return d


def test_automatic_numbering_labels_are_rebuilt():
    source = read_docx_source(_bytes(numbered_report()), "numbered.docx")
    assert _texts(source) == [
        "柳溪县2023年法治政府建设年度报告",
        "一、主要举措和成效",
        "（一）加强党的领导",
        "1.完善工作机制。",
        "2.强化考核督办。",
        "（1）细化责任清单。",
        "（二）深化“放管服”改革",
        "1.推行告知承诺制。",  # level 3 restarts under a new level 2
        "二、存在的不足和原因",
        "（一）执法力量不足",  # level 2 restarts under a new level 1
        "①第一项",
        "②第二项",
        "要点",  # a bullet draws no label
        "(3)续编的项",  # startOverride
        "A．字母项",  # lvlOverride replaces the level of instance 5 only
        "不编号的一级标题",  # numId 0 switches the style's numbering off
        "三、下一年度主要安排",
    ]
    heading = _by_text(source, "一、主要举措和成效")
    assert heading.prefix == "一、" and heading.style_level == 1 and heading.column == 1
    assert heading.source_column(2) == 1  # the first stored character follows the label
    assert source.lines[heading.line - 1] == "主要举措和成效"
    assert _by_text(source, "（1）细化责任清单。").prefix == "（1）"


def test_numbering_counts_past_ten_in_chinese():
    d = docx.Document()
    _use_numbering(d)
    for n in range(12):
        _number(d.add_paragraph(f"第{n + 1}部分"), 1, 0)
    labels = [p.prefix for p in read_docx_source(_bytes(d), "a.docx").paragraphs]
    assert labels[:3] == ["一、", "二、", "三、"]
    assert labels[9:] == ["十、", "十一、", "十二、"]


def test_numbering_level_from_style_and_empty_numbered_paragraph():
    d = docx.Document()
    _use_numbering(d)
    d.styles["Heading 1"].element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:numId w:val="1"/></w:numPr>')  # no ilvl: found by pStyle
    )
    d.styles["Heading 2"].element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:numId w:val="1"/></w:numPr>')
    )
    d.add_heading("甲", level=1)
    d.add_heading("", level=2)  # printed as a bare label, and it counts
    d.add_heading("乙", level=2)
    source = read_docx_source(_bytes(d), "a.docx")
    assert _texts(source) == ["一、甲", "（一）", "（二）乙"]


@pytest.mark.parametrize(
    ("n", "fmt", "label"),
    [
        (1, "chineseCountingThousand", "一"),
        (10, "chineseCountingThousand", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCountingThousand", "二十"),
        (101, "chineseCountingThousand", "一百〇一"),
        (110, "chineseCountingThousand", "一百一十"),
        (12, "chineseCounting", "十二"),
        (3, "ideographTraditional", "丙"),
        (11, "chineseLegalSimplified", "壹拾壹"),
        (5, "decimalEnclosedCircle", "⑤"),
        (21, "decimalEnclosedCircle", "㉑"),
        (7, "decimalFullWidth", "７"),
        (28, "upperLetter", "BB"),
        (2, "lowerLetter", "b"),
        (14, "upperRoman", "XIV"),
        (3, "decimalZero", "03"),
        (4, "none", ""),
        (4, "someFutureFormat", "4"),
    ],
)
def test_format_number(n, fmt, label):
    assert format_number(n, fmt) == label


# ---------------------------------------------------------------- tables, parts, runs


def test_table_paragraphs_are_in_order_and_marked():
    d = docx.Document()
    d.add_paragraph("主要指标如下：")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "行政复议案件"
    table.cell(0, 1).text = "52件"
    table.cell(1, 0).text = "出庭应诉率"
    cell = table.cell(1, 1)
    cell.text = "100%"
    cell.add_paragraph("（较上年提高4个百分点）")
    inner = cell.add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "嵌套表格中的数字12件"
    d.add_paragraph("表后正文。")
    source = read_docx_source(_bytes(d), "t.docx")
    rows = [(p.text, p.line, p.in_table) for p in source.paragraphs]
    assert rows[0] == ("主要指标如下：", 1, False)
    assert ("行政复议案件", 2, True) in rows and ("52件", 3, True) in rows
    assert ("100%", 5, True) in rows and ("（较上年提高4个百分点）", 6, True) in rows
    assert ("嵌套表格中的数字12件", 7, True) in rows
    # every cell ends with a paragraph mark, so the nested table leaves an empty paragraph 8
    assert rows[-1] == ("表后正文。", 9, False)
    assert source.lines[8] == "表后正文。"


def test_headers_footers_comments_and_footnote_parts_are_not_text():
    d = clean_report()
    section = d.sections[0]
    section.header.paragraphs[0].text = "页眉：柳溪县人民政府文件"
    section.footer.paragraphs[0].text = "第 1 页"
    d.add_comment(d.paragraphs[1].runs, text="批注：请核实数据", author="审核人")
    source = read_docx_source(_bytes(d), "h.docx")
    everything = "\n".join(_texts(source)) + "\n".join(source.lines)
    assert "页眉" not in everything and "第 1 页" not in everything and "批注" not in everything
    assert _texts(source)[0] == "柳溪县2023年法治政府建设年度报告"


def test_breaks_tabs_hidden_and_deleted_text():
    d = docx.Document()
    p = d.add_paragraph("柳溪县人民政府")
    p.add_run().add_break()
    p.add_run("2024年3月15日")
    hidden = d.add_paragraph("可见文字")
    hidden.add_run("隐藏文字").font.hidden = True
    revised = d.add_paragraph("保留")
    revised._p.append(parse_xml(
        f'<w:del {W_NS} w:id="1" w:author="a"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>'
    ))
    revised._p.append(parse_xml(
        f'<w:ins {W_NS} w:id="2" w:author="a"><w:r><w:t>插入的文字</w:t></w:r></w:ins>'
    ))
    d.add_paragraph("项目\t数量")
    source = read_docx_source(_bytes(d), "b.docx")
    assert [(p.text, p.line, p.column) for p in source.paragraphs] == [
        ("柳溪县人民政府", 1, 1),
        ("2024年3月15日", 1, 9),
        ("可见文字", 2, 1),
        ("保留插入的文字", 3, 1),
        ("项目\t数量", 4, 1),
    ]
    assert source.lines[0] == "柳溪县人民政府 2024年3月15日"
    assert source.paragraphs[1].source_column(0) == 9
    assert any("修订" in note for note in source.notes)


def test_table_of_contents_is_counted_but_not_text():
    d = docx.Document()
    d.styles.element.append(parse_xml(
        f'<w:style {W_NS} w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'
    ))
    d.add_paragraph("一、主要举措和成效\t1").style = d.styles["toc 1"]
    d.add_heading("一、主要举措和成效", level=1)
    source = read_docx_source(_bytes(d), "toc.docx")
    assert [(p.text, p.line) for p in source.paragraphs] == [("一、主要举措和成效", 2)]


# ---------------------------------------------------------------- broken files

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _error(data: bytes, name: str = "草稿.docx", **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        read_docx_source(data, name, **kwargs)
    err = info.value
    assert name in err.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.message.replace(name, ""))
    return err


def test_old_doc_renamed():
    err = _error(OLE_HEADER + "WordDocument".encode("utf-16-le") + b"\x00" * 2000)
    assert err.code == "old-doc" and ".doc" in err.message and "另存为" in err.message


def test_encrypted_docx():
    data = OLE_HEADER + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    err = _error(data)
    assert err.code == "encrypted" and "加密" in err.message


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        (b"{\\rtf1\\ansi \\b \\'b7\\'a8\\'d6\\'ce}", "RTF"),
        ("<html><body><p>法治政府</p></body></html>".encode(), "网页"),
        ("柳溪县2023年法治政府建设年度报告".encode(), "另存为"),
    ],
)
def test_not_a_zip(data, hint):
    err = _error(data)
    assert err.code == "bad-docx" and hint in err.message


def test_empty_file():
    assert _error(b"").code == "empty"


def test_truncated_zip():
    data = _bytes(clean_report())
    for cut in (len(data) // 2, len(data) - 10, 30):
        assert _error(data[:cut]).code == "bad-docx"


def test_corrupt_member_data():
    data = bytearray(_bytes(clean_report()))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0xFF
    assert _error(bytes(data)).code == "bad-docx"


def test_zip_without_document_part():
    err = _error(_rezip(_bytes(clean_report()), drop=("word/document.xml",)))
    assert err.code == "bad-docx" and "word/document.xml" in err.message
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    err = _error(xlsx.getvalue())
    assert err.code == "bad-docx" and "Excel" in err.message


def test_zip_bomb_by_ratio():
    data = _rezip(_bytes(clean_report()), replace={"word/media/padding.bin": b"\x00" * (30 * 1024 * 1024)})
    assert len(data) < 1024 * 1024
    err = _error(data)
    assert err.code == "zip-bomb" and "压缩" in err.message


def test_zip_bomb_by_total_size():
    data = _rezip(_bytes(clean_report()), replace={"word/media/photo.bin": os.urandom(300_000)})
    assert read_docx_source(data, "ok.docx").paragraphs  # under the default limit
    err = _error(data, max_uncompressed=256 * 1024)
    assert err.code == "zip-bomb" and "MB" in err.message


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def test_doctype_in_document_is_refused():
    data = _bytes(clean_report())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        document = zf.read("word/document.xml")
    body_start = document.index(b"<w:document")
    evil = LAUGHS + document[body_start:].replace(b"</w:body>", b"<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body>")
    err = _error(_rezip(data, replace={"word/document.xml": evil}))
    assert err.code == "unsafe-xml" and "word/document.xml" in err.message


def test_doctype_in_any_part_is_refused():
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>'
    err = _error(_rezip(_bytes(clean_report()), replace={"customXml/item1.xml": evil}))
    assert err.code == "unsafe-xml"
    utf16 = evil.decode().replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16")
    assert _error(_rezip(_bytes(clean_report()), replace={"word/settings.xml": utf16})).code == "unsafe-xml"


def test_macro_document_content_type():
    data = _bytes(clean_report())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    err = _error(_rezip(data, replace={"[Content_Types].xml": types}))
    assert err.code == "bad-docx" and "宏" in err.message


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(
    st.binary(max_size=4096),
    st.binary(max_size=4096).map(lambda b: b"PK\x03\x04" + b),
    st.binary(max_size=4096).map(lambda b: OLE_HEADER + b),
))
def test_arbitrary_bytes_raise_only_input_error(data):
    try:
        read_docx_source(data, "x.docx")
    except InputError as err:
        assert err.code in {"bad-docx", "encrypted", "old-doc", "zip-bomb", "unsafe-xml", "empty"}


_VALID = _bytes(clean_report())


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_docx_raise_only_input_error(edits):
    data = bytearray(_VALID)
    for at, byte in edits:
        data[at] = byte
    try:
        source = read_docx_source(bytes(data), "x.docx")
    except InputError as err:
        assert err.code in {"bad-docx", "encrypted", "old-doc", "zip-bomb", "unsafe-xml", "empty"}
    else:
        assert all(1 <= p.line <= len(source.lines) for p in source.paragraphs)


def test_directory_that_understates_sizes_cannot_inflate_more():
    import struct

    member = b"word/media/big.xml"
    data = bytearray(_rezip(_bytes(clean_report()), replace={member.decode(): b"<a>" + b"a" * 5_000_000}))
    local = data.find(member) - 30  # local file header, then the name
    central = data.rfind(member) - 46  # central directory entry, then the name
    assert data[local:local + 4] == b"PK\x03\x04" and data[central:central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, local + 22, 1000)  # uncompressed size
    struct.pack_into("<I", data, central + 24, 1000)
    assert _error(bytes(data)).code == "bad-docx"  # reading stops at the claimed size: CRC error


def test_doctype_text_inside_content_is_not_a_declaration():
    item = (
        b'<?xml version="1.0"?><!-- exported --><ns0:Page xmlns:ns0="urn:x">'
        b"<ns0:Html><![CDATA[<!DOCTYPE html><html><body>x</body></html>]]></ns0:Html></ns0:Page>"
    )
    source = read_docx_source(_rezip(_bytes(clean_report()), replace={"customXml/item1.xml": item}), "ok.docx")
    assert source.paragraphs[0].text == "柳溪县2023年法治政府建设年度报告"


def test_doctype_hidden_behind_a_comment_is_found():
    evil = b'<?xml version="1.0"?><!-- <a> --><!DOCTYPE x [<!ENTITY e "<b>">]><x>&e;</x>'
    assert _error(_rezip(_bytes(clean_report()), replace={"customXml/item1.xml": evil})).code == "unsafe-xml"
