"""SARIF 2.1.0 output (``--format sarif``) for code-scanning tools.

One run; the driver lists every rule of the registry, so ``ruleIndex`` is stable from run to
run. Columns are code points (``columnKind: unicodeCodePoints``) and ``endColumn`` is exclusive,
as in fzcheck's own spans. Files that could not be read are tool execution notifications, and
then the invocation was not successful; so are the readers' notes on a file (when undecodable
bytes were replaced, the invocation was not successful either). No timestamps: the same input
gives the same bytes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from ..model import FileResult, Finding
from ..read.names import original_name
from ..rules import registry
from .. import PROJECT_URL
from . import RenderContext
from .escape import finding_fingerprints, message_text, workspace_path

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
# Where the rule reference lives: docs/rules.md, one anchor per rule id (see checker.docgen).
INFORMATION_URI = PROJECT_URL
RULES_DOC_URL = f"{PROJECT_URL}/blob/main/docs/rules.md"


def artifact_location(path: str, cwd: str | None = None) -> dict[str, str]:
    """The file as a URI relative to the current directory (forward slashes, percent-encoded);
    an absolute ``file:`` URI when it has no relative path from there (another drive)."""
    path = original_name(path)  # a name with bytes that are not UTF-8: the URI encodes those bytes
    try:
        rel = os.path.relpath(path, cwd or os.getcwd())
    except ValueError:
        return {"uri": quote(Path(path).resolve().as_posix(), safe="/:", errors="surrogateescape")}
    except OSError:  # the current directory is gone: the path as given
        rel = path
    return {"uri": quote(PurePath(rel).as_posix(), safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


def rule_descriptor(rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "helpUri": f"{RULES_DOC_URL}#{rule.id}",
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.rationale}（依据：{rule.source}）"},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"family": rule.family},
    }


def result(
    f: Finding, location: dict[str, str], index: dict[str, int], fingerprint: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    out.update(
        level=LEVEL.get(f.severity, "warning"),
        message={"text": message_text(f)},
        locations=[{
            "physicalLocation": {
                "artifactLocation": dict(location),
                "region": {
                    "startLine": max(f.line, 1),
                    "startColumn": max(f.column, 1),
                    "endLine": max(f.end_line, f.line, 1),
                    "endColumn": max(f.end_column, 1),
                },
            }
        }],
    )
    if fingerprint:
        out["partialFingerprints"] = {"fzcheckFinding/v1": fingerprint}
    if f.data:
        out["properties"] = {"data": dict(f.data)}
    return out


def fingerprints(r: FileResult) -> list[str]:
    """A fingerprint per finding that does not move with its line number (GitLab's too)."""
    return finding_fingerprints(r, workspace_path(r.path))


def document(results: list[FileResult], ctx: RenderContext) -> dict[str, Any]:
    rules = list(registry().values())
    index = {r.id: i for i, r in enumerate(rules)}
    sarif_results = []
    notifications = []
    failed = False
    for r in results:
        location = artifact_location(r.path)
        if r.error:
            failed = True
            notifications.append({
                "level": "error",
                "message": {"text": r.error.message},
                "descriptor": {"id": r.error.code},
                "locations": [{"physicalLocation": {"artifactLocation": dict(location)}}],
            })
            continue
        sarif_results.extend(result(f, location, index, fp) for f, fp in zip(r.findings, fingerprints(r)))
        source = r.report.source if r.report else None
        if source is not None and source.notes:
            lost = source.decode_loss  # part of the file was not read: not a success
            failed = failed or lost
            notifications.extend({
                "level": "warning" if lost else "note",
                "message": {"text": note},
                "descriptor": {"id": "reader-note"},
                "locations": [{"physicalLocation": {"artifactLocation": dict(location)}}],
            } for note in source.notes)
    invocation: dict[str, Any] = {"executionSuccessful": not failed}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "fzcheck",
                    "version": ctx.version,
                    "informationUri": INFORMATION_URI,
                    "rules": [rule_descriptor(rule) for rule in rules],
                }
            },
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


def render_sarif(results: list[FileResult], ctx: RenderContext) -> str:
    return json.dumps(document(results, ctx), ensure_ascii=False, indent=2) + "\n"
