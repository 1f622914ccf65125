"""Outline: paragraphs → the report model (title, year, headings, sections with template keys).

The Lark grammar (grammars/outline.lark) classifies each paragraph — heading at one of four
levels, inline enumeration, date line, body. This module derives what is positional: levels of
styled headings, title, opening, closing, 落款, and which template section each heading names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Transformer, Token

from .model import Heading, Paragraph, Report, SectionHit, Source
from .readings.numerals import chinese_digits_to_int, chinese_to_int, to_halfwidth_digits
from .lark_cache import build_parser
from .template import SectionSpec, Template


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The outline grammar's parser, giving the parse tree."""
    return build_parser("outline", parser="lalr", propagate_positions=True, maybe_placeholders=False)


@lru_cache(maxsize=1)
def _line_parser() -> Lark:
    """The same grammar with :class:`_Lines` applied while parsing (no tree is built).

    This is what :func:`classify` runs: a third of the time of parse-then-transform. Positions
    are not propagated, as nothing reads them: a :class:`Line` measures its offsets from the
    marker it holds.
    """
    return build_parser("outline", parser="lalr", maybe_placeholders=False, transformer=_Lines())


@dataclass(frozen=True)
class Line:
    """One classified paragraph, as the grammar saw it."""

    kind: str  # heading1..heading4 | enum_item | date_line | body
    marker: str
    rest: str  # text after the marker
    rest_offset: int  # offset of ``rest`` in the paragraph text


class _Lines(Transformer):
    def _line(self, kind: str, children: list[Token]) -> Line:
        if len(children) == 2:
            marker, rest = children
            return Line(kind, str(marker), str(rest), len(marker))
        (tok,) = children
        if tok.type in ("REST", "DATE_LINE"):
            return Line(kind, "", str(tok), 0)
        return Line(kind, str(tok), "", len(tok))

    def heading1(self, c):
        return self._line("heading1", c)

    def heading2(self, c):
        return self._line("heading2", c)

    def heading3(self, c):
        return self._line("heading3", c)

    def heading4(self, c):
        return self._line("heading4", c)

    def enum_item(self, c):
        return self._line("enum_item", c)

    def date_line(self, c):
        return self._line("date_line", c)

    def body(self, c):
        return self._line("body", c)

    def start(self, c):
        return list(c)


def classify(paragraphs: tuple[Paragraph, ...]) -> list[Line]:
    """Classify every paragraph with the outline grammar (one Lark parse per document)."""
    if not paragraphs:
        return []
    text = "\n".join(p.text.replace("\n", " ").replace("\r", " ") for p in paragraphs)
    return _line_parser().parse(text)


# --- headings -----------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"[。！？；;：:!?]")
_COMMA = re.compile(r"[，,]")
_MAX_HEADING = 40


def heading_text(rest: str) -> str:
    """The heading proper, as a reader sees it: up to the first sentence end (or comma, if long)."""
    rest = rest.strip()
    m = _SENTENCE_END.search(rest)
    head = rest[: m.start()] if m else rest
    if len(head) > _MAX_HEADING:
        c = _COMMA.search(head)
        if c and c.start() > 1:
            head = head[: c.start()]
    return head.strip()


def _marker_style(kind: str, marker: str) -> tuple[str, int | None]:
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


# --- title, year, subject -----------------------------------------------------------------
_YEAR = re.compile(r"(?<![\d\-—－~～至.])((?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*(?=年)(?!年\s*[-—－~～至])")
_TRAILING_PUNCT = re.compile(r"[。，,；;：:！!？?]$")
_SUBJECT = re.compile(r"^(.{2,30}?)(?:关于)?(?:(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年")
_OPENING_SUBJECT = re.compile(
    r"(?:19|20)\d{2}年(?:以来|度)?[，,]\s*(?:全)?([^\W\d我本全各_]{1,6}(?:省|市|县|区|州|旗|盟|镇|乡|局|委|厅))"
)


_TITLE_DATE = re.compile(r"[（(]\s*[0-9０-９〇○零一二三四五六七八九]{4}\s*年[^（）()]{2,12}日\s*[）)]")


def year_in(text: str) -> int | None:
    m = _YEAR.search(text)
    if not m:
        return None
    raw = m.group(1)
    return int(raw) if raw.isdigit() else chinese_digits_to_int(raw)


def _looks_like_title(text: str, template: Template) -> bool:
    if len(text) > 60 or "。" in text or _TRAILING_PUNCT.search(text):
        return False
    return bool(template.title_cues and template.title_cues.search(text)) or bool(
        template.title_required.search(text)
    )


# Page chrome the reader could not tell from text (a site name, a column name, a breadcrumb
# without arrows) can stand before the title: short lines, no sentence. The title is looked for
# among the first few of them.
_MAX_BEFORE_TITLE = 4


_NO_SUBJECT = re.compile(r"(关于|(19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3}|法治政府建设)")


def _chrome_like(text: str) -> bool:
    return len(text) <= 40 and not _SENTENCE_END.search(text)


def find_title(paragraphs: tuple[Paragraph, ...], lines: list[Line], template: Template) -> tuple[str | None, list[int]]:
    """The title: the first paragraph that reads as one, after at most a few short chrome-like
    lines; a two-line title is joined."""
    for k in range(min(len(lines), _MAX_BEFORE_TITLE + 1)):
        if lines[k].kind != "body":
            return None, []
        found = _title_at(paragraphs, lines, template, k)
        if found:
            return found
        if not _chrome_like(paragraphs[k].text):
            break
    return None, []


def _title_at(paragraphs: tuple[Paragraph, ...], lines: list[Line], template: Template, k: int) -> tuple[str, list[int]] | None:
    first = paragraphs[k].text
    if _looks_like_title(first, template):
        return first, [k]
    # a title in two lines: the organ, then the rest (「青山县人民政府」「2023年度法治政府建设情况报告」);
    # a line before a title that has its own subject is chrome (「信息公开目录」)
    if (
        k + 1 < len(lines) and lines[k + 1].kind == "body" and len(first) <= 24 and not _TRAILING_PUNCT.search(first)
        and _NO_SUBJECT.match(paragraphs[k + 1].text)
    ):
        joined = first + paragraphs[k + 1].text
        if _looks_like_title(joined, template) and len(paragraphs[k + 1].text) <= 40:
            return joined, [k, k + 1]
    return None


# --- the signature (落款) -------------------------------------------------------------------
_ORGAN = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,40}(政府|委员会|办公室|党委|党组|局|厅|委|办|院|部|署|中心|街道办事处|管委会|工作领导小组)$"
)


_AFTER_SIGNATURE = re.compile(
    r"[（(]\s*此件[^）)]{0,10}[）)]|(抄送|抄报|联系人|联系电话|联系方式)\s*[:：].{0,80}|[（(]\s*联系人[^）)]{0,40}[）)]"
)


def find_signature(paragraphs: tuple[Paragraph, ...], lines: list[Line]) -> tuple[list[int], int | None, str | None]:
    """Trailing 落款 paragraphs: organ name and/or date. Returns (indexes, date index, organ)."""
    indexes: list[int] = []
    date_index: int | None = None
    organ: str | None = None
    i = len(lines) - 1
    # notes a 公文 carries under its 落款 (「（此件公开发布）」, 抄送, 联系人) are not the 落款
    while i > 0 and _AFTER_SIGNATURE.fullmatch(paragraphs[i].text.strip()):
        i -= 1
    while i >= 0 and len(indexes) < 3:
        text = paragraphs[i].text.strip()
        if lines[i].kind == "date_line" and date_index is None:
            date_index = i
        elif lines[i].kind == "body" and organ is None and _ORGAN.match(text.replace(" ", "")):
            organ = text
        else:
            break
        indexes.insert(0, i)
        i -= 1
    return indexes, date_index, organ


# --- sections -----------------------------------------------------------------------------
def _matches(spec: SectionSpec, text: str) -> bool:
    return bool(spec.headings and spec.headings.search(text))


def _assign_keys(headings: list[Heading], template: Template) -> list[Heading]:
    """Give each heading the template keys it names (see SPEC §2)."""
    if not headings:
        return headings
    top = min(h.level for h in headings)
    out: list[Heading] = []
    parent_keys: tuple[str, ...] = ()
    for h in headings:
        keys: tuple[str, ...] = ()
        if h.level == top:
            keys = tuple(s.key for s in template.sections if _matches(s, h.text))
        elif h.level == top + 1:
            keys = tuple(
                s.key for s in template.sections if set(s.nested_in) & set(parent_keys) and _matches(s, h.text)
            )
        h = Heading(h.index, h.level, h.marker, h.style, h.ordinal, h.text, keys)
        if h.level == top:
            parent_keys = keys
        out.append(h)
    # Top-level sections that name no key, before the sections that close the topic run, are
    # the measures (SPEC §2: reports often head their measures by topic).
    for spec in template.sections:
        if not spec.collects_unmatched_before:
            continue
        stop = next(
            (i for i, h in enumerate(out) if h.level == top and set(h.keys) & set(spec.collects_unmatched_before)),
            len(out),
        )
        for i in range(stop):
            h = out[i]
            if h.level == top and not h.keys:
                out[i] = Heading(h.index, h.level, h.marker, h.style, h.ordinal, h.text, (spec.key,))
        # nested keys may now apply under the newly keyed top-level sections
        parent: tuple[str, ...] = ()
        for i, h in enumerate(out):
            if h.level == top:
                parent = h.keys
            elif h.level == top + 1 and not h.keys:
                keys = tuple(
                    s.key for s in template.sections if set(s.nested_in) & set(parent) and _matches(s, h.text)
                )
                if keys:
                    out[i] = Heading(h.index, h.level, h.marker, h.style, h.ordinal, h.text, keys)
    return out


def _section_end(headings: list[Heading], pos: int, limit: int) -> int:
    level = headings[pos].level
    for h in headings[pos + 1:]:
        if h.level <= level:
            return h.index
    return limit


def outline(source: Source, template: Template, year: int | None = None) -> Report:
    """Build the report model of a normalised source against a template."""
    paragraphs = source.paragraphs
    lines = classify(paragraphs)
    title, title_idx = find_title(paragraphs, lines, template)
    signature, date_index, organ = find_signature(paragraphs, lines)
    body_end = signature[0] if signature else len(paragraphs)

    raw_headings: list[Heading] = []
    styled = [p.style_level for i, p in enumerate(paragraphs) if p.style_level and i not in title_idx]
    style_base = min(styled) if styled else 1
    for i, (p, ln) in enumerate(zip(paragraphs, lines)):
        if i in title_idx or i >= body_end:
            continue
        if ln.kind.startswith("heading"):
            level = int(ln.kind[-1])
            style, ordinal = _marker_style(ln.kind, ln.marker)
            raw_headings.append(Heading(i, level, ln.marker, style, ordinal, heading_text(ln.rest)))
        elif p.style_level and ln.kind == "body" and len(p.text) <= 60:
            level = min(4, max(1, p.style_level - style_base + 1))
            raw_headings.append(Heading(i, level, "", "styled", None, heading_text(p.text)))
    headings = _assign_keys(raw_headings, template)

    first_heading = headings[0].index if headings else body_end
    start = (title_idx[-1] + 1) if title_idx else 0
    # the title repeated under itself (a page shows it as heading and again atop the article)
    while title and start < len(paragraphs) and paragraphs[start].text == title:
        start += 1
    # a bracketed date under the title, （2024年3月20日）, is the 成文日期 written there
    if title_idx and start < len(paragraphs) and _TITLE_DATE.fullmatch(paragraphs[start].text):
        if date_index is None:
            date_index = start
        start += 1
    opening = tuple(range(start, min(first_heading, body_end)))

    # closing: trailing plain paragraphs after the last heading, before the 落款
    closing: list[int] = []
    last_heading = headings[-1].index if headings else -1
    i = body_end - 1
    while i > last_heading and lines[i].kind == "body" and len(closing) < 3:
        closing.insert(0, i)
        i -= 1

    sections = _find_sections(paragraphs, headings, template, closing, body_end)

    found_year, year_source = year, "option" if year else None
    if found_year is None and title:
        found_year, year_source = year_in(title), "title"
    if found_year is None and opening:
        first_sentence = re.split(r"[。！？]", paragraphs[opening[0]].text, maxsplit=1)[0]
        found_year, year_source = year_in(first_sentence), "opening"
    if found_year is None:
        for h in headings:
            if h.keys and "next_year_plan" not in h.keys and year_in(h.text):
                found_year, year_source = year_in(h.text), "heading"
                break
    if found_year is None:
        year_source = None

    subject = None
    if title:
        m = _SUBJECT.match(title)
        subject = m.group(1) if m else None
    if subject is None and opening:
        m = _OPENING_SUBJECT.search(paragraphs[opening[0]].text[:80])
        subject = m.group(1) if m else None
    if subject is None and organ:
        subject = organ

    return Report(
        source=source,
        title=title,
        title_index=title_idx[0] if title_idx else None,
        subject=subject,
        year=found_year,
        year_source=year_source,
        date=None,
        date_source=None,
        date_index=date_index,
        headings=tuple(headings),
        sections=tuple(sections),
        opening=opening,
        closing=tuple(closing),
        signature=tuple(signature),
        signature_organ=organ,
    )


def _chars(paragraphs: tuple[Paragraph, ...], start: int, end: int) -> int:
    return sum(len(p.text) for p in paragraphs[start:end])


def _find_sections(
    paragraphs: tuple[Paragraph, ...], headings: list[Heading], template: Template, closing: list[int], body_end: int
) -> list[SectionHit]:
    hits: list[SectionHit] = []
    for pos, h in enumerate(headings):
        for key in h.keys:
            end = _section_end(headings, pos, body_end)
            hits.append(SectionHit(key, h, h.index, end, _chars(paragraphs, h.index, end)))
    headed = {hit.key for hit in hits}
    # unheaded content: cues in the closing paragraphs
    for spec in template.sections:
        if spec.key in headed or spec.cues is None:
            continue
        for i in closing:
            if spec.cues.search(paragraphs[i].text):
                end = closing[-1] + 1
                hits.append(SectionHit(spec.key, None, i, end, _chars(paragraphs, i, end)))
                break
    # a headed section does not own the unheaded closing that follows it
    first_unheaded = min((hit.start for hit in hits if hit.heading is None), default=None)
    if first_unheaded is not None:
        hits = [
            SectionHit(h.key, h.heading, h.start, min(h.end, first_unheaded), _chars(paragraphs, h.start, min(h.end, first_unheaded)))
            if h.heading is not None and h.start < first_unheaded
            else h
            for h in hits
        ]
    order = {k: i for i, k in enumerate(template.order)}
    return sorted(hits, key=lambda s: (s.start, order.get(s.key, 99)))
