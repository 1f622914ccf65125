"""Text rules: placeholders, unbalanced marks, near-miss document names, secrecy markings."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..model import Finding, Report
from ..rules import Rule
from ..template import Template, _rx
from .base import finding, phrase_matches
from .examples import MINI, variant


# --- placeholder ---------------------------------------------------------------------------
def placeholder(report: Report, template: Template) -> Iterator[Finding]:
    for i, m in phrase_matches(report, template.phrases("placeholder")):
        yield finding(
            report, "placeholder", i,
            f"起草时留下的占位内容「{m.group(0)}」还没有替换。",
            "填入核实后的实际内容（数字、日期、名称），或删去这一处。",
            start=m.start(), end=m.end(), text=m.group(0),
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


def punct_unbalanced(report: Report, template: Template) -> Iterator[Finding]:
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
            yield finding(report, "punct-unbalanced", i, message, suggestion, start=pos, end=pos + 1, char=ch)


def _mark_name(ch: str) -> str:
    return {"《": "书名号", "〈": "书名号", "“": "引号", "（": "括号", "【": "方括号"}[_FAMILY[ch]]


# --- doc-name ------------------------------------------------------------------------------
_CITED = re.compile(r"《([^《》\n]{2,60})》")
_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "~": "-", "～": "-", "(": "（", ")": "）", " ": None, "\u3000": None})
_YEARS = re.compile(r"（[^（）]*\d{4}[^（）]*）")


def _key(name: str) -> str:
    """A name without its parenthesised year span and with one form of dash and bracket."""
    return _YEARS.sub("", name.translate(_DASHES))


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (limit + 1) beyond ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _catalogue(template: Template) -> tuple[tuple[str, str, re.Pattern | None], ...]:
    entries = template.raw.get("doc_names", [])
    return _compiled_catalogue(tuple((e["name"], tuple(e.get("variants", ()))) for e in entries))


@lru_cache(maxsize=16)
def _compiled_catalogue(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, str, re.Pattern | None], ...]:
    out = []
    for name, variants in entries:
        name = name.strip("《》")
        out.append((name, _key(name), _rx(variants)))
    return tuple(out)


def doc_name(report: Report, template: Template) -> Iterator[Finding]:
    catalogue = _catalogue(template)
    if not catalogue:
        return
    for i, p in enumerate(report.source.paragraphs):
        for m in _CITED.finditer(p.text):
            cited = m.group(1)
            name = _near_miss(cited, catalogue)
            if name is not None:
                yield finding(
                    report, "doc-name", i,
                    f"文件名称《{cited}》与《{name}》相近，疑似写错。",
                    f"核对文件名称，应为《{name}》。",
                    start=m.start(), end=m.end(), expected=f"《{name}》",
                )


@lru_cache(maxsize=4096)
def _near_miss(cited: str, catalogue: tuple[tuple[str, str, re.Pattern | None], ...]) -> str | None:
    """The known name that ``cited`` is a slip of, or None (remembered: reports cite the same
    documents over and over, and the edit distance is the costly part)."""
    key = _key(cited)
    for name, canonical_key, variants in catalogue:
        if key == canonical_key:
            return None  # the right document (year span and dash width aside)
        # a local document that contains the whole name (攸县…规定, …实施办法) is not a slip
        derived = canonical_key in key or key in canonical_key
        near = (variants is not None and variants.fullmatch(cited)) or (
            not derived and len(canonical_key) >= 8 and _distance(key, canonical_key, 2) <= 2
        )
        if near:
            return name
    return None


# --- secret-marking ------------------------------------------------------------------------
def secret_marking(report: Report, template: Template) -> Iterator[Finding]:
    for i, m in phrase_matches(report, template.phrases("secret_marking")):
        yield finding(
            report, "secret-marking", i,
            f"报告中有密级或内部标识「{m.group(0)}」：年度报告要向社会公开，不能含涉密或内部内容。",
            "删去密级标识；如确有涉密内容，删去该内容后再公开（涉及党和国家秘密的内容不公开）。",
            start=m.start(), end=m.end(), text=m.group(0),
        )


RULES = (
    Rule(
        "placeholder", "text", "error", "起草时的占位内容没删：XX件、××、X月X日、【待补充】、TODO",
        "占位符说明数据没有核实填写，带占位符公开是常见的低级错误。",
        "报告内容真实准确要求（《法治政府建设与责任落实督察工作规定》第二十五条）",
        variant("评查行政执法案卷180卷", "评查行政执法案卷XX卷"), MINI, placeholder,
    ),
    Rule(
        "punct-unbalanced", "text", "warning", "书名号、引号、括号、方括号在同一段内不配对",
        "标点不配对会让文件名称、引文的范围不清，是公开文本中的常见差错。",
        "GB/T 15834-2011《标点符号用法》",
        variant("“一网通办”覆盖县乡村三级", "“一网通办覆盖县乡村三级"), MINI, punct_unbalanced,
    ),
    Rule(
        "doc-name", "text", "warning", "引用的文件名称与已知文件名称相近但不一致（督查/督察、法制/法治）",
        "文件名称写错会误导读者，也反映出起草不严谨；“法制政府”“督查工作规定”是常见笔误。",
        "《法治政府建设与责任落实督察工作规定》等文件的正式名称",
        variant("全面推进法治政府建设。", "全面落实《法治政府建设与责任落实督查工作规定》。"),
        variant("全面推进法治政府建设。", "全面落实《法治政府建设与责任落实督察工作规定》。"),
        doc_name,
    ),
    Rule(
        "secret-marking", "text", "warning", "要公开的报告里有“秘密”“机密”“内部资料”等标识",
        "年度报告除涉及党和国家秘密的以外应当向社会公开；带密级或内部标识的文本不能直接公开。",
        "《法治政府建设与责任落实督察工作规定》第二十四条；《中华人民共和国保守国家秘密法》",
        variant("柳溪县2023年法治政府建设年度报告\n", "内部资料 注意保存\n柳溪县2023年法治政府建设年度报告\n"),
        MINI, secret_marking,
    ),
)
