"""Read the dates written in a Chinese report: where they are, what they say, how they are written.

Pure and self-contained: no I/O beyond loading ``grammars/dates.lark`` once (its LALR analysis
cached on disk, see :mod:`checker.lark_cache`). Two steps:

1. A compiled regular expression locates candidates in running prose (it encodes what may stand
   around a date: no digit right before or after a number, so that ``12345人``, ``2.5万元`` and
   phone numbers are not read as dates).
2. The Lark grammar (LALR) parses each candidate and names its shape; Python turns the numbers
   into values and judges whether the date exists.

Parsing is cached on the candidate's *shape* (every digit replaced by a zero), so a report with
fifty different dates costs a handful of Lark parses, and a warm process almost none.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

from ..lark_cache import build_parser
from ..resources import resource_path
from .numerals import YEAR_MAX, YEAR_MIN, chinese_digits_to_int, chinese_to_int

__all__ = [
    "DateMention",
    "KINDS",
    "FORMS",
    "YEAR_MIN",
    "YEAR_MAX",
    "find_dates",
    "parse_date",
    "parse_mention",
    "format_gbt",
]


KINDS = ("date", "month", "day", "year", "year-span", "month-range")
FORMS = ("gbt", "padded", "fullwidth", "chinese", "iso", "dot", "slash")


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text.

    ``start``/``end`` are code-point offsets into the searched text (end exclusive) and
    ``text`` is exactly ``searched[start:end]``. For a ``month-range`` within one year
    ``end_year`` repeats ``year`` (both None for ``1—10月``). An impossible date is still a
    mention: ``valid`` is False and ``problem`` says why, in Chinese; ``problem`` is "" when valid.
    """

    start: int
    end: int
    text: str
    kind: str  # one of KINDS
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    valid: bool = True
    form: str = "gbt"  # one of FORMS
    problem: str = ""

    @property
    def date(self) -> _dt.date | None:
        """The calendar date of a valid full date, else None."""
        if self.kind != "date" or not self.valid:
            return None
        assert self.year is not None and self.month is not None and self.day is not None
        return _dt.date(self.year, self.month, self.day)


def format_gbt(d: _dt.date) -> str:
    """A date as GB/T 9704-2012 wants a 成文日期: Arabic numerals, full year, no zero padding."""
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------------------------------------
# Step 1: locating candidates.
#
# Python's \b is useless here (汉字 count as word characters, so there is no boundary between
# "截至" and "2023"), so edges are explicit lookarounds: a number must not continue a digit run
# before it or after it, in ASCII or full-width digits. A 4-digit Arabic year starts with 1 or 2
# (the exact range is checked after parsing); a month or day has one or two digits. Chinese
# numerals are read only after a Chinese year (二〇二四年三月十五日): alone, 三十日 means
# "thirty days" far more often than "the 30th".

# spaces that may stand between tokens: ASCII, ideographic, no-break and the typographic
# spaces (U+2000..U+200A) that Word and web pages leave in; never a line break
_SPACE = r"[ \t\u3000\u00a0\u2000-\u200a\u202f\u205f]"
_W = rf"{_SPACE}*"
_D = r"[0-9０-９]"
_Y = rf"(?<!{_D})[12１２]{_D}{{3}}(?!{_D})"  # Arabic year shape
_N = rf"(?<!{_D}){_D}{{1,2}}(?!{_D})"  # Arabic month or day
_CN_CHARS = "〇零○OＯ一二三四五六七八九十百千万亿"
_CY = rf"(?<![{_CN_CHARS}])[一二][〇零○OＯ一二三四五六七八九]{{3}}"  # Chinese year, digit by digit
_CN = r"(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九〇零○])"  # Chinese month or day
_RS = r"(?:[-－‐‑−]|[—–―~～〜]{1,2}|[至到])"  # range separator: hyphen, dash, tilde, 至, 到


def _range_end(n: str) -> str:
    """The closing month of a month range, unless a day follows it: in 2023年1月至12月31日
    the range would swallow half of a date, so the start is read alone and 12月31日 apart."""
    return rf"{n}{_W}月(?!{_W}{n}{_W}日)"


def _after_year(y: str, n: str) -> str:
    """What may follow a year (y: year pattern, n: month/day pattern), longest first."""
    return (
        rf"{_W}(?:"
        rf"{_RS}{_W}{y}{_W}年"  # 2021-2025年
        rf"|年(?:{_W}{_RS}{_W}{y}{_W}年"  # 2021年至2025年
        rf"|{_W}{n}{_W}(?:{_RS}{_W}{_range_end(n)}"  # 2023年1—10月
        rf"|月(?:{_W}{n}{_W}日"  # 2023年3月15日 (else 2023年3月)
        rf"|{_W}{_RS}{_W}(?:{y}{_W}年{_W})?{_range_end(n)})?"  # 2023年1月至10月, …至2024年2月
        rf"))?)"  # else 2023年 alone
    )


def _numeric(sep: str) -> str:
    """-03-15 / .3.15 / /3/15 after a year: the same separator twice, the day ending the digits."""
    return rf"{_W}{sep}{_W}{_N}{_W}{sep}{_W}{_N}"


# Every candidate starts with one character of the class below, consumed before any
# lookaround: a pattern that begins with a character class lets `re` skip ahead to the next
# digit quickly (7x faster on report text than leading lookbehinds). The branches then look
# back at that first character: (?<!{_D}.) "the digit is not preceded by a digit",
# (?<=[12１２]) "the first character is a 1 or 2".
_CANDIDATE = re.compile(
    rf"[0-9０-９一二](?:"
    # Arabic year first: 2023年…, 2021-2025年, 2024-03-15, 2024.3.15, 2024/3/15
    rf"(?<!{_D}.)(?<=[12１２]){_D}{{3}}(?!{_D})(?:"
    + "|".join(
        (
            _after_year(_Y, _N),
            _numeric(r"[-－‐‑−]"),
            _numeric(r"[.．]"),
            _numeric(r"[/／]"),
        )
    )
    + ")"
    # month first, no year: 1—10月, 5月19日, 1月至10月 (a bare 10月 is not a mention)
    + rf"|(?<!{_D}.)(?<={_D}){_D}?(?!{_D}){_W}"
    rf"(?:{_RS}{_W}{_range_end(_N)}|月{_W}(?:{_N}{_W}日|{_RS}{_W}{_range_end(_N)}))"
    # Chinese year first: 二〇二四年三月十五日, 二〇二一至二〇二五年
    + rf"|(?<![{_CN_CHARS}].)(?<=[一二])[〇零○OＯ一二三四五六七八九]{{3}}"
    + _after_year(_CY, _CN)
    + ")"
)

# A clock time after a date in page metadata: "2021-03-28 17:07", "2018年12月10日 15:23:00".
_TIME_SUFFIX = re.compile(
    rf"(?:{_SPACE}+|[Tt]){_D}{{1,2}}[:：]{_D}{{2}}(?:[:：]{_D}{{2}}(?:\.[0-9]+)?)?$"
)

# ---------------------------------------------------------------------------------------------
# Step 2: parsing one candidate with the grammar.


def _grammar_path() -> Path:
    return resource_path("grammars", "dates.lark")


class _Shape(Transformer):
    """Reduce a parse tree to (alias, start, end, ((role, token), ...))."""

    def year(self, children: list[Token]) -> tuple[str, Token]:
        return ("year", children[0])

    def month(self, children: list[Token]) -> tuple[str, Token]:
        return ("month", children[0])

    def day(self, children: list[Token]) -> tuple[str, Token]:
        return ("day", children[0])

    def start(self, children: list[tuple]) -> tuple:
        return children[0]

    def __default__(self, data, children, meta):  # the aliases: cjk_date, iso_date, …
        return (str(data), meta.start_pos, meta.end_pos, tuple(children))


@lru_cache(maxsize=1)
def _parser() -> Lark:
    # The basic lexer suffices (a 4-digit run is a YEAR, a shorter one a NUM; the candidates
    # never hold longer runs) and compiles one scanner instead of one per parser state.
    parser = build_parser("dates", parser="lalr", lexer="basic", propagate_positions=True)
    parser.parse("2024年3月15日")  # builds the scanner now rather than in the first report
    return parser


# alias -> kind
_KIND = {
    "cjk_date": "date",
    "iso_date": "date",
    "dot_date": "date",
    "slash_date": "date",
    "cjk_month": "month",
    "cjk_year": "year",
    "cjk_day": "day",
    "year_span": "year-span",
    "month_range": "month-range",
}
_SEPARATED_FORM = {"iso_date": "iso", "dot_date": "dot", "slash_date": "slash"}

# Shape of a candidate: digits zeroed, so 2024年3月15日 and 2023年7月10日 share one parse.
_SKELETON = str.maketrans("0123456789０１２３４５６７８９", "0000000000００００００００００")

# A parsed shape: alias, start, end, ((role, token type, start, end), ...)
_Parsed = tuple[str, int, int, tuple[tuple[str, str, int, int], ...]]


@lru_cache(maxsize=4096)
def _parse_shape(skeleton: str) -> _Parsed | None:
    try:
        tree = _parser().parse(skeleton)
    except LarkError:
        return None
    alias, start, end, parts = _Shape().transform(tree)
    return alias, start, end, tuple((role, t.type, t.start_pos, t.end_pos) for role, t in parts)


def _value(token_type: str, s: str) -> int:
    if token_type == "CN_YEAR":
        return chinese_digits_to_int(s)
    if token_type == "CN_NUM":
        return chinese_to_int(s)  # 十 → 10, 三十一 → 31, 五 → 5
    return int(s)  # int() reads full-width digits too


# A mention read from a candidate, before it gets its place in the text:
# (rel_start, rel_end, kind, year, month, day, end_year, end_month, valid, form, problem)
_Reading = tuple[int, int, str, "int | None", "int | None", "int | None", "int | None",
                 "int | None", bool, str, str]


@lru_cache(maxsize=8192)
def _read(candidate: str) -> _Reading | None:
    """Parse one candidate; None when it is not a date or names an implausible year."""
    parsed = _parse_shape(candidate.translate(_SKELETON))
    if parsed is None:
        return None
    alias, start, end, parts = parsed
    values: dict[str, list[int]] = {"year": [], "month": [], "day": []}
    form = _SEPARATED_FORM.get(alias, "gbt")
    padded = fullwidth = chinese = False
    for role, token_type, t_start, t_end in parts:
        s = candidate[t_start:t_end]
        values[role].append(_value(token_type, s))
        if token_type.startswith("CN_"):
            chinese = True
        elif any("０" <= c <= "９" for c in s):
            fullwidth = True
        elif role != "year" and len(s) == 2 and s[0] == "0":
            padded = True
    years, months, days = values["year"], values["month"], values["day"]
    if any(not YEAR_MIN <= y <= YEAR_MAX for y in years):
        return None
    if chinese:
        form = "chinese"
    elif fullwidth:
        form = "fullwidth"
    elif padded and form == "gbt":
        form = "padded"

    kind = _KIND[alias]
    year = years[0] if years else None
    month = months[0] if months else None
    day = days[0] if days else None
    end_year = end_month = None
    if kind == "year-span":
        end_year = years[1]
    elif kind == "month-range":
        end_year = years[1] if len(years) > 1 else year
        end_month = months[1]
    problem = _problem(kind, year, month, day, end_year, end_month)
    return (start, end, kind, year, month, day, end_year, end_month, not problem, form, problem)


def _month_problem(month: int) -> str:
    return "" if 1 <= month <= 12 else f"不存在{month}月，月份应在1至12之间"


def _problem(kind: str, year: int | None, month: int | None, day: int | None,
             end_year: int | None, end_month: int | None) -> str:
    """Why the date cannot exist, in Chinese; "" when it can."""
    if kind == "year-span":
        assert year is not None and end_year is not None
        return f"起始年份{year}年晚于结束年份{end_year}年" if year > end_year else ""
    if month is None:
        return ""
    problem = _month_problem(month)
    if problem:
        return problem
    if kind == "month-range":
        assert end_month is not None
        problem = _month_problem(end_month)
        if problem:
            return problem
        if (end_year or 0, end_month) < (year or 0, month):
            if end_year != year:
                return f"起始时间{year}年{month}月晚于结束时间{end_year}年{end_month}月"
            return f"起始月份{month}月晚于结束月份{end_month}月"
        return ""
    if day is None:
        return ""
    if day < 1:
        return f"不存在{day}日"
    if year is not None:
        last = calendar.monthrange(year, month)[1]
        return f"{year}年{month}月只有{last}天" if day > last else ""
    last = calendar.monthrange(2000, month)[1]  # a leap year: 2月29日 may exist
    if day > last:
        return "2月最多只有29天" if month == 2 else f"{month}月只有{last}天"
    return ""


def _mention(text: str, offset: int, reading: _Reading) -> DateMention:
    rel_start, rel_end, *fields = reading
    start, end = offset + rel_start, offset + rel_end
    return DateMention(start, end, text[start:end], *fields)


# ---------------------------------------------------------------------------------------------
# Public API.


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in running prose, left to right, non-overlapping.

    Numbers that only look like dates (2.5万元, 12345人, phone numbers, 1-2名, 20余年, years
    outside 1949..2100) are not mentions. Never raises on a string.
    """
    mentions: list[DateMention] = []
    search = _CANDIDATE.search
    pos = 0
    while (m := search(text, pos)) is not None:
        reading = _read(m.group())
        if reading is not None:
            mentions.append(_mention(text, m.start(), reading))
        pos = m.end()  # an implausible year discards its whole expression (1000-2000年)
    return mentions


def parse_mention(text: str) -> DateMention | None:
    """The single date expression of any kind that ``text`` consists of (surrounding spaces
    and a trailing clock time are allowed), else None. Offsets refer to ``text``."""
    stripped = text.strip()
    if not stripped or len(stripped) > 64:
        return None
    offset = text.index(stripped)
    candidate = _TIME_SUFFIX.sub("", stripped, count=1)
    reading = _read(candidate)
    if reading is None or reading[0] != 0 or reading[1] != len(candidate):
        return None
    return _mention(text, offset, reading)


def parse_date(text: str) -> DateMention | None:
    """The full date (year, month and day) that ``text`` is exactly, else None.

    For a signature line (``2024年3月15日``) or page metadata (``2021-03-28 17:07``). An
    impossible date (2023年2月30日) is returned with ``valid`` False.
    """
    mention = parse_mention(text)
    return mention if mention is not None and mention.kind == "date" else None
