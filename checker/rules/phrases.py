"""The one check of every phrase rule: each match of a list of the template's phrases is a hit.

The lists a report needs are run together: one combined alternation of all their patterns (their
leading look-behinds left out) is searched once per paragraph, and only a paragraph where it
finds something is searched list by list, from the first place anything could match. A list's
own matches are exactly those of its pattern run alone (lists may overlap, and the screen
matches more than the patterns do, so it only screens); a look-ahead for the characters a match
can start with lets it skip through a paragraph fast. The wording of
each rule's findings is data in its declaration (:class:`Wording`).
"""

from __future__ import annotations

import re
import re._casefix as _casefix  # the re module's own parser and case folds: a pattern's first characters
import re._constants as _sre
import re._parser as _sre_parse
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping

from .declare import Hit, Phrases, Rule, Wording, declare_rule, hit_at, registry

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report
    from ..template import Template


def list_patterns(template: Template, name: str) -> tuple[str, ...]:
    """The patterns of the template's phrase list ``name`` (``phrases: {name: […]}``, or a rule's
    own block ``name: {phrases: […]}``: both are the template's phrase sets)."""
    return template.phrase_list(name)


# A leading look-behind (or ^) of a pattern: left out of the screen. Without them the screen
# matches wherever a pattern matches (and more), and Python's regex engine scans far faster for
# patterns that do not open with an assertion.
_LEADING_ASSERTION = re.compile(r"\^|\(\?<[!=](?:[^()\[\\]|\\.|\[(?:[^\]\\]|\\.)*\])*\)")


def _unanchored(pattern: str) -> str:
    while m := _LEADING_ASSERTION.match(pattern):
        pattern = pattern[m.end():]
    return pattern


def _first_class(patterns: list[str]) -> str:
    """``(?=[…])`` of every character a match of one of ``patterns`` can start with, or "" when
    that is not known for one of them. Put before the screen's alternation, it lets ``re`` skip
    to the next such character in C instead of trying every branch at every position: 4–5 times
    faster on report text, and the same matches (the class holds every first character)."""
    chars: set[str] = set()
    for p in patterns:
        first = _first_chars(p)
        if first is None:
            return ""
        chars |= first
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with, read from its parsed form; None when
    not known (a class by category or negation, ``.``, a pattern that can match nothing)."""
    try:
        tree = _sre_parse.parse(pattern)
    except re.error:
        return None
    found, nullable = _seq_first(list(tree), bool(tree.state.flags & _sre.SRE_FLAG_IGNORECASE))
    return None if found is None or nullable or not found else found


def _cased(code: int, ignorecase: bool) -> set[str]:
    ch = chr(code)
    if not ignorecase:
        return {ch}
    out = {ch, ch.lower(), ch.upper()}
    for c in list(out):  # the folds re adds itself (K and the Kelvin sign, s and ſ …)
        out.update(chr(e) for e in _casefix._EXTRA_CASES.get(ord(c), ()))
    return out


def _seq_first(items: list, ignorecase: bool) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match the empty string) of parsed items."""
    found: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            return found | _cased(av, ignorecase), False
        if op is _sre.IN:
            for o, a in av:
                if o is _sre.LITERAL:
                    found |= _cased(a, ignorecase)
                elif o is _sre.RANGE and a[1] - a[0] < 256:
                    for c in range(a[0], a[1] + 1):
                        found |= _cased(c, ignorecase)
                else:
                    return None, False
            return found, False
        if op is _sre.SUBPATTERN:
            sub_first, nullable = _seq_first(list(av[3]), ignorecase or bool(av[1] & _sre.SRE_FLAG_IGNORECASE))
        elif op is _sre.BRANCH:
            sub_first, nullable = set(), False
            for branch in av[1]:
                b_first, b_nullable = _seq_first(list(branch), ignorecase)
                if b_first is None:
                    return None, False
                sub_first |= b_first
                nullable = nullable or b_nullable
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            sub_first, nullable = _seq_first(list(av[2]), ignorecase)
            nullable = nullable or av[0] == 0
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            sub_first, nullable = set(), True  # zero width: the next item starts the match
        else:
            return None, False
        if sub_first is None:
            return None, False
        found |= sub_first
        if not nullable:
            return found, False
    return found, True


@lru_cache(maxsize=64)
def _compiled(lists: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern | None, dict[str, re.Pattern]]:
    """(the combined screen, each list's own alternation) for (name, patterns) pairs."""
    own = {name: re.compile("|".join(f"(?:{p})" for p in patterns)) for name, patterns in lists if patterns}
    every = [p for _, patterns in lists for p in patterns]
    try:
        unanchored = [_unanchored(p) for p in every]
        screen = re.compile(_first_class(unanchored) + "(?:" + "|".join(f"(?:{p})" for p in unanchored) + ")") if every else None
    except re.error:  # a pattern whose assertion could not be left out: screen with them all as they are
        screen = re.compile("|".join(f"(?:{p})" for p in every)) if every else None
    return screen, own


def list_matches(report: Report, template: Template, names: Iterable[str]) -> dict[str, dict[int, list[re.Match]]]:
    """list name -> paragraph index -> the list's matches in it, for every paragraph."""
    wanted = tuple(dict.fromkeys(names))
    screen, own = _compiled(tuple((n, list_patterns(template, n)) for n in wanted))
    out: dict[str, dict[int, list[re.Match]]] = {n: {} for n in wanted}
    if not own:
        return out
    for i, p in enumerate(report.source.paragraphs):
        for name, found in matches_in(p.text, screen, own).items():
            out[name][i] = found
    return out


def matches_in(text: str, screen: re.Pattern | None, own: Mapping[str, re.Pattern]) -> dict[str, list[re.Match]]:
    """Each list's matches in ``text`` (lists without a match left out): nothing where the screen
    finds nothing, else each list's own pattern from the first place the screen matched (no
    pattern matches before it)."""
    pos = 0
    if screen is not None:
        first = screen.search(text)
        if first is None:
            return {}
        pos = first.start()
    out = {}
    for name, rx in own.items():
        found = list(rx.finditer(text, pos))
        if found:
            out[name] = found
    return out


def _outside(report: Report, template: Template, role: str) -> set[int]:
    """The paragraphs of the headed sections of ``role``."""
    if not role:
        return set()
    keys = {s.key for s in template.sections if s.role == role}
    return {i for s in report.sections if s.key in keys and s.heading is not None for i in range(s.start, s.end)}


def _wording(phrases: Phrases, text: str) -> Wording:
    for w in phrases.wordings:
        if not w.starts or text.startswith(w.starts):
            return w
    return phrases.wordings[-1]


def _fields(report: Report, phrases: Phrases, text: str) -> dict[str, object]:
    fields: dict[str, object] = {
        "text": text,
        "shown": text if len(text) <= 8 else text[:2] + "…" + text[-2:],
        "word": text[:2],
        "year": report.year,
        "dated": text,
    }
    word = next((k for k in phrases.years if text.startswith(k)), None)
    if word is not None and report.year:
        fields["dated"] = text.replace(text[:2], f"{report.year + phrases.years[word]}年", 1).replace("年年", "年")
    return fields


def _spans(report: Report, template: Template, phrases: Phrases, found: Mapping[str, dict[int, list[re.Match]]]) -> dict[int, list[re.Match]]:
    skip = _outside(report, template, phrases.outside_role)
    return {i: ms for i, ms in found[phrases.list].items() if i not in skip}


def _next_to(spans: list[re.Match], start: int, end: int) -> bool:
    """A span overlapping [start, end) or within two characters of it."""
    return any(m.start() < end + 2 and m.end() > start - 2 for m in spans)


def phrase_hits(report: Report, template: Template, rules: Iterable[Rule], everyone: Mapping[str, Rule]) -> dict[str, list[Hit]]:
    """rule id -> its hits, for the phrase rules ``rules`` (``everyone``: all rules by id, for
    the rules they yield to), in one pass over the paragraphs."""
    rules = [r for r in rules if r.phrases is not None]
    yielded = {r.phrases.yields_to: everyone[r.phrases.yields_to].phrases for r in rules if r.phrases.yields_to}
    found = list_matches(report, template, [r.phrases.list for r in rules] + [p.list for p in yielded.values()])
    out: dict[str, list[Hit]] = {}
    for r in rules:
        phrases = r.phrases
        other = _spans(report, template, yielded[phrases.yields_to], found) if phrases.yields_to else {}
        hits = out[r.id] = []
        for i, ms in sorted(_spans(report, template, phrases, found).items()):
            for m in ms:
                if other and _next_to(other.get(i, []), m.start(), m.end()):
                    continue
                text = m.group(0)
                w = _wording(phrases, text)
                fields = _fields(report, phrases, text)
                suggestion = w.suggestion if report.year or not w.without_year else w.without_year
                hits.append(hit_at(
                    i, w.message.format(**fields), suggestion.format(**fields),
                    start=m.start(), end=m.end(), **{phrases.data: text},
                ))
    return out


def phrase_check(rule_id: str):
    """The check of one phrase rule run alone (the engine runs them all together)."""

    def check(report: Report, template: Template) -> list[Hit]:
        rules = registry()
        return phrase_hits(report, template, [rules[rule_id]], rules)[rule_id]

    check.__name__ = check.__qualname__ = rule_id.replace("-", "_")
    return check


def phrase_rule(
    *, module: str, id: str, family: str, severity: str, summary: str, rationale: str, source: str, bad: str,
    good: str, phrases: Phrases, example_options: tuple[tuple[str, str], ...] = (), placeholder_stands_for: str = "",
) -> Rule:
    """Declare a phrase rule (``module``: the declaring module's ``__name__``)."""
    r = Rule(
        id, family, severity, summary, rationale, source, bad, good, phrase_check(id),
        tuple(example_options), placeholder_stands_for, phrases,
    )
    declare_rule(module, r)
    return r
