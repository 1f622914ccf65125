"""Rule cases as data: ``tests/rules/cases/<rule-id>.yaml``, one file per rule.

A file names its rule and holds a list of cases::

    rule: placeholder
    cases:
      - name: a count left as XX
        base: clean                      # a named draft (BASES), or `draft: |` with the text itself
        replace:                         # each `old` must occur exactly once in the base
          - ["全年新增网上可办事项126项", "新增网上可办事项XX项"]
        prepend: ""                      # text put before / after the draft (optional)
        append: ""
        options: {template: department, year: 2023, date: 2024-03-15, rules: {x: off}, previous: mini,
                  previous_file: previous/x.txt}
        fires:                           # the findings of each rule named here, exactly, in order
          - {rule: placeholder, data: {text: XX}, severity: error, in_message: "…", in_suggestion: "…"}
        quiet: [placeholder]             # rules that must not fire (default: the file's rule,
                                         # when `fires` does not name it)

``data`` is compared key by key (a finding may carry more). ``line``/``column`` may be given too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.engine import Options, check_text
from checker.rules.examples import MINI
from checker.yamlsafe import load_yaml

from ..drafts import CLEAN

CASES = Path(__file__).resolve().parent / "cases"
DATA = CASES.parent.parent / "data"

def _years_back(text: str) -> str:
    """The draft as last year's report: every year one less."""
    return re.sub(r"20(\d\d)(?=年)", lambda m: f"20{int(m.group(1)) - 1:02d}", text)


BASES = {"mini": MINI, "clean": CLEAN, "mini-last-year": _years_back(MINI), "clean-last-year": _years_back(CLEAN)}
_CASE_KEYS = {"name", "base", "draft", "replace", "prepend", "append", "options", "fires", "quiet"}
_FIRE_KEYS = {"rule", "data", "severity", "in_message", "in_suggestion", "line", "column"}


@dataclass(frozen=True)
class Case:
    rule: str  # the rule of the file
    name: str
    draft: str
    options: Options
    fires: tuple[dict[str, Any], ...]
    quiet: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"


def _draft(spec: dict[str, Any], where: str) -> str:
    if ("draft" in spec) == ("base" in spec):
        raise ValueError(f"{where}: give either `draft` or `base`")
    text = spec["draft"] if "draft" in spec else BASES[spec["base"]]
    for old, new in spec.get("replace", ()):
        if text.count(old) != 1:
            raise ValueError(f"{where}: {old!r} must occur exactly once in the draft")
        text = text.replace(old, new)
    return spec.get("prepend", "") + text + spec.get("append", "")


def _options(raw: dict[str, Any]) -> Options:
    raw = dict(raw)
    if "date" in raw and not isinstance(raw["date"], dt.date):
        raw["date"] = dt.date.fromisoformat(str(raw["date"]))
    if "previous" in raw:
        raw["previous_text"] = BASES[raw.pop("previous")]  # last year's report: a named draft
    if "previous_file" in raw:  # or a file of tests/data
        raw["previous"] = str(DATA / raw.pop("previous_file"))
    if "rules" in raw:
        raw["rules"] = {k: ("off" if v is False else v) for k, v in raw["rules"].items()}
    return Options(**raw)


def load(path: Path) -> list[Case]:
    data = load_yaml(path.read_text(encoding="utf-8"))  # dates stay strings, as in the JSON data
    rule = data["rule"]
    if rule != path.stem:
        raise ValueError(f"{path.name}: names rule {rule!r}")
    out = []
    for n, spec in enumerate(data["cases"], 1):
        where = f"{path.name} case {n}"
        if set(spec) - _CASE_KEYS:
            raise ValueError(f"{where}: unknown keys {sorted(set(spec) - _CASE_KEYS)}")
        fires = tuple(spec.get("fires") or ())
        for f in fires:
            if set(f) - _FIRE_KEYS or "rule" not in f:
                raise ValueError(f"{where}: bad expected finding {f}")
        named = {f["rule"] for f in fires}
        quiet = tuple(spec.get("quiet", () if rule in named else (rule,)))
        out.append(Case(rule, spec.get("name", f"case {n}"), _draft(spec, where), _options(spec.get("options") or {}), fires, quiet))
    return out


def all_cases() -> list[Case]:
    return [case for path in sorted(CASES.glob("*.yaml")) for case in load(path)]


def _matches(found, expected: dict[str, Any]) -> str:
    """'' when the finding is as expected, else what differs."""
    for key, value in (expected.get("data") or {}).items():
        if found.data.get(key) != value:
            return f"data[{key!r}] is {found.data.get(key)!r}, expected {value!r}"
    for key in ("severity", "line", "column"):
        if key in expected and getattr(found, key) != expected[key]:
            return f"{key} is {getattr(found, key)!r}, expected {expected[key]!r}"
    if expected.get("in_message", "") not in found.message:
        return f"message {found.message!r} does not say {expected['in_message']!r}"
    if expected.get("in_suggestion", "") not in found.suggestion:
        return f"suggestion {found.suggestion!r} does not say {expected['in_suggestion']!r}"
    return ""


def problems(case: Case) -> list[str]:
    """What in the case's findings differs from its expectation (empty: as expected)."""
    findings = check_text(case.draft, case.options).findings
    out = []
    for rule in dict.fromkeys(f["rule"] for f in case.fires):
        expected = [f for f in case.fires if f["rule"] == rule]
        found = [f for f in findings if f.rule == rule]
        if len(found) != len(expected):
            out.append(f"{rule}: {len(found)} findings, expected {len(expected)}: {[(f.message, dict(f.data)) for f in found]}")
            continue
        out += [f"{rule} #{k}: {why}" for k, (f, e) in enumerate(zip(found, expected), 1) if (why := _matches(f, e))]
    for rule in case.quiet:
        loud = [f.message for f in findings if f.rule == rule]
        if loud:
            out.append(f"{rule} must stay quiet, but says {loud}")
    return out
