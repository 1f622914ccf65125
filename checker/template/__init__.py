"""Report templates: YAML data saying what a report must contain, compiled once into records.

A template names the sections (how to recognise their headings, cues for unheaded content,
minimum lengths, each section's role), the regulation's order and wording, the indicator
checklist, deadlines, known document names, phrase lists and per-rule severities.
``extends: annual`` lays a user's file over a built-in one, each key by its policy in
:data:`schema.MERGE` (by key, append, replace): a province file that adds one document name
keeps the built-in ones.

- ``schema``: what may be written, the merge table, validation (patterns compiled once);
- ``merge``: ``extends`` applied;
- ``records``: the typed records the checks read (no YAML beyond this package);
- ``load``: finding and loading a template;
- ``lexicon``: names of organs.
"""

from __future__ import annotations

from .load import BUILTIN_DIR, builtin_names, load_template
from .records import (
    CopyPrevious,
    Deadlines,
    DocName,
    DutyEvidence,
    DutyKind,
    IndicatorSpec,
    PersonalInfo,
    PhraseSet,
    Rate,
    SectionSpec,
    StageChain,
    StageChains,
    SubjectCheck,
    Template,
    Term,
    Title,
    YearSpan,
)
from .schema import MAX_PATTERN, MERGE, ROLES, TemplateError, backtracking_risk, validate

__all__ = [
    "BUILTIN_DIR", "MAX_PATTERN", "MERGE", "ROLES", "CopyPrevious", "Deadlines", "DocName", "DutyEvidence", "DutyKind",
    "IndicatorSpec", "PersonalInfo", "PhraseSet", "Rate", "SectionSpec", "StageChain", "StageChains", "SubjectCheck", "Template", "TemplateError", "Term",
    "Title", "YearSpan", "backtracking_risk", "builtin_names", "load_template", "validate",
]
