"""JUnit XML (``--format junit``) for Jenkins' JUnit plugin and other CI test-report readers.

One ``<testsuite>`` per file and one ``<testcase>`` per finding (a file with none has one
passing case), so the build page lists every place to fix. A finding at or above ``--fail-on``
is a ``<failure>`` (Jenkins then marks the build unstable, as the exit code says it failed);
one below is reported as ``<skipped>`` with its level, so it is visible without failing the
build. A file that could not be checked is an ``<error>``. No timestamps or durations: the same
input gives the same bytes. Text is cleaned of control characters, which XML 1.0 cannot carry.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..model import SEVERITY_RANK, FileResult, Finding
from . import RenderContext
from .common import SEVERITY_CN, clean
from .escape import message_text, workspace_path


def _fails(f: Finding, fail_on: str) -> bool:
    return fail_on != "never" and SEVERITY_RANK.get(f.severity, 0) >= SEVERITY_RANK.get(fail_on, 9)


def _suite(r: FileResult, fail_on: str) -> ET.Element:
    path = clean(workspace_path(r.path))
    classname = "fzcheck." + path
    suite = ET.Element("testsuite", name=path)
    failures = errors = skipped = 0
    if r.error:
        case = ET.SubElement(suite, "testcase", name="读取与检查", classname=classname, time="0")
        error = ET.SubElement(case, "error", message=clean(r.error.message), type=r.error.code)
        error.text = clean(r.error.message)
        errors = 1
    elif not r.findings:
        ET.SubElement(suite, "testcase", name="未发现问题", classname=classname, time="0")
    for f in r.findings:
        level = SEVERITY_CN.get(f.severity, f.severity)
        case = ET.SubElement(
            suite, "testcase", name=f"{f.rule} 第{f.line}行第{f.column}列", classname=classname, time="0"
        )
        text = "\n".join(clean(part) for part in message_text(f).split("\n"))
        if _fails(f, fail_on):
            failure = ET.SubElement(case, "failure", message=clean(f.message), type=f"{level} {f.rule}")
            failure.text = f"{path}:{f.line}:{f.column}: {level} [{f.rule}]\n{text}"
            failures += 1
        else:
            ET.SubElement(case, "skipped", message=f"{level}（低于 --fail-on，不计为失败）：{clean(f.message)}")
            skipped += 1
    cases = len(suite)
    suite.set("tests", str(cases))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    suite.set("time", "0")
    return suite


def render_junit(results: list[FileResult], ctx: RenderContext) -> str:
    root = ET.Element("testsuites", name="fzcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in results:
        suite = _suite(r, ctx.fail_on)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
