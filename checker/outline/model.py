"""The report model: paragraphs → tokens (the lexer) → the template's grammar → Report.

The lexer (:func:`paragraph_tokens`) decides what each paragraph is: the classifier's kind
(heading level, date line, body), the title among the first lines, the 落款 at the end, the
closing before it, and for a heading the template sections whose patterns it matches. The
template's grammar (:mod:`checker.outline.grammar`) arranges those tokens into the report's
parts; its Transformer (:class:`_ReportBuilder`) turns the parse into the report model, so which
sections are present, collected under the measures, nested in them or unheaded is read off the
parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token, Transformer

from ..model import Heading, Paragraph, Report, SectionHit, Source
from ..readings.numerals import chinese_digits_to_int
from ..template import SectionSpec, Template
from ..template.lexicon import ORGAN_LINE
from .classify import SENTENCE_END as _SENTENCE_END
from .classify import Line, classify, heading_text, marker_style
from .grammar import Plan, parser_of, per_template, plan_of

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
_ORGAN = ORGAN_LINE  # a 落款 line naming the organ (the template package's lexicon)


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


# --- the lexer: one token a paragraph ------------------------------------------------------
def _matches(spec: SectionSpec, text: str) -> bool:
    return bool(spec.headings and spec.headings.search(text))


class ParagraphToken(Token):
    """A paragraph as the grammar sees it (TEXT: a run of plain paragraphs): ``start_pos`` is its
    paragraph index, ``end_pos`` one past the last; a heading's token holds the Heading and the
    template sections its text matches."""

    heading: Heading | None
    matched: tuple[str, ...]
    as_heading: str  # a CHROME line that is a (styled) heading: the heading's terminal
    also: tuple[str, ...]  # in a draft as short as its title block: the closing or 落款 this line also is
    dated: int | None  # a title line: the bracketed date under it, when another token has that paragraph
    block_end: int  # the last title line: where the title block (repeats, date) ends


def _token(kind: str, first: int, last: int, text: str, heading: Heading | None = None,
           matched: tuple[str, ...] = (), as_heading: str = "") -> ParagraphToken:
    token = ParagraphToken(kind, text, start_pos=first, end_pos=last + 1)
    token.heading = heading
    token.matched = matched
    token.as_heading = as_heading
    token.also = ()
    token.dated = None
    token.block_end = last + 1
    return token


_TITLE_PARTS = ("CHROME", "TITLE", "TITLE_REPEAT", "TITLE_DATE")


def _raw_headings(paragraphs: tuple[Paragraph, ...], lines: list[Line], skip: set[int], body_end: int) -> list[Heading]:
    """Numbered headings (by marker) and styled ones (a Word heading style, Markdown '#')."""
    out: list[Heading] = []
    styled = [p.style_level for i, p in enumerate(paragraphs) if p.style_level and i not in skip]
    style_base = min(styled) if styled else 1
    for i in range(body_end):
        if i in skip:
            continue
        p, ln = paragraphs[i], lines[i]
        if ln.kind.startswith("heading"):
            style, ordinal = marker_style(ln.kind, ln.marker)
            out.append(Heading(i, int(ln.kind[-1]), ln.marker, style, ordinal, heading_text(ln.rest)))
        elif p.style_level and ln.kind == "body" and len(p.text) <= 60:
            level = min(4, max(1, p.style_level - style_base + 1))
            out.append(Heading(i, level, "", "styled", None, heading_text(p.text)))
    return out


def _heading_token(h: Heading, top: int, plan: Plan) -> ParagraphToken:
    """A heading's terminal: at the top level, the sections its text names; one level below,
    the nestable sections it names; deeper, a minor heading."""
    template = plan.template
    if h.level == top:
        keys = tuple(s.key for s in template.sections if _matches(s, h.text))
        if not keys:
            kind = "TOPIC_HEADING"
        elif len(keys) == 1:
            kind = plan.heading_terminal(keys[0])
        else:
            kind = "COMBINED_LATER_HEADING" if set(keys) & plan.closers else "COMBINED_HEADING"
    elif h.level == top + 1:
        keys = tuple(s.key for s in template.sections if s.key in plan.nested and _matches(s, h.text))
        kind = "SUBHEADING" if not keys else plan.subheading_terminal(keys[0]) if len(keys) == 1 else "COMBINED_SUBHEADING"
    else:
        keys, kind = (), "MINOR_HEADING"
    return _token(kind, h.index, h.index, h.label, h, keys)


def paragraph_tokens(paragraphs: tuple[Paragraph, ...], lines: list[Line], template: Template) -> list[ParagraphToken]:
    """The token stream the grammar parses."""
    plan = plan_of(template)
    title, title_idx = find_title(paragraphs, lines, template)
    signature, date_index, _organ = find_signature(paragraphs, lines)
    body_end = signature[0] if signature else len(paragraphs)
    headings = _raw_headings(paragraphs, lines, set(title_idx), body_end)
    top = min((h.level for h in headings), default=1)
    kinds: dict[int, ParagraphToken] = {h.index: _heading_token(h, top, plan) for h in headings}

    def put(i: int, kind: str) -> None:
        if i not in kinds:
            kinds[i] = _token(kind, i, i, paragraphs[i].text)
        elif kinds[i].type in _TITLE_PARTS:  # a title line that is also the closing or the 落款
            kinds[i].also += (kind,)

    for i in title_idx:
        put(i, "TITLE")
    for i in range(title_idx[0] if title_idx else 0):
        if i in kinds:  # a line above the title styled as a heading (a page's column name)
            h = kinds[i]
            kinds[i] = _token("CHROME", i, i, h.value, h.heading, h.matched, h.type)
    for i in range(title_idx[0] if title_idx else 0):
        put(i, "CHROME")
    start = (title_idx[-1] + 1) if title_idx else 0
    # the title repeated under itself (a page shows it as heading and again atop the article),
    # then a bracketed date, （2024年3月20日）: the 成文日期 written there. A line of the title
    # block that is also a heading stays a heading; the title says where its block ends.
    in_block = True
    while title and start < len(paragraphs) and paragraphs[start].text == title:
        in_block = in_block and start not in kinds
        if in_block:
            put(start, "TITLE_REPEAT")
        start += 1
    if title_idx and start < len(paragraphs) and _TITLE_DATE.fullmatch(paragraphs[start].text):
        if in_block and start not in kinds:
            put(start, "TITLE_DATE")
        else:
            kinds[title_idx[-1]].dated = start
        start += 1
    if title_idx:
        kinds[title_idx[-1]].block_end = start
    for i in signature:
        put(i, "SIGNATURE_DATE" if i == date_index else "SIGNATURE_ORGAN")
    if signature:
        for i in range(signature[-1] + 1, len(paragraphs)):
            put(i, "NOTE")
    # closing: trailing plain paragraphs after the last heading, before the 落款
    last_heading = headings[-1].index if headings else -1
    i = body_end - 1
    while i > last_heading and lines[i].kind == "body" and body_end - i <= 3:
        put(i, "CLOSING")
        i -= 1

    tokens: list[ParagraphToken] = []
    run = -1  # first paragraph of the plain run being read
    for i in range(len(paragraphs)):
        token = kinds.get(i)
        if token is None:
            if run < 0:
                run = i
            continue
        if run >= 0:
            tokens.append(_token("TEXT", run, i - 1, paragraphs[run].text))
            run = -1
        tokens.append(token)
    if run >= 0:
        tokens.append(_token("TEXT", run, len(paragraphs) - 1, paragraphs[run].text))
    return tokens


# --- the Transformer: parse → report model ------------------------------------------------
@dataclass(slots=True)
class _Sub:
    """A subsection: its headings (the first is its own), the nestable sections its heading
    matches, and its keys when the grammar decided them (a nested rule)."""

    headings: list[Heading]
    matched: tuple[str, ...]
    keys: tuple[str, ...] | None


@dataclass(slots=True)
class _Section:
    """A top-level section: the rule that parsed it, its headings (its own first) with keys."""

    rule: str
    headings: list[Heading]


@dataclass(slots=True)
class _Parsed:
    """The parts of the report the parse found, in paragraph indexes."""

    headings: list[Heading] = field(default_factory=list)  # every heading, with the section keys it names
    title: list[int] = field(default_factory=list)
    after_title: int = 0  # where what follows the title block starts
    title_date: int | None = None  # a bracketed date under the title
    closing: list[int] = field(default_factory=list)
    signature: list[int] = field(default_factory=list)
    signature_date: int | None = None
    parent: tuple[str, ...] = ()  # the keys of the last top-level heading above the title
    later: bool = False  # a heading above the title ends the measures' topics already


def _with_keys(h: Heading, keys: tuple[str, ...]) -> Heading:
    return Heading(h.index, h.level, h.marker, h.style, h.ordinal, h.text, keys)


def _minor(children: list) -> list[Heading]:
    return [t.heading for t in children if isinstance(t, Token) and t.type == "MINOR_HEADING"]


class _ReportBuilder(Transformer):
    """Builds, rule by rule, the parts of the report. The section rules' methods are made per
    template (see :func:`_parser`): each calls :meth:`section` or :meth:`nested` with its name."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self.keys_of_rule = plan.rule_keys()
        self.topic_rule = f"{plan.base[plan.collector]}_topic" if plan.collector else ""

    def section(self, name: str, children: list) -> _Section:
        """A top-level section: its keys by the rule that parsed it (a combined heading: the
        sections it names); a subsection's nested keys count only where the grammar allows them."""
        head = children[0]
        keys = self.keys_of_rule.get(name, head.matched if name.startswith("combined") else ())
        headings = [_with_keys(head.heading, keys)]
        for c in children[1:]:
            if isinstance(c, _Sub):
                sub_keys = c.keys if c.keys is not None else tuple(
                    k for k in c.matched if set(self.plan.nested[k]) & set(keys))
                headings.append(_with_keys(c.headings[0], sub_keys))
                headings += c.headings[1:]
            elif c.type == "MINOR_HEADING":
                headings.append(c.heading)
        return _Section(name, headings)

    def nested(self, name: str, children: list) -> _Sub:
        head = children[0]
        return _Sub([head.heading] + _minor(children[1:]), head.matched, self.keys_of_rule[name])

    def subsection(self, children: list) -> _Sub:
        head = children[0]
        return _Sub([head.heading] + _minor(children[1:]), head.matched, None)

    def minor_headings(self, children: list) -> list[Heading]:
        return _minor(children)

    def title(self, children: list) -> _Parsed:
        dates = [t.start_pos for t in children if t.type == "TITLE_DATE"] + [t.dated for t in children if t.dated is not None]
        above = [t for t in children if t.type == "CHROME" and t.heading is not None]
        headings, parent, later = self._above_title(above) if above else ([], (), False)
        return _Parsed(headings=headings, parent=parent, later=later,
                       title=[t.start_pos for t in children if t.type == "TITLE"],
                       after_title=max(t.block_end for t in children),
                       title_date=dates[0] if dates else None,
                       closing=[t.start_pos for t in children if "CLOSING" in t.also],
                       signature=[t.start_pos for t in children if {"SIGNATURE_ORGAN", "SIGNATURE_DATE"} & set(t.also)])

    def _above_title(self, tokens: list) -> tuple[list[Heading], tuple[str, ...], bool]:
        """Headings above the title (lines a page styles as headings): keys as the sections'
        rules would give them there, at the head of the report."""
        plan, out, parent, later = self.plan, [], (), False
        for t in tokens:
            if t.as_heading == "MINOR_HEADING":
                keys: tuple[str, ...] = ()
            elif t.as_heading.endswith("SUBHEADING"):
                keys = tuple(k for k in t.matched if set(plan.nested[k]) & set(parent))
            else:
                keys = t.matched or ((plan.collector,) if plan.collector and not later else ())
                later = later or bool(set(t.matched) & plan.closers)
                parent = keys
            out.append(_with_keys(t.heading, keys))
        return out, parent, later

    def opening(self, children: list) -> None:
        return None  # the opening runs from the title block to the first heading (see outline)

    def closing(self, children: list) -> _Parsed:
        return _Parsed(closing=[t.start_pos for t in children])

    def signature(self, children: list) -> _Parsed:
        dates = [t.start_pos for t in children if t.type == "SIGNATURE_DATE"]
        return _Parsed(signature=[t.start_pos for t in children if t.type != "NOTE"],
                       signature_date=dates[0] if dates else None)

    def start(self, children: list) -> _Parsed:
        parsed = _Parsed()
        for c in children:
            if isinstance(c, _Sub):  # a subsection before any top-level section: under the title's
                keys = tuple(k for k in c.matched if set(self.plan.nested[k]) & set(parsed.parent))
                parsed.headings += [_with_keys(c.headings[0], keys)] + c.headings[1:]
            elif isinstance(c, _Section):
                if parsed.later and c.rule == self.topic_rule:  # no topics after a later section
                    parsed.headings += [_with_keys(h, ()) for h in c.headings]
                else:
                    parsed.headings += c.headings
            elif isinstance(c, list):  # minor headings before any section
                parsed.headings += c
            elif isinstance(c, _Parsed):
                parsed.headings += c.headings
                if c.title:
                    parsed.title, parsed.after_title, parsed.title_date = c.title, c.after_title, c.title_date
                    parsed.parent, parsed.later = c.parent, c.later
                parsed.closing = sorted(parsed.closing + c.closing)
                parsed.signature = sorted(parsed.signature + c.signature)
                if c.signature_date is not None:
                    parsed.signature_date = c.signature_date
        return parsed


@per_template
def _parser(template: Template):
    plan = plan_of(template)
    methods: dict = {}
    for name in plan.rule_keys():
        if "_in_" in name:
            methods[name] = lambda self, c, _n=name: self.nested(_n, c)
        else:
            methods[name] = lambda self, c, _n=name: self.section(_n, c)
    for name in ("unnamed_section", "combined_section", "combined_later_section"):
        methods[name] = lambda self, c, _n=name: self.section(_n, c)
    builder = type("ReportBuilder", (_ReportBuilder,), methods)(plan)
    return parser_of(template, builder)


def _collected(headings: list[Heading], spec: SectionSpec, template: Template) -> list[Heading]:
    """A template's second section that collects unnamed top-level headings (the grammar models
    the first): those before its closing sections that are still unnamed become it, and the
    sections nested in it count under them."""
    top = min(h.level for h in headings)
    closers = set(spec.collects_unmatched_before)
    stop = next((i for i, h in enumerate(headings) if h.level == top and set(h.keys) & closers), len(headings))
    out = [_with_keys(h, (spec.key,)) if i < stop and h.level == top and not h.keys else h for i, h in enumerate(headings)]
    parent: tuple[str, ...] = ()
    for i, h in enumerate(out):
        if h.level == top:
            parent = h.keys
        elif h.level == top + 1 and not h.keys:
            keys = tuple(s.key for s in template.sections if set(s.nested_in) & set(parent) and _matches(s, h.text))
            if keys:
                out[i] = _with_keys(h, keys)
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
    parsed: _Parsed = _parser(template).parse(paragraph_tokens(paragraphs, lines, template))
    headings = parsed.headings
    for key in plan_of(template).more_collectors:
        if headings:
            headings = _collected(headings, template.section(key), template)
    title_idx, signature, closing = parsed.title, parsed.signature, parsed.closing
    title = "".join(paragraphs[i].text for i in title_idx) or None
    date_index = parsed.signature_date if parsed.signature_date is not None else parsed.title_date
    organ = next((paragraphs[i].text.strip() for i in signature if i != parsed.signature_date), None)
    body_end = signature[0] if signature else len(paragraphs)
    first_heading = headings[0].index if headings else body_end
    start = parsed.after_title
    opening = tuple(range(start, min(first_heading, body_end)))
    sections = _find_sections(paragraphs, headings, template, closing, body_end)

    found_year, year_source = year, "option" if year else None
    if found_year is None and title:
        found_year, year_source = year_in(title), "title"
    if found_year is None and opening:
        first_sentence = re.split(r"[。！？]", paragraphs[opening[0]].text, maxsplit=1)[0]
        found_year, year_source = year_in(first_sentence), "opening"
    if found_year is None:
        for h in headings:
            if h.keys and not template.keys_of("plan").intersection(h.keys) and year_in(h.text):
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
