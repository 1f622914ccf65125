"""A report page saved from a government portal (.html/.htm): keep the article, drop the page.

The page is decoded (BOM, the declared ``<meta charset>``, else :func:`~.text.decode`), parsed
with lxml's HTML parser (no network; the HTML parser never expands declared entities), and
cleared of what is not report text: scripts, styles, forms, navigation, headers and footers,
and elements whose id/class names them as chrome (breadcrumbs, share bars, font-size
switches, related-article lists …). The article itself is the first known content container
(``#zoom``, ``.TRS_Editor``, ``.article`` …) that holds most of the page's text, else the
element whose paragraph children hold the most Chinese text. A report title just above the
article (an ``<h1>``, or an element whose class says title) is kept when it looks like one.

The article becomes one line per block (p, div, h1-h6, li, a table row with its cells joined
by a tab, a ``<br>`` ends a line) and goes through :func:`~.normalize.normalize_lines` like a
text file. A paragraph's ``line`` is the line of the HTML file where its text starts (lxml
gives the line of each start tag; newlines in text are counted from there); its ``column`` is
found by looking the text up in that line, else the column after the last text found there (an
entity, a tag). ``Source.page_text`` keeps each paragraph's text as the page shows it, keyed by
that line and column, for every output that quotes the report.
Publication dates (发布时间 / 发布日期 / 日期 / 发文日期 anywhere in the page, or a
``<meta name="PubDate">``-like tag) go into ``Source.metadata``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from html import unescape

import lxml.html
from lxml import etree

from ..model import InputError, Source
from .normalize import line_directives, normalize_lines
from .text import replacement_notes, decode, with_decode_loss

# Elements that never hold report text.
_NEVER = frozenset(
    "script style noscript template iframe frame frameset object embed applet svg canvas select "
    "option button input textarea nav footer aside head title map audio video".split()
)
# Elements that are chrome unless they hold a lot of plain (unlinked) text.
_USUALLY_CHROME = frozenset({"form", "header"})
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table thead tbody tfoot tr td th caption section article "
    "main blockquote pre center address figure figcaption hr form header fieldset legend".split()
)
_HEADING_LEVEL = {f"h{n}": n for n in range(1, 7)}

# id/class words (split on space, '-' and '_', compared whole, case-insensitive) that name chrome.
_CHROME_WORDS = frozenset(
    "nav navbar navigation menu menus submenu mainmenu breadcrumb breadcrumbs crumb crumbs bread "
    "footer foot bottom header head top topbar gotop backtop totop share bdshare bshare jiathis "
    "print printbtn dayin font fontsize zihao zh_font related relate xggj xgwz xglj xgxx xgwj "
    "position location weizhi dqwz curpos currentpos currentposition sidebar side aside toolbar "
    "tool tools qrcode ewm erweima copyright search login banner advert links friendlink yqlj "
    "close guanbi".split()
)
# Substrings of an id/class that name chrome wherever they occur.
_CHROME_PARTS = re.compile(
    r"crumb|position|location|weizhi|dqwz|xggj|xgwz|xglj|bdshare|qrcode|erweima|copyright|navbar|"
    r"fontsize|font-size|font_size|gotop|backtop|totop",
    re.I,
)
# Words that make a chrome-looking wrapper acceptable when it carries the page title.
_HEAD_WORDS = frozenset({"head", "header", "top"})
_TITLE_CLASS = re.compile(r"title|^(tit|bt|biaoti|wzbt)$", re.I)

# Known article containers, best first: (attribute, value) compared case-insensitively;
# ('tag', name) matches the element name.
_KNOWN_CONTAINERS = (
    ("id", "zoom"),
    ("id", "ucap-content"),
    ("class", "trs_editor"),
    ("class", "trs_ueditor"),
    ("class", "trs_editor_view"),
    ("id", "fontzoom"),
    ("class", "pages_content"),
    ("class", "zoom"),
    ("id", "article-content"),
    ("class", "article-content"),
    ("class", "article_content"),
    ("class", "news_content"),
    ("id", "artibody"),
    ("id", "articlecontent"),
    ("tag", "article"),
    ("class", "article"),
    ("id", "content"),
    ("class", "content"),
    ("class", "view"),
)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Characters between which a line break in the HTML source renders as nothing (CSS Text 3).
_WIDE = r"\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WIDE_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n\s*(?=[{_WIDE}])")
_SPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
                    "gb_2312-80": "gb18030", "utf8": "utf-8", "unicode": "utf-8"}
_LATIN = re.compile(r"(iso-?8859|latin|windows-125|cp125|us-ascii|ascii)", re.I)

# Publication dates anywhere in the page. The label must not end a longer word (截止日期).
_DATE_VALUE = r"\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_DATE_LABEL = r"发布时间|发布日期|发文日期|成文日期|日期"
_PAGE_DATE = re.compile(rf"(?<![\u4e00-\u9fff])({_DATE_LABEL})\s*[:：]?\s*({_DATE_VALUE})")
_LONE_LABEL = re.compile(rf"({_DATE_LABEL})\s*[:：]?")
_DATE_ONLY = re.compile(_DATE_VALUE)
_META_DATE_NAMES = {"pubdate": "PubDate", "publishdate": "publishdate",
                    "firstpublishedtime": "firstpublishedtime", "publishtime": "publishtime"}
_DATE_CLASS = re.compile(r"date|time|fbsj|fbrq")
_TITLE_WORDS = ("报告", "总结", "情况", "法治")


def read_html_source(data: bytes, name: str) -> Source:
    """Read a saved portal page. A page without report text gives a Source without paragraphs."""
    text, notes = _decode_html(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    try:
        # huge_tree: libxml2 otherwise drops everything nested deeper than 255 elements without
        # a word; the depth is bounded below instead, with a message.
        parser = lxml.html.HTMLParser(no_network=True, encoding="utf-8", remove_pis=True, huge_tree=True)
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return Source(
            path=name, kind="html", paragraphs=(), lines=tuple(lines), metadata=with_decode_loss({}, notes), notes=notes,
            directives=line_directives(lines),
        )
    _check_depth(root, parser, name)

    page = _Page(root)
    emitted: list[_Line] = []
    block = page.main_block()
    if block is not None:
        body_lines = _Emitter(page.skipped).run(block)
        title = page.title_before(block)
        if title is not None and not (body_lines and body_lines[0].text == title.text):
            emitted.append(title)
        emitted.extend(body_lines)

    found, metadata = normalize_lines([e.text for e in emitted])
    paragraphs = []
    page_text = []
    cursor: dict[int, int] = {}
    aligner = _Aligner(lines)
    for para in found:
        origin = emitted[para.line - 1]
        # the paragraph as the page shows it: its own part of the emitted line, before the
        # recognition view (which its offsets map back into)
        start = para.column - 1
        shown = origin.text[start:start + (para.offsets[-1] if para.offsets else len(para.text) - len(para.prefix))]
        column = _column(lines, origin.line, shown, cursor)
        places = aligner.places(shown, origin.line, column)
        if places is not None and places[0][0] == origin.line:
            column = places[0][1]
        else:
            places = None
        paragraphs.append(replace(para, line=origin.line, column=column, style_level=origin.level, places=places))
        page_text.append(shown)
    for key, value in _page_dates(root).items():
        metadata.setdefault(key, value)
    return Source(
        path=name,
        kind="html",
        paragraphs=tuple(paragraphs),
        lines=tuple(lines),
        metadata=with_decode_loss(metadata, notes),
        notes=notes,
        page_text=tuple(page_text),
        directives=line_directives(lines),  # written in the page's markup
    )


MAX_DEPTH = 500  # elements nested in one another; portal pages nest about 30 deep


def _check_depth(root, parser, name: str) -> None:
    """Refuse a page nested deeper than MAX_DEPTH (or than libxml2 keeps): part of it would be
    lost, and the sections in it reported missing."""
    cut = any("Excessive depth" in str(e.message) for e in parser.error_log)
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    if cut or deepest > MAX_DEPTH:
        raise InputError(
            "too-complex",
            f"{name}：网页的元素嵌套超过 {MAX_DEPTH} 层，远超正常网页，无法完整读取，已拒绝检查"
            "（请从网页复制正文另存为 .txt 后再检查）",
        )


def _decode_html(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode by BOM; bytes that are not UTF-8 by the declared charset; else guess.

    Valid UTF-8 wins over a declaration: pages are often re-saved as UTF-8 with the old
    ``charset=gb2312`` left in, and GBK text is practically never valid UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        return text, replacement_notes(text, "UTF-16", name)
    declared = _META_CHARSET.search(data[:8192])
    if declared and not data.startswith(b"\xef\xbb\xbf"):
        label = declared.group(1).decode("ascii", "ignore").lower()
        label = _CHARSET_ALIASES.get(label, label)
        if label != "utf-8" and not _LATIN.match(label):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    return data.decode(label), ()
                except (LookupError, UnicodeDecodeError):
                    pass
    return decode(data, name)


@dataclass
class _Line:
    text: str
    line: int
    level: int | None = None


def _collapse(text: str) -> str:
    """White space as a browser shows it: runs become one space, a break between 汉字 vanishes."""
    return _SPACE.sub(" ", _WIDE_BREAK.sub("", text)).strip()


def _words(el) -> list[str]:
    raw = f"{el.get('id', '')} {el.get('class', '')}"
    return [w for w in re.split(r"[\s_\-]+", raw.lower()) if w]


def _is_hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style", "")))


def _has_title(el) -> bool:
    return any(
        isinstance(d.tag, str) and (d.tag in ("h1", "h2", "h3") or _TITLE_CLASS.search(d.get("class", "")))
        for d in el.iterdescendants()
    )


class _Page:
    """Per-element text statistics and the set of chrome elements of one parsed page."""

    def __init__(self, root):
        self.root = root
        self.page_title = _collapse(root.findtext(".//title") or "")
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        self.han: dict = {}  # all Han characters inside
        self.link_han: dict = {}  # Han characters inside links
        self.block_inside: dict = {}  # holds block elements or <br>
        for el in reversed(elements):
            own = len(_HAN.findall(el.text or ""))
            han, link, block = own, 0, False
            for child in el:
                han += len(_HAN.findall(child.tail or ""))
                if isinstance(child.tag, str):
                    han += self.han[child]
                    link += self.link_han[child]
                    block = block or self.block_inside[child] or child.tag in _BLOCK or child.tag == "br"
            self.han[el] = han
            self.link_han[el] = han if el.tag == "a" else link
            self.block_inside[el] = block
        self.skipped = {el for el in elements if self._is_chrome(el)}
        self.clean_han: dict = {}
        for el in reversed(elements):
            if el in self.skipped:
                self.clean_han[el] = 0
                continue
            total = len(_HAN.findall(el.text or ""))
            for child in el:
                total += len(_HAN.findall(child.tail or ""))
                if isinstance(child.tag, str):
                    total += self.clean_han[child]
            self.clean_han[el] = total

    def _is_chrome(self, el) -> bool:
        tag = el.tag
        if tag in _NEVER or _is_hidden(el):
            return True
        if tag == "a" and el.get("href", "").strip().lower().startswith("javascript:"):
            return True
        words = _words(el)
        flagged = tag in _USUALLY_CHROME or any(w in _CHROME_WORDS for w in words)
        flagged = flagged or bool(_CHROME_PARTS.search(" ".join(words)))
        if not flagged:
            return False
        if (tag == "header" or _HEAD_WORDS.intersection(words)) and _has_title(el):
            return False
        # A wrapper that merely carries a chrome-like name: a lot of text, few links.
        han = self.han[el]
        return not (han >= 200 and self.link_han[el] < 0.3 * han)

    def _inside_chrome(self, el) -> bool:
        return el in self.skipped or any(a in self.skipped for a in el.iterancestors())

    def main_block(self):
        """The element that holds the article, or None when the page holds no report text."""
        scores: dict = {}
        for el in self.clean_han:
            if el in self.skipped or self.clean_han[el] == 0:
                continue
            if el.tag == "p" or el.tag in _HEADING_LEVEL or (
                el.tag in ("div", "td", "section", "span", "font", "pre", "blockquote")
                and not self.block_inside[el]
            ):
                parent = el.getparent()
                if parent is not None:
                    scores[parent] = scores.get(parent, 0) + self.clean_han[el]
                    grand = parent.getparent()
                    if grand is not None:
                        scores[grand] = scores.get(grand, 0) + self.clean_han[el] / 2
        fallback = max(scores, key=lambda el: (scores[el], -len(list(el.iterancestors()))), default=None)
        best = scores.get(fallback, 0)
        for attr, value in _KNOWN_CONTAINERS:
            matches = [el for el in self.clean_han if _matches(el, attr, value) and not self._inside_chrome(el)]
            matches = [el for el in matches if self.clean_han[el] >= max(20, 0.6 * best)]
            if matches:
                return max(matches, key=lambda el: self.clean_han[el])
        if fallback is not None and best >= 20 and not self._inside_chrome(fallback):
            return fallback
        body = self.root.find("body")  # text straight in <body>, no paragraphs
        if body is not None and self.clean_han.get(body, 0) >= 20:
            return body
        return None

    def title_before(self, block) -> _Line | None:
        """A report title standing just above the article, in the article's own area."""
        scope = block
        for _ in range(3):
            parent = scope.getparent()
            if parent is None or parent.tag == "html":
                break
            scope = parent
            if parent.tag == "body":  # an article straight in <body>: its title is too
                break
        ancestors = set(block.iterancestors())
        candidate = None
        for el in scope.iter():
            if el is block:
                break
            if not isinstance(el.tag, str) or el in ancestors or self._inside_chrome(el):
                continue
            if el.tag in ("h1", "h2", "h3", "h4") or any(_TITLE_CLASS.search(w) for w in _words(el)):
                candidate = el
        if candidate is None:
            return None
        lines = _Emitter(self.skipped).run(candidate)
        text = " ".join(line.text for line in lines)
        if not (4 <= len(text) <= 100) or "。" in text:
            return None
        if not (any(w in text for w in _TITLE_WORDS) or (self.page_title and text in self.page_title)):
            return None
        return _Line(text, lines[0].line, _HEADING_LEVEL.get(candidate.tag, 1))


def _matches(el, attr: str, value: str) -> bool:
    if attr == "tag":
        return el.tag == value
    if attr == "id":
        return el.get("id", "").strip().lower() == value
    return value in el.get("class", "").lower().split()


@dataclass
class _Emitter:
    """Turns an element into text lines, one per block, each with its source line."""

    skipped: set
    lines: list[_Line] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    start: int | None = None  # source line where the buffered text starts
    cursor: int = 1  # source line the walk has reached
    level: int | None = None

    def run(self, el) -> list[_Line]:
        self._walk(el, in_pre=False)
        self._flush()
        return self.lines

    def _text(self, text: str | None, in_pre: bool) -> None:
        if not text:
            return
        if in_pre and "\n" in text:
            first, *rest = text.split("\n")
            self._text(first, False)
            for piece in rest:
                self._flush()
                self.cursor += 1
                self._text(piece, False)
            return
        if self.start is None:
            lead = len(text) - len(text.lstrip())
            if lead < len(text):
                self.start = self.cursor + text.count("\n", 0, lead)
        self.buf.append(text)
        self.cursor += text.count("\n")

    def _flush(self) -> None:
        text = _collapse("".join(self.buf))
        if text and re.search(r"\w", text):
            self.lines.append(_Line(text, self.start or self.cursor, self.level))
        self.buf, self.start, self.level = [], None, None

    def _skip(self, el) -> None:
        """Move the cursor over an element that is not read."""
        for node in el.iter():
            if node.sourceline:
                self.cursor = max(self.cursor, node.sourceline)
            if node is not el:
                self.cursor += (node.tail or "").count("\n")
            if isinstance(node.tag, str):
                self.cursor += (node.text or "").count("\n")

    def _walk(self, el, in_pre: bool) -> None:
        if el.sourceline:
            self.cursor = el.sourceline
        tag = el.tag
        if not isinstance(tag, str) or el in self.skipped:
            self._skip(el)
            return
        if tag == "br":
            self._flush()
            return
        if tag == "tr" and self._simple_row(el):
            self._row(el)
            return
        block = tag in _BLOCK
        if block:
            self._flush()
            self.level = _HEADING_LEVEL.get(tag)
        in_pre = in_pre or tag == "pre"
        self._text(el.text, in_pre)
        for child in el:
            self._walk(child, in_pre)
            self._text(child.tail, in_pre)
        if block:
            self._flush()

    def _simple_row(self, tr) -> bool:
        """A data row: its cells hold no paragraphs, so one line per row reads right."""
        cells = [c for c in tr if c.tag in ("td", "th") and c not in self.skipped]
        return len(cells) > 1 and not any(
            isinstance(d.tag, str) and (d.tag in _BLOCK or d.tag == "br") and d not in self.skipped
            for c in cells for d in c.iterdescendants()
        )

    def _row(self, tr) -> None:
        self._flush()
        cells, start = [], None
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th") or cell in self.skipped:
                self._skip(cell)
                continue
            inner = _Emitter(self.skipped, cursor=self.cursor)
            inner.run(cell)
            self.cursor = inner.cursor
            if inner.lines:
                cells.append(" ".join(line.text for line in inner.lines))
                start = start or inner.lines[0].line
        if cells:
            self.lines.append(_Line("\t".join(cells), start or self.cursor))


def _column(lines: list[str], line: int, text: str, cursor: dict[int, int]) -> int:
    """Where ``text`` starts in the source line, searching on from the last hit on that line."""
    if not 1 <= line <= len(lines):
        return 1
    needle = text.split("\t")[0][:8]
    at = lines[line - 1].find(needle, cursor.get(line, 0))
    if at < 0:
        # an entity or a tag inside the first characters: the column past the text before it on
        # this line, so that paragraphs sharing a line keep increasing columns that leave room
        # for their columns (the page text, Source.page_text, is keyed by them)
        at = max(cursor.get(line, 0), cursor.get(-line, 0))
    else:
        cursor[line] = at + len(needle)
    cursor[-line] = at + len(text) + 1  # past this paragraph's own columns
    return at + 1


_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_MAX_SKIP = 4000  # characters of markup and hidden text passed over looking for one character


class _Aligner:
    """Where each character of a paragraph's page text stands in the page's source: walks the
    markup from the paragraph's start, passing over tags, comments and text the page does not
    show, an entity standing for the one character it decodes to."""

    def __init__(self, lines: list[str]):
        self.doc = "\n".join(lines)
        self.starts = [0]
        for line in lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.last = 0  # where the previous paragraph ended

    def _place(self, pos: int, width: int) -> tuple[int, int, int]:
        line = bisect.bisect_right(self.starts, pos) - 1
        line = min(line, len(self.starts) - 2) if len(self.starts) > 1 else 0
        return line + 1, pos - self.starts[line] + 1, width

    def _token(self, pos: int) -> tuple[str | None, int]:
        """(the character the source shows at ``pos`` or None for markup, where the next token starts)."""
        doc = self.doc
        c = doc[pos]
        if c == "<":
            if doc.startswith("<!--", pos):
                end = doc.find("-->", pos + 4)
                return None, len(doc) if end < 0 else end + 3
            if pos + 1 < len(doc) and (doc[pos + 1].isalpha() or doc[pos + 1] in "/!?"):
                end = doc.find(">", pos + 1)
                return None, len(doc) if end < 0 else end + 1
            return c, pos + 1
        if c == "&":
            m = _ENTITY.match(doc, pos)
            if m:
                value = unescape(m.group(0))
                if len(value) == 1:
                    return value, m.end()
        return c, pos + 1

    def places(self, shown: str, line: int, column: int) -> tuple[tuple[int, int], ...] | None:
        """(line, column) of each character of ``shown`` and of its end, or None when the
        source cannot be followed (the page text then keeps the paragraph's own column)."""
        if not shown or not 1 <= line < len(self.starts):
            return None
        doc, n = self.doc, len(self.doc)
        pos = max(self.starts[line - 1] + column - 1, self.last) if column > 1 else max(self.starts[line - 1], self.last)
        out = []
        for ch in shown:
            skipped = 0
            while True:
                if pos >= n or skipped > _MAX_SKIP:
                    return None
                got, nxt = self._token(pos)
                if got is None:
                    skipped += nxt - pos
                    pos = nxt
                    continue
                if ch in " \t" and not (got.isspace() or got == "\xa0"):
                    out.append(self._place(pos, 0))  # a space the page puts between blocks or cells
                    break
                if got == ch or (ch == " " and (got.isspace() or got == "\xa0")):
                    out.append(self._place(pos, nxt - pos))
                    pos = nxt
                    if ch == " ":  # the rest of a run of white space shows as this one space
                        while pos < n and (doc[pos].isspace() or doc.startswith("&nbsp;", pos)):
                            pos += 6 if doc[pos] == "&" else 1
                    break
                if got.isspace() and ch not in " \t":  # a line break between 汉字 shows as nothing
                    pos = nxt
                    continue
                skipped += nxt - pos
                pos = nxt
        self.last = pos
        out.append(self._place(pos, 0))
        return tuple(out)


def _page_dates(root) -> dict[str, str]:
    """Publication dates in the page's text (labelled) and in its <meta> tags."""
    found: dict[str, str] = {}

    def note(label: str | None, value: str) -> None:
        value = _SPACE.sub(" ", value).strip()
        if label:
            found.setdefault(label, value)
        found.setdefault("published", value)

    body = root.find("body")
    lines = _Emitter({el for el in root.iter() if el.tag in ("script", "style", "noscript", "template")}).run(
        body if body is not None else root
    )
    pending = None
    for line in lines:
        if pending is not None:
            value = _DATE_ONLY.match(line.text)
            if value:
                note(pending, value.group(0))
            pending = None
        for m in _PAGE_DATE.finditer(line.text):
            note(m.group(1), m.group(2))
        lone = _LONE_LABEL.fullmatch(line.text)
        if lone:
            pending = lone.group(1)
    for el in root.iter():  # an unlabelled date in an element named for it: <div class="pages-date">
        if isinstance(el.tag, str) and el.tag not in _NEVER and _DATE_CLASS.search(" ".join(_words(el))):
            text = _collapse(el.text_content())
            value = _DATE_ONLY.match(text)
            if value and len(text) < 80:
                note(None, value.group(0))
                break
    for meta in root.iter("meta"):
        key = _META_DATE_NAMES.get((meta.get("name") or "").strip().lower())
        value = _DATE_ONLY.search(meta.get("content") or "")
        if key and value:
            note(key, value.group(0))
    return found
