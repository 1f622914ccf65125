"""Inline suppression: where a draft switches rules off, and a directive that names no rule.

A text, Markdown or HTML draft says ``<!-- fzcheck-disable RULE -->`` … ``<!-- fzcheck-enable
RULE -->`` on its own lines; a Word draft says ``fzcheck-disable RULE`` in a comment on the
paragraphs concerned (the reader puts those ranges in ``Source.suppressed``). A directive that
names a rule fzcheck does not have switches nothing off — most often a typo — so it is reported,
otherwise the writer believes a finding silenced that is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..model import Report, Source
from ..read.normalize import Suppressions, find_directives
from .declare import Hit, registry, rule
from .examples import variant

ORDER = 100  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

# Kinds whose own source lines carry <!-- fzcheck-… --> comments (HTML lines are the page's markup).
LINE_DIRECTIVE_KINDS = ("txt", "md", "html")


@dataclass(frozen=True)
class RangeSuppressions:
    """Rules switched off on ranges of lines (paragraphs of a Word draft), from reader comments."""

    ranges: tuple[tuple[int, int, tuple[str, ...]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def covers(self, rule: str, line: int) -> bool:
        return any(first <= line <= last and (not rules or rule in rules) for first, last, rules in self.ranges)


def suppressions(source: Source) -> Suppressions | RangeSuppressions:
    """What the draft switches off, from its lines or from the ranges its reader found."""
    if source.suppressed:
        return RangeSuppressions(source.suppressed)
    if source.kind in LINE_DIRECTIVE_KINDS:
        return Suppressions.from_lines(source.lines)
    return Suppressions()


def _named(source: Source) -> Iterator[tuple[int, str]]:
    """(line, rule) for every rule a directive of the draft names."""
    if source.suppressed:
        for first, _, rules in source.suppressed:
            for rule in rules:
                yield first, rule
    elif source.kind in LINE_DIRECTIVE_KINDS:
        for d in find_directives(source.lines):
            for rule in d.rules:
                yield d.line, rule


@rule(
    id="directive-unknown",
    family="text",
    severity="warning",
    summary="局部关闭规则的指令（fzcheck-disable/enable）写了不存在的规则",
    rationale="指令里的规则编号写错时，这条指令什么也不关闭；不报告的话，起草人会以为问题已被确认并关闭。",
    source="fzcheck 的局部关闭指令（见 README“配置文件”一节）",
    bad=variant("（一）深化", "<!-- fzcheck-disable section-thn -->\n（一）深化"),
    good=variant("（一）深化", "<!-- fzcheck-disable section-thin -->\n（一）深化"),
)
def check_directive_unknown(report: Report, template) -> Iterator[Hit]:
    known = registry()
    for line, named in _named(report.source):
        if named not in known:
            text = report.source.lines[line - 1] if 0 < line <= len(report.source.lines) else ""
            at = text.find(named)
            column = at + 1 if at >= 0 else 1
            end = column + len(named) if at >= 0 else column
            yield Hit(
                None,
                f"fzcheck-disable/enable 指令中的「{named}」不是 fzcheck 的规则，这条指令对它不起作用。",
                "改成 fzcheck rules 列出的规则编号（如 time-relative），或删去这条指令。",
                data={"rule": named},
                place=(line, column, line, end),
            )
