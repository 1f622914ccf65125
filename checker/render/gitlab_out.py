"""GitLab Code Quality report (``--format gitlab``): a JSON array of issues.

GitLab shows these in the merge request (``artifacts: reports: codequality: gl-code-quality-report.json``)
and compares the reports of two pipelines by each issue's ``fingerprint``: an issue is "new" when
its fingerprint was not in the base report. So the fingerprint must not change when unrelated
lines are added above a finding: it is made of the path, the rule, the text of the finding's
source line and the finding's data (not its line number), and, for identical ones, their
order. Paths are relative to the current directory (the checkout), as GitLab expects.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import FileResult
from . import RenderContext
from .escape import FILE_ERROR_CHECK, file_error_fingerprint, finding_fingerprints, message_text, workspace_path

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issues(results: list[FileResult]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in results:
        path = workspace_path(r.path)
        if r.error:
            out.append({
                "type": "issue",
                "description": r.error.message,
                "check_name": FILE_ERROR_CHECK,
                "fingerprint": file_error_fingerprint(path, r.error.code),
                "severity": "blocker",
                "location": {"path": path, "lines": {"begin": 1}},
            })
            continue
        for f, print_ in zip(r.findings, finding_fingerprints(r, path)):
            out.append({
                "type": "issue",
                "description": message_text(f),
                "check_name": f.rule,
                "fingerprint": print_,
                "severity": SEVERITY.get(f.severity, "minor"),
                "categories": ["Style"],
                "location": {"path": path, "lines": {"begin": max(f.line, 1), "end": max(f.end_line, f.line, 1)}},
            })
    return out


def render_gitlab(results: list[FileResult], ctx: RenderContext) -> str:
    return json.dumps(issues(results), ensure_ascii=False, indent=2) + "\n"
