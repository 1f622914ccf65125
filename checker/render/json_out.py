"""JSON output, schema fzcheck/1 (SPEC §5). Deterministic: same input, same bytes.

The text is that of ``json.dumps(..., ensure_ascii=False, indent=2)``. When orjson is installed
(``pip install fzcheck[fast]``) it writes it, about twenty times faster, wherever it gives the
same bytes: values of JSON's own types, strings without lone surrogates, floats printed the same
way by both (0 and 1e-4 ≤ |x| < 1e16); anything else goes to the standard encoder. Batch workers
encode their results themselves (:func:`encode_result`): the parent process only joins the text.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import FileResult, Finding, Report, count_severities
from . import RenderContext, summary

try:
    import orjson
except ImportError:  # the optional extra "fast": the standard encoder alone gives the same bytes
    orjson = None

_ORJSON_OPTIONS = (
    orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
) if orjson else 0
_SCALARS = (str, int, bool, type(None))


def _floats_agree(value: Any) -> bool:
    """Are all floats in ``value`` printed alike by orjson and by :func:`json.dumps` (shortest
    round-trip digits; they differ in the exponent's form and on NaN/infinity)? Other types are
    left to orjson, which refuses (and so falls back on) what it would not write the same way."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is float:
        return value == 0 or (math.isfinite(value) and 1e-4 <= abs(value) < 1e16)
    if kind is dict:
        return all(_floats_agree(v) for v in value.values())
    if kind is list or kind is tuple:
        return all(_floats_agree(v) for v in value)
    return True


def dumps(value: Any, floats_agree: bool | None = None) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, by orjson where it gives the same text
    (``floats_agree``: what :func:`_floats_agree` says of ``value``, when the caller knows)."""
    if orjson is not None and (_floats_agree(value) if floats_agree is None else floats_agree):
        try:
            return orjson.dumps(value, option=_ORJSON_OPTIONS).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError: a lone surrogate, a big int, a key not a str, a subclass …
            pass
    return json.dumps(value, ensure_ascii=False, indent=2)


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule, "severity": f.severity, "line": f.line, "column": f.column,
        "end_line": f.end_line, "end_column": f.end_column, "message": f.message,
        "suggestion": f.suggestion, "data": dict(f.data),
    }


def report_dict(report: Report) -> dict[str, Any]:
    paragraphs = report.source.paragraphs
    sections = []
    keyed_unheaded = [s for s in report.sections if s.heading is None]
    for h in report.headings:
        sections.append(
            {"keys": list(h.keys), "heading": h.label, "line": paragraphs[h.index].line, "level": h.level}
        )
    for s in keyed_unheaded:
        sections.append({"keys": [s.key], "heading": None, "line": paragraphs[s.start].line, "level": None})
    sections.sort(key=lambda s: (s["line"], s["level"] is None))
    return {
        "title": report.title,
        "subject": report.subject,
        "year": report.year,
        "date": report.date.isoformat() if report.date else None,
        "date_source": report.date_source,
        "sections": sections,
    }


def result_dict(r: FileResult) -> dict[str, Any]:
    if isinstance(r, EncodedResult):
        return json.loads(encoded_text(r))
    return {
        "path": r.path,
        "template": r.template,
        "error": {"code": r.error.code, "message": r.error.message} if r.error else None,
        "report": report_dict(r.report) if r.report else None,
        "findings": [finding_dict(f) for f in r.findings],
        "notes": notes_of(r),
    }


def notes_of(r: FileResult) -> list[str]:
    """What the reader said about the file (undecodable bytes and where, text-box content not
    checked …): an addition to fzcheck/1, present on every result."""
    if isinstance(r, EncodedResult):
        return list(r.notes)
    return list(r.report.source.notes) if r.report else []


def document(results: list[FileResult], ctx: RenderContext) -> dict[str, Any]:
    return {
        "schema": "fzcheck/1",
        "tool": {"name": "fzcheck", "version": ctx.version},
        "results": [result_dict(r) for r in results],
        "summary": summary(results),
    }


def render_json(results: list[FileResult], ctx: RenderContext) -> str:
    return dumps(document(results, ctx)) + "\n"


def _nested(value: Any, depth: int, floats_agree: bool | None = None) -> str:
    """``value`` as :func:`json.dumps` writes it ``depth`` levels down an indent=2 document
    (a JSON string never holds a raw line break, so indenting the lines is exact)."""
    return dumps(value, floats_agree).replace("\n", "\n" + "  " * depth)


def _result_json(d: dict[str, Any]) -> str:
    """A :func:`result_dict` two levels down. Of its values only the findings' data can be
    floats (the rest are strings, ints, None and lists of them), so only those are looked at."""
    return _nested(d, 2, _floats_agree([f["data"] for f in d["findings"]]))


# --- results encoded where they are checked ------------------------------------------------------
_FINDINGS = '"findings": []'


@dataclasses.dataclass(frozen=True)
class EncodedResult(FileResult):
    """A result with its JSON already written (in a batch worker): what crosses the process
    boundary is a few strings and the findings, not the report. ``head`` and ``tail`` are the
    result's JSON before and after its findings list, ``encoded`` each finding's JSON, for the
    findings of ``encoded_for``. A copy with fewer findings (``--min-severity``) is written from
    the same pieces; a finding not among them is encoded anew."""

    head: str = ""
    tail: str = ""
    encoded: tuple[str, ...] = ()
    encoded_for: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()  # what the reader said (the report itself is not kept)
    decode_loss: bool = False  # read in part: undecodable bytes were left out


def encode_result(r: FileResult, decode_loss: bool = False) -> EncodedResult:
    """``r`` with its JSON (as :func:`stream_json` nests it, two levels down) written now: one
    encoder call, cut into the text before, between and after the findings. The cuts are exact:
    a JSON string holds no raw line break, so a line that starts with exactly the findings
    list's indent is the list's own."""
    whole = _result_json(result_dict(r))
    opening, closing, item = '"findings": [\n' + "  " * 4, "\n" + "  " * 3 + "]", ",\n" + "  " * 4 + "{"
    if r.findings:
        start = whole.index(opening)  # the key itself: inside a string a quote is written \"
        end = whole.index(closing, start)
        items = whole[start + len(opening):end].split(item)
        head, tail = whole[:start], whole[end + len(closing):]
        encoded = tuple(items[:1] + ["{" + x for x in items[1:]])
        if len(encoded) != len(r.findings):  # cannot happen (see above); written one by one then
            encoded = tuple(_nested(finding_dict(f), 4) for f in r.findings)
    else:
        head, _, tail = whole.partition(_FINDINGS)
        encoded = ()
    return EncodedResult(
        r.path, r.template, r.error, None, r.findings, view=r.view, head=head, tail=tail, encoded=encoded,
        encoded_for=r.findings, notes=tuple(notes_of(r)), decode_loss=decode_loss,
    )


def encoded_text(r: EncodedResult) -> str:
    """The JSON of an encoded result, byte for byte what ``_nested(result_dict(r), 2)`` was."""
    if r.findings is r.encoded_for:
        pieces: Iterable[str] = r.encoded
    else:
        known = {id(f): text for f, text in zip(r.encoded_for, r.encoded)}
        pieces = [known.get(id(f)) or _nested(finding_dict(f), 4) for f in r.findings]
    body = (",\n" + "  " * 4).join(pieces)
    findings = '"findings": [\n' + "  " * 4 + body + "\n" + "  " * 3 + "]" if body else _FINDINGS
    return r.head + findings + r.tail


def stream_json(results: Iterable[FileResult], count: int, ctx: RenderContext) -> Iterator[str]:
    """:func:`render_json` in pieces, one result at a time: the same bytes, without holding
    every result (``count`` is not needed by JSON; it is there for the common signature)."""
    head = document([], ctx)
    yield "{\n" + "".join(
        f"  {json.dumps(key)}: {_nested(value, 1)},\n" for key, value in head.items() if key not in ("results", "summary")
    ) + '  "results": ['
    counts = {"files": 0, "error": 0, "warning": 0, "info": 0}
    for n, r in enumerate(results):
        counts["files"] += 1
        for severity, k in count_severities(r.findings).items():
            counts[severity] = counts.get(severity, 0) + k
        yield ("," if n else "") + "\n    " + (encoded_text(r) if isinstance(r, EncodedResult) else _result_json(result_dict(r)))
    yield ("\n  ]" if counts["files"] else "]") + f',\n  "summary": {_nested(counts, 1)}\n}}\n'
