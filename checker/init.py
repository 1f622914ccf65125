"""``fzcheck init``: a skeleton draft that already has the shape the template asks for.

The skeleton is built from the report template (title form, sections in the regulation's order,
their headings and the regulation's wording of what each must cover) and written as Markdown or
plain text through the Jinja2 templates in ``templates/skeleton/``, or as a Word document with
python-docx. Every gap is a 【待补充】 placeholder, so checking the untouched skeleton reports
the gaps (``placeholder``) and nothing structural (no ``section-missing``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from .model import YEAR_MAX, YEAR_MIN, FzcheckError, InputError
from .resources import resource_path
from .engine import template_for
from .template import Template
from .template.lexicon import AREA_END, names_organ
from .outline import outline
from .read import DEFAULT_MAX_BYTES, read_source

PLACEHOLDER = "【待补充】"
FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}

_HEADING_MARKER = re.compile(r"^[一二三四五六七八九十]{1,3}[、．.]")
_CN_ORDINALS = "一二三四五六七八九十"


class InitError(FzcheckError):
    pass


@dataclass(frozen=True)
class SkeletonSection:
    key: str
    heading: str  # numbered, filled with the year: 「一、2024年度推进法治政府建设的主要举措和成效」
    lines: tuple[str, ...]  # paragraphs under it: what to cover, with 【待补充】


@dataclass(frozen=True)
class Skeleton:
    template: str
    label: str
    title: str
    opening: str
    sections: tuple[SkeletonSection, ...]
    organ: str
    date_line: str  # the 成文日期 left to fill: 「2025年 月 日」


def organ_of(subject: str) -> str:
    """「柳溪县」 signs as 「柳溪县人民政府」; 「柳溪县司法局」 signs as itself."""
    if names_organ(subject) or not AREA_END.search(subject):  # an organ, or not an area: as written
        return subject
    return subject + "人民政府"


def _numbered(heading: str, position: int) -> str:
    """Template headings carry their 一、 marker; a user template's may not: number it then."""
    if _HEADING_MARKER.match(heading) or position > len(_CN_ORDINALS):
        return heading
    return f"{_CN_ORDINALS[position - 1]}、{heading}"


def _section_lines(template: Template, key: str, regulation: str) -> tuple[str, ...]:
    spec = template.section(key)
    lines = [f"{PLACEHOLDER}（本部分写明{regulation}。）"]
    if spec.evidence:
        kinds = "、".join(name for name, _ in spec.evidence)
        lines.append(f"{PLACEHOLDER}（写明{kinds}等履职的具体事实和次数。）")
    if spec.role == "measures":
        topics = [i.topic for i in template.indicators if i.topic and i.severity != "off"]
        if topics:
            lines.append(f"{PLACEHOLDER}（逐项写明以下方面的做法和数据：{'；'.join(topics)}。）")
    return tuple(lines)


def build_skeleton(subject: str, year: int, template_ref: str = "annual", organ: str | None = None) -> Skeleton:
    """The skeleton draft for ``subject``'s report on ``year`` by ``template_ref``."""
    subject = subject.strip()
    if not subject or len(subject) > 40 or _NOT_IN_A_NAME.search(subject) or subject.strip(".") == "":
        raise InitError("--subject 应为报告主体的名称，如「柳溪县」或「柳溪县司法局」（不能含 / \\ 或控制字符）")
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise InitError(f"--year {year} 不是合理的年度")
    template = template_for(template_ref)  # rule ids checked, as for a check
    fill = {"subject": subject, "year": str(year), "next_year": str(year + 1)}
    title = fill_names(template.title_canonical, fill, template.name)
    sections = tuple(
        SkeletonSection(
            spec.key,
            _numbered(fill_names(spec.heading, fill, template.name), position),
            _section_lines(template, spec.key, fill_names(spec.regulation, fill, template.name)),
        )
        for position, spec in enumerate(template.sections, 1)
    )
    opening = (
        f"{year}年，{subject}坚持以习近平法治思想为指导，{PLACEHOLDER}。"
        f"现将{year}年度法治政府建设情况报告如下："
    )
    return Skeleton(
        template=template.name,
        label=template.label,
        title=title,
        opening=opening,
        sections=sections,
        organ=(organ or "").strip() or organ_of(subject),
        date_line=f"{year + 1}年X月X日",
    )


_NOT_IN_A_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")
_FIELD = re.compile(r"\{([^{}]*)\}")


def fill_names(text: str, fill: dict[str, str], template_name: str) -> str:
    """``text`` with ``{subject}`` ``{year}`` ``{next_year}`` filled in, by name only.

    Not ``str.format``: a template is a user's file, and ``{year:999999999}`` would ask format
    for a billion-character field; ``{0}``, ``{year.x}`` or a lone brace are refused the same way,
    with a message naming what the template may use."""
    def one(m: re.Match) -> str:
        name = m.group(1).strip()
        if name not in fill:
            raise InitError(
                f"模板 {template_name} 中的占位符「{{{m.group(1)[:40]}}}」无法填写"
                f"（只能用 {'、'.join('{' + k + '}' for k in fill)}）"
            )
        return fill[name]

    rest = _FIELD.sub("", text)
    if "{" in rest or "}" in rest:
        raise InitError(f"模板 {template_name} 中有不成对的花括号：{text[:60]}")
    return _FIELD.sub(one, text)


# --- from last year's report --------------------------------------------------------------
# A figure of last year: a number with its decimals (not a year, not an ordinal marker), a
# month-and-day date. Each becomes a placeholder the checker reports until it is filled.
_FIGURE = re.compile(r"(?<![\d.．])(?!(?:19|20)\d\d(?:\s*年|[－—–~～至-]))\d+(?:[.．]\d+)?(?![\d年])")
_CITED = re.compile(r"(《[^《》\n]*》)")  # a cited document's name is kept as written
_MONTH_DAY = re.compile(r"(?<!\d)\d{1,2}月\d{1,2}日")
_YEAR_WORD = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")
_TOP_MARKER = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、．.]\s*")


def _outside_citations(text: str, change) -> str:
    return "".join(part if _CITED.fullmatch(part) else change(part) for part in _CITED.split(text))


def _shift_years(text: str, by: int) -> str:
    return _outside_citations(text, lambda part: _YEAR_WORD.sub(lambda m: str(int(m.group(1)) + by), part))


def _figures_left_open(text: str) -> str:
    """Last year's sentence with its figures as placeholders: 「收到申请23件，纠错率17.4%」 →
    「收到申请XX件，纠错率XX%」. Ordinal markers (（一） 1. ①) and years are left as they are."""
    marker = re.match(r"^(（[一二三四五六七八九十\d]+）|[\d]+[.．、]|[一二三四五六七八九十]+、)", text)
    head = marker.group(0) if marker else ""
    return head + _outside_citations(text[len(head):], lambda part: _FIGURE.sub("XX", _MONTH_DAY.sub("X月X日", part)))


def build_from_previous(
    previous: str, year: int, template_ref: str = "annual", subject: str | None = None, organ: str | None = None,
    max_bytes: int | None = None,
) -> Skeleton:
    """A skeleton from last year's report: its headings (years moved on by one, 一、二、… in
    order) and its paragraphs with every figure a placeholder, and any required section of the
    template it lacked, in the template's order."""
    template = template_for(template_ref)  # rule ids checked, as for a check
    try:
        source = read_source(previous, max_bytes or DEFAULT_MAX_BYTES)
    except InputError as exc:
        raise InitError(f"--previous：{exc.message}") from None
    report = outline(source, template)
    top = [h for h in report.headings if h.level == 1]
    if not top:
        raise InitError(f"--previous：{previous} 中没有找到一级标题（一、二、……），无法沿用其结构")
    by = year - report.year if report.year else 1
    paragraphs = source.paragraphs
    subject = (subject or report.subject or "").strip()
    base = build_skeleton(subject or "【待补充】", year, template_ref, organ or report.signature_organ)
    ends = [h.index for h in top[1:]] + [min([*report.signature, *report.closing, len(paragraphs)])]
    taken: list[SkeletonSection] = []
    for h, end in zip(top, ends):
        lines = tuple(
            _figures_left_open(_shift_years(p.text, by)) for p in paragraphs[h.index + 1:end]
        ) or (f"{PLACEHOLDER}（本部分内容。）",)
        key = h.keys[0] if h.keys else ""
        taken.append(SkeletonSection(key, _shift_years(h.text, by), lines))
    have = {k for s in taken for k in (s.key,)}
    order = [spec.key for spec in template.sections]
    for spec_section in base.sections:
        if spec_section.key in have or not template.section(spec_section.key).required:
            continue
        later = [i for i, s in enumerate(taken) if s.key in order and order.index(s.key) > order.index(spec_section.key)]
        bare = _TOP_MARKER.sub("", spec_section.heading)
        taken.insert(later[0] if later else len(taken), SkeletonSection(spec_section.key, bare, spec_section.lines))
    sections = tuple(
        SkeletonSection(s.key, _numbered(_TOP_MARKER.sub("", s.heading), n), s.lines) for n, s in enumerate(taken, 1)
    )
    title = _shift_years(report.title, by) if report.title else base.title
    opening = base.opening
    if report.opening:
        opening = "".join(_figures_left_open(_shift_years(paragraphs[i].text, by)) for i in report.opening[:1])
    return dataclasses.replace(base, title=title, opening=opening, sections=sections)


def default_output(skeleton: Skeleton, suffix: str = ".md") -> str:
    """A file name in the current directory, whatever the title holds (no directory part)."""
    name = _NOT_IN_A_NAME.sub("_", f"{skeleton.title}（草稿）{suffix}").lstrip(".")
    return name or f"草稿{suffix}"


# --- writing -------------------------------------------------------------------------------
def render_text(skeleton: Skeleton, kind: str) -> str:
    """The skeleton as Markdown (``md``) or plain text (``txt``) through its Jinja2 template."""
    # deferred: jinja2, only for a text skeleton
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(resource_path("templates", "skeleton"))),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template(f"draft.{kind}.j2").render(**skeleton.__dict__)


# GB/T 9704-2012 (党政机关公文格式): A4 paper; 天头 (top margin) 37 mm, 订口 (binding margin)
# 28 mm; 版心 (type area) 156 mm × 225 mm; 22 lines of 28 characters in 三号仿宋; page numbers in
# 4号 Arabic figures between two 一字线 「— 1 —」, 7 mm below the type area, on the outside edge:
# right on odd pages, left on even ones, one character in from it.
PAGE_MM = (210, 297)
TOP_MM, INSIDE_MM = 37, 28
TYPE_AREA_MM = (156, 225)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_PT = 16  # 三号
PAGE_NUMBER_PT = 14  # 4号


def render_docx(skeleton: Skeleton) -> bytes:
    """The skeleton as a Word document laid out as GB/T 9704 asks: the title, section headings in
    Word heading styles, the page and its grid, and page numbers."""
    # deferred: python-docx, only for a .docx skeleton
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    _set_font(doc.styles["Normal"], "仿宋_GB2312", Pt(BODY_PT))
    _set_font(doc.styles["Title"], "方正小标宋简体", Pt(22))
    _set_font(doc.styles["Heading 1"], "黑体", Pt(BODY_PT))
    _page_setup(doc)
    title = doc.add_paragraph(skeleton.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(skeleton.opening)
    for section in skeleton.sections:
        doc.add_paragraph(section.heading, style="Heading 1")
        for line in section.lines:
            doc.add_paragraph(line)
    for text in (skeleton.organ, skeleton.date_line):
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    core = doc.core_properties
    core.title = skeleton.title
    core.author = skeleton.organ
    core.comments = "由 fzcheck init 生成的草稿框架"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page_setup(doc) -> None:
    """A4, the GB/T 9704 margins (mirrored: 订口 is the inside edge), the 22 × 28 grid, page numbers."""
    # deferred: python-docx, only for a .docx skeleton
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(TOP_MM)
    section.bottom_margin = Mm(PAGE_MM[1] - TOP_MM - TYPE_AREA_MM[1])
    section.left_margin = Mm(INSIDE_MM)
    section.right_margin = Mm(PAGE_MM[0] - INSIDE_MM - TYPE_AREA_MM[0])
    section.header_distance = Mm(15)
    section.footer_distance = Mm(PAGE_MM[1] - TOP_MM - TYPE_AREA_MM[1] - 7 - 5)  # 7 mm below the type area
    settings = doc.settings.element
    if settings.find(qn("w:mirrorMargins")) is None:
        settings.insert(0, OxmlElement("w:mirrorMargins"))
    doc.settings.odd_and_even_pages_header_footer = True
    # the grid: line pitch = 225 mm / 22 in twentieths of a point; character pitch = 156 mm / 28,
    # written as Word does, in 1/4096 pt more or less than the body font size
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    line_pitch = round(TYPE_AREA_MM[1] / LINES_PER_PAGE / 25.4 * 72 * 20)
    char_pitch_pt = TYPE_AREA_MM[0] / CHARS_PER_LINE / 25.4 * 72
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.set(qn("w:charSpace"), str(round((char_pitch_pt - BODY_PT) * 4096)))
    _page_number(section.footer.paragraphs[0], outside="right")
    _page_number(section.even_page_footer.paragraphs[0], outside="left")


def _page_number(paragraph, outside: str) -> None:
    """「— 1 —」 in 4号 宋体, one character in from the outside edge."""
    # deferred: python-docx, only for a .docx skeleton
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if outside == "right" else WD_ALIGN_PARAGRAPH.LEFT
    indent = Pt(PAGE_NUMBER_PT)
    if outside == "right":
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent

    def run(text: str = ""):
        r = paragraph.add_run(text)
        r.font.size = Pt(PAGE_NUMBER_PT)
        r.font.name = "宋体"
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
        return r

    run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._element.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._element.append(instr)
        else:
            r.text = text
    run(" —")


def _set_font(style, east_asian: str, size) -> None:
    """Set a style's font, East Asian font included (python-docx has no setting for it)."""
    # deferred: python-docx, only for a .docx skeleton
    from docx.oxml.ns import qn

    style.font.size = size
    style.font.name = east_asian
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def output_kind(path: str) -> str:
    kind = FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise InitError(f"输出文件 {path} 的扩展名应为 .docx、.md 或 .txt")
    return kind


def skeleton_file(skeleton: Skeleton, output: str, force: bool = False) -> bytes:
    """The bytes of the skeleton as the file ``output`` (format by extension); refuses a
    directory, a missing directory, and an existing file unless ``force``. The command line
    writes them (atomically, :mod:`checker.cli.output`)."""
    kind = output_kind(output)
    target = Path(output)
    if target.is_dir():
        raise InitError(f"输出路径 {output} 是一个目录")
    if target.exists() and not force:
        raise InitError(f"文件 {output} 已存在，未覆盖（确需覆盖请加 --force）")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InitError(f"目录 {directory} 不存在")
    return render_docx(skeleton) if kind == "docx" else render_text(skeleton, kind).encode("utf-8")


def default_year(today: dt.date | None = None) -> int:
    """Reports are written early in N+1 about year N."""
    return (today or dt.date.today()).year - 1

