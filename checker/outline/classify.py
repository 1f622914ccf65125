"""The paragraph classifier: what each paragraph is by its first characters, one regex match each.

This is the lexer's first half (the template's heading patterns are the second, in
:mod:`checker.outline.lexer`). A paragraph is one of:

  heading1   一、 二、 … (also 一. 一．)                     top-level section
  heading2   （一） (一)                                      second level
  heading3   1. 1、 1． (not 1.5万: a digit may not follow)   third level
  heading4   （1） (1) ① …                                    fourth level
  enum_item  一是… 二是… (第一是…)                          an inline enumeration, not a section
  date_line  a paragraph that is only a date: 2024年3月15日, 2024.3.15 (the 落款 date, usually)
  body       any other paragraph (title, opening, body text, closing, organ name)

A marker at the start of a paragraph wins over plain text; a date line wins over a marker. A
heading paragraph often carries body text after the heading proper: :func:`heading_text` cuts
it at the first sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Paragraph
from ..readings.numerals import chinese_to_int, to_halfwidth_digits

# The markers, in the order they are tried (the first that matches at the paragraph's start wins).
MARKERS: tuple[tuple[str, str], ...] = (
    ("date_line", (r"(?:[0-9０-９〇○零一二三四五六七八九]{4}[ \t]*年[ \t]*[0-9０-９一二三四五六七八九十]{1,3}[ \t]*月"
                  r"[ \t]*[0-9０-９一二三四五六七八九十]{1,3}[ \t]*日|[0-9０-９]{4}[ \t]*[-－.．/／][ \t]*[0-9０-９]{1,2}"
                  r"[ \t]*[-－.．/／][ \t]*[0-9０-９]{1,2})(?=[ \t]*$)")),
    ("heading1", r"[一二三四五六七八九十]{1,3}[ \t]*(?:、|[．.](?![0-9０-９]))"),
    ("heading2", r"[（(][ \t]*[一二三四五六七八九十]{1,3}[ \t]*[）)]"),
    ("heading3", r"[0-9０-９]{1,2}[ \t]*(?:、|[．.](?![0-9０-９]))"),
    ("heading4", r"[（(][ \t]*[0-9０-９]{1,2}[ \t]*[）)]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"),
    ("enum_item", r"第?[一二三四五六七八九十]{1,3}是(?![否非])"),
)
_MARKER = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in MARKERS))


@dataclass(frozen=True, slots=True)
class Line:
    """One classified paragraph."""

    kind: str  # heading1..heading4 | enum_item | date_line | body
    marker: str
    rest: str  # text after the marker
    rest_offset: int  # offset of ``rest`` in the paragraph text


def classify_text(text: str) -> Line:
    """What one paragraph is (a line break inside it counts as a space)."""
    if "\n" in text or "\r" in text:
        text = text.replace("\n", " ").replace("\r", " ")
    m = _MARKER.match(text)
    if m is None:
        return Line("body", "", text, 0)
    kind = m.lastgroup
    if kind == "date_line":
        return Line(kind, "", m.group(), 0)
    end = m.end()
    return Line(kind, m.group(), text[end:], end)


def classify(paragraphs: tuple[Paragraph, ...]) -> list[Line]:
    """Classify every paragraph."""
    return [classify_text(p.text) for p in paragraphs]


# --- headings -----------------------------------------------------------------------------
SENTENCE_END = re.compile(r"[。！？；;：:!?]")
_COMMA = re.compile(r"[，,]")
_MAX_HEADING = 40


def heading_text(rest: str) -> str:
    """The heading proper, as a reader sees it: up to the first sentence end (or comma, if long)."""
    rest = rest.strip()
    m = SENTENCE_END.search(rest)
    head = rest[: m.start()] if m else rest
    if len(head) > _MAX_HEADING:
        c = _COMMA.search(head)
        if c and c.start() > 1:
            head = head[: c.start()]
    return head.strip()


def marker_style(kind: str, marker: str) -> tuple[str, int | None]:
    """A heading marker's family and separator (``cn-dun`` for 一、) and its ordinal."""
    m = to_halfwidth_digits(marker.replace(" ", "").replace("\t", ""))
    if kind == "heading1":
        sep = m[-1]
        return ("cn-dun" if sep == "、" else "cn-dot"), chinese_to_int(m[:-1])
    if kind == "heading2":
        return "paren-cn", chinese_to_int(m.strip("（）()"))
    if kind == "heading3":
        sep = m[-1]
        return ("num-dun" if sep == "、" else "num-dot"), int(m[:-1])
    if m and "①" <= m[0] <= "⑳":
        return "circled", ord(m[0]) - ord("①") + 1
    return "paren-num", int(m.strip("（）()"))
