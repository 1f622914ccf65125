"""The compiled template: typed records for every part of it, built once per load.

Nothing outside this package reads a template's YAML: the checks, the outline and the renderers
read these records, whose patterns are compiled already (one alternation per list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from .schema import compiled


def _rx(patterns: list[str] | tuple[str, ...] | None) -> re.Pattern | None:
    """One compiled alternation of a list of patterns (the one validation compiled), or None."""
    return compiled(tuple(patterns)) if patterns else None


def _in_years(since: int | None, until: int | None, year: int | None) -> bool:
    if year is None:
        return True
    return (since is None or year >= since) and (until is None or year <= until)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    role: str  # ROLES, or '' for a section that is none of them
    required: bool
    title: str
    short: str  # the title in a few words (a column heading)
    heading: str
    regulation: str
    headings: re.Pattern | None
    nested_in: tuple[str, ...]
    collects_unmatched_before: tuple[str, ...]
    cues: re.Pattern | None
    mention: re.Pattern | None
    min_chars: int
    causes: re.Pattern | None
    evidence: tuple[tuple[str, re.Pattern], ...]
    missing_severity: str | None
    suggestions: Mapping[str, str] = field(default_factory=dict)  # rule id -> its suggestion here


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator topic the measures report on (indicator-missing, indicator-no-data)."""

    key: str
    topic: str
    figures: str  # what figures to report (the suggestion of indicator-missing)
    patterns: re.Pattern[str]
    zero: re.Pattern[str] | None  # an explicit zero that counts as reported
    severity: str  # '' for the rule's default; 'off' drops the topic
    since: int | None = None  # first reporting year the topic applies to
    until: int | None = None  # last reporting year it applies to

    def applies(self, year: int | None) -> bool:
        return _in_years(self.since, self.until, year)


@dataclass(frozen=True)
class DocName:
    """A document reports cite, by its canonical name (doc-name)."""

    name: str  # as the template writes it, with 《》
    variants: re.Pattern | None  # known wrong spellings of it
    since: int | None
    until: int | None

    @property
    def bare(self) -> str:
        return self.name.strip("《》")


@dataclass(frozen=True)
class Term:
    """A word drafters confuse with the regulation's (term-usage)."""

    wrong: str
    right: str
    patterns: re.Pattern
    since: int | None
    until: int | None

    def applies(self, year: int | None) -> bool:
        return _in_years(self.since, self.until, year)


@dataclass(frozen=True)
class PhraseSet:
    """A named list of phrases (placeholder, period_partial, time_relative, secret_marking)."""

    name: str
    sources: tuple[str, ...]  # the patterns as written
    pattern: re.Pattern | None


@dataclass(frozen=True)
class Deadlines:
    """Month-day of the year after the reporting year (``03-31``, ``02-end``), None when none;
    and what the template says of each."""

    publish: str | None
    submit: str | None
    publish_note: str = ""
    submit_note: str = ""

    def get(self, kind: str, default: str | None = None) -> str | None:
        return {"publish": self.publish, "submit": self.submit}.get(kind, default)

    def note(self, kind: str) -> str:
        return {"publish": self.publish_note, "submit": self.submit_note}.get(kind, "")


@dataclass(frozen=True)
class Title:
    canonical: str
    required: re.Pattern
    cues: re.Pattern | None
    wrong_names: tuple[tuple[str, re.Pattern], ...]


@dataclass(frozen=True)
class DutyKind:
    """A kind of evidence of the first-responsibility duty (duty-evidence-incomplete)."""

    key: str
    name: str
    patterns: re.Pattern
    scope: str  # 'section' | 'report'
    minimum: int | None
    indicator: str | None = None  # the indicator topic whose mentions in the judged text this kind judges


@dataclass(frozen=True)
class DutyEvidence:
    section: str  # the key of the section judged; '' when the template judges none
    kinds: tuple[DutyKind, ...]
    figures: re.Pattern | None
    acts: re.Pattern | None
    not_evidence: tuple[str, ...]  # sections a kind of scope report is not looked for in


@dataclass(frozen=True)
class PersonalInfo:
    code_context: re.Pattern | None
    amount_after: re.Pattern | None
    contact_line: re.Pattern | None


@dataclass(frozen=True)
class CopyPrevious:
    stock_phrases: re.Pattern | None
    similarity: int
    min_chars: int
    share: int
    whole_sections: tuple[str, ...]
    figure_sections: tuple[str, ...]


@dataclass(frozen=True)
class SubjectCheck:
    no_subject: str
    mismatch: str


@dataclass(frozen=True)
class YearSpan:
    since: int | None
    until: int | None


@dataclass(frozen=True)
class StageChain:
    """Stages of one matter in order (收到 → 受理 → 审结): a later stage cannot exceed an earlier
    one, unless one of ``carry_over`` (上年结转) is in the sentence."""

    key: str
    stages: tuple[tuple[str, re.Pattern], ...]  # (name, pattern)
    carry_over: re.Pattern | None


@dataclass(frozen=True)
class StageChains:
    words: re.Pattern  # a sentence is read for stages when it has one of these
    chains: tuple[StageChain, ...]


@dataclass(frozen=True)
class Rate:
    """A rate and the counts it is computed from (纠错率 = 纠错数 ÷ 审结数)."""

    key: str
    rate: re.Pattern
    numerator: re.Pattern
    denominator: re.Pattern


@dataclass(frozen=True)
class Template:
    name: str
    label: str
    description: str
    path: str  # where it was loaded from
    sections: tuple[SectionSpec, ...]
    deadlines: Deadlines
    severities: Mapping[str, str]
    title: Title
    indicators: tuple[IndicatorSpec, ...]
    doc_names: tuple[DocName, ...]
    terms: tuple[Term, ...]
    phrase_sets: Mapping[str, PhraseSet]
    duty_evidence: DutyEvidence
    personal_info: PersonalInfo
    copy_previous: CopyPrevious
    subject_check: SubjectCheck
    applies_to: Mapping[str, YearSpan]  # rule id -> reporting years it applies to
    quoted_terms: tuple[str, ...]  # fixed expressions the template writes in quotes (“一网通办”), longest first
    suggestions: Mapping[str, str] = field(default_factory=dict)  # rule id -> what its finding suggests
    stage_chains: StageChains | None = None  # count-inconsistent
    rates: tuple[Rate, ...] = ()  # ratio-mismatch, in order: the first whose name ends a clause is checked

    def section(self, key: str) -> SectionSpec:
        return next(s for s in self.sections if s.key == key)

    def by_role(self, role: str) -> tuple[SectionSpec, ...]:
        """The sections of a role (``measures``, ``shortcomings``, ``duty``, ``plan``, ``other``)."""
        return tuple(s for s in self.sections if s.role == role)

    def keys_of(self, role: str) -> frozenset[str]:
        """The keys of the sections of a role."""
        return frozenset(s.key for s in self.sections if s.role == role)

    def role_of(self, key: str) -> str:
        return next((s.role for s in self.sections if s.key == key), "")

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    @property
    def title_canonical(self) -> str:
        return self.title.canonical

    @property
    def title_required(self) -> re.Pattern:
        return self.title.required

    @property
    def title_cues(self) -> re.Pattern | None:
        return self.title.cues

    @property
    def wrong_names(self) -> tuple[tuple[str, re.Pattern], ...]:
        return self.title.wrong_names

    def applies(self, rule_id: str, year: int | None) -> bool:
        """Does rule ``rule_id`` apply to a report on ``year`` (the template's ``applies``)?"""
        span = self.applies_to.get(rule_id)
        return span is None or _in_years(span.since, span.until, year)

    def suggestion(self, rule_id: str, default: str, section: SectionSpec | None = None) -> str:
        """What a finding of ``rule_id`` suggests: the section's wording, the template's, else
        ``default`` (the rule's own)."""
        if section is not None and rule_id in section.suggestions:
            return section.suggestions[rule_id]
        return self.suggestions.get(rule_id, default)

    def rule_ids_named(self) -> dict[str, tuple[str, ...]]:
        """The rule ids the template names, by where (to check them against the registry)."""
        named = {
            "severities": tuple(self.severities), "applies": tuple(self.applies_to),
            "suggestions": tuple(self.suggestions),
        }
        for s in self.sections:
            named[f"sections.{s.key}.suggestions"] = tuple(s.suggestions)
        return named

    def phrase_list(self, name: str) -> tuple[str, ...]:
        """The patterns of phrase list ``name`` (none when the template has no such list)."""
        found = self.phrase_sets.get(name)
        return found.sources if found else ()


def _strings(value: Any) -> list[str]:
    """Every string in a template's data (for the quoted expressions)."""
    out, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


_QUOTED = re.compile(r"“([^“”\s\\\[\]()?*+{}|^$]{2,12})”")  # not a piece of a regular expression


def _section(s: Mapping[str, Any]) -> SectionSpec:
    return SectionSpec(
        key=s["key"],
        role=s.get("role", ""),
        required=s.get("required", False),
        title=s["title"],
        short=s.get("short", s["title"]),
        heading=s.get("heading", s["title"]),
        regulation=s["regulation"],
        headings=_rx(s.get("headings")),
        nested_in=tuple(s.get("nested_in", ())),
        collects_unmatched_before=tuple(s.get("collects_unmatched_before", ())),
        cues=_rx(s.get("cues")),
        mention=_rx(s.get("mention")),
        min_chars=s.get("min_chars", 0),
        causes=_rx(s.get("causes")),
        evidence=tuple((k, _rx(v)) for k, v in s.get("evidence", {}).items()),
        missing_severity=s.get("missing_severity"),
        suggestions=dict(s.get("suggestions", {})),
    )


def _indicator(i: Mapping[str, Any]) -> IndicatorSpec:
    return IndicatorSpec(
        key=i["key"], topic=i["topic"], figures=i.get("figures") or f"{i['topic']}方面的具体数据",
        patterns=_rx(i["patterns"]), zero=_rx(i.get("zero")), severity=i.get("severity", ""),
        since=i.get("since"), until=i.get("until"),
    )


def _duty_evidence(d: Mapping[str, Any] | None) -> DutyEvidence:
    if not d:
        return DutyEvidence("", (), None, None, ())
    kinds = tuple(
        DutyKind(k["key"], k["name"], _rx(k["patterns"]), k.get("scope", "section"), k.get("min"), k.get("indicator"))
        for k in d["kinds"]
    )
    return DutyEvidence(d["section"], kinds, _rx(d["figures"]), _rx(d.get("acts")), tuple(d.get("not_evidence", ())))


def _stage_chains(d: Mapping[str, Any] | None) -> StageChains | None:
    if not d:
        return None
    return StageChains(_rx(d["words"]), tuple(
        StageChain(c["key"], tuple((st["name"], _rx(st["patterns"])) for st in c["stages"]), _rx(c.get("carry_over")))
        for c in d["chains"]
    ))


def _own_phrases(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Phrase lists a rule's own block holds (``request_in_report: {phrases: […]}``), by block name."""
    return {name: block["phrases"] for name, block in data.items() if isinstance(block, dict) and block.get("phrases")}


def _keys_of(sections: tuple[SectionSpec, ...], *roles: str) -> tuple[str, ...]:
    return tuple(s.key for s in sections if s.role in roles)


def build(data: Mapping[str, Any], path: str) -> Template:
    """The records of a merged, validated template."""
    sections = tuple(_section(s) for s in data["sections"])
    title = data["title"]
    deadlines, notes = data["deadlines"], data.get("deadline_notes", {})
    copy = data.get("copy_previous", {})
    personal = data.get("personal_info", {})
    subject = data.get("subject_check", {})
    return Template(
        name=data["name"],
        label=data["label"],
        description=data.get("description", ""),
        path=path,
        sections=sections,
        deadlines=Deadlines(
            deadlines.get("publish"), deadlines.get("submit"), notes.get("publish", ""), notes.get("submit", "")
        ),
        severities=dict(data.get("severities", {})),
        title=Title(
            title["canonical"], _rx(title["required"]), _rx(title.get("cues")),
            tuple((k, _rx(v)) for k, v in title.get("wrong_names", {}).items()),
        ),
        indicators=tuple(_indicator(i) for i in data.get("indicators", ())),
        doc_names=tuple(
            DocName(d["name"], _rx(d.get("variants")), d.get("since"), d.get("until")) for d in data.get("doc_names", ())
        ),
        terms=tuple(
            Term(t["wrong"], t["right"], _rx(t["patterns"]), t.get("since"), t.get("until")) for t in data.get("terms", ())
        ),
        # the lists under ``phrases:`` and a rule's own block of phrases (``request_in_report: {phrases: […]}``)
        phrase_sets={
            name: PhraseSet(name, tuple(patterns), _rx(patterns))
            for name, patterns in {**data.get("phrases", {}), **_own_phrases(data)}.items()
        },
        duty_evidence=_duty_evidence(data.get("duty_evidence")),
        personal_info=PersonalInfo(
            _rx(personal.get("code_context")), _rx(personal.get("amount_after")), _rx(personal.get("contact_line"))
        ),
        copy_previous=CopyPrevious(
            _rx(copy.get("stock_phrases")),
            copy.get("similarity", 90),
            copy.get("min_chars", 12),
            copy.get("share", 50),
            tuple(copy.get("whole_sections", _keys_of(sections, "shortcomings", "plan"))),
            tuple(copy.get("figure_sections", _keys_of(sections, "measures"))),
        ),
        subject_check=SubjectCheck(subject.get("no_subject", "info"), subject.get("mismatch", "warning")),
        applies_to={
            rule_id: YearSpan(span.get("since"), span.get("until")) for rule_id, span in (data.get("applies") or {}).items()
        },
        quoted_terms=tuple(sorted(
            {m for text in _strings(dict(data)) for m in _QUOTED.findall(text)}, key=lambda t: (-len(t), t)
        )),
        suggestions=dict(data.get("suggestions", {})),
        stage_chains=_stage_chains(data.get("stage_chains")),
        rates=tuple(Rate(r["key"], _rx(r["rate"]), _rx(r["numerator"]), _rx(r["denominator"])) for r in data.get("rates") or ()),
    )
