"""Report templates: YAML data saying what a report must contain.

A template names the sections (how to recognise their headings, cues for unheaded content,
minimum lengths), the regulation's order and wording, the indicator checklist, deadlines, known
document names and per-rule severities. ``extends: annual`` lets a user's file change parts of a
built-in one: mappings merge key by key, ``sections`` and ``indicators`` merge by ``key``.
"""

from __future__ import annotations

import re
import re._constants as _sre  # the re module's own parser, to check a pattern's shape
import re._parser as _sre_parse
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from .model import SEVERITIES, FzcheckError
from .resources import resource_path
from .yamlsafe import DataError, load_yaml

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
BUILTIN_DIR = ("templates", "report")
_SEVERITY_VALUES = set(SEVERITIES) | {"off"}


# --- schema -------------------------------------------------------------------------------
# Each entry: key -> (type, required). 'patterns' is a list of regular expressions.
_SECTION_SCHEMA: dict[str, tuple[str, bool]] = {
    "key": ("str", True),
    "role": ("role", False),  # what the section is in the report: the checks read roles, not keys
    "required": ("bool", False),
    "title": ("str", True),
    "heading": ("str", False),
    "regulation": ("str", True),
    "headings": ("patterns", False),
    "nested_in": ("strlist", False),
    "collects_unmatched_before": ("strlist", False),
    "cues": ("patterns", False),
    "mention": ("patterns", False),
    "min_chars": ("int", False),
    "causes": ("patterns", False),
    "evidence": ("patternmap", False),
    "missing_severity": ("severity", False),
}
_INDICATOR_SCHEMA: dict[str, tuple[str, bool]] = {
    "key": ("str", True),
    "topic": ("str", True),
    "figures": ("str", False),  # what figures to report on the topic (the suggestion of indicator-missing)
    "patterns": ("patterns", True),
    "zero": ("patterns", False),
    "severity": ("severity", False),
    "since": ("int", False),  # first reporting year the topic applies to
    "until": ("int", False),  # last reporting year it applies to
}
_DOC_NAME_SCHEMA: dict[str, tuple[str, bool]] = {
    "name": ("str", True),
    "variants": ("patterns", False),
    "since": ("int", False),  # first reporting year this edition is in force
    "until": ("int", False),  # last reporting year it is in force
}
_TITLE_SCHEMA: dict[str, tuple[str, bool]] = {
    "canonical": ("str", True),
    "required": ("patterns", True),
    "cues": ("patterns", False),
    "wrong_names": ("patternmap", False),
}
_TOP_SCHEMA: dict[str, tuple[str, bool]] = {
    "name": ("str", True),
    "label": ("str", True),
    "description": ("str", False),
    "extends": ("str", False),
    "title": ("title", True),
    "sections": ("sections", True),
    "deadlines": ("deadlines", True),
    "severities": ("severities", False),
    "indicators": ("indicators", False),
    "doc_names": ("doc_names", False),
    "phrases": ("patternmap", False),
    # the review rules of checks/privacy.py, duty.py, previous.py, form.py (their data, validated here)
    "personal_info": ("personal_info", False),
    "duty_evidence": ("duty_evidence", False),
    "copy_previous": ("copy_previous", False),
    "request_in_report": ("request_in_report", False),
    "subject_check": ("subject_check", False),
    "deadline_notes": ("deadline_notes", False),
    "terms": ("terms", False),  # words drafters confuse, outside cited titles (term-usage)
    "applies": ("applies", False),  # rule id -> {since, until}: reporting years a rule applies to
    "stage_chains": ("stage_chains", False),  # count-inconsistent: stages of one matter, in order
    "rates": ("rates", False),  # ratio-mismatch: a rate and the counts it is computed from
}
_STAGE_CHAINS_SCHEMA: dict[str, tuple[str, bool]] = {
    "words": ("patterns", True),  # a sentence is read for stages when it has one of these (or 其中)
    "chains": ("chains", True),
}
_CHAIN_SCHEMA: dict[str, tuple[str, bool]] = {
    "key": ("str", True),
    "stages": ("stages", True),
    "carry_over": ("patterns", False),  # in the sentence, these let the last stage exceed the one before
}
_STAGE_SCHEMA: dict[str, tuple[str, bool]] = {"name": ("str", True), "patterns": ("patterns", True)}
_RATE_SCHEMA: dict[str, tuple[str, bool]] = {
    "key": ("str", True),
    "rate": ("patterns", True),  # how the rate's clause ends: 纠错率
    "numerator": ("patterns", True),
    "denominator": ("patterns", True),
}
_TERM_SCHEMA: dict[str, tuple[str, bool]] = {
    "wrong": ("str", True),
    "right": ("str", True),
    "patterns": ("patterns", True),
    "since": ("int", False),
    "until": ("int", False),
}
_APPLIES_SCHEMA: dict[str, tuple[str, bool]] = {
    "since": ("int", False),
    "until": ("int", False),
}
_PERSONAL_INFO_SCHEMA: dict[str, tuple[str, bool]] = {
    "code_context": ("patterns", False),  # words just before a number that make it a code, not a person's
    "amount_after": ("patterns", False),  # what follows a number that makes it an amount or a count
    "contact_line": ("patterns", False),  # 「联系人：某某 电话：…」
}
_DUTY_KIND_SCHEMA: dict[str, tuple[str, bool]] = {
    "key": ("str", True),
    "name": ("str", True),
    "patterns": ("patterns", True),
    "scope": ("scope", False),  # section (default) | report
    "min": ("int", False),  # minimum count the province requires (off when absent)
    "indicator": ("str", False),  # the indicator topic it judges in that text (then not indicator-no-data's)
}
_DUTY_EVIDENCE_SCHEMA: dict[str, tuple[str, bool]] = {
    "section": ("str", True),
    "figures": ("patterns", True),
    "acts": ("patterns", False),
    "kinds": ("duty_kinds", True),
    "not_evidence": ("strlist", False),  # sections a kind of scope report is not looked for in
}
_COPY_PREVIOUS_SCHEMA: dict[str, tuple[str, bool]] = {
    "stock_phrases": ("patterns", False),
    "similarity": ("percent", False),
    "min_chars": ("int", False),
    "share": ("percent", False),
    "whole_sections": ("strlist", False),
    "figure_sections": ("strlist", False),
}
_REQUEST_SCHEMA: dict[str, tuple[str, bool]] = {"phrases": ("patterns", True)}
_SUBJECT_CHECK_SCHEMA: dict[str, tuple[str, bool]] = {
    "no_subject": ("severity", False),
    "mismatch": ("severity", False),
}
_DEADLINE_NOTES_SCHEMA: dict[str, tuple[str, bool]] = {"submit": ("str", False), "publish": ("str", False)}
_REVIEW_SCHEMAS = {
    "personal_info": _PERSONAL_INFO_SCHEMA,
    "duty_evidence": _DUTY_EVIDENCE_SCHEMA,
    "copy_previous": _COPY_PREVIOUS_SCHEMA,
    "request_in_report": _REQUEST_SCHEMA,
    "subject_check": _SUBJECT_CHECK_SCHEMA,
    "deadline_notes": _DEADLINE_NOTES_SCHEMA,
}
_DEADLINE_KEYS = {"publish", "submit"}
# What a section is in the report (SectionSpec.role): the measures and their results, the
# shortcomings and their causes, the first-responsibility duty, the plan for next year, other.
ROLES = ("measures", "shortcomings", "duty", "plan", "other")
_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]|end)")


class TemplateError(FzcheckError):
    pass


def _brief(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: never more than ``limit`` characters of it."""
    text = repr(value) if not isinstance(value, (list, dict)) or len(value) < 20 else f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fail(where: str, what: str) -> None:
    raise TemplateError(f"模板错误：{where}：{what}")


MAX_PATTERN = 2000  # characters of one pattern


def _check_patterns(where: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        _fail(where, "应为正则表达式字符串列表")
    for p in value:
        if len(p) > MAX_PATTERN:
            _fail(where, f"正则表达式 {_brief(p)} 太长（超过 {MAX_PATTERN} 个字符）")
        try:
            re.compile(p)
        except re.error as exc:
            _fail(where, f"正则表达式 {_brief(p)} 无效（{exc}）")
        problem = backtracking_risk(p)
        if problem:
            _fail(where, f"正则表达式 {_brief(p)} {problem}，在长文本上可能运行极久，不允许使用")
    try:
        _rx(tuple(value))
    except re.error as exc:  # e.g. a global flag such as (?i) that only works alone
        _fail(where, f"这些正则表达式不能合并使用（{exc}）；行内标志请写成 (?i:...)")


def backtracking_risk(pattern: str) -> str | None:
    """Why a pattern could backtrack exponentially, or None: the restricted syntax of template
    regexes.

    Refused: a repeat (``+ * {2,}``) of something that itself repeats or has alternatives
    (``(X+)+``, ``(a|ab)*``: the engine tries every way of splitting the text between them),
    and back-references and conditionals (``\1``, ``(?(1)…)``). A repeat of a plain sequence
    or of a character class is fine (``(?:第[一二三]条)+``, ``[0-9０-９]+``). Checked on the
    parsed pattern, so the spelling (``{1,}`` for ``+``) does not matter.
    """
    try:
        tree = _sre_parse.parse(pattern)
    except re.error:
        return None  # reported as invalid by the caller

    def walk(items, repeated: bool) -> str | None:
        for op, av in items:
            if op in _REPEATS:
                low, high, sub = av
                if repeated and high > 1:
                    return "含有嵌套的重复（如 (X+)+）"
                found = walk(sub, repeated or high > 1)
            elif op is _sre.BRANCH:
                if repeated:
                    return "对含有“|”分支的分组使用了重复（如 (a|ab)*）"
                found = next(filter(None, (walk(b, repeated) for b in av[1])), None)
            elif op is _sre.SUBPATTERN:
                found = walk(av[-1], repeated)
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                found = walk(av[1], repeated)
            elif op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
                return "含有反向引用或条件分组"
            else:
                found = None
            if found:
                return found
        return None

    return walk(tree, False)


def _check_value(where: str, kind: str, value: Any) -> None:
    if kind == "str":
        if not isinstance(value, str):
            _fail(where, "应为字符串")
    elif kind == "bool":
        if not isinstance(value, bool):
            _fail(where, "应为 true 或 false")
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            _fail(where, "应为非负整数")
    elif kind == "strlist":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            _fail(where, "应为字符串列表")
    elif kind == "severity":
        if not isinstance(value, str) or value not in _SEVERITY_VALUES:
            _fail(where, f"级别应为 {'/'.join(sorted(_SEVERITY_VALUES))}，而不是 {_brief(value)}")
    elif kind == "patterns":
        _check_patterns(where, value)
    elif kind == "patternmap":
        if not isinstance(value, dict):
            _fail(where, "应为映射（名称: 正则表达式列表）")
        for k, v in value.items():
            _check_patterns(f"{where}.{k}", v)
    elif kind == "severities":
        if not isinstance(value, dict):
            _fail(where, "应为映射（规则: 级别）")
        from .rules import registry

        known = registry()
        for rule_id, sev in value.items():
            if not isinstance(rule_id, str) or rule_id not in known:
                _fail(f"{where}.{rule_id}", "没有这条规则（fzcheck rules 列出全部规则）")
            _check_value(f"{where}.{rule_id}", "severity", sev)
    elif kind == "applies":
        if not isinstance(value, dict):
            _fail(where, "应为映射（规则: {since: 年份, until: 年份}）")
        from .rules import registry

        known = registry()
        for rule_id, span in value.items():
            if rule_id not in known:
                _fail(f"{where}.{rule_id}", "没有这条规则（fzcheck rules 列出全部规则）")
            _check_mapping(f"{where}.{rule_id}", span, _APPLIES_SCHEMA)
    elif kind == "deadlines":
        if not isinstance(value, dict):
            _fail(where, "应为映射")
        for k, v in value.items():
            if k not in _DEADLINE_KEYS:
                _fail(f"{where}.{k}", f"未知的键（可用：{'、'.join(sorted(_DEADLINE_KEYS))}）")
            if v is not None and (not isinstance(v, str) or not _MONTH_DAY.fullmatch(v)):
                _fail(f"{where}.{k}", "应为 MM-DD（次年的月-日，月末写 end，如 02-end）")
    elif kind == "stage_chains":
        _check_mapping(where, value, _STAGE_CHAINS_SCHEMA)
    elif kind in ("sections", "indicators", "doc_names", "terms", "chains", "stages", "rates"):
        schema = {
            "sections": _SECTION_SCHEMA, "indicators": _INDICATOR_SCHEMA, "doc_names": _DOC_NAME_SCHEMA, "terms": _TERM_SCHEMA,
            "chains": _CHAIN_SCHEMA, "stages": _STAGE_SCHEMA, "rates": _RATE_SCHEMA,
        }[kind]
        if not isinstance(value, list):
            _fail(where, "应为列表")
        for i, item in enumerate(value):
            _check_mapping(f"{where}[{i}]", item, schema)
    elif kind == "title":
        _check_mapping(where, value, _TITLE_SCHEMA)
    elif kind in _REVIEW_SCHEMAS:
        _check_mapping(where, value, _REVIEW_SCHEMAS[kind])
    elif kind == "duty_kinds":
        if not isinstance(value, list):
            _fail(where, "应为列表")
        for i, item in enumerate(value):
            _check_mapping(f"{where}[{i}]", item, _DUTY_KIND_SCHEMA)
    elif kind == "role":
        if value not in ROLES:
            _fail(where, f"应为 {'/'.join(ROLES)} 之一，而不是 {_brief(value)}")
    elif kind == "scope":
        if value not in ("section", "report"):
            _fail(where, f"应为 section 或 report，而不是 {value!r}")
    elif kind == "percent":
        if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 100:
            _fail(where, "应为 1—100 之间的整数（百分比）")
    else:  # pragma: no cover - schema typo
        raise AssertionError(kind)


def _check_mapping(where: str, value: Any, schema: Mapping[str, tuple[str, bool]]) -> None:
    if not isinstance(value, dict):
        _fail(where, "应为映射")
    for key in value:
        if key not in schema:
            _fail(f"{where}.{key}" if where else str(key), f"未知的键（可用：{'、'.join(schema)}）")
    for key, (kind, required) in schema.items():
        if key not in value:
            if required:
                _fail(where or "顶层", f"缺少必需的键 {key}")
            continue
        _check_value(f"{where}.{key}" if where else key, kind, value[key])


def validate(data: Any) -> None:
    _check_mapping("", data, _TOP_SCHEMA)
    keys = [s["key"] for s in data["sections"]]
    if len(set(keys)) != len(keys):
        _fail("sections", "有重复的 key")
    for s in data["sections"]:
        for ref in s.get("nested_in", []) + s.get("collects_unmatched_before", []):
            if ref not in keys:
                _fail(f"sections.{s['key']}", f"引用了不存在的章节 {ref}")


# --- merging ------------------------------------------------------------------------------
def _merge_keyed(base: list, override: list, key: str) -> list:
    out = [dict(item) for item in base]
    index = {item[key]: i for i, item in enumerate(out) if isinstance(item, dict) and key in item}
    for item in override:
        if isinstance(item, dict) and isinstance(item.get(key), str) and item.get(key) in index:
            out[index[item[key]]] = _merge(out[index[item[key]]], item)
        else:
            out.append(item)
    return out


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for k, v in override.items():
            if k in ("sections", "indicators", "kinds") and isinstance(v, list) and isinstance(out.get(k), list):
                out[k] = _merge_keyed(out[k], v, "key")
            else:
                out[k] = _merge(out.get(k), v) if k in out else v
        return out
    return override


# --- the compiled template ----------------------------------------------------------------
@lru_cache(maxsize=512)
def _rx_cached(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _rx(patterns: list[str] | tuple[str, ...] | None) -> re.Pattern | None:
    """One compiled alternation of a list of patterns (cached), or None for no patterns."""
    return _rx_cached(tuple(patterns)) if patterns else None


@dataclass(frozen=True)
class SectionSpec:
    key: str
    role: str  # ROLES, or '' for a section that is none of them
    required: bool
    title: str
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


@dataclass(frozen=True)
class Template:
    name: str
    label: str
    description: str
    path: str  # where it was loaded from
    sections: tuple[SectionSpec, ...]
    deadlines: Mapping[str, str | None]
    severities: Mapping[str, str]
    title_canonical: str
    title_required: re.Pattern
    title_cues: re.Pattern | None
    wrong_names: tuple[tuple[str, re.Pattern], ...]
    raw: Mapping[str, Any] = field(repr=False)  # the merged, validated data (indicators, phrases…)

    def section(self, key: str) -> SectionSpec:
        return next(s for s in self.sections if s.key == key)

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def applies(self, rule_id: str, year: int | None) -> bool:
        """Does rule ``rule_id`` apply to a report on ``year`` (the template's ``applies``)?"""
        span = (self.raw.get("applies") or {}).get(rule_id)
        if not span or year is None:
            return True
        since, until = span.get("since"), span.get("until")
        return (since is None or year >= since) and (until is None or year <= until)

    def phrases(self, name: str) -> re.Pattern | None:
        return _rx(self.raw.get("phrases", {}).get(name))


def _compile(data: Mapping[str, Any], path: str) -> Template:
    sections = tuple(
        SectionSpec(
            key=s["key"],
            role=s.get("role", ""),
            required=s.get("required", False),
            title=s["title"],
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
        )
        for s in data["sections"]
    )
    title = data["title"]
    return Template(
        name=data["name"],
        label=data["label"],
        description=data.get("description", ""),
        path=path,
        sections=sections,
        deadlines=dict(data["deadlines"]),
        severities=dict(data.get("severities", {})),
        title_canonical=title["canonical"],
        title_required=_rx(title["required"]),
        title_cues=_rx(title.get("cues")),
        wrong_names=tuple((k, _rx(v)) for k, v in title.get("wrong_names", {}).items()),
        raw=data,
    )


def builtin_names() -> list[str]:
    return sorted(p.stem for p in resource_path(*BUILTIN_DIR).glob("*.yaml"))


def _read_yaml(path: Path, shown: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"无法读取模板 {shown}（{exc}）") from None
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        raise TemplateError(f"模板 {shown} 不是有效的 YAML：{exc}") from None
    except DataError as exc:
        raise TemplateError(f"模板 {shown}：{exc}，不像是模板文件，已拒绝读取") from None


def _load_raw(ref: str, seen: tuple[str, ...]) -> tuple[dict, str]:
    if ref in seen:
        raise TemplateError(f"模板错误：extends 形成循环（{' → '.join(seen + (ref,))}）")
    if ref in builtin_names():
        path = resource_path(*BUILTIN_DIR, f"{ref}.yaml")
        shown = ref
    else:
        path = Path(ref)
        shown = ref
        if not path.is_file():
            raise TemplateError(
                f"未知的模板 {ref!r}：既不是内置模板（{'、'.join(builtin_names())}），也不是存在的文件"
            )
    data = _read_yaml(path, shown)
    if not isinstance(data, dict):
        raise TemplateError(f"模板错误：{shown} 的顶层应为映射")
    parent = data.get("extends")
    if parent is not None:
        if not isinstance(parent, str):
            raise TemplateError(f"模板错误：{shown}：extends 应为模板名称")
        base, _ = _load_raw(parent, seen + (ref,))
        merged = _merge(base, {k: v for k, v in data.items() if k != "extends"})
        merged["extends"] = parent
        if "name" not in data:
            merged["name"] = path.stem
        data = merged
    return data, str(path)


@lru_cache(maxsize=32)
def load_template(ref: str = "annual") -> Template:
    """Load a built-in template by name or a template file by path; TemplateError if invalid."""
    data, path = _load_raw(ref, ())
    validate(data)
    template = _compile(data, path)
    _LOADED[template.name] = template
    return template


_LOADED: dict[str, Template] = {}  # templates this process has loaded, by their ``name``


def loaded_template(name: str) -> Template | None:
    """A template by the name results carry: a built-in, or a user's file loaded in this run."""
    if name in _LOADED:
        return _LOADED[name]
    try:
        return load_template(name)
    except FzcheckError:
        return None
