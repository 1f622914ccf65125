"""What a template may contain: the schema of each record, how ``extends:`` merges each key
(:data:`MERGE`, the one table of the merge policy), and the validation of a merged template.

Template patterns are Python regular expressions in a restricted syntax
(:func:`backtracking_risk`); each list of them is one alternation (:func:`compiled`), compiled
when a check first uses it; validation compiles them once to check them, and is skipped for a
template validated before (:func:`validate`).
"""

from __future__ import annotations

import re
import re._constants as _sre  # the re module's own parser, to check a pattern's shape
import re._parser as _sre_parse
from functools import lru_cache
from typing import Any, Collection, Mapping

from ..model import SEVERITIES, FzcheckError

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_SEVERITY_VALUES = set(SEVERITIES) | {"off"}


# --- schema -------------------------------------------------------------------------------
# Each entry: key -> (type, required). 'patterns' is a list of regular expressions.
_SECTION_SCHEMA: dict[str, tuple[str, bool]] = {
    "key": ("str", True),
    "role": ("role", False),  # what the section is in the report: the checks read roles, not keys
    "required": ("bool", False),
    "title": ("str", True),
    "short": ("str", False),  # the title in a few words (column headings); the title when absent
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
    "suggestions": ("suggestions", False),  # rule id -> what the finding on this section suggests
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
    "suggestions": ("suggestions", False),  # rule id -> what its finding suggests (a section's own first)
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


_NO_SUCH_RULE = "没有这条规则（fzcheck rules 列出全部规则）"


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
    if not value:
        return
    try:
        re.compile(alternation(value))  # the records compile it again on first use: re's cache
    except re.error as exc:
        for p in value:  # which one: compiled one by one only now
            try:
                re.compile(p)
            except re.error as one:
                _fail(where, f"正则表达式 {_brief(p)} 无效（{one}）")
        _fail(where, f"这些正则表达式不能合并使用（{exc}）；行内标志请写成 (?i:...)")
    if _risky(tuple(value)):
        for p in value:  # name the pattern at fault
            problem = backtracking_risk(p)
            if problem:
                _fail(where, f"正则表达式 {_brief(p)} {problem}，在长文本上可能运行极久，不允许使用")


def alternation(patterns: Collection[str]) -> str:
    """One pattern matching where any of ``patterns`` does (each kept in its own group)."""
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=1024)
def _risky(patterns: tuple[str, ...]) -> bool:
    """Could one of ``patterns`` backtrack exponentially (checked once per list, on their
    alternation: a template extending another validates the same lists again)?"""
    return backtracking_risk(alternation(patterns)) is not None


class LazyPattern:
    """A template pattern list's alternation, compiled when a check first uses it.

    A template has ~90 pattern lists and one check of a ``.txt`` report uses about 50 of them:
    compiling the others cost ~10 ms of every start. It is used as the ``re.Pattern`` it
    stands for (``search``, ``finditer``, ``pattern`` …). On first use the compiled pattern's
    methods are stored on the instance, so later calls find them as plain attributes (no
    ``__getattr__`` on the hot path). Equal, hashed and pickled by its text, like the compiled
    pattern (whose equality is its text and flags, here always 0).
    """

    def __init__(self, pattern: str):
        self.pattern = pattern

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        rx = re.compile(self.pattern)
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner"):
            self.__dict__[method] = getattr(rx, method)
        self.__dict__.update(flags=rx.flags, groups=rx.groups, groupindex=rx.groupindex, compiled=rx)
        return getattr(rx, name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return self.pattern == other.pattern
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"

    def __reduce__(self):
        return LazyPattern, (self.pattern,)


@lru_cache(maxsize=1024)
def compiled(patterns: tuple[str, ...]) -> re.Pattern:
    """The alternation of ``patterns``, one object for every template that lists them,
    compiled when first used (:class:`LazyPattern`)."""
    return LazyPattern(alternation(patterns))  # type: ignore[return-value]  (used as an re.Pattern)


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
        for rule_id, sev in value.items():
            if not isinstance(rule_id, str):
                _fail(f"{where}.{rule_id}", _NO_SUCH_RULE)
            _check_value(f"{where}.{rule_id}", "severity", sev)
    elif kind == "suggestions":
        if not isinstance(value, dict):
            _fail(where, "应为映射（规则: 建议文字）")
        for rule_id, text in value.items():
            if not isinstance(rule_id, str):
                _fail(f"{where}.{rule_id}", _NO_SUCH_RULE)
            _check_value(f"{where}.{rule_id}", "str", text)
    elif kind == "applies":
        if not isinstance(value, dict):
            _fail(where, "应为映射（规则: {since: 年份, until: 年份}）")
        for rule_id, span in value.items():
            if not isinstance(rule_id, str):
                _fail(f"{where}.{rule_id}", _NO_SUCH_RULE)
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
    """TemplateError unless ``data`` (a merged template) is valid. A template validated once
    before (the same data, the same validation code) is not validated again: a stamp in the
    user's cache directory says so (see :func:`_stamp`), which saves compiling and analysing
    every pattern on each start (~30 ms)."""
    stamp = _stamp(data)
    if stamp is not None and stamp.exists():
        return
    _validate(data)
    if stamp is not None:
        try:
            stamp.touch()
        except OSError:
            pass


def _stamp(data: Any):
    """The stamp file of a valid ``data``: named by a hash of the data and of this module's
    source; None when there is no cache directory (``FZCHECK_CACHE_DIR=""``) or the data
    cannot be hashed."""
    import hashlib
    import json

    from ..lark_cache import cache_dir

    directory = cache_dir()
    if directory is None:
        return None
    try:
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=repr)
        code = _source_hash()
    except (TypeError, ValueError, OSError):
        return None
    return directory / f"template-{hashlib.sha256((code + text).encode()).hexdigest()[:24]}.ok"


@lru_cache(maxsize=1)
def _source_hash() -> str:
    import hashlib
    from pathlib import Path

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _validate(data: Any) -> None:
    _check_mapping("", data, _TOP_SCHEMA)
    keys = [s["key"] for s in data["sections"]]
    if len(set(keys)) != len(keys):
        _fail("sections", "有重复的 key")
    for s in data["sections"]:
        for ref in s.get("nested_in", []) + s.get("collects_unmatched_before", []):
            if ref not in keys:
                _fail(f"sections.{s['key']}", f"引用了不存在的章节 {ref}")




def check_rule_ids(named: Mapping[str, Collection[str]], known: Collection[str]) -> None:
    """TemplateError for a rule id under ``severities`` or ``applies`` that no rule has. The
    loader is given the ids (it does not import the rules: the rules read templates)."""
    for where, ids in named.items():
        for rule_id in ids:
            if rule_id not in known:
                _fail(f"{where}.{rule_id}", _NO_SUCH_RULE)


# --- how ``extends:`` merges each key -----------------------------------------------------
# A path names a key (``title.cues``); a field of the items of a list merged by key is written
# after the list (``sections.headings``); ``*`` stands for any key of a mapping
# (``phrases.*``: each phrase list). Policies:
#   replace     the extending template's value replaces the base's (scalars);
#   merge       a mapping: keys merged one by one, each by its own policy;
#   append      a list: the base's items, then the extending template's new ones (an item already
#               in the base is not repeated);
#   key:FIELD   a list of records: an item whose FIELD the base has merges into that item
#               (each field by its own policy), a new one is added at the end; an item
#               with ``remove: true`` takes the base's item out.
# Any list (append or key:) may be written ``{replace: [...]}`` to replace the base's list.
MERGE: dict[str, str] = {
    "name": "replace",
    "label": "replace",
    "description": "replace",
    "extends": "replace",
    "title": "merge",
    "title.canonical": "replace",
    "title.required": "append",
    "title.cues": "append",
    "title.wrong_names": "merge",
    "title.wrong_names.*": "append",
    "deadlines": "merge",
    "deadlines.*": "replace",
    "deadline_notes": "merge",
    "deadline_notes.submit": "replace",
    "deadline_notes.publish": "replace",
    "severities": "merge",
    "severities.*": "replace",
    "applies": "merge",
    "applies.*": "merge",
    "applies.*.*": "replace",
    "phrases": "merge",
    "phrases.*": "append",
    "sections": "key:key",
    "sections.key": "replace",
    "sections.role": "replace",
    "sections.required": "replace",
    "sections.title": "replace",
    "sections.short": "replace",
    "sections.heading": "replace",
    "sections.regulation": "replace",
    "sections.headings": "append",
    "sections.nested_in": "append",
    "sections.collects_unmatched_before": "append",
    "sections.cues": "append",
    "sections.mention": "append",
    "sections.min_chars": "replace",
    "sections.causes": "append",
    "sections.evidence": "merge",
    "sections.evidence.*": "append",
    "sections.missing_severity": "replace",
    "sections.suggestions": "merge",
    "sections.suggestions.*": "replace",
    "suggestions": "merge",
    "suggestions.*": "replace",
    "stage_chains": "merge",
    "stage_chains.words": "append",
    "stage_chains.chains": "key:key",
    "stage_chains.chains.key": "replace",
    "stage_chains.chains.stages": "key:name",
    "stage_chains.chains.stages.name": "replace",
    "stage_chains.chains.stages.patterns": "append",
    "stage_chains.chains.carry_over": "append",
    "rates": "key:key",
    "rates.key": "replace",
    "rates.rate": "append",
    "rates.numerator": "append",
    "rates.denominator": "append",
    "indicators": "key:key",
    "indicators.key": "replace",
    "indicators.topic": "replace",
    "indicators.figures": "replace",
    "indicators.patterns": "append",
    "indicators.zero": "append",
    "indicators.severity": "replace",
    "indicators.since": "replace",
    "indicators.until": "replace",
    "doc_names": "key:name",
    "doc_names.name": "replace",
    "doc_names.variants": "append",
    "doc_names.since": "replace",
    "doc_names.until": "replace",
    "terms": "key:wrong",
    "terms.wrong": "replace",
    "terms.right": "replace",
    "terms.patterns": "append",
    "terms.since": "replace",
    "terms.until": "replace",
    "personal_info": "merge",
    "personal_info.code_context": "append",
    "personal_info.amount_after": "append",
    "personal_info.contact_line": "append",
    "duty_evidence": "merge",
    "duty_evidence.section": "replace",
    "duty_evidence.figures": "append",
    "duty_evidence.acts": "append",
    "duty_evidence.not_evidence": "append",
    "duty_evidence.kinds": "key:key",
    "duty_evidence.kinds.key": "replace",
    "duty_evidence.kinds.name": "replace",
    "duty_evidence.kinds.patterns": "append",
    "duty_evidence.kinds.scope": "replace",
    "duty_evidence.kinds.min": "replace",
    "duty_evidence.kinds.indicator": "replace",
    "copy_previous": "merge",
    "copy_previous.stock_phrases": "append",
    "copy_previous.similarity": "replace",
    "copy_previous.min_chars": "replace",
    "copy_previous.share": "replace",
    "copy_previous.whole_sections": "append",
    "copy_previous.figure_sections": "append",
    "request_in_report": "merge",
    "request_in_report.phrases": "append",
    "subject_check": "merge",
    "subject_check.no_subject": "replace",
    "subject_check.mismatch": "replace",
}


def policy(path: str) -> str:
    """The merge policy of ``path`` (``MERGE``, with ``*`` for a mapping's own keys);
    ``replace`` for a key the schema does not know (validation names it afterwards)."""
    if path in MERGE:
        return MERGE[path]
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):
        wild = ".".join(parts[:i] + ["*"] * (len(parts) - i))
        if wild in MERGE:
            return MERGE[wild]
    return "replace"


def schema_paths() -> set[str]:
    """Every key path the schema allows, written as in ``MERGE`` (for the test that the table
    covers the schema)."""
    kinds = {
        "title": _TITLE_SCHEMA, "sections": _SECTION_SCHEMA, "indicators": _INDICATOR_SCHEMA,
        "doc_names": _DOC_NAME_SCHEMA, "terms": _TERM_SCHEMA, "duty_kinds": _DUTY_KIND_SCHEMA, **_REVIEW_SCHEMAS,
        "stage_chains": _STAGE_CHAINS_SCHEMA, "chains": _CHAIN_SCHEMA, "stages": _STAGE_SCHEMA, "rates": _RATE_SCHEMA,
    }
    out: set[str] = set()

    def walk(prefix: str, schema: Mapping[str, tuple[str, bool]]) -> None:
        for key, (kind, _) in schema.items():
            path = f"{prefix}{key}"
            out.add(path)
            if kind in kinds:
                walk(f"{path}.", kinds[kind])
            elif kind == "patternmap" or kind in ("deadlines", "severities", "suggestions"):
                out.add(f"{path}.*")
            elif kind == "applies":
                out.update({f"{path}.*", f"{path}.*.*"})

    walk("", _TOP_SCHEMA)
    return out
