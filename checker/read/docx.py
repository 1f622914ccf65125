"""Word drafts (.docx, as Word and WPS save them): the body's paragraphs as the reader sees them.

Nothing is unpacked before the file is known to be safe to unpack: the bytes must be a zip (an
old .doc and a password-protected .docx are OLE files and are named as such), its directory
must promise at most ``max_uncompressed`` bytes and no member compressed more than
``MAX_RATIO`` times, and no XML part may declare a DOCTYPE or entities. python-docx then opens
the package (its parser does not resolve entities) and the body XML is walked in order.

How the body becomes paragraphs:

- Every ``w:p`` of the body counts, in document order: empty ones, those in table cells (nested
  tables too) and those in content controls. ``Paragraph.line`` is that count, which is what a
  user counting paragraphs in Word arrives at. A table cell's paragraphs are emitted one by
  one with ``in_table=True`` rather than a row joined into one line, so each keeps its number.
- Text boxes, headers, footers, footnotes and comments are not report text; deleted revisions
  and hidden (``w:vanish``) runs are not shown; table-of-contents paragraphs (styles 'toc N')
  are counted but not emitted, so that their entries are not taken for headings.
- A manual line break (``w:br``) splits a paragraph into several records with the same
  ``line`` and the column where each part starts, as a text file would have them.
- The label Word draws from automatic numbering is rebuilt from numbering.xml and put in
  ``prefix`` and in front of ``text``. ``Source.lines`` holds the text as stored (no label,
  breaks shown as spaces), so that columns index into it.
- ``style_level`` comes from the paragraph's outline level or its style ('heading N' /
  '标题 N' or the style's outline level, through ``basedOn``).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..model import Directives, InputError, Paragraph, Source

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # whole archive, as its directory declares it
MAX_RATIO = 100  # for members bigger than BIG_MEMBER
BIG_MEMBER = 10 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_PROLOG = 64 * 1024  # bytes before an XML part's root element (Word writes about 60)
# Bounds on what is built from the body, far above any real report (a 300-page report has
# about 5,000 paragraphs and 300,000 characters): a file past one is refused, not read for hours.
MAX_PARAGRAPHS = 200_000
MAX_BODY_CHARS = 20_000_000
MAX_NUMBER_START = 32767  # the highest "start at" value Word accepts for a list level
MAX_LEVEL_TEXT = 255  # characters of a numbering level's text (lvlText), as Word allows
MAX_LABEL = 255  # characters of one label drawn from it

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_PLACEHOLDER = re.compile(r"%([1-9])")
_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.I)
_TOC_NAME = re.compile(r"(?:toc|目录)\s*[1-9]", re.I)
_BLANK = " \t\n\r\f\v\xa0\u3000\ufeff\u200b\u200c\u200d\u2060"
_OFF = {"0", "false", "off"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, R, T = _w("p"), _w("tbl"), _w("r"), _w("t")
_PPR, _RPR, _VANISH, _VAL = _w("pPr"), _w("rPr"), _w("vanish"), _w("val")
_NUM_ID, _ILVL = f"{_w('numPr')}/{_w('numId')}", f"{_w('numPr')}/{_w('ilvl')}"
_BLOCK_SKIP = frozenset(map(_w, "sectPr tblPr tblGrid trPr tcPr sdtPr sdtEndPr del moveFrom".split()))
_RUN_SKIP = frozenset(
    map(_w, "pPr rPr del moveFrom delText instrText delInstrText drawing pict object rt sym".split())
) | {f"{{{MC}}}AlternateContent"}


def read_docx_source(data: bytes, name: str, max_uncompressed: int = MAX_UNCOMPRESSED) -> Source:
    """Read a .docx. Raises InputError ('bad-docx', 'encrypted', 'old-doc', 'zip-bomb',
    'unsafe-xml', 'empty') with a Chinese message naming the file."""
    _check_container(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_archive(zf, name, max_uncompressed)
        document = _open_document(data, name)
        return _read_body(document, name)
    except InputError:
        raise
    except _TooComplex as exc:
        raise InputError(
            "too-complex", f"{name}：{exc}，疑似异常或恶意构造的文件，已拒绝读取"
        ) from None
    except MemoryError:  # not a broken file: a bound is missing somewhere, which must show
        raise
    except Exception as exc:  # zipfile, zlib, lxml and python-docx fail in many ways on a broken file
        if "Excessive depth" in str(exc):
            raise InputError(
                "too-complex", f"{name}：文档的 XML 元素嵌套超过 256 层，远超正常的 Word 文档，无法读取"
            ) from None
        raise InputError(
            "bad-docx", f"{name}：文件已损坏，无法按 .docx 读取，请用 Word 或 WPS 重新保存后再检查"
        ) from None


class _TooComplex(Exception):
    """A bound on the work of reading the body was reached; the message says which."""


def _check_container(data: bytes, name: str) -> None:
    """The bytes are a zip, or say what they are instead."""
    if not data:
        raise InputError("empty", f"{name}：文件是空的")
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
            raise InputError(
                "encrypted", f"{name}：文档已加密（设置了打开密码），无法读取；请取消密码后另存为 .docx 再检查"
            )
        raise InputError(
            "old-doc",
            f"{name}：这是旧版 Word 97-2003 格式（.doc）的文件，只是扩展名为 .docx；"
            "请用 Word 或 WPS 打开后“另存为” Word 文档（*.docx）再检查",
        )
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        head = data[:512].lstrip().lower()
        if head.startswith(b"{\\rtf"):
            hint = "这是 RTF 格式的文件，请另存为 Word 文档（*.docx）"
        elif head.startswith((b"<", b"mime-version")) or b"<html" in head:
            hint = "这是网页（HTML/MHT）格式的文件，请另存为 Word 文档（*.docx），或改用 .html 扩展名"
        else:
            hint = "请用 Word 或 WPS 打开后另存为 Word 文档（*.docx）"
        raise InputError("bad-docx", f"{name}：不是有效的 .docx 文件（不是 Word 文档的压缩包格式）；{hint}")
    try:
        zipfile.ZipFile(io.BytesIO(data)).close()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise InputError(
            "bad-docx", f"{name}：文件已损坏或不完整（压缩包结构无法读取），请重新保存或重新下载后再检查"
        ) from None


def _check_archive(zf: zipfile.ZipFile, name: str, max_uncompressed: int) -> None:
    """Refuse bombs from the directory alone, then find the main part and scan the XML."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputError("zip-bomb", f"{name}：压缩包内有 {len(infos)} 个文件，数量异常，疑似压缩炸弹，已拒绝读取")
    total = sum(info.file_size for info in infos)
    if total > max_uncompressed:
        raise InputError(
            "zip-bomb",
            f"{name}：解压后大小 {total / 1048576:.0f} MB，超过上限 {max_uncompressed / 1048576:.0f} MB，"
            "疑似压缩炸弹，已拒绝读取",
        )
    for info in infos:
        if info.file_size > BIG_MEMBER and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise InputError(
                "zip-bomb", f"{name}：压缩包中的 {info.filename} 压缩比异常（{ratio:.0f} 倍），疑似压缩炸弹，已拒绝读取"
            )
        if info.flag_bits & 0x1:
            raise InputError("encrypted", f"{name}：压缩包设置了密码，无法读取；请取消密码后另存为 .docx 再检查")
    names = {info.filename for info in infos}
    for info in infos:
        verdict = _prolog_verdict(zf, info)
        if verdict == "dtd":
            raise InputError(
                "unsafe-xml",
                f"{name}：文档中的 {info.filename} 含有 DOCTYPE/实体声明，"
                "正常的 Word 文档不会有，为安全起见拒绝读取",
            )
        if verdict == "long":
            raise InputError(
                "unsafe-xml",
                f"{name}：文档中的 {info.filename} 在正文之前有超过 {MAX_PROLOG // 1024} KB 的空白、注释或处理指令，"
                "正常的 Word 文档不会有，为安全起见拒绝读取",
            )
    main = _main_part_name(zf, names, name)
    if main not in names:
        raise InputError("bad-docx", f"{name}：{_not_word_reason(zf, names)}")


def _prolog_verdict(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """'dtd' when the prolog of an XML member declares a DOCTYPE (and so entities), 'long' when
    a member's first ``MAX_PROLOG`` bytes hold only white space, comments or processing
    instructions and more follows, else 'ok'.

    At most ``MAX_PROLOG`` + 1 decompressed bytes of each member are read and scanned once, so
    the guard costs the same for a 190 MB member of ``<!--`` as for a style sheet, and white
    space or comments in front of a DOCTYPE cannot push it out of sight. NUL bytes are dropped
    first, which reads the ASCII of UTF-16 and UTF-32 parts as well.
    """
    with zf.open(info) as member:
        head = member.read(MAX_PROLOG + 1)
    whole = len(head) <= MAX_PROLOG
    text = head[:MAX_PROLOG].replace(b"\x00", b"")
    text = text.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if not text:
        return "ok" if whole else "long"
    if not text.startswith(b"<"):
        return "ok"  # not XML (an image, a binary part)
    prolog, ends = _scan_prolog(text)
    if _DTD.search(prolog):
        return "dtd"
    return "ok" if ends or whole else "long"


def _scan_prolog(text: bytes) -> tuple[bytes, bool]:
    """What comes before the root element's start tag, without comments and PIs (only there
    can a DOCTYPE stand; the same characters later, in CDATA say, are content), and whether
    ``text`` reaches the root element. One pass of ``find``: linear in ``text``."""
    out, i = [], 0
    while True:
        j = text.find(b"<", i)
        if j < 0:
            out.append(text[i:])
            return b"".join(out), False
        out.append(text[i:j])
        if text.startswith(b"<!--", j):
            end = text.find(b"-->", j + 4)
            i = end + 3
        elif text.startswith(b"<?", j):
            end = text.find(b"?>", j + 2)
            i = end + 2
        elif text.startswith(b"<!", j):
            out.append(b"<!")
            i, end = j + 2, 0
        elif j + 1 < len(text):
            return b"".join(out), True  # the root element
        else:
            return b"".join(out), False  # a lone '<' at the end: more may follow
        if end < 0:
            return b"".join(out), False


def _main_part_name(zf: zipfile.ZipFile, names: set[str], name: str) -> str:
    if "_rels/.rels" not in names:
        return "word/document.xml"
    rels = etree.fromstring(zf.read("_rels/.rels"), _safe_parser())
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship", "{*}Relationship"):
        kind = rel.get("Type", "")
        if "purl.oclc.org/ooxml" in kind:
            raise InputError(
                "bad-docx", f"{name}：严格 Open XML（Strict）格式暂不支持；请另存为“Word 文档（*.docx）”后再检查"
            )
        if kind.endswith("/officeDocument") and rel.get("TargetMode") != "External":
            return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _not_word_reason(zf: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "这是 Excel 表格，不是 Word 文档"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿，不是 Word 文档"
    if "mimetype" in names and b"opendocument.text" in zf.read("mimetype")[:100]:
        return "这是 ODF 文本文档（.odt），请另存为 Word 文档（*.docx）"
    return "压缩包中没有 Word 正文（word/document.xml），不是有效的 .docx 文件"


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _open_document(data: bytes, name: str):
    import docx  # python-docx; imported here so that text-only runs do not pay for it

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if "content type" in str(exc):
            raise InputError(
                "bad-docx",
                f"{name}：这是启用宏的文档或 Word 模板，不是普通 .docx；请另存为“Word 文档（*.docx）”后再检查",
            ) from None
        raise


def _part_element(document, reltype: str):
    """The root element of a part related to the main document, or None."""
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype != reltype:
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        return element if element is not None else etree.fromstring(part.blob, _safe_parser())
    return None


def _read_body(document, name: str) -> Source:
    # deferred with python-docx (see _open_document)
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    styles = _Styles(_part_element(document, RT.STYLES))
    numbering = _Numbering(_part_element(document, RT.NUMBERING), styles)
    body = document.element.body
    paragraphs: list[Paragraph] = []
    lines: list[str] = []
    comments = _Comments(_part_element(document, RT.COMMENTS))
    chars = 0
    for number, (p, in_table) in enumerate(_block_paragraphs(body, False), 1):
        if number > MAX_PARAGRAPHS:
            raise _TooComplex(f"正文超过 {MAX_PARAGRAPHS} 个段落")
        comments.visit(p, number)
        text = _paragraph_text(p)
        chars += len(text)
        if chars > MAX_BODY_CHARS:
            raise _TooComplex(f"正文超过 {MAX_BODY_CHARS} 个字符")
        lines.append(text.replace("\n", " "))
        para = _ParagraphProps.of(p, styles)
        label = numbering.next_label(para.num_id, para.ilvl, para.style_id) if para.num_id else ""
        if para.toc:
            continue
        first = True
        offset = 0
        for piece in text.split("\n"):
            stripped = piece.strip(_BLANK)
            lead = len(piece) - len(piece.lstrip(_BLANK))
            prefix = label if first else ""
            if stripped or prefix:
                paragraphs.append(Paragraph(
                    text=prefix + stripped,
                    line=number,
                    column=offset + lead + 1,
                    prefix=prefix,
                    style_level=para.level if first else None,
                    in_table=in_table,
                ))
                first = False
            offset += len(piece) + 1
    return Source(
        path=name, kind="docx", paragraphs=tuple(paragraphs), lines=tuple(lines), notes=_notes(body, name),
        directives=comments.found(),
    )


_DISABLE = re.compile(r"fzcheck-disable(?![\w-])([^\n]{0,1000})")
_RULE_LIST = re.compile(r"[\s,，、;；]+")


def _rule_names(text: str) -> tuple[str, ...]:
    """The rule ids at the start of a comment's directive; the words after them (「（已核实）」,
    a reason) are the reviewer's and not rules."""
    names = []
    for token in _RULE_LIST.split(text.strip()):
        m = _RULE_ID.match(token)
        if not m:
            break
        names.append(m.group(0))
        if m.end() < len(token):
            break
    return tuple(names)


_RULE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class _Comments:
    """Word comments that say 「fzcheck-disable RULE …」, and the paragraphs each one covers:
    from the paragraph its range starts in (or holds its reference mark) to the one it ends in."""

    def __init__(self, root):
        self.directives: dict[str, tuple[str, ...]] = {}
        for comment in root.iter(_w("comment")) if root is not None else ():
            text = " ".join("".join(t.text or "" for t in p.iter(T)) for p in comment.iter(P))
            m = _DISABLE.search(text)
            if m:
                self.directives[comment.get(_w("id"), "")] = _rule_names(m.group(1))
        self.ranges: dict[str, list[int]] = {}

    def visit(self, p, number: int) -> None:
        if not self.directives:
            return
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            for mark in p.iter(_w(tag)):
                cid = mark.get(_w("id"), "")
                if cid in self.directives:
                    span = self.ranges.setdefault(cid, [number, number])
                    span[0], span[1] = min(span[0], number), max(span[1], number)

    def found(self) -> Directives:
        ranges = tuple(sorted((first, last, self.directives[cid]) for cid, (first, last) in self.ranges.items()))
        return Directives(ranges=ranges, named=tuple((first, rule) for first, _, rules in ranges for rule in rules))


def _notes(body, name: str) -> tuple[str, ...]:
    notes = []
    if next(body.iter(_w("altChunk")), None) is not None:
        notes.append(f"{name}：文档中有以“嵌入外部内容”方式插入的部分（altChunk），其中的文字未能读取")
    if any("".join(t.text or "" for t in box.iter(T)).strip() for box in body.iter(_w("txbxContent"))):
        notes.append(f"{name}：文本框中的文字不作为报告正文检查")
    if next(body.iter(_w("ins"), _w("del")), None) is not None:
        notes.append(f"{name}：文档中有未处理的修订，按“接受所有修订”后的文字检查")
    return tuple(notes)


def _block_paragraphs(el, in_table: bool):
    """The w:p of a block container in document order, with whether each is in a table."""
    for child in el:
        tag = child.tag
        if tag == P:
            yield child, in_table
        elif tag == TBL:
            yield from _block_paragraphs(child, True)
        elif tag == f"{{{MC}}}AlternateContent":
            fallback = child.find(f"{{{MC}}}Fallback")
            chosen = fallback if fallback is not None else child.find(f"{{{MC}}}Choice")
            if chosen is not None:
                yield from _block_paragraphs(chosen, in_table)
        elif isinstance(tag, str) and tag not in _BLOCK_SKIP:
            yield from _block_paragraphs(child, in_table)


def _paragraph_text(p) -> str:
    """Visible text of a paragraph: line breaks as '\\n', tabs as '\\t'."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _RUN_SKIP:
                continue
            if tag == T:
                out.append(child.text or "")
            elif tag == R:
                if not _hidden(child):
                    walk(child)
            elif tag in (_w("tab"), _w("ptab")):
                out.append("\t")
            elif tag == _w("br"):
                if child.get(_w("type"), "textWrapping") == "textWrapping":
                    out.append("\n")
            elif tag == _w("cr"):
                out.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _hidden(run) -> bool:
    rpr = _child(run, _RPR)
    vanish = _child(rpr, _VANISH) if rpr is not None else None
    return vanish is not None and vanish.get(_VAL, "true").lower() not in _OFF


def _child(el, tag: str):
    """The first child with this tag (a plain loop: lxml's ``find`` parses its path each time)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _val(el, path: str) -> str | None:
    found = el.find(path) if el is not None else None
    return None if found is None else found.get(_w("val"))


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None


class _Styles:
    """Paragraph styles by id: names, outline levels and numbering, through ``basedOn``.

    A style is read from the XML the first time a paragraph uses it: Word's and WPS's default
    templates declare a few hundred styles, of which a report uses a handful.
    """

    def __init__(self, root):
        self._elements: dict[str, object] = {}
        self._read: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if sid is None:
                continue
            self._elements[sid] = st
            if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self.default = sid

    def style(self, style_id: str) -> _Style | None:
        style = self._read.get(style_id)
        if style is None:
            st = self._elements.get(style_id)
            if st is None:
                return None
            ppr = st.find(_PPR)
            style = self._read[style_id] = _Style(
                name=(_val(st, _w("name")) or "").strip(),
                based_on=_val(st, _w("basedOn")),
                outline=_int(_val(ppr, _w("outlineLvl"))),
                num_id=_val(ppr, _NUM_ID),
                ilvl=_int(_val(ppr, _ILVL)),
            )
        return style

    def chain(self, style_id: str | None):
        """The style and the styles it is based on, nearest first (cycles cut)."""
        seen = set()
        while style_id is not None and style_id not in seen and len(seen) < 20:
            style = self.style(style_id)
            if style is None:
                break
            seen.add(style_id)
            yield style_id, style
            style_id = style.based_on

    def heading_level(self, style_id: str | None) -> int | None:
        for _, style in self.chain(style_id):
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline < 9 else None
            m = _HEADING_NAME.fullmatch(style.name)
            if m:
                return int(m.group(1))
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, id of the style that carries them) inherited from the style."""
        for sid, style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl, sid
        return None, None, None

    def is_toc(self, style_id: str | None) -> bool:
        style = self.style(style_id or "")
        return style is not None and bool(_TOC_NAME.fullmatch(style.name))


@dataclass(frozen=True)
class _ParagraphProps:
    style_id: str | None
    num_id: str | None
    ilvl: int | None
    level: int | None
    toc: bool

    @classmethod
    def of(cls, p, styles: _Styles) -> _ParagraphProps:
        ppr = _child(p, _PPR)
        if ppr is None:
            style_id = styles.default
            num_id, ilvl, _ = styles.numbering(style_id)
            return cls(style_id, None if num_id in (None, "0") else num_id, ilvl,
                       styles.heading_level(style_id), styles.is_toc(style_id))
        style_id = _val(ppr, _w("pStyle")) or styles.default
        num_id, ilvl, _ = styles.numbering(style_id)
        direct_num = _val(ppr, _NUM_ID)
        direct_ilvl = _int(_val(ppr, _ILVL))
        if direct_num is not None:
            num_id = direct_num
        if direct_ilvl is not None:
            ilvl = direct_ilvl
        if num_id in (None, "0"):
            num_id = None
        outline = _int(_val(ppr, _w("outlineLvl")))
        if outline is not None:
            level = outline + 1 if 0 <= outline < 9 else None
        else:
            level = styles.heading_level(style_id)
        return cls(style_id, num_id, ilvl, level, styles.is_toc(style_id))


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str | None
    restart: int | None
    legal: bool
    suffix: str
    style: str | None

    @classmethod
    def of(cls, lvl) -> _Level:
        fmt = _val(lvl, _w("numFmt")) or _val(
            lvl, f"{{{MC}}}AlternateContent/{{{MC}}}Fallback/{_w('numFmt')}"
        )
        legal = lvl.find(_w("isLgl"))
        return cls(
            start=_int(_val(lvl, _w("start")), 0),
            fmt=fmt or "decimal",
            text=_val(lvl, _w("lvlText")),
            restart=_int(_val(lvl, _w("lvlRestart"))),
            legal=legal is not None and (legal.get(_w("val")) or "true").lower() not in _OFF,
            suffix=_val(lvl, _w("suff")) or "tab",
            style=_val(lvl, _w("pStyle")),
        )


class _Numbering:
    """numbering.xml: rebuilds the label of each numbered paragraph, counting as Word does.

    Counters are kept per numbering instance (numId) and level; using a level restarts the
    deeper ones (unless their ``lvlRestart`` says otherwise); ``lvlOverride`` /
    ``startOverride`` of the instance replace a level or its start value.
    """

    def __init__(self, root, styles: _Styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.styles = styles
        self.counters: dict[str, dict[int, int]] = {}
        self._resolved: dict[str, dict[int, _Level] | None] = {}
        if root is None:
            return
        for an in root.iter(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"))
            levels = {}
            for lvl in an.iter(_w("lvl")):
                ilvl = _int(lvl.get(_w("ilvl")))
                if ilvl is not None and 0 <= ilvl <= 8:  # Word's nine levels; others are never drawn
                    levels[ilvl] = _Level.of(lvl)
            self.abstract[aid] = levels
            link = _val(an, _w("numStyleLink"))
            if link:
                self.style_link[aid] = link
        for num in root.iter(_w("num")):
            starts, replaced = {}, {}
            for override in num.iter(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    replaced[ilvl] = _Level.of(lvl)
                start = _int(_val(override, _w("startOverride")))
                if start is not None:
                    starts[ilvl] = start
            self.nums[num.get(_w("numId"))] = (_val(num, _w("abstractNumId")), starts, replaced)

    def levels(self, num_id: str, depth: int = 0) -> dict[int, _Level] | None:
        if num_id in self._resolved:
            return self._resolved[num_id]
        entry = self.nums.get(num_id)
        levels = None
        if entry is not None and depth < 5:
            aid, starts, replaced = entry
            levels = dict(self.abstract.get(aid, {}))
            link = self.style_link.get(aid)
            if not levels and link:  # a list style: its levels live behind the style's own numId
                linked, _, _ = self.styles.numbering(link)
                if linked and linked != num_id:
                    levels = dict(self.levels(linked, depth + 1) or {})
            levels.update(replaced)
            for ilvl, start in starts.items():
                if ilvl in levels:
                    lvl = levels[ilvl]
                    levels[ilvl] = _Level(start, lvl.fmt, lvl.text, lvl.restart, lvl.legal, lvl.suffix, lvl.style)
        self._resolved[num_id] = levels
        return levels

    def next_label(self, num_id: str, ilvl: int | None, style_id: str | None) -> str:
        """Count one paragraph of list ``num_id`` and return the label Word shows for it."""
        levels = self.levels(num_id)
        if not levels:
            return ""
        if ilvl is None:  # numbered through a style: the level that names that style, else 0
            ilvl = next((i for i, lvl in sorted(levels.items()) if style_id and lvl.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        if not 0 <= level.start <= MAX_NUMBER_START:
            raise _TooComplex(f"自动编号的起始值 {level.start} 超出 Word 允许的范围（0—{MAX_NUMBER_START}）")
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [i for i in counters if i > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet" or level.text is None:
            return ""

        if len(level.text) > MAX_LEVEL_TEXT:
            raise _TooComplex(f"自动编号的格式文字长 {len(level.text)} 个字符（Word 允许 {MAX_LEVEL_TEXT} 个）")
        pieces, size, at = [], 0, 0
        for m in _PLACEHOLDER.finditer(level.text):
            ref = levels.get(int(m.group(1)) - 1)
            n = counters.get(int(m.group(1)) - 1, ref.start if ref else 0)
            number = format_number(n, "decimal" if level.legal else ref.fmt) if ref else ""
            pieces += [level.text[at:m.start()], number]
            size += m.start() - at + len(number)
            at = m.end()
            if size > MAX_LABEL:  # stop building at once: each piece is bounded, the label too
                raise _TooComplex(f"自动编号的标签超过 {MAX_LABEL} 个字符")
        pieces.append(level.text[at:])
        label = "".join(pieces)
        if len(label) > MAX_LABEL:
            raise _TooComplex(f"自动编号的标签超过 {MAX_LABEL} 个字符")
        return label + (" " if label and level.suffix == "space" else "")


_CN_SMALL = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_TRAD = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _chinese(n: int, digits: str, units: str = "十百千", zero: str = "〇", short_ten: bool = True) -> str:
    """1..9999 read out in Chinese: 十一, 二十, 一百〇一, 一千〇一十."""
    if not 0 < n < 10000:
        return str(n)
    out, gap, started = [], False, False
    for d, unit in ((n // 1000, units[2]), (n // 100 % 10, units[1]), (n // 10 % 10, units[0]), (n % 10, "")):
        if d == 0:
            gap = gap or started
            continue
        if gap:
            out.append(zero)
            gap = False
        out.append(digits[d] + unit)
        started = True
    text = "".join(out)
    return text[1:] if short_ten and 10 <= n < 20 else text


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...]) -> str:
    for low, high, base in ranges:
        if low <= n <= high:
            return chr(base + n - low)
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (ST_NumberFormat)."""
    if fmt == "none":
        return ""
    if fmt in ("chineseCountingThousand", "japaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n, _CN_SMALL)
    if fmt in ("chineseCounting", "taiwaneseCounting"):
        return _chinese(n, _CN_SMALL) if n < 100 else "".join(_CN_SMALL[int(d)] for d in str(n))
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_SMALL[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟", "零", short_ten=False)
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return _chinese(n, _CN_LEGAL_TRAD, "拾佰仟", "零", short_ten=False)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)))
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        if n <= 0:
            return str(n)
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        if not 0 < n < 4000:
            return str(n)
        out, rest = [], n
        for value, numeral in _ROMAN:
            while rest >= value:
                out.append(numeral)
                rest -= value
        return "".join(out) if fmt == "upperRoman" else "".join(out).lower()
    return str(n)
