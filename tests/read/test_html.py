"""The HTML reader: a saved portal page gives the report text, its source lines and its date."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import InputError
from checker.read import read_source
from checker.read.html import read_html_source

DATA = Path(__file__).resolve().parents[1] / "data" / "html"

ZOOM_REPORT = [
    "柳溪县2023年法治政府建设年度报告",
    "2023年，柳溪县坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，"
    "全面推进法治政府建设。现将有关情况报告如下：",
    "一、主要举措和成效",
    "（一）加强党的领导。县委常委会会议专题研究法治建设工作4次，县政府常务会议学法12次。",
    "（二）深化“放管服”改革。全年办理政务服务事项12.6万件，网上可办率达98%。",
    "指标\t2022年\t2023年",
    "行政复议案件\t45件\t52件",
    "行政机关负责人出庭应诉率\t96%\t100%",
    "二、存在的不足和原因",
    "一是基层执法力量不足；",
    "二是法治宣传针对性不强。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "县委书记、县长带头述法，亲自部署重要工作、亲自过问重大问题。",
    "四、2024年主要安排",
    "2024年，我县将继续深化法治政府建设。",
    "柳溪县人民政府",
    "2024年3月15日",
]
CHROME = ("当前所在位置", "首页", "字体", "打印", "扫一扫", "关联稿件", "2022年法治政府建设年度报告",
          "分享", "关闭", "返回顶部", "版权所有", "统计代码", "shareTitle", "搜索", "互动交流")


def _read(name: str, data: bytes | None = None):
    return read_html_source(data if data is not None else (DATA / name).read_bytes(), name)


def _texts(source) -> list[str]:
    return [p.text for p in source.paragraphs]


def _line_of(source, fragment: str) -> int:
    """1-based line of the page source where ``fragment`` occurs (once)."""
    hits = [n for n, line in enumerate(source.lines, 1) if fragment in line]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


def test_portal_page_keeps_report_text_only():
    source = _read("zoom_portal.html")
    assert source.kind == "html"
    assert _texts(source) == ZOOM_REPORT
    joined = "\n".join(_texts(source))
    for chrome in CHROME:
        assert chrome not in joined, chrome


def test_portal_page_lines_point_into_the_source():
    source = _read("zoom_portal.html")
    assert source.lines == tuple((DATA / "zoom_portal.html").read_text(encoding="utf-8").split("\n")[:-1])
    by_text = {p.text: p for p in source.paragraphs}
    assert by_text["柳溪县2023年法治政府建设年度报告"].line == _line_of(source, "<h1>")
    assert by_text[ZOOM_REPORT[1]].line == _line_of(source, "2023年，柳溪县坚持")
    assert by_text["一、主要举措和成效"].line == _line_of(source, "一、主要举措和成效")
    # after a <script> inside the article the count is still right
    assert by_text[ZOOM_REPORT[4]].line == _line_of(source, "（二）深化")
    assert by_text["行政复议案件\t45件\t52件"].line == _line_of(source, "<td>行政复议案件")
    # a <br> splits a paragraph; both parts start on the same source line
    first, second = by_text["一是基层执法力量不足；"], by_text["二是法治宣传针对性不强。"]
    assert first.line == second.line == _line_of(source, "一是基层")
    assert second.column > first.column
    for para in source.paragraphs:
        line = source.lines[para.line - 1]
        assert line[para.column - 1:].startswith(para.text.split("\t")[0][:4]), para


def test_portal_page_metadata_and_title_level():
    source = _read("zoom_portal.html")
    assert source.metadata["发布时间"] == "2024-03-20 09:30"
    assert source.metadata["published"] == "2024-03-20 09:30"
    assert source.metadata["PubDate"] == "2024-03-20 09:30"
    assert source.paragraphs[0].style_level == 1
    assert all(p.style_level is None for p in source.paragraphs[1:])


def _gbk_page() -> bytes:
    return (DATA / "trs_table_gb2312.html").read_text(encoding="utf-8").encode("gbk")


TRS_REPORT = [
    "攸县2020年法治政府建设工作情况报告",
    "根据市委全面依法治市办公室文件要求，结合我县实际，现将我县法治政府建设工作情况汇报如下：",
    "一、主要工作情况",
    "2020年，县委常委会研究法治建设工作3次。",
    "全年办理行政复议案件21件，审结15件。",
    "二、存在的主要问题",
    "法治政府示范创建工作比较滞后。",
    "三、下一阶段工作打算",
    "加快推进法治政府示范创建工作。",
]


def test_gbk_table_layout_page():
    source = _read("trs_table_gb2312.html", _gbk_page())
    assert _texts(source) == TRS_REPORT
    assert source.notes == ()
    assert source.metadata["发布日期"] == "2021-03-28"
    assert source.metadata["published"] == "2021-03-28"
    assert source.metadata["publishdate"] == "2021-03-28"
    joined = "\n".join(_texts(source))
    for chrome in ("您现在的位置", "机构概况", "索引号", "打印本页", "关闭窗口", "隐藏的编辑备注", "版权所有"):
        assert chrome not in joined, chrome
    after_br = next(p for p in source.paragraphs if p.text.startswith("全年办理"))
    assert after_br.line == _line_of(source, "全年办理") and after_br.column == 3


def test_declared_gb2312_but_saved_as_utf8():
    utf8 = (DATA / "trs_table_gb2312.html").read_bytes()
    assert b"charset=gb2312" in utf8
    assert _texts(_read("trs_table_gb2312.html", utf8)) == TRS_REPORT


def test_gbk_page_without_declaration_is_detected():
    data = _gbk_page().replace(b"; charset=gb2312", b"")
    assert _texts(_read("x.html", data)) == TRS_REPORT


def test_page_without_report_text_has_no_paragraphs():
    source = _read("not_a_report.html")
    assert source.paragraphs == ()
    assert source.lines


def test_read_source_dispatches_html(tmp_path):
    path = tmp_path / "报告.htm"
    path.write_bytes(_gbk_page())
    source = read_source(path)
    assert source.kind == "html" and _texts(source) == TRS_REPORT


def test_entities_are_not_expanded_and_nothing_is_fetched():
    page = (
        '<!DOCTYPE html [<!ENTITY boom "BOOMBOOMBOOM"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<html><body><div id="zoom"><p>法治政府建设取得明显成效，依法行政水平持续提升&boom;&xxe;&ldquo;好&rdquo;</p>'
        "</div></body></html>"
    )
    source = _read("e.html", page.encode())
    text = "\n".join(_texts(source))
    assert "法治政府建设取得明显成效" in text and "“好”" in text
    assert "BOOM" not in text and "root:" not in text


def test_one_line_page_columns_follow_the_text():
    page = (
        "<html><head><title>柳溪县2023年法治政府建设年度报告</title></head>"
        '<body><div class="nav"><a href="/">首页</a></div>'
        '<div class="content"><p>柳溪县2023年法治政府建设年度报告</p><p>一、主要举措和成效</p>'
        "<p>2023年，我县推进法治政府建设，取得明显成效。</p><p>二、存在的不足和原因</p></div></body></html>"
    )
    source = _read("one.html", page.encode())
    assert _texts(source) == [
        "柳溪县2023年法治政府建设年度报告",
        "一、主要举措和成效",
        "2023年，我县推进法治政府建设，取得明显成效。",
        "二、存在的不足和原因",
    ]
    assert {p.line for p in source.paragraphs} == {1}
    columns = [p.column for p in source.paragraphs]
    assert columns == sorted(columns) and len(set(columns)) == 4
    for para in source.paragraphs:
        assert source.lines[0][para.column - 1:].startswith(para.text)


def test_text_after_multiline_comment_and_script_keeps_its_line():
    page = "\n".join([
        "<html><body><div id='zoom'>",
        "<p>一、主要举措和成效</p>",
        "<!-- 编辑备注",
        "     第二行 -->",
        "<script>",
        "var a = 1;",
        "</script>   <p>",
        "",
        "   2023年，我县推进法治政府建设，取得明显成效。</p>",
        "<p>二、存在的不足和原因<br>",
        "基层执法力量不足。</p>",
        "<div><script>",
        "var b = 2;",
        "</script>",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况</div>",
        "</div></body></html>",
    ])
    source = _read("c.html", page.encode())
    assert [(p.text, p.line) for p in source.paragraphs] == [
        ("一、主要举措和成效", 2),
        ("2023年，我县推进法治政府建设，取得明显成效。", 9),
        ("二、存在的不足和原因", 10),
        ("基层执法力量不足。", 11),
        ("三、党政主要负责人履行推进法治建设第一责任人职责情况", 15),
    ]
    assert "编辑备注" not in "".join(_texts(source))


def test_line_break_between_chinese_characters_vanishes():
    page = (
        "<html><body><div id='zoom'><p>法治\n  政府建设取得明显成效，依法行政 水平持续提升。Word\nExcel</p>"
        "</div></body></html>"
    )
    assert _texts(_read("w.html", page.encode())) == ["法治政府建设取得明显成效，依法行政 水平持续提升。Word Excel"]


def test_whole_page_in_an_aspnet_form_is_still_read():
    paragraphs = "".join(f"<p>（{n}）法治政府建设工作取得明显成效，依法行政水平不断提升。</p>" for n in range(1, 11))
    page = f'<html><body><form id="form1"><div class="wrap">{paragraphs}</div></form></body></html>'
    assert len(_read("f.html", page.encode()).paragraphs) == 10


def test_empty_and_binary_pages():
    with pytest.raises(InputError) as info:
        _read("e.html", b"  \n ")
    assert info.value.code == "empty" and "e.html" in info.value.message
    with pytest.raises(InputError):
        _read("b.html", b"\x00\x01\x02PK\x03\x04")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(
    st.binary(max_size=2048),
    st.text(alphabet=st.sampled_from(list("<>/=\"' \n&;#pdivbrtablerscriptx法治政府报告发布时间：2024-03-20")),
            max_size=400).map(lambda s: s.encode("utf-8")),
))
def test_arbitrary_pages_never_crash(data):
    try:
        source = read_html_source(data, "x.html")
    except InputError as err:
        assert err.code in {"empty", "binary"}
    else:
        for para in source.paragraphs:
            assert 1 <= para.line <= max(1, len(source.lines))
            assert para.column >= 1 and para.text.strip() == para.text and para.text


def test_article_title_above_the_content_and_unlabelled_date():
    source = _read("govcn_article.html")
    assert _texts(source) == [
        "柳溪县人民政府关于2023年度法治政府建设情况的报告",
        "2023年，柳溪县人民政府坚持以习近平新时代中国特色社会主义思想为指导，现将有关情况报告如下。",
        "一、主要举措和成效",
        "（一）深入学习贯彻习近平法治思想。县政府常务会议会前学法12次。",
        "二、存在的不足和原因",
        "行政执法规范化水平有待提高。",
    ]
    assert source.paragraphs[0].line == _line_of(source, "<h1>")
    assert source.metadata["published"] == "2024-03-28 18:00"


def test_site_heading_far_above_the_article_is_not_a_title():
    page = (
        "<html><body><div class='site'><h1>柳溪县人民政府法治建设专栏</h1></div>"
        "<div class='wrap'><div class='main'><div class='box'><div class='inner'><div id='zoom'>"
        "<p>一、主要举措和成效</p><p>2023年，我县推进法治政府建设，取得明显成效。</p>"
        "</div></div></div></div></div></body></html>"
    )
    assert _texts(_read("s.html", page.encode()))[0] == "一、主要举措和成效"
