"""Small text helpers several formats share, below every renderer (no renderer imports another
for them): GitHub's workflow-command escaping, paths relative to the checkout, a finding's text
in one field, and fingerprints that do not move with a finding's line number."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import PurePath

from ..model import FileResult, Finding


def escape_data(value: object) -> str:
    """A GitHub workflow command's message, escaped as GitHub's toolkit does it (``%``, CR, LF)."""
    return str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: object) -> str:
    """A GitHub workflow command's property (``file=…``): also ``:`` and ``,`` escaped."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str) -> str:
    """The path relative to the current directory (the checkout), with forward slashes."""
    try:
        return PurePath(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive: keep it as given
        return PurePath(path).as_posix()


def message_text(f: Finding) -> str:
    """The message and the suggestion in one field (SARIF, GitLab, JUnit)."""
    return f"{f.message}\n建议：{f.suggestion}" if f.suggestion else f.message


FILE_ERROR_CHECK = "fzcheck-file-error"


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def file_error_fingerprint(path: str, code: str) -> str:
    return fingerprint(path, FILE_ERROR_CHECK, code)


def finding_fingerprints(r: FileResult, path: str) -> list[str]:
    """A fingerprint per finding of ``r`` (``path``: as the format names the file): its rule, the
    text of its line and its data, numbered among equal ones; a paragraph added above moves
    every line number but no fingerprint."""
    lines = r.report.source.lines if r.report else ()
    seen: dict[str, int] = {}
    out = []
    for f in r.findings:
        line_text = lines[f.line - 1].strip() if 0 < f.line <= len(lines) else ""
        key = fingerprint(path, f.rule, line_text, json.dumps(dict(f.data), ensure_ascii=False, sort_keys=True, default=str))
        seen[key] = seen.get(key, 0) + 1
        out.append(fingerprint(key, str(seen[key])))
    return out
