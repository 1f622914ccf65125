"""Read the figures (counts, amounts, percentages) written in report prose.

Pure functions, no I/O; a report's readings (:class:`checker.readings.report.Readings`) call
them once per sentence and share the result among the rules: the figure rules
(``percent-range``, ``count-inconsistent``, ``ratio-mismatch``) and the indicator checks
build on :func:`find_figures`, :func:`split_sentences` and :func:`rounds_to`.

What is read, and how (matching is done on a copy of the text whose full-width digits,
``％`` and ``．`` are mapped one-to-one to ASCII, so offsets are those of the original):

- Arabic numbers with decimals and thousands groups (``1,234`` / ``1，234``: 1-3 digits then
  groups of exactly three), full-width digits, a leading sign (``-3.2%``, ``负``).
- ``万`` / ``亿`` (and ``千万`` / ``百万``) multipliers: ``1.2万条`` is 12000 条, ``14.41亿元`` is
  1441000000 元; the value is always in the base unit.
- Chinese numerals (``二十三个``, ``两次``, ``十余家``) only when a count, measure or duration
  unit follows; ``百分之九十``.
- Percentages (``%`` / ``％``, a space before the sign allowed), ``个百分点`` (a difference of
  percentages: ``is_percent`` is False) and ranges (``1-2名``, ``5%-10%``: value is the lower
  bound, ``upper`` the higher one).
- Approximate figures: ``余 多 几`` after the number, ``近 约 超过 逾 不足 …`` before it, ``左右 以上
  以下 以内`` after the unit, and every range. An approximate figure is never the basis of an
  error.

What is not read: years and dates (``2023年``, ``3月15日``, ``1—10月``, ``2021-2025年``,
``2021-01-11``, ``17:07``, ``3·8``), ordinals and labels (``第一``, ``1.``, ``4、``, ``（1）``),
document numbers (``〔2019〕28号``), anything inside short quotations and book titles
(``“三项制度”``, ``《…（2021－2025年）》``), a few well-known names written without quotes
(:data:`NAMED_NUMERALS`), telephone and hotline numbers, digits glued to Latin letters
(``5G``, ``6B会议室``) and Chinese numerals with no unit (``二十大``, ``八五普法``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from .numerals import chinese_to_int

__all__ = [
    "COUNT_UNITS",
    "DURATION_UNITS",
    "MEASURE_UNITS",
    "NAMED_NUMERALS",
    "Figure",
    "find_figures",
    "rounds_to",
    "sentence_of",
    "split_sentences",
]


@dataclass(frozen=True)
class Figure:
    """One figure of the prose.

    ``start``/``end`` are code-point offsets into the text (end exclusive) and
    ``text == source[start:end]``; the span includes approximate markers written around the
    number (``近``, ``余``, ``以上``) and the unit. ``value`` is in the base unit (万/亿 applied).
    ``decimals`` counts the digits written after the decimal point, for rounding checks.
    ``label`` is the short noun phrase before the figure saying what is counted (see
    :func:`_label`). ``is_total`` marks a figure introduced by 共/共计/合计/累计/总计, ``is_part``
    one under 其中 — the whole and the parts of ``count-inconsistent``. These three are read
    from the text when first asked for.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    approx: bool
    decimals: int
    is_percent: bool
    upper: float | None = None
    # (the normalised text, where the previous figure ended): what the label is read from, when
    # it is asked for — most figures' labels never are
    context: tuple[str, int] = field(default=("", 0), repr=False, compare=False)

    @cached_property
    def _described(self) -> tuple[str, bool, bool]:
        norm, floor = self.context
        return _label(norm, self.start, floor)

    @property
    def label(self) -> str:
        return self._described[0]

    @property
    def is_total(self) -> bool:
        return self._described[1]

    @property
    def is_part(self) -> bool:
        return self._described[2]


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


# Units a figure may carry. Longest forms first inside the alternation; a negative lookahead
# keeps a unit character from being the first character of an ordinary word (人民, 处罚).
COUNT_UNITS = _words(
    "人次 场次 批次 件次 户次 课时 件 人 项 个 次 家 场 份 条 名 户 篇 期 批 起 宗 卷 本 台 处 所 笔 套 部 张 册 座 支 "
    "轮 例 位 辆 艘 间 栋 类 种 组 队 幅 封 首 堂 节 门 元 倍"
)
MEASURE_UNITS = _words("平方公里 平方米 立方米 公顷 公里 千米 公斤 千克 亩 米 吨")
DURATION_UNITS = _words("个多月 个多小时 个工作日 工作日 个小时 小时 分钟 个月 天 周 秒")
PERCENT_UNITS = ("个百分点", "百分点", "%", "‰")
# A number followed by one of these is a date, a time, a label or a level: not a figure.
_NOT_FIGURE_UNITS = _words("周年 年度 年 月份 月 日 号 时 点 届 季度 世纪 版 级 星 代")
_UNIT_GUARDS = {
    "人": "(?![民大])",
    "处": "(?![罚理置分长室])",
    "次": "(?!性)",
    "条": "(?![例款])",
    "期": "(?![间限])",
    "场": "(?![所地])",
    "台": "(?![账])",
    "本": "(?![级地单部市县区着])",
    "部": "(?![门署])",
    "门": "(?![户槛])",
    "周": "(?![年边])",
    "组": "(?![织])",
    "队": "(?![伍])",
    "类": "(?![型别])",
    "节": "(?![日约点])",
    "家": "(?![庭属])",
    "位": "(?![于置])",
    "所": "(?![有属在以])",
    "米": "(?![粮])",
}

_ALL_UNITS = COUNT_UNITS + MEASURE_UNITS + DURATION_UNITS + PERCENT_UNITS + _NOT_FIGURE_UNITS
_UNIT_ALT = "|".join([re.escape(u) + _UNIT_GUARDS.get(u, "") for u in sorted(_ALL_UNITS, key=len, reverse=True)])
# 神农云二期 is a phase, not a count: 期 only counts after Arabic digits.
_CN_UNIT_OK = frozenset(COUNT_UNITS + MEASURE_UNITS + DURATION_UNITS + ("个百分点", "百分点")) - {"期"}
_SKIP_UNITS = frozenset(_NOT_FIGURE_UNITS)

_ARABIC = r"[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_CHINESE = r"[一二三四五六七八九十两][零〇一二三四五六七八九十两百千万亿几]*|[百千万](?=[余多])"  # 百余人
_SPACE = "[ \u00a0\u2002\u2003\u3000]?"
_APPROX_BEFORE = _words("不超过 不低于 不高于 不少于 不足 不到 将近 接近 大约 超过 至少 近 约 超 逾")
_APPROX_AFTER = ("左右", "以上", "以下", "以内", "上下", "许")

# The leading lookahead names every character a figure can start with: it lets the regex
# engine skip other positions quickly (about 5x faster on report prose).
_FIGURE_FIRST = "".join(sorted({w[0] for w in _APPROX_BEFORE})) + "\\-－负百千万0-9一二三四五六七八九十两"
_FIGURE_RE = re.compile(
    rf"""
    (?=[{_FIGURE_FIRST}])
    (?P<pre>{"|".join(_APPROX_BEFORE)})?
    (?P<sign>[-－负](?=[0-9]))?
    (?:
        百分之(?P<pct_cn>{_CHINESE}|[0-9]+(?:\.[0-9]+)?)
      | (?<![0-9.])(?P<num>{_ARABIC})
      | (?<![零〇一二三四五六七八九十两百千万亿几数第同统唯逐专单合之归整])(?P<cn>{_CHINESE})
    )
    (?:
        (?P<pct1>{_SPACE}%)?(?P<sep>[-－~～—–至到])
        (?P<num2>(?<![0-9.])(?:{_ARABIC})|{_CHINESE})
    )?
    (?P<mid_before>余|多)?
    (?P<mult>千万|百万|万亿|万|亿)?
    (?P<mid>余|多|几)?
    (?:{_SPACE}(?P<unit>{_UNIT_ALT}))?
    (?P<post>{"|".join(_APPROX_AFTER)})?
    """,
    re.VERBOSE,
)

# One-to-one mapping, so offsets in the mapped text are offsets in the original.
_NORMALIZE = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_FULL_WIDTH = re.compile("[０-９％．]")

# Regions in which no figure is read.
NAMED_NUMERALS = _words(
    "三项制度 三项机制 最多跑一次 跑一次 一次办 一次性 一件事 一张网 一张蓝图 一条龙 一批 一起 一系列 "
    "两个确立 两个维护 四个意识 四个自信 四个全面 三个务必 两个责任 两个一百年 五位一体 八五普法 七五普法 六五普法"
)
# Two combined patterns (one led by a digit, one by anything else) keep masking to two scans.
_MASK_TEXT_FIRST = '“‘「『"《〈〔\\[［【(（电热号拨手传邮' + "".join(sorted({w[0] for w in NAMED_NUMERALS}))
_MASK_TEXT_PATTERNS = (
    r"“[^“”\n]{0,24}”",  # quotations: names and slogans
    r"‘[^‘’\n]{0,24}’",
    r"「[^「」\n]{0,24}」",
    r"『[^『』\n]{0,24}』",
    r'"[^"\n]{0,24}"',
    r"《[^》\n]{0,120}》",  # book titles: document names with their years
    r"〈[^〉\n]{0,60}〉",
    r"[〔\[［【(（]\s*[0-9]{4}\s*[〕\]］】)）]\s*第?\s*[0-9]*\s*号?",  # 〔2019〕28号
    r"[（(][0-9]{1,2}[）)]",  # list labels (1)
    r"(?:电话|热线|号码|拨打|手机|传真|邮编|邮政编码)[：:\s]*[0-9][0-9\-－— ]{2,}",
    *NAMED_NUMERALS,
)
_MASK_TEXT_RE = re.compile(f"(?=[{_MASK_TEXT_FIRST}])(?:{'|'.join(_MASK_TEXT_PATTERNS)})")
_MASK_DIGIT_PATTERNS = (
    r"(?:19|20)[0-9]{2}\s*([-/.])\s*[0-9]{1,2}\s*\1\s*[0-9]{1,2}",  # 2021-01-11
    r"[0-9]{1,2}\s*[:：∶]\s*[0-9]{1,2}(?:\s*[:：]\s*[0-9]{1,2})?",  # times, ratios
    r"[0-9]{1,2}\s*[·・]\s*[0-9]{1,2}",  # 3·15
    r"[0-9]{1,2}\.[0-9]{1,2}(?=[^0-9\s，。,；;、%]{0,6}[日节])",  # 12.4国家宪法日
    r"[0-9]+\s*[×xX*]\s*[0-9]+",  # 7×24小时
    r"[0-9]+(?:\.[0-9]+){2,}",  # 2.3.4: versions and section numbers
    (  # telephone numbers
        r"(?<![0-9])(?:0[0-9]{2,3}[-－—]?[0-9]{7,8}|1[3-9][0-9]{9}"
        r"|400[-－]?[0-9]{3}[-－]?[0-9]{4})(?![0-9])"
    ),
    (  # hotlines: 12345政务服务便民热线
        r"(?<![0-9])(?:12[0-9]{3}|9[0-9]{4}|11[0-9]|12[0-9])(?![0-9])"
        r"(?=[”\"」\s]*(?:政务|便民|服务|热线|平台|专线|电话|法律|举报|投诉|市民|群众))"
    ),
    r"(?<![^\s。；;：:！？!?])[0-9]{1,2}[.、)）](?![0-9])",  # list labels 1. 4、 at a clause start
)
_MASK_DIGIT_RE = re.compile(f"(?=[0-9])(?:{'|'.join(_MASK_DIGIT_PATTERNS)})")

_MULTIPLIERS = {"": 1, "万": 10**4, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万亿": 10**12}
_MAX_DIGITS = 15  # longer digit runs are identifiers, not figures


def _arabic(digits: str) -> tuple[Decimal, int] | None:
    """The value and the number of decimals written of an Arabic number."""
    plain = digits.replace(",", "").replace("，", "")
    whole, _, fraction = plain.partition(".")
    if len(whole) > _MAX_DIGITS:
        return None
    try:
        return Decimal(plain), len(fraction)
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None


def _mask(norm: str) -> bytearray | None:
    """One byte per code point: 1 where no figure may be read (None: nowhere)."""
    mask = None
    for pattern in (_MASK_TEXT_RE, _MASK_DIGIT_RE):
        for m in pattern.finditer(norm):
            a, b = m.span()
            if b > a:
                if mask is None:
                    mask = bytearray(len(norm))
                mask[a:b] = b"\x01" * (b - a)
    return mask


# Label heuristics -------------------------------------------------------------------------

_LABEL_MAX = 12
_LABEL_STOPS = frozenset(
    "，,。.；;：:、！!？?（）()[]［］【】“”‘’\"'《》<>〈〉「」『』—-–~～…·/\\|%％+＋ \t\r\n\u00a0\u2002\u2003\u3000"
)
_TOTAL_MARKER = re.compile(r"共计|合计|总计|累计|总共|一共|共有|(?<!公)共(?![享同建治商识性产青通])")
_TRAILING_WORDS = _words(
    "分别为 分别是 分别 达到 高达 多达 共有 现有 已有 还有 仍有 均为 达 为 是 占 仅 均 了 至 和 及"
)
_KEEP_BEFORE_WEI = frozenset("行作认成因称视改更以")  # 行为、作为 keep their 为
# The trailing words by their last character, in their order: only these can end a segment.
_TRAILING_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(w for w in _TRAILING_WORDS if w[-1] == last) for last in {w[-1] for w in _TRAILING_WORDS}
}


def _label(norm: str, start: int, floor: int) -> tuple[str, bool, bool]:
    """The noun phrase just before a figure, and whether it is a total (共) or a part (其中).

    Walk back from the figure at most 30 code points, stopping at punctuation, a digit or the
    previous figure. In what is left, keep what follows the last 其中 / 共 / 共计 / 累计 marker
    (the verb-ish boundary) unless nothing follows it, drop connecting words at the end (为,
    达, 达到, 分别为, 了, 占 …) and at the start (的, 和, 并, 含; 年/月/日 left over from a
    date), and keep the last 12 characters. 「收到行政复议申请23件，受理21件，直接纠错率为17.4%」
    gives 收到行政复议申请, 受理, 直接纠错率.
    """
    i = start
    for ch in reversed(norm[max(floor, start - 30):start]):
        if ch in _LABEL_STOPS or ch.isdigit():
            break
        i -= 1
    after_digit = i > 0 and norm[i - 1].isdigit()
    segment = norm[i:start]
    is_part = False
    is_total = False
    if "其中" in segment:
        is_part = True
        segment = segment[segment.rindex("其中") + 2 :]
    marker = None
    for marker in _TOTAL_MARKER.finditer(segment):
        pass
    if marker is not None:
        is_total = True
        rest = segment[marker.end() :]
        segment = rest if rest.strip() else segment[: marker.start()]
    changed = True
    while changed and segment:
        changed = False
        for word in _TRAILING_BY_LAST.get(segment[-1], ()):
            if segment.endswith(word) and len(segment) > len(word):
                if word == "为" and segment[-2] in _KEEP_BEFORE_WEI:
                    continue
                segment = segment[: -len(word)]
                changed = True
                break
    if after_digit:
        segment = segment.lstrip("年月日号度份ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        segment = segment.removeprefix("以来")
    segment = segment.lstrip("的和并含")
    return segment[-_LABEL_MAX:], is_total, is_part


# Public API -------------------------------------------------------------------------------


def find_figures(text: str) -> list[Figure]:
    """Every figure of ``text``, left to right and non-overlapping. Never raises."""
    if not text:
        return []
    norm = text.translate(_NORMALIZE) if _FULL_WIDTH.search(text) else text
    mask = _mask(norm)
    figures: list[Figure] = []
    floor = 0
    for m in _FIGURE_RE.finditer(norm):
        figure = _figure(m, text, norm, mask, floor)
        if figure is not None:
            figures.append(figure)
            floor = figure.end
    return figures


_BLANKS = " \u00a0\u2002\u2003\u3000"
_GLUE = "＋×·・"  # 5+4, 7×24, 3·15: parts of names, not figures
_YEAR_LIKE = re.compile(r"(?:19|20)[0-9]{2}")


def _glued(ch: str) -> bool:
    return bool(ch) and ((ch.isascii() and (ch.isalpha() or ch in "+_#@&$")) or ch in _GLUE)


def _figure(m: re.Match[str], text: str, norm: str, mask: bytearray | None, floor: int) -> Figure | None:
    """The figure of one match of :data:`_FIGURE_RE`, or None when the context rules it out."""
    start, end = m.span()
    if mask is not None and mask.find(1, start, end) != -1:
        return None
    unit = m["unit"] or ""
    if unit in _SKIP_UNITS and not (unit == "日" and norm.startswith("内", end)):
        return None  # 2023年, 3月, 15日, 28号, 十九届; but 15日内 is a duration
    i = start
    while i > 0 and norm[i - 1] in _BLANKS:
        i -= 1
    if i > 0 and norm[i - 1] == "第":  # ordinals: 第一, 第3批
        return None
    if start > 0 and _glued(norm[start - 1]):  # G20, +5
        return None
    core = "num2" if m["num2"] else "pct_cn" if m["pct_cn"] else "num" if m["num"] else "cn"
    after = norm[m.end(core)] if m.end(core) < len(norm) else ""
    vague_word = m["mid_before"] or m["mid"]
    bare = not (m["mult"] or vague_word or unit or m["pct1"])
    if bare and _glued(after):  # 5G, 6B会议室
        return None
    if bare and _YEAR_LIKE.fullmatch(m["num"] or "") and not m["pre"]:  # 2022新提任
        return None

    cn = m["cn"]
    if cn and (unit not in _CN_UNIT_OK or cn == "二" or m["mult"]):
        return None  # 二十大, 八五普法; a bare 二 counts nothing (二次会议 is the second)
    if cn == "一" and unit and m.end("unit") < len(norm) and norm[m.end("unit")] in "一两":
        return None  # 一户一档, 一人一策: slogans
    if m["pct_cn"] and unit not in ("", "%"):
        return None
    if m["pct1"] and unit != "%":
        return None
    parsed = _number(m["pct_cn"] or m["num"] or cn)
    if parsed is None:
        return None
    value, decimals, vague = parsed
    multiplier = _MULTIPLIERS[m["mult"] or ""]
    upper = None
    if m["num2"]:
        parsed_upper = _number(m["num2"])
        if parsed_upper is None:
            return None
        upper = float(parsed_upper[0] * multiplier)
    if m["sign"]:
        value = -value
    if m["pct_cn"]:
        unit = "%"
    vague = vague or "多" in unit  # 3个多月
    unit = {"百分点": "个百分点", "个多月": "个月", "个多小时": "个小时"}.get(unit, unit)
    return _new_figure(
        start=start,
        end=end,
        text=text[start:end],
        value=float(value * multiplier),
        unit=unit,
        approx=bool(m["pre"] or vague_word or m["post"] or vague or upper is not None),
        decimals=decimals,
        is_percent=unit == "%",
        upper=upper,
        context=(norm, floor),
    )


def _new_figure(**fields) -> Figure:
    """``Figure(**fields)`` with every field given, at a third of the cost: a frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``, and a report has hundreds of
    figures. The record is the same (equality, hashing, pickling, immutability)."""
    figure = object.__new__(Figure)
    figure.__dict__.update(fields)
    return figure


def _number(written: str) -> tuple[Decimal, int, bool] | None:
    """(value, decimals, vague) of an Arabic or Chinese number as written."""
    if written[0].isdigit():
        parsed = _arabic(written)
        if parsed is None:
            return None
        return parsed[0], parsed[1], False
    value = chinese_to_int(written)  # None for two digits in a row (二〇二三, 八五)
    if value is None:
        return None
    return Decimal(value), 0, "几" in written


_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)》\"']*|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, split after 。！？；!?; (and at line breaks).

    Commas do not end a sentence. Closing quotes and brackets right after the end mark stay
    with the sentence; surrounding whitespace is left out and empty sentences are dropped.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        _add_span(text, start, m.end(), spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def rounds_to(computed: float, stated: float, decimals: int) -> bool:
    """True when ``computed`` rounds to ``stated`` at the precision it was written with.

    ``rounds_to(4 / 23 * 100, 17.4, 1)``: |17.391 − 17.4| ≤ 0.05, so True. The tolerance is
    half a unit of the last stated digit plus a tiny relative epsilon for binary floats.
    """
    decimals = max(0, decimals)
    half_unit = 0.5 * 10.0**-decimals
    return abs(computed - stated) <= half_unit + 1e-9 * max(1.0, abs(stated))


def sentence_of(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence span (from :func:`split_sentences`) that holds ``offset``, or -1."""
    i = bisect_left(spans, (offset + 1, -1)) - 1
    if 0 <= i < len(spans) and spans[i][0] <= offset < spans[i][1]:
        return i
    return -1
