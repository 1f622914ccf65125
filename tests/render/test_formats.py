"""Every output format renders the same findings from the same records, and report text stays data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from checker.api import Options, check_paths, check_text
from checker.model import FileError, FileResult
from checker.render import BINARY, FORMATS, RenderContext, render
from checker.render.common import group_repeats
from checker.config import default_format
from checker.render.escape import escape_data, escape_property
from checker.rules import registry

from tests.drafts import RENDER_DRAFT

from tests.conftest import CORPUS, DATA

SARIF_SCHEMA = json.loads((DATA / "sarif-2.1.0.json").read_text(encoding="utf-8"))
CTX = RenderContext(version="0.1.0", checked_at=dt.datetime(2024, 3, 20, 9, 30))

DRAFT = RENDER_DRAFT

SCRIPT = "<script>alert(1)</script>"
TEMPLATE_EXPR = "{{ 7*7 }}"
HOSTILE = SCRIPT + TEMPLATE_EXPR
HOSTILE_DRAFT = DRAFT.replace("柳溪县2023年依法行政工作报告", "柳溪县2023年依法行政工作报告" + HOSTILE, 1).replace(
    "二、2023年度推进法治政府建设存在的不足和原因", "二、存在的不足和原因" + HOSTILE
)


def draft_result(path: str = "draft.txt") -> FileResult:
    return check_text(DRAFT, Options(), path=path)


def hostile_result() -> FileResult:
    """The real checker on a draft with markup in its title and a heading; one message quotes it,
    as a message quoting report text would."""
    r = check_text(HOSTILE_DRAFT, Options(), path="hostile.txt")
    assert r.report is not None and HOSTILE in r.report.title
    first = dataclasses.replace(r.findings[0], message=r.findings[0].message + f"原标题为「{HOSTILE}」。")
    return dataclasses.replace(r, findings=(first,) + r.findings[1:])


def batch() -> list[FileResult]:
    results = [draft_result("drafts/柳溪县2023.txt"), hostile_result()]
    if CORPUS.is_dir():  # the real reports are an extra check when present
        results += check_paths([str(CORPUS)])
    return results


# --- reading each format back ----------------------------------------------------------------
def _unescape_md(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


class _HtmlFindings(HTMLParser):
    """Collects (rule, line, column, message) of each finding block and the page's text."""

    def __init__(self):
        super().__init__()
        self.findings: list[dict] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self._in_msg = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "finding" in classes:
            self.findings.append({"rule": a["data-rule"], "line": int(a["data-line"]),
                                  "column": int(a["data-column"]), "message": ""})
        if tag == "p" and "msg" in classes:
            self._in_msg = True

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_msg = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_msg:
            self.findings[-1]["message"] += data


def parse_html(html: str) -> _HtmlFindings:
    p = _HtmlFindings()
    p.feed(html)
    return p


_MD_ITEM = re.compile(r"^- \[ \] \*\*\\#(?:\d+\\-)?\d+ (错误|警告|提示)\*\* · 第(\d+)[行段]第(\d+)[列字] · `([a-z0-9-]+)`$")


def parse_markdown(md: str) -> list[tuple]:
    lines = md.splitlines()
    out = []
    for i, line in enumerate(lines):
        m = _MD_ITEM.match(line)
        if m:
            message = next(x for x in lines[i + 1:] if x.strip()).strip()
            out.append((m.group(4), int(m.group(2)), int(m.group(3)), _unescape_md(message)))
    return out


def findings_of_json(text: str) -> list[tuple]:
    doc = json.loads(text)
    return [(f["rule"], f["line"], f["column"], f["message"]) for r in doc["results"] for f in r["findings"]]


def findings_of_sarif(text: str) -> list[tuple]:
    doc = json.loads(text)
    out = []
    for res in doc["runs"][0]["results"]:
        region = res["locations"][0]["physicalLocation"]["region"]
        out.append((res["ruleId"], region["startLine"], region["startColumn"], res["message"]["text"].split("\n建议：")[0]))
    return out


# --- one record shape ----------------------------------------------------------------------
def shown(results) -> list[tuple]:
    """What a reader's format lists: each group of repeats (one rule, one phrase) once."""
    return [(e.first.rule, e.first.line, e.first.column, e.first.message)
            for r in results for e in group_repeats(r.findings)]


def test_json_sarif_markdown_and_html_show_the_same_findings():
    results = batch()
    expected = findings_of_json(render(results, "json", CTX))
    assert {"title-format", "heading-numbering", "section-missing"} <= {f[0] for f in expected}
    assert expected == [(f.rule, f.line, f.column, f.message) for r in results for f in r.findings]  # JSON keeps all
    assert findings_of_sarif(render(results, "sarif", CTX)) == expected
    assert len(shown(results)) < len(expected)  # the draft repeats 今年以来
    assert parse_markdown(render(results, "markdown", CTX)) == shown(results)
    html = parse_html(render(results, "html", CTX))
    rank = {"error": 0, "warning": 1, "info": 2}
    by_severity = [x for r in results for x in sorted(shown([r]), key=lambda e: rank[_severity_of(r, e)])]
    assert [(f["rule"], f["line"], f["column"], f["message"]) for f in html.findings] == by_severity  # errors first


def _severity_of(result, entry: tuple) -> str:
    return next(f.severity for f in result.findings if (f.rule, f.line, f.column, f.message) == entry)


def test_text_and_github_show_the_same_findings_too():
    results = batch()
    expected = [(r.path, f.line, f.column, f.rule) for r in results for f in r.findings]
    grouped = [(r.path, e.first.line, e.first.column, e.first.rule) for r in results for e in group_repeats(r.findings)]
    text = render(results, "text", CTX)
    found = re.findall(r"^(.+):(\d+):(\d+): (?:错误|警告|提示) \[([a-z0-9-]+)\] ", text, re.MULTILINE)
    assert [(p, int(line), int(col), rule) for p, line, col, rule in found] == grouped
    gh = render(results, "github", CTX)
    rules = re.findall(r"^::(?:error|warning|notice) file=[^,]+,line=(\d+),col=(\d+),.*?\[([a-z0-9-]+)\]::", gh, re.MULTILINE)
    assert [(int(a), int(b), c) for a, b, c in rules] == [(e[1], e[2], e[3]) for e in expected]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_repeats_of_one_rule_and_phrase_are_one_entry_listing_the_other_places(fmt):
    text = DRAFT + "\n".join(f"今年以来第{n}项工作推进顺利。" for n in range(1, 8)) + "\n"
    r = check_text(text, Options(), path="repeats.txt")
    repeats = [f for f in r.findings if f.rule == "time-relative" and f.data["phrase"] == "今年以来"]
    assert len(repeats) >= 7
    out = render([r], fmt, CTX)
    if fmt == "markdown":
        out = _unescape_md(out)
    assert out.count("「今年以来」指代不明") == 1
    lines = "、".join(str(n) for n in dict.fromkeys(f.line for f in repeats[1:]))
    assert f"同类问题另有{len(repeats) - 1}处：第{lines}行" in out
    data = json.loads(render([r], "json", CTX))
    assert sum(f["rule"] == "time-relative" for f in data["results"][0]["findings"]) == len(
        [f for f in r.findings if f.rule == "time-relative"])


# --- report text is data -------------------------------------------------------------------
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in BINARY])
def test_markup_and_template_syntax_in_a_report_render_literally(fmt):
    out = render([hostile_result()], fmt, CTX)
    assert "49" not in re.sub(r"\b[0-9a-f]{64}\b", "", out).replace("2049", "")  # not in the fingerprints either
    if fmt in ("json", "sarif"):
        doc = json.loads(out)
        messages = (
            [f["message"] for r in doc["results"] for f in r["findings"]]
            if fmt == "json" else [res["message"]["text"] for res in doc["runs"][0]["results"]]
        )
        assert any(HOSTILE in m for m in messages)
        if fmt == "json":
            assert doc["results"][0]["report"]["title"].endswith(HOSTILE)
    elif fmt == "html":
        page = parse_html(out)
        assert "script" not in page.tags
        text = "".join(page.text)
        assert text.count(HOSTILE) >= 3  # title, heading excerpt, message
        assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in out
    elif fmt == "markdown":
        html = MarkdownIt("commonmark").enable("table").render(out)
        page = parse_html(html)
        assert "script" not in page.tags
        assert "".join(page.text).count(HOSTILE) >= 3
    elif fmt == "text":
        assert out.count(HOSTILE) >= 2  # the message and the title line
    elif fmt == "github":
        assert HOSTILE in out
        assert all(line.startswith(("::", "共检查")) for line in out.splitlines())


def test_control_characters_in_a_report_do_not_reach_the_terminal():
    text = DRAFT.replace("柳溪县2023年依法行政工作报告", "柳溪县2023年依法行政工作报告\x1b[2J\x1b]0;x\x07", 1)
    r = check_text(text, Options(), path="d.txt")
    for color in (False, True):
        out = render([r], "text", RenderContext(version="0.1.0", color=color))
        assert "\x1b[2J" not in out and "\x07" not in out


# --- SARIF ---------------------------------------------------------------------------------
def sarif_doc(results) -> dict:
    return json.loads(render(results, "sarif", CTX))


def test_sarif_validates_against_the_sarif_2_1_0_schema():
    results = batch() + [FileResult("missing.txt", "annual", FileError("not-found", "missing.txt：文件不存在"))]
    doc = sarif_doc(results)
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_sarif_run_describes_the_tool_and_every_rule():
    doc = sarif_doc([draft_result()])
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = doc["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "fzcheck" and driver["version"] == "0.1.0"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(registry())
    meta = registry()["section-missing"]
    sm = next(r for r in rules if r["id"] == "section-missing")
    assert sm["shortDescription"]["text"] == meta.summary
    assert meta.rationale in sm["fullDescription"]["text"] and meta.source in sm["fullDescription"]["text"]
    assert sm["defaultConfiguration"]["level"] == "error"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_results_carry_level_message_and_region():
    r = draft_result("drafts/柳溪县 2023.txt")
    run = sarif_doc([r])["runs"][0]
    by_rule = {}
    for res in run["results"]:
        by_rule.setdefault(res["ruleId"], []).append(res)
    f = next(x for x in r.findings if x.rule == "heading-numbering")
    res = by_rule["heading-numbering"][0]
    assert res["level"] == "warning"
    assert res["message"]["text"] == f"{f.message}\n建议：{f.suggestion}"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "drafts/%E6%9F%B3%E6%BA%AA%E5%8E%BF%202023.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    # (the optional section is no longer reported missing, issue 11: an info finding is made
    # by configuration instead)
    noted = check_text(DRAFT, Options(rules={"indicator-missing": "info"}), path="draft.txt")
    levels = [res["level"] for res in sarif_doc([noted])["runs"][0]["results"]]
    assert levels == [{"error": "error", "warning": "warning", "info": "note"}[x.severity] for x in noted.findings]
    assert "note" in levels and "error" in levels


def test_sarif_reports_unreadable_files_as_tool_notifications():
    bad = FileResult("gone.docx", "annual", FileError("bad-docx", "gone.docx：不是有效的 Word 文档"))
    run = sarif_doc([draft_result(), bad])["runs"][0]
    (inv,) = run["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == bad.error.message
    assert note["descriptor"] == {"id": "bad-docx"}
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "gone.docx"


# --- GitHub annotations --------------------------------------------------------------------
def test_github_escaping():
    assert escape_data("100%\r\n下一行") == "100%25%0D%0A下一行"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"


def test_github_annotations_name_file_span_and_level():
    r = draft_result("drafts/a,b:c.txt")
    out = render([r], "github", CTX)
    lines = out.splitlines()
    f = next(x for x in r.findings if x.rule == "heading-numbering")
    expected = (
        f"::warning file=drafts/a%2Cb%3Ac.txt,line={f.line},col={f.column},endLine={f.end_line},"
        f"endColumn={f.end_column},title=fzcheck 警告 [heading-numbering]::{f.message}%0A建议：{f.suggestion}"
    )
    assert expected in lines
    assert any(line.startswith("::error ") for line in lines)
    assert lines[-1].startswith("共检查 1 个文件")
    noted = check_text(DRAFT, Options(rules={"indicator-missing": "info"}), path="draft.txt")
    assert any(line.startswith("::notice ") for line in render([noted], "github", CTX).splitlines())


def test_github_reports_unreadable_files():
    bad = FileResult("gone.txt", "annual", FileError("not-found", "gone.txt：文件不存在"))
    out = render([bad], "github", CTX)
    assert out.splitlines()[0] == "::error file=gone.txt,title=fzcheck：无法检查::gone.txt：文件不存在"


def test_default_format_is_github_inside_github_actions():
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({"GITHUB_ACTIONS": "false"}) == "text"
    assert default_format({}) == "text"


# --- terminal ------------------------------------------------------------------------------
def test_text_lists_findings_with_source_line_caret_and_suggestion():
    r = draft_result()
    out = render([r], "text", CTX)
    assert "\x1b" not in out
    lines = out.splitlines()
    i = lines.index(next(x for x in lines if x.startswith("draft.txt:9:1: 警告 [heading-numbering] ")))
    assert lines[i + 1].endswith("| 四、2024年推进法治政府建设的主要安排")
    src, caret = lines[i + 1], lines[i + 2]
    assert caret.endswith("| ^~~~")  # under 四、: two wide characters
    assert src.index("|") == caret.index("|")
    assert lines[i + 3] == "    建议：按顺序连续编号。"
    assert lines[-1] == "共检查 1 个文件：错误 1 处，警告 {} 处，提示 {} 处（有错误）。".format(
        sum(f.severity == "warning" for f in r.findings), sum(f.severity == "info" for f in r.findings)
    )


def test_text_is_coloured_only_when_asked():
    r = draft_result()
    plain = render([r], "text", RenderContext(version="0.1.0", color=False))
    coloured = render([r], "text", RenderContext(version="0.1.0", color=True))
    assert "\x1b[" not in plain
    assert "\x1b[1;31m错误\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_text_shows_file_errors_and_counts_them():
    bad = FileResult("gone.txt", "annual", FileError("not-found", "gone.txt：文件不存在"))
    out = render([draft_result(), bad], "text", CTX)
    assert "gone.txt\n  无法检查：gone.txt：文件不存在\n" in out
    assert out.rstrip().endswith("，1 个文件无法检查。")
    assert re.search(r"共检查 2 个文件：错误 \d+ 处，警告 \d+ 处，提示 \d+ 处", out)


def test_a_clean_file_says_so():
    from checker.rules.examples import MINI

    r = check_text(MINI, Options(), path="mini.txt")
    out = render([r], "text", CTX)
    if not r.findings:
        assert out.startswith("mini.txt：未发现问题\n")
    else:  # a newer rule found something in the example: it is listed, not hidden
        assert out.startswith(f"mini.txt（{len(r.findings)} 处问题")


# --- the HTML sheet ------------------------------------------------------------------------
def test_html_sheet_is_self_contained_and_printable():
    out = render([draft_result()], "html", CTX)
    assert "<script" not in out.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", out)
    assert "@import" not in out and "url(" not in out
    assert "size: A4" in out and "thead { display: table-header-group; }" in out
    assert "break-inside: avoid" in out
    assert '"Noto Sans CJK SC"' in out


def test_html_sheet_contents():
    r = draft_result()
    out = render([r], "html", CTX)
    text = "".join(parse_html(out).text)
    for piece in ("柳溪县2023年依法行政工作报告", "柳溪县", "2023年", "依据：标题", "2024年3月15日", "依据：落款",
                  "地方政府", "annual", "2024年3月20日 09:30", "fzcheck 0.1.0", "处理情况：已改\u3000不改，理由：", "起草人", "审核人", "日期",
                  "审核结论", "需补充内容后复核", "送审单位", "联系人", "稿次", "审核人意见", "有数据", "未写到"):
        assert piece in text, piece
    assert out.count('class="box"') == 2 * len(group_repeats(r.findings))
    assert "<mark>四、</mark>" in out
    for status in ("已有", "缺失"):
        assert f">{status}</span>" in out
    rows = re.findall(r'<td rowspan="1">(党政主要负责人[^<]*)</td>\s*<td rowspan="1"><span class="status (\w+)">', out)
    assert rows and rows[0][1] == "missing"
    severities = re.findall(r'<span class="sev \w+">(错误|警告|提示)</span>', out)
    assert len(severities) == len(group_repeats(r.findings))
    assert severities == sorted(severities, key=["错误", "警告", "提示"].index)  # errors first
    indicators = re.findall(r'<tr data-indicator="(\w+)"><td>[^<]*</td><td><span class="ind (\w+)">', out)
    absent = {f.data["indicator"] for f in r.findings if f.rule == "indicator-missing"}
    no_data = {f.data["indicator"] for f in r.findings if f.rule == "indicator-no-data"}
    assert absent and {k for k, st in indicators if st == "absent"} == absent
    assert {k for k, st in indicators if st == "mentioned"} == no_data
    assert any(st == "data" for _, st in indicators)


def test_html_batch_has_an_index_with_file_errors():
    bad = FileResult("gone.txt", "annual", FileError("not-found", "gone.txt：文件不存在"))
    out = render([draft_result("a.txt"), draft_result("b.txt"), bad], "html", CTX)
    index = out[out.index('<table class="index-table">'):out.index("</table>", out.index('<table class="index-table">'))]
    assert index.count("<tr>") == 4  # header + three files
    assert "gone.txt：文件不存在" in index
    assert out.count('<section class="file"') == 2
    assert ".file + .file, .index + .file { break-before: page; }" in out
    assert 'id="f2-1"' in out and "#2-1" in out


def test_markdown_renders_tables_and_a_task_list():
    out = render([draft_result()], "markdown", CTX)
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert html.count("<table>") == 2  # report facts, section checklist
    assert "<mark>四、</mark>" in html
    assert out.count("- [ ] ") == len(group_repeats(draft_result().findings))


def test_word_documents_are_located_by_paragraph():
    r = draft_result("draft.docx")
    source = dataclasses.replace(r.report.source, kind="docx", path="draft.docx")
    r = dataclasses.replace(r, report=dataclasses.replace(r.report, source=source))
    f = next(x for x in r.findings if x.rule == "heading-numbering")
    html = render([r], "html", CTX)
    assert f'<span class="loc">第{f.line}段</span>' in html and "Word 文档" in html
    assert f"第{f.line}段第{f.column}字" not in html  # on paper: the paragraph and the quoted sentence
    assert '<th class="num">段</th>' in html
    assert f"第{f.line}段第{f.column}字" in render([r], "markdown", CTX)
    assert f"draft.docx:{f.line}:{f.column}: 警告 [heading-numbering]" in render([r], "text", CTX)


def test_one_cached_environment_autoescapes_html_only():
    from checker.render.common import environment

    env = environment()
    assert env is environment()
    assert env.get_template("sheet.html").render  # loads from templates/sheet
    assert env.autoescape("sheet.html") is True
    assert env.autoescape("sheet.md") is False and env.autoescape("text.txt") is False


# --- a new format: one module plus one line in the renderer table ---------------------------
_NEW_FORMAT_RUN = r'''
import importlib.util, json, sys
from pathlib import Path

import checker

render_dir = Path(checker.__file__).parent / "render"
init = render_dir / "__init__.py"
source = init.read_text(encoding="utf-8")
marker = "_TABLE: dict[str, Format] = {\n"
assert source.count(marker) == 1, "the renderer table is not where the test looks for it"
source = source.replace(marker, marker + '    "tally": Format("tally_out", "text", download="计数"),\n')
# the package as it would be with that line, and with the new module beside its own
spec = importlib.util.spec_from_file_location(
    "checker.render", init, submodule_search_locations=[str(render_dir), sys.argv[1]]
)
module = importlib.util.module_from_spec(spec)
sys.modules["checker.render"] = module
checker.render = module
exec(compile(source, str(init), "exec"), module.__dict__)

from typer.testing import CliRunner
from checker.cli import app
from checker.serve.views import downloads

runner = CliRunner()
draft = sys.argv[2]
out = {}
for name, args in {
    "check": ["check", "-f", "tally", draft],
    "help": ["check", "--help"],
    "unknown": ["check", "-f", "nosuch", draft],
}.items():
    result = runner.invoke(app, args)
    out[name] = {"code": result.exit_code, "output": result.output}
Path(".fzcheck.yaml").write_text("format: tally\n", encoding="utf-8")
result = runner.invoke(app, ["check", draft])
out["config"] = {"code": result.exit_code, "output": result.output}
out["downloads"] = [d["format"] for d in downloads("x")]
print(json.dumps(out, ensure_ascii=False))
'''

_TALLY_MODULE = '''
"""A format made for the test: one line of counts."""
from checker.model import count_severities


def render_tally(results, ctx):
    counts = count_severities(f for r in results for f in r.findings)
    return f"TALLY files={len(results)} errors={counts['error']} warnings={counts['warning']}\\n"
'''


def test_a_new_format_is_one_module_and_one_line_in_the_table(tmp_path: Path) -> None:
    """A module written elsewhere and one line added to the renderer table: the CLI offers the
    format (--format, its help, the configuration file) and the web page offers its download,
    with no other file edited."""
    import subprocess
    import sys

    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "tally_out.py").write_text(_TALLY_MODULE, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _NEW_FORMAT_RUN, str(extra), str(draft)],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    result = check_text(DRAFT, path=str(draft))
    errors = sum(f.severity == "error" for f in result.findings)
    warnings = sum(f.severity == "warning" for f in result.findings)
    assert out["check"]["output"] == f"TALLY files=1 errors={errors} warnings={warnings}\n"
    assert out["check"]["code"] == (1 if errors else 0)  # the exit code does not depend on the format
    assert out["config"]["output"] == out["check"]["output"]
    assert "tally" in out["help"]["output"] and out["help"]["code"] == 0
    assert out["unknown"]["code"] == 2 and "tally" in out["unknown"]["output"]  # listed among the choices
    assert out["downloads"] == ["html", "tally", "json", "docx", "xlsx"]  # the line went first in the table
