"""--format docx: the draft handed back with one comment per finding (or group of repeats) and
the certain fixes as tracked changes; everything else in the document left as it was.

The drafts are built here with python-docx: a title, heading styles, Word automatic numbering,
a table, a run boundary inside a cited document name, and a comment by someone else.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from checker.cli import app
from checker.api import Options, check_paths
from checker.render import RenderContext, render_bytes
from checker.render.common import group_repeats
from checker.render.docx_out import mechanical_fixes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CTX = RenderContext(version="0.1.0", checked_at=dt.datetime(2024, 3, 20, 9, 30))
FIXED_RULES = ("time-relative", "doc-name", "date-format", "punct-unbalanced")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def make_draft(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("柳溪县2023年法治政府建设年度报告", style="Title")
    p = d.add_paragraph("今年以来，柳溪县坚持以习近平法治思想为指导，全面贯彻")
    p.add_run("《法制").bold = True  # the cited name runs across two runs
    p.add_run("政府建设实施纲要（2021－2025年）》，推进法治政府建设。").italic = True
    d.add_paragraph("一、2023年度推进法治政府建设的主要举措和成效", style="Heading 1")
    d.add_paragraph("深化“放管服”改革，全县新增网上可办事项126项。", style="List Number")
    d.add_paragraph("规范行政决策，制定重大行政决策事项目录。", style="List Number")
    p = d.add_paragraph("今年以来办理行政复议申请23件，受理21件，审结20件，直接纠错4件，纠错率20%。")
    d.add_comment(p.runs[0], text="原有批注：请核实复议数字", author="张三", initials="ZS")
    p = d.add_paragraph("全年办理行政应诉案件35件")  # a revision by someone else, left as it is
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="901" w:author="李四" w:date="2024-03-01T00:00:00Z">'
                          '<w:r><w:t>，败诉2件</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="902" w:author="李四" w:date="2024-03-01T00:00:00Z">'
                          '<w:r><w:delText>（初步统计）</w:delText></w:r></w:del>'))
    p.add_run("。")
    d.add_paragraph().add_run("一是加强执法培训；\t二是\n今年以来开展案卷评查。")  # a tab and a line break before it
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数量"
    table.cell(1, 0).text, table.cell(1, 1).text = "今年以来人民调解纠纷", "1260件"
    d.add_paragraph("二、2023年度推进法治政府建设存在的不足和原因", style="Heading 1")
    d.add_paragraph("一是执法规范化水平仍有差距，原因是基层法治力量薄弱。对照《法治政府建设与责任落实督察工作规定要求，仍有差距。")
    d.add_paragraph("三、2024年推进法治政府建设的主要安排", style="Heading 1")
    d.add_paragraph("一是深入学习贯彻习近平法治思想；二是加强行政复议和应诉工作；三是推进严格规范公正文明执法。")
    d.add_paragraph("柳溪县人民政府")
    d.add_paragraph("2024年03月15日")
    d.save(path)
    return path


def check(path: Path):
    return check_paths([str(path)], Options())[0]


def annotate(path: Path, revisions: bool = True) -> tuple[object, bytes]:
    result = check(path)
    ctx = RenderContext(version="0.1.0", checked_at=CTX.checked_at, revisions=revisions)
    return result, render_bytes([result], "docx", ctx)


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def comments(data: bytes) -> dict[str, tuple[str, str]]:
    """comment id -> (author, text)"""
    root = part(data, "word/comments.xml")
    out = {}
    for c in root.iter(w("comment")):
        text = "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p")))
        out[c.get(w("id"))] = (c.get(w("author")), text)
    return out


def anchored_text(body: etree._Element) -> dict[str, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd as it was before
    fzcheck's revisions (its deleted words in, its inserted words out), in document order."""
    open_: set[str] = set()
    out: dict[str, str] = {}
    for el in body.iter():
        if el.tag == w("commentRangeStart"):
            open_.add(el.get(w("id")))
            out.setdefault(el.get(w("id")), "")
        elif el.tag == w("commentRangeEnd"):
            open_.discard(el.get(w("id")))
        elif el.tag in (w("t"), w("delText")):
            if any(a.tag == w("ins") and a.get(w("author")) == "fzcheck" for a in el.iterancestors()):
                continue
            for cid in open_:
                out[cid] += el.text or ""
    return out


def paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")) if not any(a.tag == w("del") for a in t.iterancestors()))


def revisions(body: etree._Element, kind: str) -> list[tuple[str, str, str]]:
    """(author, date, text) of every w:ins or w:del."""
    tag = "t" if kind == "ins" else "delText"
    return [(el.get(w("author")), el.get(w("date")), "".join(t.text or "" for t in el.iter(w(tag))))
            for el in body.iter(w(kind))]


# --- what Word does with the revisions, done on the XML ----------------------------------------
def accept_all(body: etree._Element) -> None:
    for d in list(body.iter(w("del"))):
        d.getparent().remove(d)
    for ins in list(body.iter(w("ins"))):
        _unwrap(ins)


def reject_all(body: etree._Element, author: str) -> None:
    """Reject the revisions of one author."""
    for ins in [el for el in body.iter(w("ins")) if el.get(w("author")) == author]:
        ins.getparent().remove(ins)
    for d in [el for el in body.iter(w("del")) if el.get(w("author")) == author]:
        for t in d.iter(w("delText")):
            t.tag = w("t")
        _unwrap(d)


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    at = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(at, child)
    parent.remove(el)


def canonical(body: etree._Element, drop_comments: set[str]) -> bytes:
    """The body without the given comments' anchors, adjacent runs of equal properties merged
    (a run split in two reads the same) and xml:space dropped: what a reader of the document sees."""
    body = copy.deepcopy(body)
    for el in list(body.iter(w("commentRangeStart"), w("commentRangeEnd"))):
        if el.get(w("id")) in drop_comments:
            el.getparent().remove(el)
    for ref in list(body.iter(w("commentReference"))):
        if ref.get(w("id")) in drop_comments:
            run = ref.getparent()
            run.getparent().remove(run)
    for el in body.iter(w("t")):
        el.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
    for parent in list(body.iter()):
        children = list(parent)
        for x, y in zip(children, children[1:]):
            if x.tag == y.tag == w("r") and _rpr(x) == _rpr(y) and _plain(x) and _plain(y):
                for child in [c for c in y if c.tag != w("rPr")]:
                    x.append(child)
                parent.remove(y)
                children[children.index(y)] = x  # keep merging into x
    for run in body.iter(w("r")):  # then one w:t for each stretch of text
        kids = list(run)
        for x, y in zip(kids, kids[1:]):
            if x.tag == y.tag == w("t"):
                y.text = (x.text or "") + (y.text or "")
                run.remove(x)
    return etree.tostring(body, method="c14n")


def _rpr(run: etree._Element) -> bytes:
    rpr = run.find(w("rPr"))
    return b"" if rpr is None else etree.tostring(rpr, method="c14n")


def _plain(run: etree._Element) -> bool:
    """Only text, tabs and breaks: a run of these split in two reads the same joined again."""
    return all(c.tag in (w("rPr"), w("t"), w("tab"), w("br")) for c in run)


# --- the tests ------------------------------------------------------------------------------
@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return make_draft(tmp_path / "柳溪县2023（初稿）.docx")


def test_the_draft_has_the_findings_this_file_is_about(draft):
    result = check(draft)
    rules = {f.rule for f in result.findings}
    assert set(FIXED_RULES) <= rules and "section-missing" in rules
    assert len([f for f in result.findings if f.rule == "time-relative"]) == 4  # a group of repeats
    numbered = [p for p in result.report.source.paragraphs if p.prefix]
    assert [p.prefix for p in numbered] == ["1.", "2."]  # Word's automatic numbering was read


def test_one_comment_per_finding_or_group_anchored_on_its_text(draft):
    result, data = annotate(draft)
    body = part(data, "word/document.xml")
    mine = {cid: text for cid, (author, text) in comments(data).items() if author == "fzcheck"}
    anchors = anchored_text(body)
    entries = group_repeats(result.findings)
    assert len(mine) == len(entries) + 1  # and the summary on the title
    summary = [cid for cid, text in mine.items() if text.startswith("fzcheck 检查结果：")]
    assert len(summary) == 1 and anchors[summary[0]] == "柳溪县2023年法治政府建设年度报告"
    assert "需补充内容后复核" in mine[summary[0]] and "党政主要负责人履行推进法治建设第一责任人职责情况：缺失" in mine[summary[0]]
    lines = result.report.source.lines
    paragraphs = [p for p in body.iter(w("p")) if p.getparent().tag != w("comment")]
    for entry in entries:
        f = entry.first
        hits = [cid for cid, text in mine.items() if f.message in text and f"（规则 {f.rule}）" in text]
        assert len(hits) == 1, f
        flagged = lines[f.line - 1][f.column - 1:f.end_column - 1]
        if flagged:
            assert flagged in anchors[hits[0]], (f, anchors[hits[0]])
        else:  # something absent: the comment stands on the paragraph where it belongs
            assert anchors[hits[0]] and anchors[hits[0]] in paragraph_text(paragraphs[f.line - 1]) + lines[f.line - 1]
        if entry.others:
            assert f"同类问题另有{len(entry.others)}处" in mine[hits[0]]


def test_certain_fixes_are_tracked_changes_with_author_and_date(draft):
    result, data = annotate(draft)
    body = part(data, "word/document.xml")
    inserted, deleted = revisions(body, "ins"), revisions(body, "del")
    ours = [(a, d, t) for a, d, t in inserted + deleted if a == "fzcheck"]
    assert {d for _, d, _ in ours} == {"2024-03-20T09:30:00Z"}
    assert sorted(t for a, _, t in inserted if a == "fzcheck") == sorted(["2023年"] * 4 + ["治", "》"])
    assert sorted(t for a, _, t in deleted if a == "fzcheck") == sorted(["今年"] * 4 + ["制", "0"])
    assert ("李四", "2024-03-01T00:00:00Z", "，败诉2件") in inserted  # someone else's revisions are kept
    assert ("李四", "2024-03-01T00:00:00Z", "（初步统计）") in deleted
    fixed = {fix.finding.rule for fix in mechanical_fixes(result)}
    assert fixed == set(FIXED_RULES)
    # the comment on a fixed phrase covers the inserted words as well as the deleted ones
    ours = {cid for cid, (author, _) in comments(data).items() if author == "fzcheck"}
    open_, covered = set(), []
    for el in body.iter():
        if el.tag == w("commentRangeStart") and el.get(w("id")) in ours:
            open_.add(el.get(w("id")))
        elif el.tag == w("commentRangeEnd"):
            open_.discard(el.get(w("id")))
        elif el.tag == w("ins") and el.get(w("author")) == "fzcheck" and open_:
            covered.append("".join(t.text for t in el.iter(w("t"))))
    assert {"2023年", "治"} <= set(covered)
    # the bold run keeps its look on both sides of the split, and the inserted 治 is bold too
    zhi = next(el for el in body.iter(w("ins")) if "".join(t.text for t in el.iter(w("t"))) == "治")
    assert zhi.find(f"{w('r')}/{w('rPr')}/{w('b')}") is not None
    before = zhi.getprevious()
    assert before.tag == w("del") and before.getprevious().find(f"{w('rPr')}/{w('b')}") is not None


def test_the_rest_of_the_document_is_unchanged_apart_from_the_anchors(draft):
    original = draft.read_bytes()
    for with_revisions in (False, True):
        _, data = annotate(draft, revisions=with_revisions)
        body = part(data, "word/document.xml")
        if with_revisions:
            reject_all(body, "fzcheck")
        else:
            assert {a for a, _, _ in revisions(body, "ins") + revisions(body, "del")} == {"李四"}
        ours = {cid for cid, (author, _) in comments(data).items() if author == "fzcheck"}
        assert canonical(body, ours) == canonical(part(original, "word/document.xml"), set())
        with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(io.BytesIO(data)) as b:
            for name in ("word/styles.xml", "word/numbering.xml"):
                assert a.read(name) == b.read(name), name


def test_existing_comments_are_kept(draft):
    _, data = annotate(draft)
    theirs = [(cid, text) for cid, (author, text) in comments(data).items() if author == "张三"]
    assert [text for _, text in theirs] == ["原有批注：请核实复议数字"]
    anchors = anchored_text(part(data, "word/document.xml"))
    assert "办理行政复议申请23件" in anchors[theirs[0][0]]


def test_after_accepting_all_revisions_the_fixed_findings_are_gone(draft, tmp_path):
    result, data = annotate(draft)
    fixed = {(fix.finding.rule, fix.finding.line) for fix in mechanical_fixes(result)}
    document = docx.Document(io.BytesIO(data))
    accept_all(document.element.body)
    accepted = tmp_path / "accepted.docx"
    document.save(accepted)
    after = check(accepted)
    left = {(f.rule, f.line) for f in after.findings}
    assert not fixed & left
    assert not {f.rule for f in after.findings} & set(FIXED_RULES)
    before_other = sorted((f.rule, f.line) for f in result.findings if (f.rule, f.line) not in fixed)
    assert sorted((f.rule, f.line) for f in after.findings) == before_other
    texts = [p.text for p in after.report.source.paragraphs]
    assert "2024年3月15日" in texts
    assert any("《法治政府建设实施纲要（2021－2025年）》" in t for t in texts)
    assert any("《法治政府建设与责任落实督察工作规定》要求" in t for t in texts)


def test_a_text_draft_becomes_a_word_document_on_a_gbt_9704_page(tmp_path):
    from checker.render.docx_page import BODY_FONT

    text = "\n".join([
        "柳溪县2023年法治政府建设年度报告",
        "今年以来，柳溪县全面推进法治政府建设，全年新增网上可办事项126项。",
        "一、2023年度推进法治政府建设的主要举措和成效",
        "（一）规范行政决策。制定重大行政决策事项目录，全年作出重大行政决策7项。",
        "二、存在的不足和原因",
        "基层法治力量薄弱，原因是培训不足。对照《法制政府建设实施纲要（2021－2025年）》要求仍有差距。",
        "三、2024年推进法治政府建设的主要安排",
        "一是深入学习贯彻习近平法治思想；二是加强行政复议和应诉工作。",
        "柳溪县人民政府",
        "2024年3月15日",
    ]) + "\n"
    src = tmp_path / "draft.txt"
    src.write_text(text, encoding="utf-8")
    result, data = annotate(src)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.top_margin.cm, 1), round(section.left_margin.cm, 1)) == (3.7, 2.8)
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16 and normal.font.name == BODY_FONT
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", "柳溪县2023年法治政府建设年度报告")
    assert ("Heading 1", "一、2023年度推进法治政府建设的主要举措和成效") in styles
    assert ("Heading 1", "二、存在的不足和原因") in styles
    mine = [text for author, text in comments(data).values() if author == "fzcheck"]
    assert len(mine) == len(group_repeats(result.findings)) + 1
    body = part(data, "word/document.xml")
    assert sorted(t for _, _, t in revisions(body, "ins")) == ["2023年", "治"]
    accept_all(document.element.body)
    accepted = tmp_path / "accepted.docx"
    document.save(accepted)
    assert not {f.rule for f in check(accepted).findings} & {"time-relative", "doc-name"}


# --- the command line ------------------------------------------------------------------------
def run(*args: str):
    from typer.testing import CliRunner

    return CliRunner().invoke(app, list(args))


def test_cli_writes_the_annotated_copy_and_never_touches_the_input(draft, tmp_path):
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = tmp_path / "柳溪县2023（审核意见）.docx"
    r = run("check", str(draft), "--format", "docx", "-o", str(out))
    assert r.exit_code == 1, r.output  # the draft has errors: the exit code says so, as for every format
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before
    assert docx.Document(str(out)).comments is not None
    assert revisions(part(out.read_bytes(), "word/document.xml"), "ins")
    r = run("check", str(draft), "--format", "docx", "--no-revisions", "-o", str(out))
    body = part(out.read_bytes(), "word/document.xml")
    assert {a for a, _, _ in revisions(body, "ins") + revisions(body, "del")} == {"李四"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_cli_binary_formats_need_an_output_file(draft, fmt):
    r = run("check", str(draft), "--format", fmt)
    assert r.exit_code == 2 and "请用 -o 指定输出文件" in r.output
    r = run("check", str(draft), "--format", fmt, "-o", "-")
    assert r.exit_code == 2 and "请用 -o 指定输出文件" in r.output


def test_cli_refuses_to_write_over_the_input_or_to_annotate_a_batch(draft, tmp_path):
    before = draft.read_bytes()
    r = run("check", str(draft), "--format", "docx", "-o", str(draft))
    assert r.exit_code == 2 and "拒绝覆盖" in r.output
    assert draft.read_bytes() == before
    other = make_draft(tmp_path / "second.docx")
    r = run("check", str(draft), str(other), "--format", "docx", "-o", str(tmp_path / "x.docx"))
    assert r.exit_code == 2 and "只能为一份报告" in r.output
    r = run("check", str(draft), "--format", "docx", "-o", str(tmp_path / "x.txt"))
    assert r.exit_code == 2 and ".docx 结尾" in r.output


def test_cli_a_broken_draft_gives_no_output_and_exit_2(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out.docx"
    r = run("check", str(broken), "--format", "docx", "-o", str(out))
    assert r.exit_code == 2 and "broken.docx" in r.output and "Traceback" not in r.output
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_inputs_held_in_memory_are_used(draft):
    """The web page passes uploaded bytes: the file on disk is not read again."""
    result = check(draft)
    data = draft.read_bytes()
    draft.unlink()
    out = render_bytes([result], "docx", CTX, inputs={result.path: data})
    assert comments(out)
    assert re.search("2023年", "".join(t for _, _, t in revisions(part(out, "word/document.xml"), "ins")))


# --- nothing but anchors: the annotated copy reads as the draft did --------------------------
def _faulty(text: str) -> str:
    """A team draft with the faults the fixes are for (and one that stays a comment)."""
    from tests.drafts import OPENING

    assert OPENING in text and "2024年3月15日" in text
    return (text.replace(OPENING, "今年以来，" + OPENING + "对照《法制政府建设实施纲要（2021－2025年）》查找差距，"
                         "XX项工作仍需加强。", 1)
            .replace("2024年3月15日", "2024年03月15日"))


@pytest.mark.parametrize("mode", ["styled", "numbered", "table"])
def test_rechecking_the_annotated_copy_finds_what_the_draft_had(tmp_path, mode):
    from tests.drafts import CLEAN
    from tests.read.test_docx_twins import _docx

    draft = _docx(_faulty(CLEAN), tmp_path / "draft.docx", mode)
    result = check(draft)
    assert {"time-relative", "date-format", "doc-name", "placeholder"} <= {f.rule for f in result.findings}
    for with_revisions in (False, True):
        _, data = annotate(draft, revisions=with_revisions)
        out = tmp_path / f"out-{with_revisions}.docx"
        out.write_bytes(data)
        again = check(out)
        if not with_revisions:  # comments and split runs change nothing a reader (or fzcheck) sees
            assert again.findings == result.findings
            assert again.report.source.paragraphs == result.report.source.paragraphs
        else:  # fzcheck reads a draft with revisions as if they were accepted
            assert {f.rule for f in again.findings} & set(FIXED_RULES) == set()
            assert "placeholder" in {f.rule for f in again.findings}


def test_a_text_draft_in_word_has_the_paragraphs_of_the_draft(tmp_path, corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt")):
        result = check(path)
        _, data = annotate(path, revisions=False)
        out = tmp_path / (path.stem + ".docx")
        out.write_bytes(data)
        again = check(out)
        assert [p.text for p in again.report.source.paragraphs] == [p.text for p in result.report.source.paragraphs]
        assert again.report.title == result.report.title and again.report.year == result.report.year
        assert len([t for a, t in comments(data).values() if a == "fzcheck"]) == len(group_repeats(result.findings)) + 1


_PIECES = st.sampled_from([
    "柳溪县2023年法治政府建设年度报告", "一、主要举措和成效", "今年以来", "《法制政府建设实施纲要》", "《法治政府建设与责任落实督察工作规定",
    "XX件", "2024年03月15日", "截至10月底", "（一）", "“", "”", "\t", " ", "。", "，", "行政复议申请23件", "\u3000", "纠错率120%",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_PIECES, min_size=0, max_size=6).map("".join), min_size=1, max_size=12))
def test_any_text_draft_gives_a_word_document_fzcheck_reads_back(tmp_path, lines):
    from checker.engine import check_text

    result = check_text("\n".join(lines) + "\n", Options(), path="x.txt")
    if result.error is not None:
        return
    data = render_bytes([result], "docx", CTX)
    out = tmp_path / "x.docx"
    out.write_bytes(data)
    again = check(out)
    assert again.error is None or again.error.code == "not-report"
    mine = [t for a, t in comments(data).values() if a == "fzcheck"]
    assert len(mine) == len(group_repeats(result.findings)) + 1


def test_one_paragraph_with_thousands_of_findings_stays_fast(tmp_path):
    """Every span of a paragraph is split in one pass: a report pasted as one line with 2000
    今年以来 and 2000 XX placeholders is annotated in well under a second (it took minutes when
    each split re-read the paragraph)."""
    import time

    text = ("柳溪县2023年法治政府建设年度报告\n一、主要举措和成效\n" + "今年以来办理XX件事项，" * 2000
            + "\n柳溪县人民政府\n2024年3月15日\n")
    src = tmp_path / "long.txt"
    src.write_text(text, encoding="utf-8")
    result = check(src)
    started = time.perf_counter()
    _, data = annotate(src)
    elapsed = time.perf_counter() - started
    body = part(data, "word/document.xml")
    assert [t for a, _, t in revisions(body, "ins") if a == "fzcheck"] == ["2023年"] * 2000
    assert len([a for a, _ in comments(data).values()]) == len(group_repeats(result.findings)) + 1
    assert elapsed < 5, elapsed


def test_an_unclosed_quote_round_a_known_expression_is_closed_and_others_are_left(tmp_path):
    src = tmp_path / "draft.txt"
    src.write_text("柳溪县2023年法治政府建设年度报告\n一、主要举措和成效\n"
                   "全面推行“一网通办，政务服务事项网上可办率达到98.6%。\n"
                   "坚持“有解思维，推动矛盾纠纷就地化解。\n柳溪县人民政府\n2024年3月15日\n", encoding="utf-8")
    result, data = annotate(src)
    unclosed = [f for f in result.findings if f.rule == "punct-unbalanced"]
    assert len(unclosed) == 2
    fixes = mechanical_fixes(result)
    closed = [(fix.finding.line, fix.edits[0].new) for fix in fixes if fix.finding.rule == "punct-unbalanced"]
    assert closed == [(3, "”")]
    body = part(data, "word/document.xml")
    assert "”" in [t for a, _, t in revisions(body, "ins") if a == "fzcheck"]
    document = docx.Document(io.BytesIO(data))
    accept_all(document.element.body)
    document.save(tmp_path / "accepted.docx")
    left = [f for f in check(tmp_path / "accepted.docx").findings if f.rule == "punct-unbalanced"]
    assert len(left) == 1 and "有解思维" in left[0].message  # not a known expression: left to the drafter


def test_a_comment_ending_where_a_replacement_ends_covers_the_inserted_words():
    from checker.render.docx_runs import INS, Para, mark_comment, revise

    p = etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:rPr><w:b/></w:rPr><w:t>截至今年</w:t></w:r></w:p>')
    para = Para(p)
    para.split([2, 4])
    runs = para.runs_in(2, 4)
    mine, kept = set(), []

    def revision(tag):
        el = etree.Element(tag)
        el.set(w("author"), "fzcheck")
        mine.add(id(el))
        kept.append(el)
        return el

    assert revise(para, 2, 4, "今年", "2023年", revision)
    mark_comment(p, runs, "7", mine)
    tags = [el.tag.split("}")[1] for el in p]
    assert tags == ["r", "commentRangeStart", "del", "ins", "commentRangeEnd", "r"]
    assert p.find(f"{w('ins')}/{w('r')}/{w('rPr')}/{w('b')}") is not None  # the inserted words keep the look
    assert [el.tag for el in p if el.tag == INS]


def test_cli_annotates_a_word_draft_read_from_standard_input(draft, tmp_path):
    from typer.testing import CliRunner

    out = tmp_path / "from-stdin.docx"
    r = CliRunner().invoke(app, ["check", "-", "--stdin-filename", "草稿.docx", "--format", "docx", "-o", str(out)],
                           input=draft.read_bytes())
    assert r.exit_code == 1, r.output
    body = part(out.read_bytes(), "word/document.xml")
    assert "2023年" in [t for a, _, t in revisions(body, "ins") if a == "fzcheck"]
    assert any(author == "张三" for author, _ in comments(out.read_bytes()).values())
