"""Running the rules on a report: the engine alone stamps each hit with its rule id and severity.

Severity: the config's (``Options.rules``), else the template's (``severities:``), else the
template's per-case hint a check passes on (``Hit.severity``), else the default the rule declares
for that kind of finding (``Hit.case``), else the rule's default. A rule that is off (config or
template) is not run.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Iterable

from ..model import Finding, Report
from .declare import Hit, registry
from .phrases import phrase_hits

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Options
    from ..template import Template


def severity_of(rule_id: str, template: Template, options: Options, hinted: str = "", case: str = "") -> str:
    """Config wins over the template, the template over a check's template-derived hint, the hint
    over the default of the kind of finding (``case``), that over the rule's default."""
    if rule_id in options.rules:
        return options.rules[rule_id]
    if rule_id in template.severities:
        return template.severities[rule_id]
    rule = registry()[rule_id]
    return hinted or rule.case_severities.get(case) or rule.severity


def is_off(rule_id: str, template: Template, options: Options) -> bool:
    """Switched off by the config, or by the template where the config does not set it."""
    if rule_id in options.rules:
        return options.rules[rule_id] == "off"
    return template.severities.get(rule_id) == "off"


# At most this many findings of one rule are listed per file; the next one says the rest are
# left out. A draft never comes near it, but a file of a million unmatched brackets or XX
# placeholders would otherwise give a million findings (and as much memory and output).
MAX_PER_RULE = 2000
_TOO_MANY = f"（本文件中此类问题超过 {MAX_PER_RULE} 处，从这里起不再逐一列出，请先改正已列出的问题）"


def finding_of(report: Report, rule_id: str, h: Hit, severity: str) -> Finding:
    """The finding of a hit: its paragraph offsets mapped to 1-based source columns
    (``end_column`` exclusive); no paragraph, the start of the document."""
    if h.place is not None:
        line, column, end_line, end_column = h.place
        return Finding(rule_id, severity, line, column, end_line, end_column, h.message, h.suggestion, h.data)
    paragraphs = report.source.paragraphs
    if h.index is None or not paragraphs:
        return Finding(rule_id, severity, 1, 1, 1, 1, h.message, h.suggestion, h.data)
    p = paragraphs[h.index]
    end = len(p.text) if h.end is None else h.end
    start = max(0, min(h.start, len(p.text)))
    end = max(start, min(end, len(p.text)))
    line, column = p.source_place(start)
    end_line, end_column = p.source_end(end) if end > start else (line, column)
    return Finding(rule_id, severity, line, column, end_line, end_column, h.message, h.suggestion, h.data)


def run_checks(report: Report, template: Template, options: Options) -> tuple[Finding, ...]:
    found: list[Finding] = []
    source = report.source
    suppressed = source.directives  # the draft's own fzcheck-disable/enable, parsed by its reader
    rules = registry()
    running = [
        r for r in rules.values()
        if template.applies(r.id, report.year)  # the template says whether the rule is in force for the year
        and not is_off(r.id, template, options)
    ]
    phrased = phrase_hits(report, template, running, rules)  # every phrase rule in one pass
    for r in running:
        hits: Iterable[Hit] = phrased[r.id] if r.phrases is not None else r.check(report, template)
        listed = 0
        for h in hits:
            severity = severity_of(r.id, template, options, h.severity, h.case)
            if severity == "off":
                continue
            f = finding_of(report, r.id, h, severity)
            if suppressed and suppressed.covers(r.id, f.line):
                continue
            if listed == MAX_PER_RULE:
                found.append(dataclasses.replace(f, message=f.message + _TOO_MANY))
                break
            found.append(f)
            listed += 1
    found = unwritten_left_to_placeholders(report, found, template)
    found = [_inside(f, source.lines) for f in found]
    found.sort(key=Finding.sort_key)
    return tuple(found)


# For a section not written yet (nothing but placeholders, as a fresh ``fzcheck init`` skeleton has
# it) the placeholder findings already say what is missing: each rule declares what a placeholder
# can stand for (Rule.placeholder_stands_for).
_DATE_LEFT = re.compile(r"\s*(19|20)\d\d\s*年[^。，\n]{0,8}月[^。，\n]{0,8}日\s*$")  # 「2025年X月X日」


def unwritten_left_to_placeholders(report: Report, found: list[Finding], template: Template) -> list[Finding]:
    """Leave out what a placeholder already stands for: content rules on a section each of whose
    paragraphs opens with a placeholder (「【待补充】（写明……）」), the indicator rules when the
    measures are such a section, and a missing 落款 or date when the last paragraph is a date
    left to fill (「2025年X月X日」). A section with real text keeps every finding, also when a
    figure in it is still a placeholder (「培训XX次」)."""
    paragraphs = report.source.paragraphs
    starts = {}
    for p in paragraphs:
        starts.setdefault(p.line, p.source_column(0))
    # a paragraph that opens with a placeholder is a gap with a hint, not text with a gap in it
    anywhere = {f.line for f in found if f.rule == "placeholder"}
    if not anywhere:
        return found
    held = {f.line for f in found if f.rule == "placeholder" and f.column <= starts.get(f.line, 1)}
    unwritten: set[str] = set()
    lines_of: dict[str, set[int]] = {}
    for hit in report.sections:
        first = hit.start + 1 if hit.heading is not None else hit.start
        content = {p.line for p in paragraphs[first:hit.end]}
        lines_of.setdefault(hit.key, set()).update({p.line for p in paragraphs[hit.start:hit.end]})
        if content and content <= held:
            unwritten.add(hit.key)
        elif hit.key in unwritten:
            unwritten.discard(hit.key)
    gone_lines = set().union(*(lines_of[k] for k in unwritten)) if unwritten else set()
    date_left = bool(paragraphs) and paragraphs[-1].line in anywhere and bool(_DATE_LEFT.match(paragraphs[-1].text))

    rules = registry()

    def explained(f: Finding) -> bool:
        stands_for = rules[f.rule].placeholder_stands_for if f.rule in rules else ""
        if stands_for == "section":
            return f.data.get("section") in unwritten or f.line in gone_lines
        if stands_for == "measures":
            return bool(unwritten & template.keys_of("measures"))
        return stands_for == "signature" and date_left

    return [f for f in found if not explained(f)]


def _inside(f: Finding, lines: tuple[str, ...]) -> Finding:
    """The finding with its span kept inside the document: lines 1..len(lines), columns
    1..len(line)+1. Readers map paragraphs back to source lines as well as they can; where a
    paragraph's text is not the line's text (an HTML paragraph joined from several lines of
    markup, entities decoded), a span could otherwise run past the end of its line."""
    last = max(1, len(lines))

    def width(line: int) -> int:
        return len(lines[line - 1]) + 1 if lines else 1

    line = min(max(f.line, 1), last)
    end_line = min(max(f.end_line, line), last)
    column = min(max(f.column, 1), width(line))
    end_column = min(max(f.end_column, 1), width(end_line))
    if line == end_line:
        end_column = max(end_column, column)
    if (line, column, end_line, end_column) == (f.line, f.column, f.end_line, f.end_column):
        return f
    return dataclasses.replace(f, line=line, column=column, end_line=end_line, end_column=end_column)
