"""A text, Markdown or HTML draft as a Word document on a GB/T 9704-2012 page, for the comments
and revisions of :mod:`checker.render.docx_out`.

A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; body 仿宋_GB2312 三号 (16 pt) with
a two-character first-line indent and a fixed 28.95 pt line (22 lines a page); the title in
方正小标宋简体 二号, centred; headings as Word headings (level 1 黑体, level 2 楷体_GB2312, 3 and
4 仿宋 bold), so that the navigation pane lists them. A heading that runs on into its paragraph
(（一）深化改革。全县……) stays one paragraph with its lead words set in the heading's font.

The package is written part by part (document, styles, comments, core properties): python-docx's
default template carries a hundred unused styles and cost more than checking the report.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

from lxml import etree

from ..model import Report
from ..read.docx import R, T, W

BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT, 4: BODY_FONT}
FIRST_LINE_INDENT = "640"  # twips: two characters of 三号 (16 pt)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _fonts(font: str) -> str:
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'


def _style(sid: str, name: str, font: str, size: int, extra_ppr: str = "", bold: bool = False,
           outline: int | None = None) -> str:
    ppr = extra_ppr + (f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else "")
    return (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
        f'<w:next w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr>'
        f'<w:rPr>{_fonts(font)}{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        "</w:style>"
    )


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
    f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(BODY_FONT)}<w:sz w:val="32"/><w:szCs w:val="32"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:line="579" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>'
    '</w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    f'<w:rPr>{_fonts(BODY_FONT)}<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>'
    + _style("Title", "Title", TITLE_FONT, 44,
             '<w:spacing w:after="320" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/>')
    + "".join(
        _style(f"Heading{n}", f"heading {n}", HEADING_FONTS[n], 32,
               f'<w:keepNext/><w:ind w:firstLine="{FIRST_LINE_INDENT}"/>', bold=n > 2, outline=n - 1)
        for n in range(1, 5)
    )
    + '<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr>'
    '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
    '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
    "</w:styles>"
)

SECTION = (  # A4 portrait, GB/T 9704 margins (twips)
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/>'
    '<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>'
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/comments.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/comments" Target="comments.xml"/></Relationships>'
)


def _core(title: str, when: dt.datetime) -> str:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>fzcheck</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )


class TextDocument:
    """The Word document made from a text draft: its body and comments as lxml trees."""

    def __init__(self, title: str, when: dt.datetime):
        self.root = etree.fromstring(
            f'<w:document xmlns:w="{W}" xmlns:r="{_REL}"><w:body>{SECTION}</w:body></w:document>')
        self.body = self.root[0]
        self.comments_root = etree.Element(_w("comments"), nsmap={"w": W})
        self.title = title
        self.when = when

    def append(self, p: etree._Element) -> None:
        self.body[-1].addprevious(p)  # before the w:sectPr

    def save(self) -> bytes:
        out = io.BytesIO()
        declaration = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
                               ("word/_rels/document.xml.rels", DOCUMENT_RELS), ("word/styles.xml", STYLES),
                               ("docProps/core.xml", _core(self.title, self.when))):
                zf.writestr(_entry(name, self.when), text.encode("utf-8"))
            zf.writestr(_entry("word/document.xml", self.when),
                        declaration + etree.tostring(self.root, encoding="utf-8"))
            zf.writestr(_entry("word/comments.xml", self.when),
                        declaration + etree.tostring(self.comments_root, encoding="utf-8"))
        return out.getvalue()


def _entry(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def paragraph(style_id: str | None, align: str | None, runs: list[tuple[str, str | None, bool]],
              indent: bool = False) -> etree._Element:
    """A w:p of (text, font or None, bold) runs."""
    p = etree.Element(_w("p"))
    if style_id or align or indent:
        ppr = etree.SubElement(p, _w("pPr"))
        if style_id:
            etree.SubElement(ppr, _w("pStyle")).set(_w("val"), style_id)
        if indent:
            etree.SubElement(ppr, _w("ind")).set(_w("firstLine"), FIRST_LINE_INDENT)
        if align:
            etree.SubElement(ppr, _w("jc")).set(_w("val"), align)
    for text, font, bold in runs:
        if not text:
            continue
        r = etree.SubElement(p, R)
        if font or bold:
            rpr = etree.SubElement(r, _w("rPr"))
            if font:
                fonts = etree.SubElement(rpr, _w("rFonts"))
                for attr in ("ascii", "hAnsi", "eastAsia"):
                    fonts.set(_w(attr), font)
            if bold:
                etree.SubElement(rpr, _w("b"))
        t = etree.SubElement(r, T)
        t.text = text
        t.set(XML_SPACE, "preserve")
    return p


def _label_in(text: str, heading) -> str:
    """The heading's own words at the start of its paragraph (marker and heading proper)."""
    label = heading.label
    if text.startswith(label):
        end = len(label)
        return text[:end + 1] if text[end:end + 1] in "。：:" else text[:end]
    return text[:len(heading.marker)]


Entry = tuple[int, int, etree._Element, int]  # source line, first column, w:p, prefix length


def build_document(report: Report, when: dt.datetime) -> tuple[TextDocument, list[Entry]]:
    """The document, and for each paragraph (source line, first column, w:p, prefix length)."""
    document = TextDocument(report.title or "", when)
    levels = {h.index: h.level for h in report.headings}
    labels = {h.index: _label_in(report.source.paragraphs[h.index].text, h) for h in report.headings}
    entries = []
    for i, para in enumerate(report.source.paragraphs):
        if i == report.title_index:
            out = paragraph("Title", None, [(para.text, None, False)])
        elif i in levels and len(para.text) <= len(labels[i]) + 2:
            out = paragraph(f"Heading{min(levels[i], 4)}", None, [(para.text, None, False)])
        elif i in levels:
            lead = para.text[:len(labels[i])]
            level = min(levels[i], 4)
            out = paragraph(None, None, [(lead, HEADING_FONTS[level], level > 2), (para.text[len(lead):], None, False)],
                            indent=True)
        elif i in report.signature:
            out = paragraph(None, "right", [(para.text, None, False)])
        else:
            out = paragraph(None, None, [(para.text, None, False)], indent=True)
        document.append(out)
        entries.append((para.line, para.column, out, len(para.prefix)))
    return document, entries
