"""Text rules: placeholders, unbalanced marks, near-miss document names, secrecy markings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..model import Report
from .declare import Hit, Phrases, Wording, hit_at, rule
from ..template import Template
from .phrases import phrase_rule
from .examples import MINI, variant

ORDER = 50  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)


# --- placeholder ---------------------------------------------------------------------------
phrase_rule(
    module=__name__,
    id="placeholder",
    family="text",
    severity="error",
    summary="起草时的占位内容没删：XX件、××、X月X日、【待补充】、TODO",
    rationale="占位符说明数据没有核实填写，带占位符公开是常见的低级错误。",
    source="报告内容真实准确要求（《法治政府建设与责任落实督察工作规定》）",
    bad=variant("评查行政执法案卷180卷", "评查行政执法案卷XX卷"),
    good=MINI,
    phrases=Phrases("placeholder", (Wording(
        "起草时留下的占位内容「{text}」还没有替换。",
        "填入核实后的实际内容（数字、日期、名称），或删去这一处。",
    ),)),
)


# --- punct-unbalanced ----------------------------------------------------------------------
# Pairs checked within one paragraph. Full- and half-width parentheses are one family: drafts
# mix them (（2021-2025) is untidy, not unbalanced).
_PAIRS = {"《": "》", "“": "”", "（": "）", "(": ")", "【": "】", "〈": "〉"}
_FAMILY = {"《": "《", "》": "《", "“": "“", "”": "“", "（": "（", "(": "（", "）": "（", ")": "（",
           "【": "【", "】": "【", "〈": "〈", "〉": "〈"}
_OPENERS = set(_PAIRS)
_MARKS = re.compile("[" + re.escape("".join(_FAMILY)) + "]")
_CLOSE_OF_FAMILY = {"《": "》", "“": "”", "（": "）", "【": "】", "〈": "〉"}


def unbalanced(text: str) -> list[tuple[int, str, str]]:
    """(offset, mark, 'open'|'close') for every mark in ``text`` without its partner."""
    stacks: dict[str, list[tuple[int, str]]] = {}
    problems: list[tuple[int, str, str]] = []
    for m in _MARKS.finditer(text):
        pos, ch = m.start(), m.group()
        family = _FAMILY[ch]
        if ch in _OPENERS:
            stacks.setdefault(family, []).append((pos, ch))
        elif stacks.get(family):
            stacks[family].pop()
        else:
            problems.append((pos, ch, "close"))
    for family, stack in stacks.items():
        problems.extend((pos, ch, "open") for pos, ch in stack)
    return sorted(problems)


def _context(text: str, pos: int) -> str:
    return text[pos + 1: pos + 11].split("\n")[0]


@rule(
    id="punct-unbalanced",
    family="text",
    severity="warning",
    summary="书名号、引号、括号、方括号在同一段内不配对",
    rationale="标点不配对会让文件名称、引文的范围不清，是公开文本中的常见差错。",
    source="GB/T 15834-2011《标点符号用法》",
    bad=variant("“一网通办”覆盖县乡村三级", "“一网通办覆盖县乡村三级"),
    good=MINI,
)
def punct_unbalanced(report: Report, template: Template) -> Iterator[Hit]:
    for i, p in enumerate(report.source.paragraphs):
        for pos, ch, kind in unbalanced(p.text):
            partner = _CLOSE_OF_FAMILY[_FAMILY[ch]]
            opener = _FAMILY[ch]
            if kind == "open":
                message = f"{_mark_name(ch)}「{ch}」没有闭合：从「{ch}{_context(p.text, pos)}…」开始，本段内找不到「{partner}」。"
                suggestion = f"在{_mark_name(ch)}内容结束处补上「{partner}」。"
            else:
                before = p.text[max(0, pos - 10): pos]
                message = f"{_mark_name(ch)}「{ch}」前面没有对应的「{opener}」（在「…{before}{ch}」处）。"
                suggestion = f"在{_mark_name(ch)}内容开始处补上「{opener}」，或删去多余的「{ch}」。"
            yield hit_at(i, message, suggestion, start=pos, end=pos + 1, char=ch)


def _mark_name(ch: str) -> str:
    return {"《": "书名号", "〈": "书名号", "“": "引号", "（": "括号", "【": "方括号"}[_FAMILY[ch]]


# --- doc-name ------------------------------------------------------------------------------
# A near miss is a known confusion, not any similar name: two laws whose names differ in a
# word (行政复议法 / 行政诉讼法) are different laws, and a county's own 《法治某县建设规划》 is not
# 《法治中国建设规划》. Known confusions: word pairs drafters mix up (督查/督察, 法制/法治), and one
# character dropped, added or two neighbours swapped in a catalogue name. Where the catalogue
# holds several editions of one document (纲要 2015–2020 and 2021–2025), the suggestion names
# the edition the citation's years give, else the one in force in the report's year.
_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "~": "-", "～": "-", "(": "（", ")": "）", " ": None, "\u3000": None})
_YEARS = re.compile(r"（[^（）]*\d{4}[^（）]*）")
_SPAN = re.compile(r"(\d{4})\D{0,3}(\d{4})")
_CONFUSED = (("督查", "督察"), ("法制", "法治"))


def _key(name: str) -> str:
    """A name without its parenthesised year span and with one form of dash and bracket."""
    return _YEARS.sub("", name.translate(_DASHES))


def _span_of(name: str) -> tuple[int, int] | None:
    m = _YEARS.search(name.translate(_DASHES))
    if m is None:
        return None
    years = _SPAN.search(m.group(0))
    return (int(years.group(1)), int(years.group(2))) if years else None


def _one_slip(a: str, b: str) -> bool:
    """``a`` is ``b`` with one character dropped or added, or two neighbours swapped."""
    if abs(len(a) - len(b)) == 1:
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    return False


def _confused(key: str, canonical_key: str) -> bool:
    """``key`` is the canonical name with known confusions (and at most one slip besides)."""
    fixed = key
    for wrong, right in _CONFUSED:
        fixed = fixed.replace(wrong, right)
    if fixed == key:
        return False
    return fixed == canonical_key or _one_slip(fixed, canonical_key)


@dataclass(frozen=True)
class _Entry:
    name: str
    key: str
    variants: re.Pattern | None
    since: int | None
    until: int | None


def _catalogue(template: Template) -> tuple[_Entry, ...]:
    return _compiled_catalogue(template.doc_names)


@lru_cache(maxsize=16)
def _compiled_catalogue(entries: tuple) -> tuple[_Entry, ...]:
    out = []
    for entry in entries:
        out.append(_Entry(entry.bare, _key(entry.bare), entry.variants, entry.since, entry.until))
    return tuple(out)


@rule(
    id="doc-name",
    family="text",
    severity="warning",
    summary="引用的文件名称与已知文件名称相近但不一致（督查/督察、法制/法治）",
    rationale="文件名称写错会误导读者，也反映出起草不严谨；“法制政府”“督查工作规定”是常见笔误。",
    source="《法治政府建设与责任落实督察工作规定》等文件的正式名称",
    bad=variant("全面推进法治政府建设。", "全面落实《法治政府建设与责任落实督查工作规定》。"),
    good=variant("全面推进法治政府建设。", "全面落实《法治政府建设与责任落实督察工作规定》。"),
)
def doc_name(report: Report, template: Template) -> Iterator[Hit]:
    catalogue = _catalogue(template)
    if not catalogue:
        return
    for i in range(len(report.source.paragraphs)):
        for title in report.readings.titles(i):
            cited = title.name
            name = _near_miss(cited, catalogue, report.year)
            if name is not None:
                yield hit_at(
                    i,
                    f"文件名称《{cited}》与《{name}》相近，疑似写错。",
                    f"核对文件名称，应为《{name}》。",
                    start=title.start, end=title.end, expected=f"《{name}》",
                )


@lru_cache(maxsize=4096)
def _near_miss(cited: str, catalogue: tuple[_Entry, ...], year: int | None = None) -> str | None:
    """The known name that ``cited`` is a slip of, or None (remembered: reports cite the same
    documents over and over)."""
    key = _key(cited)
    matches = []
    for entry in catalogue:
        if key == entry.key:
            return None  # the right document (year span and dash width aside)
        near = (entry.variants is not None and entry.variants.fullmatch(cited)) or (
            len(entry.key) >= 8 and (_confused(key, entry.key) or _one_slip(key, entry.key))
        )
        if near:
            matches.append(entry)
    if not matches:
        return None
    return _edition(matches, _span_of(cited), year).name


def _edition(entries: list[_Entry], span: tuple[int, int] | None, year: int | None) -> _Entry:
    """Of the editions of one document, the one the cited years name, else the one in force."""
    if span is not None:
        for e in entries:
            if _span_of(e.name) == span:
                return e
    if year is not None:
        for e in entries:
            if (e.since is None or year >= e.since) and (e.until is None or year <= e.until):
                return e
    return entries[0]


# --- term-usage ----------------------------------------------------------------------------
def _term_patterns(template: Template, year: int | None) -> tuple[tuple[str, str, re.Pattern], ...]:
    """(wrong, right, pattern) of each term that applies to reporting year ``year``."""
    return tuple((t.wrong, t.right, t.patterns) for t in template.terms if t.applies(year))


@rule(
    id="term-usage",
    family="text",
    severity="warning",
    summary="正文中把“法治”写成“法制”、把“督察”写成“督查”（法制政府、法制化营商环境、法治督查）",
    rationale="2014年党的十八届四中全会以来，规定用语是“法治政府”“法治化营商环境”；《法治政府建设与责任落实督察工作规定》"
    "规定的是法治督察。用错一字，意思就变了，也显得起草不严谨。",
    source="《法治政府建设实施纲要（2021－2025年）》；《法治政府建设与责任落实督察工作规定》",
    bad=variant("全面推进法治政府建设。", "全面推进法制政府建设。"),
    good=MINI,
)
def term_usage(report: Report, template: Template) -> Iterator[Hit]:
    """法制 for 法治, 督查 for 督察 in running text where the regulation's word is meant (a cited
    title's words are doc-name's)."""
    terms = _term_patterns(template, report.year)
    if not terms:
        return
    for i, p in enumerate(report.source.paragraphs):
        cited = None
        for wrong, right, rx in terms:
            for m in rx.finditer(p.text):
                if cited is None:
                    cited = report.readings.titles(i)
                if any(t.start <= m.start() < t.end for t in cited):
                    continue
                used = m.group(0)
                fixed = used.replace(wrong, right)
                yield hit_at(
                    i,
                    f"「{used}」用词有误：应为「{fixed}」（“{wrong}”与“{right}”含义不同，规定用的是“{right}”）。",
                    f"改为「{fixed}」。",
                    start=m.start(), end=m.end(), expected=fixed,
                )


# --- secret-marking ------------------------------------------------------------------------
phrase_rule(
    module=__name__,
    id="secret-marking",
    family="text",
    severity="warning",
    summary="要公开的报告里有“秘密”“机密”“内部资料”等标识",
    rationale="年度报告除涉及党和国家秘密的以外应当向社会公开；带密级或内部标识的文本不能直接公开。",
    source="《法治政府建设与责任落实督察工作规定》第二十四条；《中华人民共和国保守国家秘密法》",
    bad=variant("柳溪县2023年法治政府建设年度报告\n", "内部资料 注意保存\n柳溪县2023年法治政府建设年度报告\n"),
    good=MINI,
    phrases=Phrases("secret_marking", (Wording(
        "报告中有密级或内部标识「{text}」：年度报告要向社会公开，不能含涉密或内部内容。",
        "删去密级标识；如确有涉密内容，删去该内容后再公开（涉及党和国家秘密的内容不公开）。",
    ),)),
)
