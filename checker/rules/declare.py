"""Rule metadata and the explicit registry of every rule.

Each check family module (``checker/rules/*.py``) ends with a ``RULES`` tuple of :class:`Rule`
records: the metadata is data beside the code. ``fzcheck rules``, ``fzcheck explain``,
``docs/rules.md`` and the example tests all read this registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Finding, Report
    from ..template import Template

Check = Callable[["Report", "Template"], "Iterable[Finding]"]


@dataclass(frozen=True)
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


def _collect() -> dict[str, Rule]:
    from . import dates, directives, indicators, numbers, structure, text
    from . import duty, form, previous, privacy  # the review rules (personal information, duty evidence, copying, form)

    FAMILIES = (structure, dates, indicators, numbers, text, privacy, duty, previous, form, directives)
    registry: dict[str, Rule] = {}
    for module in FAMILIES:
        for r in module.RULES:
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
