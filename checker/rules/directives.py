"""Inline suppression: where a draft switches rules off, and a directive that names no rule.

A text, Markdown or HTML draft says ``<!-- fzcheck-disable RULE -->`` … ``<!-- fzcheck-enable
RULE -->`` on its own lines; a Word draft says ``fzcheck-disable RULE`` in a comment on the
paragraphs concerned. Each reader parses them where its format writes them, once, into
``Source.directives`` (which rules are off where, and every rule a directive names). A directive that
names a rule fzcheck does not have switches nothing off — most often a typo — so it is reported,
otherwise the writer believes a finding silenced that is not.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Report
from .declare import Hit, registry, rule
from .examples import variant

ORDER = 100  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

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
    for line, named in report.source.directives.named:
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
