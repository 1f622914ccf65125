"""The shared pieces of the renderers: excerpts, caret lines, section grouping, the checklist."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from checker.engine import Options, check_text
from checker.render import RenderContext
from checker.render.common import caret_line, clean, excerpt, md_escape, sheet

from tests.drafts import RENDER_DRAFT

DRAFT = RENDER_DRAFT

CTX = RenderContext(version="0.1.0")


def draft_result():
    return check_text(DRAFT, Options(), path="draft.txt")


def test_the_draft_has_the_faults_it_was_written_with():
    rules = {(f.rule, f.line) for f in draft_result().findings}
    assert ("title-format", 1) in rules
    assert ("heading-numbering", 9) in rules
    missing = [f for f in draft_result().findings if f.rule == "section-missing"]
    assert "first_responsibility" in {f.data["section"] for f in missing}


# --- excerpts -----------------------------------------------------------------------------
def test_short_line_is_shown_whole_with_the_span_marked():
    ex = excerpt("四、2024年推进法治政府建设的主要安排", 9, 1, 9, 3, budget=72)
    assert [(s.kind, s.text) for s in ex.segments] == [("mark", "四、"), ("text", "2024年推进法治政府建设的主要安排")]
    assert caret_line(ex) == "^~~~"  # two 汉字: four cells


def test_caret_stands_under_wide_characters():
    line = "全年收到行政复议申请XX件，受理21件。"
    col = line.index("XX") + 1
    ex = excerpt(line, 5, col, 5, col + 2, budget=72)
    shown, caret = ex.text, caret_line(ex)
    assert shown == line
    before = line[: col - 1]
    assert caret == " " * cell_len(before) + "^~"
    assert cell_len(before) == 2 * len("全年收到行政复议申请")


def test_empty_span_is_an_insertion_point():
    ex = excerpt("柳溪县人民政府", 11, 1, 11, 1, budget=72)
    assert ex.segments[0].kind == "point"
    assert caret_line(ex) == "^"


def test_long_line_is_cut_to_a_window_around_the_span():
    line = "甲" * 200 + "今年以来" + "乙" * 200
    col = 201
    ex = excerpt(line, 7, col, 7, col + 4, budget=72, gap="...")
    kinds = [s.kind for s in ex.segments]
    assert kinds[0] == "gap" and kinds[-1] == "gap"
    assert [s.text for s in ex.segments if s.kind == "mark"] == ["今年以来"]
    assert cell_len(ex.text) <= 72 + 6
    caret = caret_line(ex)
    assert caret.strip() == "^" + "~" * 7  # four 汉字: eight cells
    prefix = "".join(s.text for s in ex.segments[: kinds.index("mark")])
    assert caret.index("^") == cell_len(prefix)


def test_a_span_longer_than_the_window_keeps_head_and_tail():
    line = "虽然" + "中" * 300 + "保驾护航。"
    ex = excerpt(line, 53, 1, 53, len(line) + 1, budget=72, gap="...")
    marks = [s.text for s in ex.segments if s.kind == "mark"]
    assert marks[0].startswith("虽然") and marks[-1].endswith("保驾护航。")
    assert [s.kind for s in ex.segments] == ["mark", "gap", "mark"]
    assert set(caret_line(ex)) == {"^", "~"}


def test_a_span_running_onto_the_next_line_is_marked_to_the_end_of_the_line():
    ex = excerpt("第一行内容", 3, 3, 4, 2, budget=72)
    assert [s.text for s in ex.segments if s.kind == "mark"] == ["行内容"]


@given(
    st.text(alphabet=st.sampled_from("汉字ab 1，。\t\x1b"), max_size=300),
    st.integers(min_value=-3, max_value=320),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=10, max_value=120),
)
def test_excerpt_never_fails_and_keeps_the_marked_text(line, column, length, budget):
    ex = excerpt(line, 1, column, 1, column + length, budget=budget)
    caret = caret_line(ex)
    assert set(caret) <= {" ", "^", "~"}
    assert cell_len(caret) <= cell_len(ex.text) + 1
    assert "\x1b" not in ex.text and "\t" not in ex.text
    marked = "".join(s.text for s in ex.segments if s.kind == "mark")
    cleaned = clean(line)
    start = min(max(column - 1, 0), len(cleaned))
    if cell_len(ex.text) == cell_len(cleaned):  # not windowed: the mark is exactly the span
        assert marked == cleaned[start : max(start, min(column - 1 + length, len(cleaned)))]


def test_clean_keeps_one_code_point_per_code_point():
    text = "a\x1b[31mb\u202ec\td"
    assert len(clean(text)) == len(text)
    assert "\x1b" not in clean(text) and "\u202e" not in clean(text)


def test_md_escape_leaves_no_markdown_syntax_active():
    assert md_escape("*粗体* <b>|</b> [链接](x) `代码` #1") == (
        r"\*粗体\* \<b\>\|\</b\> \[链接\]\(x\) \`代码\` \#1"
    )


# --- grouping and checklist ---------------------------------------------------------------
def test_findings_are_grouped_under_the_section_they_fall_in_in_document_order():
    view = sheet([draft_result()], CTX)
    (f,) = view["files"]
    lines = [x["line"] for x in f["findings"]]
    assert lines == sorted(lines)
    by_rule_line = {(x["rule"], x["line"]): x["group"] for x in f["findings"]}
    assert by_rule_line[("title-format", 1)] == "全文"
    assert by_rule_line[("heading-numbering", 9)].startswith("四、2024年推进法治政府建设的主要安排")
    assert "下一年度推进法治政府建设的主要安排" in by_rule_line[("heading-numbering", 9)]
    flattened = [x for g in f["groups"] for x in g["findings"]]
    assert flattened == f["findings"]


def test_two_sections_under_one_heading_make_one_group():
    text = DRAFT.replace("二、2023年度推进法治政府建设存在的不足和原因", "二、存在问题及下步打算").replace(
        "四、2024年推进法治政府建设的主要安排\n", ""
    )
    r = check_text(text, Options(), path="d.txt")
    view = sheet([r], CTX)
    keys = {c["key"]: c for c in view["files"][0]["checklist"]}
    assert keys["shortcomings"]["found"][0]["heading"] == "二、存在问题及下步打算"
    assert keys["next_year_plan"]["found"][0]["heading"] == "二、存在问题及下步打算"
    labels = [g["label"] for g in view["files"][0]["groups"] if g["heading"] == "二、存在问题及下步打算"]
    for label in labels:
        assert "存在的不足和原因" in label and "下一年度推进法治政府建设的主要安排" in label


def test_checklist_rows_follow_the_template():
    view = sheet([draft_result()], CTX)
    rows = {c["key"]: c for c in view["files"][0]["checklist"]}
    assert list(rows)[:4] == ["measures", "shortcomings", "first_responsibility", "next_year_plan"]
    assert rows["measures"]["status_cn"] == "已有"
    assert rows["measures"]["found"] == [{"heading": "一、2023年度推进法治政府建设的主要举措和成效", "line": 3}]
    assert rows["first_responsibility"]["status_cn"] == "缺失"
    assert rows["first_responsibility"]["required"] is True
    assert rows["other"]["required"] is False


def test_several_topic_headings_of_the_measures_are_all_listed():
    text = DRAFT.replace("一、2023年度推进法治政府建设的主要举措和成效\n", "")
    for old, new in (("（一）深化", "一、深化"), ("（二）规范", "二、规范"), ("（三）严格", "三、严格")):
        text = text.replace(old, new)
    text = text.replace("二、2023年度推进法治政府建设存在的不足和原因", "四、2023年度推进法治政府建设存在的不足和原因")
    text = text.replace("四、2024年推进", "五、2024年推进")
    r = check_text(text, Options(), path="d.txt")
    rows = {c["key"]: c for c in sheet([r], CTX)["files"][0]["checklist"]}
    headings = [h["heading"] for h in rows["measures"]["found"]]
    assert len(headings) == 3 and headings[0].startswith("一、深化")


def test_an_unheaded_closing_paragraph_is_reported_as_such():
    head, _, _ = DRAFT.partition("二、2023年度推进法治政府建设存在的不足和原因\n")
    text = head + (
        "虽然我县法治政府建设取得了明显成效，但仍存在一些差距和不足，主要表现在：行政执法规范化水平仍有差距，"
        "基层法治力量薄弱。下一步，我们将深入学习贯彻习近平法治思想，推进严格规范公正文明执法。\n"
        "柳溪县人民政府\n2024年3月15日\n"
    )
    r = check_text(text, Options(), path="d.txt")
    view = sheet([r], CTX)["files"][0]
    rows = {c["key"]: c for c in view["checklist"]}
    for key in ("shortcomings", "next_year_plan"):
        assert rows[key]["status_cn"] == "无标题"
        assert rows[key]["found"] == [{"heading": None, "line": 7}]
    unheaded = [x for x in view["findings"] if x["rule"] == "section-unheaded"]
    assert unheaded and all("无标题" in x["group"] for x in unheaded)


# --- repeats and the 结论 -----------------------------------------------------------------------
def test_repeats_of_one_rule_and_phrase_fold_into_the_first_listing_the_places():
    from checker.render.common import group_repeats, repeat_note

    lines = [f"今年以来第{n}项工作完成。" for n in range(1, 9)]
    r = check_text(DRAFT + "\n".join(lines) + "\n", Options(), path="r.txt")
    relative = [f for f in r.findings if f.rule == "time-relative" and f.data["phrase"] == "今年以来"]
    entries = group_repeats(r.findings)
    [entry] = [e for e in entries if e.first.rule == "time-relative" and e.first.data["phrase"] == "今年以来"]
    assert entry.all == tuple(relative) and entry.first is relative[0]
    places = "、".join(str(n) for n in dict.fromkeys(f.line for f in relative[1:]))
    assert repeat_note(entry, "行") == f"同类问题另有{len(relative) - 1}处：第{places}行"
    # every finding is in exactly one entry, in document order of the entries' first findings
    assert sorted((f for e in entries for f in e.all), key=lambda f: f.sort_key()) == list(r.findings)
    assert [e.first for e in entries] == sorted((e.first for e in entries), key=lambda f: f.sort_key())
    # findings about different things (the indicators missing, one per topic) are never folded
    missing = [f for f in r.findings if f.rule == "indicator-missing"]
    assert len([e for e in entries if e.first.rule == "indicator-missing"]) == len(missing) > 1


def test_many_places_are_cut_short_with_deng():
    from checker.model import Finding
    from checker.render.common import MAX_PLACES, group_repeats, repeat_note

    findings = [Finding("placeholder", "error", n, 1, n, 3, "占位「XX」", "", {"text": "XX"}) for n in range(1, 30)]
    [entry] = group_repeats(findings)
    note = repeat_note(entry, "段")
    assert note.startswith("同类问题另有28处：第2、3、") and note.endswith("等段")
    assert note.count("、") == MAX_PLACES - 1


def test_conclusion_from_the_findings():
    import dataclasses

    from checker.model import FileError, FileResult, Finding
    from checker.render.common import conclusion

    from tests.drafts import CLEAN, build

    clean = check_text(CLEAN, Options(), path="clean.txt")
    assert conclusion(clean) == "可以发布"
    warned = dataclasses.replace(clean, findings=(Finding("time-relative", "warning", 2, 1, 2, 3, "m"),))
    assert conclusion(warned) == "修改后发布"
    hinted = dataclasses.replace(clean, findings=(Finding("date-format", "info", 2, 1, 2, 3, "m"),))
    assert conclusion(hinted) == "可以发布"
    duty = dataclasses.replace(clean, findings=(Finding("duty-evidence-missing", "warning", 2, 1, 2, 3, "m"),))
    assert conclusion(duty) == "需补充内容后复核"
    missing = check_text(build(("measures", "shortcomings", "next_year_plan")), Options(), path="m.txt")
    assert "section-missing" in {f.rule for f in missing.findings} and conclusion(missing) == "需补充内容后复核"
    other = dataclasses.replace(clean, findings=(
        Finding("section-missing", "info", 2, 1, 2, 1, "m", data={"section": "other"}),))
    assert conclusion(other) == "可以发布"  # the optional section
    assert conclusion(FileResult("x.docx", "annual", FileError("bad-docx", "坏"))) == "无法检查"
