"""A template → the Lark grammar of the report it describes (``fzcheck grammar`` prints it).

The grammar's rules are the report's parts: title, opening, each section of the template by its
key (the mandatory ones named ``required_…``), the measures' topic sections, the
first-responsibility section also as a subsection of the measures, combined headings, closing,
落款. Its terminals are paragraphs: :mod:`checker.outline.lexer` decides what each paragraph is
(the classifier's heading markers, the template's heading patterns) and feeds one token per
paragraph (a run of plain paragraphs is one TEXT token), so Lark never reads characters and
recognition stays data. A draft may have its parts in any order and any part missing: the
grammar accepts it and the structure rules judge what it found. LALR, no conflicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Lark, Transformer
from lark.lexer import Lexer

from ..lark_cache import parser_from_text
from ..template import SectionSpec, Template

# Terminals every report grammar has (the section headings' terminals come from the template).
FIXED_TERMINALS: tuple[tuple[str, str], ...] = (
    ("CHROME", "短行，位于标题之前（网页栏目名、导航等）"),
    ("TITLE", "标题（一行，或两行合成）"),
    ("TITLE_REPEAT", "标题下重复的标题"),
    ("TITLE_DATE", "标题下括号中的成文日期：（2024年3月20日）"),
    ("TEXT", "连续的正文段落（含“一是……”枚举段、日期段）"),
    ("TOPIC_HEADING", "不对应模板任何章节的一级标题"),
    ("COMBINED_HEADING", "同时对应模板几个章节的一级标题（合并标题）"),
    ("SUBHEADING", "不对应模板章节的二级标题"),
    ("COMBINED_SUBHEADING", "同时对应几个可嵌套章节的二级标题"),
    ("MINOR_HEADING", "三级及更低的标题（正文的一部分）"),
    ("CLOSING", "最后一个标题之后、落款之前的结尾段落（至多三段）"),
    ("SIGNATURE_ORGAN", "落款：发文机关"),
    ("SIGNATURE_DATE", "落款：成文日期"),
    ("NOTE", "落款之后的附注：（此件公开发布）、抄送、联系人"),
)
LATER_COMBINED = "COMBINED_LATER_HEADING"


def _base(key: str, taken: set[str], n: int) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")
    if not base or not base[0].isalpha() or base in taken:
        base = f"section{n}"
    taken.add(base)
    return base


@dataclass(frozen=True)
class Plan:
    """Which terminal and rule stands for which template section."""

    template: Template
    base: dict[str, str]  # section key -> its name in the grammar (measures, first_responsibility…)
    collector: str | None  # the section that collects unnamed top-level sections (measures)
    closers: frozenset[str]  # sections that end the collector's topics
    nested: dict[str, tuple[str, ...]]  # section key -> the sections it may be a subsection of
    more_collectors: tuple[str, ...] = ()  # further collecting sections (rare): applied after the parse

    def heading_terminal(self, key: str) -> str:
        return self.base[key].upper() + "_HEADING"

    def subheading_terminal(self, key: str) -> str:
        return self.base[key].upper() + "_SUBHEADING"

    def rule(self, key: str) -> str:
        spec = self.template.section(key)
        return ("required_" if spec.required else "optional_") + self.base[key]

    def nested_rule(self, key: str, parent: str) -> str:
        return f"{self.rule(key)}_in_{self.base[parent]}"

    def rule_keys(self) -> dict[str, tuple[str, ...]]:
        """Rule name -> the section keys a section parsed by it is (the Transformer's table)."""
        out = {self.rule(s.key): (s.key,) for s in self.template.sections}
        for key, parents in self.nested.items():
            for parent in parents:
                out[self.nested_rule(key, parent)] = (key,)
        if self.collector:
            out[f"{self.base[self.collector]}_topic"] = (self.collector,)
        return out


def per_template(build):
    """Memoise ``build(template)`` per template object (templates are loaded once, and are not
    hashable: they hold the YAML's mappings)."""
    memo: dict[int, tuple[Template, object]] = {}

    def cached(template: Template):
        hit = memo.get(id(template))
        if hit is None or hit[0] is not template:
            if len(memo) >= 64:
                memo.clear()
            hit = memo[id(template)] = (template, build(template))
        return hit[1]

    cached.__doc__ = build.__doc__
    return cached


@per_template
def plan_of(template: Template) -> Plan:
    taken: set[str] = set()
    base = {s.key: _base(s.key, taken, i + 1) for i, s in enumerate(template.sections)}
    collector = next((s.key for s in template.sections if s.collects_unmatched_before), None)
    closers = frozenset(template.section(collector).collects_unmatched_before) - {collector} if collector else frozenset()
    keys = set(base)
    nested = {s.key: tuple(p for p in s.nested_in if p in keys) for s in template.sections if s.nested_in}
    more = tuple(s.key for s in template.sections if s.collects_unmatched_before and s.key != collector)
    return Plan(template, base, collector, closers, {k: v for k, v in nested.items() if v}, more)


def _describe(spec: SectionSpec) -> str:
    need = "必需" if spec.required else "可选"
    role = f"，role {spec.role}" if spec.role else ""
    return f"// {spec.title}（{need}{role}）"


def _patterns(spec: SectionSpec) -> str:
    """The section's heading patterns as the template writes them."""
    if spec.headings is None:
        return "（模板未给出标题模式，不识别）"
    return spec.headings.pattern.replace("\n", " ")


def _alts(items: list[str]) -> str:
    return " | ".join(items) if items else ""


def grammar_text(template: Template) -> str:
    """The Lark grammar of the report the template describes."""
    plan = plan_of(template)
    specs = template.sections
    sub_terminals = [plan.subheading_terminal(k) for k in plan.nested]
    required = [f"{s.key}（{s.title}）" for s in specs if s.required]
    optional = [f"{s.key}（{s.title}）" for s in specs if not s.required]
    out = [
        f"// 报告结构文法：模板 {template.name}（{template.label}）",
        "// 由 fzcheck 根据模板生成（checker/outline/grammar.py），Lark LALR 文法。",
        "//",
        "// 每个终结符是一个段落（TEXT 是连续的若干正文段落）。解析之前，词法器先判断每段是什么：",
        "// 标题序号（一、 （一） 1. （1） ①）、模板的标题模式（headings：标题对应哪个章节）、",
        "// 开头几行中的标题、末尾的落款。文法只排列这些段落，不逐字符解析。",
        "// 草稿的各部分可以任意顺序、任意缺少：文法都接受，由结构规则判断缺了什么、顺序对不对。",
        "//",
        "// 必需章节（缺少时报 section-missing）：" + ("、".join(required) or "无"),
        "// 可选章节：" + ("、".join(optional) or "无"),
        "",
        "start: _front _sections _back?",
        "",
        "_front: _head? _lead?",
        "_head: title opening? | opening",
        "title: CHROME* TITLE TITLE? _under_title?",
        "_under_title: TITLE_REPEAT+ TITLE_DATE? | TITLE_DATE",
        "opening: TEXT",
        "_lead: minor_headings subsection* | subsection+",
        "minor_headings: MINOR_HEADING _content*",
        "_content: TEXT | MINOR_HEADING",
        "// 章节的内容：正文，然后是二级标题下的各分项",
        "_body: _content+ subsection* | subsection+",
        "",
    ]
    top_rules: dict[str, str] = {}  # rule -> its heading terminal
    for s in specs:
        top_rules[plan.rule(s.key)] = plan.heading_terminal(s.key)
    collector, closers = plan.collector, plan.closers

    def subs_of(parent: str | None) -> str:
        """The subsections a section of ``parent`` may hold."""
        inside = [k for k, parents in plan.nested.items() if parent in parents]
        return f"_body_in_{plan.base[parent]}" if inside else "_body"

    body = []
    if collector:
        early = [plan.rule(s.key) for s in specs if s.key not in closers]
        early.insert(early.index(plan.rule(collector)) + 1, f"{plan.base[collector]}_topic")
        later = [plan.rule(s.key) for s in specs if s.key in closers] + ["combined_later_section"]
        anywhere = [plan.rule(s.key) for s in specs if s.key not in closers]
        cs = template.section(collector)
        body += [
            f"// 在 {'、'.join(plan.base[k] for k in sorted(closers, key=template.order.index))} 的标题之前，不对应任何章节的一级标题",
            f"// 是「{cs.title}」的分项（模板的 collects_unmatched_before）；之后的不是。",
            "_sections: _topics _later?",
            f"_topics: ({_alts(early + ['combined_section'])})*",
            f"_later: ({_alts(later)}) _any*",
            f"_any: {_alts(anywhere + ['unnamed_section', 'combined_section'] + later)}",
            "",
        ]
    else:
        body += [
            "_sections: _any*",
            f"_any: {_alts(list(top_rules) + ['unnamed_section', 'combined_section'])}",
            "",
        ]
    for s in specs:
        body += [_describe(s), f"{plan.rule(s.key)}: {plan.heading_terminal(s.key)} {subs_of(s.key)}?"]
    if collector:
        cs = template.section(collector)
        body += [
            f"// 「{cs.title}」的分项：一级标题不对应任何章节，位于后面各章节之前",
            f"{plan.base[collector]}_topic: TOPIC_HEADING {subs_of(collector)}?",
        ]
    body += [
        "// 其他一级标题：不对应任何章节",
        "unnamed_section: TOPIC_HEADING _body?",
        "// 合并标题（如「存在的问题及下一步打算」），对应它命名的每个章节",
        "combined_section: COMBINED_HEADING _body?",
    ]
    if collector:
        body.append(f"combined_later_section: {LATER_COMBINED} _body?")
    body.append("")
    parents = sorted({p for ps in plan.nested.values() for p in ps}, key=template.order.index)
    for parent in parents:
        inside = [k for k, ps in plan.nested.items() if parent in ps]
        other_subs = ["SUBHEADING", "COMBINED_SUBHEADING"] + [plan.subheading_terminal(k) for k in plan.nested if k not in inside]
        ps = template.section(parent)
        body.append(f"// 「{ps.title}」中的二级标题")
        body.append(f"_body_in_{plan.base[parent]}: _content+ _in_{plan.base[parent]}* | _in_{plan.base[parent]}+")
        body.append(f"_in_{plan.base[parent]}: {_alts([plan.nested_rule(k, parent) for k in inside])} | plain_subsection_in_{plan.base[parent]}")
        for k in inside:
            body += [_describe(template.section(k))[:-1] + f"，作为「{ps.title}」的二级标题）",
                     f"{plan.nested_rule(k, parent)}: {plan.subheading_terminal(k)} _content*"]
        body.append(f"plain_subsection_in_{plan.base[parent]}: ({_alts(other_subs)}) _content* -> subsection")
    body += [
        "// 二级标题：可嵌套的章节只在允许它的章节中算数",
        f"subsection: ({_alts(['SUBHEADING', 'COMBINED_SUBHEADING'] + sub_terminals)}) _content*",
        "",
        "_back: closing signature? | signature",
        "closing: CLOSING+",
        "// 落款；只有附注时，落款就是标题那一行（只有标题的草稿）",
        "signature: (SIGNATURE_ORGAN | SIGNATURE_DATE)+ NOTE* | NOTE+",
        "",
        "// 终结符（每个是一个段落，由词法器按模板识别）",
    ]
    for s in specs:
        body.append(f"%declare {plan.heading_terminal(s.key)}  // 一级标题，匹配「{s.title}」：{_patterns(s)}")
    for k in plan.nested:
        spec = template.section(k)
        body.append(f"%declare {plan.subheading_terminal(k)}  // 二级标题，匹配「{spec.title}」：{_patterns(spec)}")
    if collector:
        body.append(f"%declare {LATER_COMBINED}  // 合并标题，其中有 " + "/".join(sorted(closers, key=template.order.index)))
    for name, what in FIXED_TERMINALS:
        body.append(f"%declare {name}  // {what}")
    return "\n".join(out + body) + "\n"


class _Feed(Lexer):
    """The lexer Lark calls: the tokens are made beforehand (checker.outline.lexer)."""

    def __init__(self, lexer_conf) -> None:
        pass

    def lex(self, tokens):  # type: ignore[override]
        return iter(tokens)


def parser_of(template: Template, transformer: Transformer | None = None) -> Lark:
    """The template's report parser (LALR; its analysis cached on disk), with ``transformer``
    applied while parsing when given (then no tree is built)."""
    return parser_from_text("report", grammar_text(template), parser="lalr", lexer=_Feed, strict=True,
                            transformer=transformer)
