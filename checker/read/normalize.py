"""Keep the report text, drop the page chrome a government portal wraps it in.

Text saved from a portal page (and the text of an HTML page) carries breadcrumbs, font-size
switches, 「打印」「关闭」「返回顶部」, QR-code prompts, browser warnings, a metadata block
(索引号 / 发文日期 / 发布机构 …, also as fields of one line: 「栏目:… 发布时间:…」), publication
stamps (「• 2021年03月30日 09时24分」), a portal's clock (「今天是:… 星期三 农历…」) and a
「关联稿件」 list. These are not report text. Publication
dates found in that metadata are kept. Each kept paragraph remembers its source line and column.

What the rules read is the recognition view of each line: simplified characters (a mirror's
繁體 copy reads like the original) without zero-width and bidirectional marks; a paragraph
maps view offsets back to source columns. A line a mirror ran together keeps its headings:
「…保障。一、坚持…」 becomes two paragraphs on the same line. Lines are counted as an editor
counts them (\\n, \\r\\n, \\r).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from ..model import Directives, Paragraph

_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


# --- lines as an editor counts them ---------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The text's lines as an editor numbers them: only \\n, \\r\\n and \\r end a line.

    (``str.splitlines`` also splits on \\f, \\v, \\x1c-\\x1e, U+0085, U+2028 and U+2029,
    which would put every later finding on the wrong line.) A final line break ends the last
    line rather than starting an empty one.
    """
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines if text else []


# --- the recognition view ------------------------------------------------------------------
# Characters a reader does not see: zero-width spaces and joiners, word joiner, soft hyphen,
# bidirectional marks, embeddings, overrides and isolates, the BOM. They are left out of the
# text the rules read (a heading 「一\u200b、」 is the heading 「一、」), and positions are mapped
# back to the source.
_HIDDEN = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@lru_cache(maxsize=1)
def _t2s():
    """OpenCC's traditional-to-simplified converter, or None when OpenCC is not installed."""
    try:
        # deferred and optional: OpenCC, built once, only when traditional characters are met
        import opencc
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters, code point for code point (same length, same offsets).

    Reports are reposted on mirrors in 繁體; the rules recognise titles, headings, names and
    topics in simplified form. OpenCC converts phrase by phrase; where a phrase would change
    length, the characters are converted one by one, and kept where even that would.
    """
    cc = _t2s()
    if cc is None or text.isascii():
        return text
    out = cc.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        conv = cc.convert(ch)
        chars.append(conv if len(conv) == 1 else ch)
    return "".join(chars)


def recognition_view(text: str) -> tuple[str, tuple[int, ...] | None]:
    """The text the rules read, and the source offset of each of its code points (None when
    no code point was left out, so that offsets are the same)."""
    offsets: tuple[int, ...] | None = None
    if _HIDDEN.search(text):
        kept = [i for i, ch in enumerate(text) if not _HIDDEN.match(ch)]
        offsets = tuple(kept) + (len(text),)
        text = "".join(text[i] for i in kept)
    return simplified(text), offsets


def with_recognition_view(paragraphs: Sequence[Paragraph]) -> tuple[Paragraph, ...]:
    """Paragraphs whose text is the recognition view (readers that build their own paragraphs,
    .docx, go through this; text read by :func:`normalize_lines` already is)."""
    out = []
    for p in paragraphs:
        body = p.text[len(p.prefix):]
        view, offsets = recognition_view(body)
        if not (p.prefix + view).strip():  # nothing but invisible marks: no paragraph to read
            continue
        if view == body and offsets is None:
            out.append(p)
            continue
        if offsets is not None and p.offsets is not None:
            offsets = tuple(p.offsets[min(k, len(p.offsets) - 1)] for k in offsets)
        elif offsets is None:
            offsets = p.offsets
        out.append(dataclasses.replace(p, text=p.prefix + view, offsets=offsets))
    return tuple(out)

# Whole lines that are page chrome (matched against the stripped line).
_CHROME = re.compile(
    r"""(
      (当前(所在)?位置|您(当前)?的?位置|您现在的位置|您所在(的)?位置|所在位置)\s*[:：].*
    | (网站)?首页\s*(>|＞|》|›|»|→|/|\\|\|)\s*\S.*
    | .*(字体|字号)\s*[:：]?\s*[\[【(（]?\s*(大\s*中\s*小|[\s\]】)）]*$).*
    | (当前(所在)?位置|您(当前)?的?位置|您现在的位置)\s*(首页)?\s*(>|＞|》|›).*
    | (【?\s*(打印(本页|此页)?|关闭(本页|窗口)?|返回顶部|收藏|分享到?|我要(写信|纠错|留言)|保存本页|打印本文)\s*】?\s*)+
    | (责任编辑|编辑|审核|校对)\s*[:：]\s*\S{1,12}
    | .*扫一扫.*(手机|查看|分享).*
    | 您访问的链接即将离开.*
    | 您的浏览器版本太低.*
    | 为了更好的浏览体验.*
    | (网站|本站)?(标识码|备案号|ICP备).*
    | 版权所有.*
    | 政府信息公开(目录|指南)?
    | [-—=_·•|>]+
    | 附件[:：]?\s*
    )""",
    re.X,
)

# Chrome lines are short; longer lines are report text and are not matched against _CHROME,
# whose ``.*X.*Y`` branches take quadratic time on a long line full of X.
_MAX_CHROME = 500

# A line that starts a related-articles list: it and everything after it are dropped.
_TAIL = re.compile(r"(关联稿件|相关稿件|相关链接|相关文章|相关阅读|相关新闻|【相关.{0,6}】)\s*[:：]?")

# Labels of a portal metadata block. A label standing alone takes the next short line as value.
_META_LABELS = (
    "索引号", "主题分类", "发文日期", "成文日期", "发布日期", "发布时间", "发布机构", "文号", "发文字号",
    "名称", "主题词", "公文种类", "信息来源", "来源", "作者", "日期", "时间", "访问量", "浏览次数",
    "点击数", "有效性", "生效日期", "废止日期", "所属机构", "分类", "体裁分类", "组配分类", "服务对象",
    "更新时间", "更新日期", "发稿时间", "上传时间", "录入时间", "文章来源", "稿件来源", "栏目", "阅读",
    "阅读量", "阅读次数", "浏览量", "字体", "信息分类", "发文机关", "发布单位", "撰稿", "供稿",
)
_META_LABEL_SET = frozenset(_META_LABELS)
_META_LABEL = re.compile(r"(" + "|".join(_META_LABELS) + r")\s*[:：]?")
_META_LINE = re.compile(r"(" + "|".join(_META_LABELS) + r")\s*[:：]")
_DATE_LABELS = (
    "发文日期", "成文日期", "发布日期", "发布时间", "更新时间", "更新日期", "发稿时间", "上传时间", "录入时间",
    "日期", "时间",
)
_DATE_VALUE = (
    r"(\d{4}\s*[-./／年]\s*\d{1,2}\s*[-./／月]\s*\d{1,2}\s*日?"
    r"(\s*\d{1,2}\s*(:|：|时)\s*\d{2}\s*分?(\s*(:|：)?\s*\d{2}\s*秒?)?)?)"
)
_META_DATE = re.compile(r"(" + "|".join(_DATE_LABELS) + r")\s*[:：]?\s*" + _DATE_VALUE)
# A label with its value somewhere on a short line: 「文章来源:司法局 更新时间:2021/03/29 11:30:01」,
# 「栏目:政策文件 发布时间:2023-01-12」.
_META_ANYWHERE = re.compile(
    r"(?:^|[\s|｜丨])(" + "|".join(sorted(_META_LABELS, key=len, reverse=True)) + r")\s*[:：]"
)
# A publication date by its own label (not a plain 时间/日期, which report text uses too).
_PUBLICATION_DATE = re.compile(r"(发布|更新|发稿|上传|录入|发文|成文)(时间|日期)\s*[:：]?\s*" + _DATE_VALUE)
# A portal's clock: the day the page was looked at, not the report's date. 「今天是:2019年10月31日
# 星期三 农历十月初七」, 「XX区人民政府 2019年12月3日星期二」.
_CLOCK = re.compile(
    r"(今天是|今日是|今天|现在是)\s*[:：]?\s*\d{4}.{0,40}|"
    r".{0,30}\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?\s*(星期|周|礼拜)[一二三四五六日天](\s*农历.{0,12})?.{0,20}|"
    r".{0,40}农历\s*[正一二三四五六七八九十冬腊]{1,2}月.{0,20}"
)
# A publication stamp: a date with the time of day, alone or after a source or bullet
# (「• 2021年03月30日 09时24分」), or a short source line ending in a date (「省政府办公厅 2022-03-15」).
_STAMP = re.compile(
    r"[•·●▪◆\-—|｜\s]*(来源\s*[:：]\s*)?[^\s。，,；;：:]{0,20}\s*"
    + _DATE_VALUE
    + r"\s*([|｜丨]\s*)?([^\s。，,；;]{0,20}\s*)?"
)
_DATE_ONLY = re.compile(r"\d{4}\s*[-./／年]\s*\d{1,2}\s*[-./／月]\s*\d{1,2}\s*日?")
_STAMP_TIME = re.compile(r"\d{1,2}\s*(:|：|时)\s*\d{2}")
_MD_HEADING = re.compile(r"(#{1,6})\s+")
_MD_COMMENT = re.compile(r"<!--.*?-->\s*")
# <!-- fzcheck-disable section-thin, placeholder --> … <!-- fzcheck-enable section-thin -->
# (the rule list runs greedily up to the first '>', and at most 1000 characters: a lazy list
# followed by \s*, or an unbounded one, takes quadratic time on a long line of spaces or of
# unclosed comments)
_DIRECTIVE = re.compile(r"<!--\s*fzcheck-(disable|enable)(?=\s|-->)([^>]{0,1000})-->")
_RULE_LIST = re.compile(r"[\s,，、;；]+")


def _strip(line: str) -> tuple[str, int]:
    """The line without surrounding white space, and its 0-based start column."""
    stripped = line.lstrip()
    while stripped and stripped[0] in _INVISIBLE:
        stripped = stripped[1:].lstrip()
    return stripped.rstrip().rstrip(_INVISIBLE), len(line) - len(stripped)


def _is_meta_line(text: str) -> bool:
    """A metadata line: labels with colons (at the start, or one among several fields on the
    line), and not a sentence of the report."""
    if "。" in text or len(text) >= 200:
        return False
    if _META_LINE.match(text):
        return True
    # a row of an index table, label and value in cells: 「索引号 1142… 发布机构 县司法局」
    fields = text.split()
    if sum(1 for f in fields if f.rstrip(":：") in _META_LABEL_SET) >= 2 and fields[0].rstrip(":：") in _META_LABEL_SET:
        return True
    labels = _META_ANYWHERE.findall(text)
    return len(labels) >= 2 or (bool(labels) and bool(_PUBLICATION_DATE.search(text)))


def _is_clock(text: str) -> bool:
    return len(text) <= 80 and not re.search(r"[。，,；;]", text) and bool(_CLOCK.fullmatch(text))


# A source name and a date without the time of day is a stamp only at the top of the page (no
# more than the title before it); at the end, 「青山县人民政府 2024年3月15日」 is a 落款 written
# on one line.
_STAMP_TOP_PARAGRAPHS = 2


def _stamp_date(text: str, top: bool = True) -> str | None:
    """The publication date of a stamp line, or None when the line is not one.

    A stamp is short and is a date with the time of day (or after a bullet), or, near the top
    of the page, a date after a source name (no sentence, no report wording:
    「2023年法治政府建设年度报告」 is not a stamp)."""
    if len(text) > 60 or "。" in text or "法治" in text or "报告" in text:
        return None
    m = _STAMP.fullmatch(text)
    if m is None:
        return None
    value = m.group(2)
    rest = re.sub(r"[\s•·●▪◆\-—|｜（）()\[\]【】]", "", text.replace(value, ""))
    timed = bool(_STAMP_TIME.search(value)) or text.lstrip()[:1] in "•·●▪◆"
    if not timed and (not rest or not top):
        return None  # a date alone on a line, or after an organ at the end, is a 落款
    date = _DATE_ONLY.match(value)
    return re.sub(r"\s+", "", date.group(0)) if date else None


# An update time is not the publication date: the page may have been edited long after.
_UPDATE_LABELS = ("更新时间", "更新日期")


def _note_dates(text: str, metadata: dict[str, str]) -> None:
    for m in _META_DATE.finditer(text):
        label, value = m.group(1), re.sub(r"\s+", " ", m.group(2)).strip()
        metadata.setdefault(label, value)
        metadata.setdefault("updated" if label in _UPDATE_LABELS else "published", value)


# A mirror that joins lines loses the breaks before headings: 「…保障。一、坚持党的领导…」. In a
# long line, a top-level marker right after a sentence end starts a paragraph of its own (not
# 「二、三产业」: a numeral after the mark is a list of ordinals); second-level markers do too
# when the line has such a top-level break.
_RUN_ON_MIN = 150
_RUN_ON_H1 = re.compile(r"(?<=[。！？；;!?：:])\s*(?=[一二三四五六七八九十]{1,3}[、．.](?![一二三四五六七八九十]))")
_RUN_ON_H2 = re.compile(r"(?<=[。！？；;!?：:])\s*(?=[（(][一二三四五六七八九十]{1,3}[）)])")


def _run_on_parts(text: str) -> list[int]:
    """Offsets in ``text`` where a heading run into the line starts (empty for most lines)."""
    if len(text) < _RUN_ON_MIN:
        return []
    cuts = [m.end() for m in _RUN_ON_H1.finditer(text) if 0 < m.end() < len(text)]
    if not cuts:
        return []
    cuts += [m.end() for m in _RUN_ON_H2.finditer(text) if 0 < m.end() < len(text)]
    return sorted(set(cuts))


def _split_run_on(p: Paragraph) -> list[Paragraph]:
    cuts = _run_on_parts(p.text)
    if not cuts:
        return [p]
    out = []
    bounds = [0, *cuts, len(p.text)]
    for a, b in zip(bounds, bounds[1:]):
        piece = p.text[a:b].rstrip()
        if not piece:
            continue
        if p.offsets is not None:
            base = p.offsets[a]
            offsets = tuple(o - base for o in p.offsets[a:a + len(piece) + 1])
            column = p.column + base
        else:
            offsets, column = None, p.column + a
        out.append(dataclasses.replace(p, text=piece, column=column, offsets=offsets))
    return out


def normalize_lines(lines: Iterable[str], markdown: bool = False) -> tuple[list[Paragraph], dict[str, str]]:
    """Turn source lines into report paragraphs (1-based line numbers) and page metadata."""
    paragraphs: list[Paragraph] = []
    metadata: dict[str, str] = {}
    pending_label: str | None = None
    for number, raw in enumerate(lines, 1):
        text, col = _strip(raw)
        text, offsets = recognition_view(text)
        if _DIRECTIVE.fullmatch(text):
            continue  # a suppression directive (see line_directives), not report text
        if markdown and "<!--" in text:
            comment = _MD_COMMENT.match(text)
            if comment and comment.end() == len(text):
                continue
        if not text:
            continue
        if pending_label is not None:
            label, pending_label = pending_label, None
            if len(text) < 60 and "。" not in text and not _META_LABEL.fullmatch(text):
                _note_dates(f"{label}:{text}", metadata)
                continue
        if _TAIL.fullmatch(text) or (_TAIL.match(text) and len(text) < 12):
            break
        if _META_LABEL.fullmatch(text):
            pending_label = text.rstrip(":：").strip()
            continue
        if _is_meta_line(text):
            _note_dates(text, metadata)
            continue
        if len(text) <= _MAX_CHROME and _CHROME.fullmatch(text):
            continue
        if _is_clock(text):
            continue
        stamp = _stamp_date(text, top=len(paragraphs) <= _STAMP_TOP_PARAGRAPHS)
        if stamp is not None:
            metadata.setdefault("published", stamp)
            continue
        style_level = None
        if markdown:
            head = _MD_HEADING.match(text)
            if head:
                style_level = len(head.group(1))
                if offsets is not None:
                    base = offsets[head.end()]
                    offsets = tuple(o - base for o in offsets[head.end():])
                    col += base
                else:
                    col += head.end()
                text = text[head.end():]
                if not text:
                    continue
        paragraphs.extend(_split_run_on(
            Paragraph(text=text, line=number, column=col + 1, style_level=style_level, offsets=offsets)
        ))
    return paragraphs, metadata


# --- inline suppression ---------------------------------------------------------------------
@dataclass(frozen=True)
class Directive:
    """One ``<!-- fzcheck-disable/enable [RULE, …] -->`` comment; no rules means all rules."""

    line: int  # 1-based source line
    action: str  # 'disable' | 'enable'
    rules: tuple[str, ...]


def find_directives(lines: Iterable[str]) -> tuple[Directive, ...]:
    found = []
    for number, raw in enumerate(lines, 1):
        if "fzcheck-" not in raw:
            continue
        for m in _DIRECTIVE.finditer(raw):
            rules = tuple(r for r in _RULE_LIST.split(m.group(2).strip()) if r)
            found.append(Directive(number, m.group(1), rules))
    return tuple(found)


def line_directives(lines: Iterable[str]) -> Directives:
    """The directives written on a draft's own lines (text, Markdown, the markup of a page)."""
    all_off, rules = False, frozenset[str]()
    states: list[tuple[int, bool, frozenset[str]]] = []
    named: list[tuple[int, str]] = []
    for d in find_directives(lines):
        named.extend((d.line, rule) for rule in d.rules)
        listed = frozenset(d.rules)
        if d.action == "disable":
            if not listed:
                all_off, rules = True, frozenset()
            elif all_off:
                rules = rules - listed
            else:
                rules = rules | listed
        else:
            if not listed:
                all_off, rules = False, frozenset()
            elif all_off:
                rules = rules | listed
            else:
                rules = rules - listed
        states.append((d.line, all_off, rules))
    return Directives(states=tuple(states), named=tuple(named))
