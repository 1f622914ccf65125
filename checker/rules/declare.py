"""Rule declarations and the registry of every rule.

A check is a function ``(report, template) -> Iterable[Hit]`` declared with ``@rule(...)`` right
above it; a phrase rule (a list of the template's phrases, its wording as data) is declared with
``phrases.phrase_rule(...)``. The registry finds the modules of this package itself: a rule in a new
module is picked up with no other file edited. ``fzcheck rules``, ``fzcheck explain``,
``docs/rules.md`` and the rule tests all read these declarations.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report
    from ..template import Template


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check found, before the engine stamps the rule id and the severity on it.

    ``index`` is the paragraph (None: the start of the document), ``start``/``end`` text offsets
    in it (``end`` None: to the paragraph's end). ``place`` (line, column, end line, end column)
    instead names a place in the source lines directly. ``severity`` is set only where the
    template itself sets it for this case; ``case`` names one of the rule's declared
    ``case_severities`` (a kind of finding with a default severity of its own). The engine
    stamps the rule id (a check function declares one rule) and the severity.
    """

    index: int | None
    message: str
    suggestion: str = ""
    start: int = 0
    end: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    severity: str = ""
    case: str = ""
    place: tuple[int, int, int, int] | None = None


def hit_at(index: int | None, message: str, suggestion: str = "", start: int = 0, end: int | None = None,
        severity: str = "", case: str = "", **data: Any) -> Hit:
    """A hit on paragraph ``index`` from ``start`` to ``end``; keyword arguments are its data."""
    return Hit(index, message, suggestion, start, end, data, severity, case)


Check = Callable[["Report", "Template"], "Iterable[Hit]"]


@dataclass(frozen=True, slots=True)
class Wording:
    """A phrase rule's message and suggestion. Fields: {text} the phrase found, {shown} it
    shortened (「目前…正在」), {word} its first two characters, {year} the report's year,
    {dated} the phrase with its relative year word written out (今年 → 2023年).
    ``without_year`` is the suggestion when the report's year is unknown (default: ``suggestion``);
    ``starts`` limits the wording to phrases starting with one of these words."""

    message: str
    suggestion: str
    without_year: str = ""
    starts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Phrases:
    """What makes a rule a phrase rule: every match of one list of the template's phrases is a hit.

    ``data`` is the key the matched text goes under in the finding's data; ``outside_role``
    leaves out the paragraphs of a headed section of that role (a plan speaks of the coming
    year); ``yields_to`` leaves out a match overlapping or within two characters of a match of
    that other list (one fault, one finding); ``years`` gives the year offset of the relative
    year words (for {dated}).
    """

    list: str
    wordings: tuple[Wording, ...]
    data: str = "text"
    outside_role: str = ""
    yields_to: str = ""
    years: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    family: str  # 'structure' | 'dates' | 'indicators' | 'figures' | 'text' | 'review'
    severity: str  # default severity
    summary: str  # one line, Chinese
    rationale: str  # why, Chinese
    source: str  # the regulation or standard behind it
    bad: str  # a draft (or excerpt) on which the rule fires
    good: str  # the same, corrected: the rule stays quiet
    check: Check
    example_options: tuple[tuple[str, str], ...] = ()  # e.g. (('template', 'department'),)
    # What the rule judges that a placeholder can stand for: 'section' (what a section says: a
    # section not yet written, nothing but placeholders, leaves it to the placeholder findings),
    # 'measures' (the measures as a whole), 'signature' (a 落款 whose date is left to fill); '' none.
    placeholder_stands_for: str = ""
    phrases: Phrases | None = None  # a phrase rule: run by the engine's one phrase pass
    # kinds of finding with a default severity of their own (Hit.case -> severity)
    case_severities: Mapping[str, str] = field(default_factory=dict)


# module name -> rule id -> Rule, in the order the module declares them
_DECLARED: dict[str, dict[str, Rule]] = {}


def declare_rule(module: str, r: Rule) -> None:
    _DECLARED.setdefault(module, {})[r.id] = r


def rule(
    *, id: str, family: str, severity: str, summary: str, rationale: str, source: str, bad: str, good: str,
    example_options: tuple[tuple[str, str], ...] = (), placeholder_stands_for: str = "",
    case_severities: Mapping[str, str] | None = None,
) -> Callable[[Check], Check]:
    """Declare the rule the decorated check function reports."""

    def declare(check: Check) -> Check:
        declare_rule(check.__module__, Rule(
            id, family, severity, summary, rationale, source, bad, good, check,
            tuple(example_options), placeholder_stands_for, None, dict(case_severities or {}),
        ))
        return check

    return declare


_LAST = 10**6


def _collect() -> dict[str, Rule]:
    """Every rule, the modules (every module of this package) in their ``ORDER`` (a module without one comes last, by name),
    each module's rules in the order it declares them."""
    modules = []
    package = importlib.import_module(__package__)
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        modules.append((getattr(module, "ORDER", _LAST), info.name, module.__name__))
    registry: dict[str, Rule] = {}
    for _, _, name in sorted(modules):
        for r in _DECLARED.get(name, {}).values():
            if r.id in registry:
                raise RuntimeError(f"duplicate rule id {r.id}")
            registry[r.id] = r
    return registry


_REGISTRY: dict[str, Rule] | None = None


def registry() -> dict[str, Rule]:
    """All rules by id, in family order."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _collect()
    return _REGISTRY
