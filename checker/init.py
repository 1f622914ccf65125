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
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .model import FzcheckError
from .resources import resource_path
from .template import Template, load_template

PLACEHOLDER = "【待补充】"
FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}

# A subject that already names an organ signs as itself; an area signs as its people's government.
_ORGAN_SUFFIX = re.compile(r"(政府|委员会|管委会|办公室|党委|党组|局|厅|委|办|院|署|中心|事务所|小组)$")
_AREA_SUFFIX = re.compile(r"(省|自治区|市|县|区|州|旗|盟|镇|乡)$")
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
    if _ORGAN_SUFFIX.search(subject) or not _AREA_SUFFIX.search(subject):
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
    if key == "measures":
        topics = [
            i.get("topic")
            for i in template.raw.get("indicators", [])
            if isinstance(i, dict) and i.get("topic") and i.get("severity") != "off"
        ]
        if topics:
            lines.append(f"{PLACEHOLDER}（逐项写明以下方面的做法和数据：{'；'.join(topics)}。）")
    return tuple(lines)


def build_skeleton(subject: str, year: int, template_ref: str = "annual", organ: str | None = None) -> Skeleton:
    """The skeleton draft for ``subject``'s report on ``year`` by ``template_ref``."""
    subject = subject.strip()
    if not subject or "\n" in subject or len(subject) > 40:
        raise InitError("--subject 应为报告主体的名称，如「柳溪县」或「柳溪县司法局」")
    if not 1949 <= year <= 2100:
        raise InitError(f"--year {year} 不是合理的年度")
    template = load_template(template_ref)
    fill = {"subject": subject, "year": year, "next_year": year + 1}
    try:
        title = template.title_canonical.format(**fill)
        sections = tuple(
            SkeletonSection(
                spec.key,
                _numbered(spec.heading.format(**fill), position),
                _section_lines(template, spec.key, spec.regulation.format(**fill)),
            )
            for position, spec in enumerate(template.sections, 1)
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise InitError(f"模板 {template.name} 的标题或章节标题中有无法填写的占位符（{exc}）") from None
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
        date_line=f"{year + 1}年 月 日",
    )


def default_output(skeleton: Skeleton, suffix: str = ".md") -> str:
    return f"{skeleton.title}（草稿）{suffix}"


# --- writing -------------------------------------------------------------------------------
def render_text(skeleton: Skeleton, kind: str) -> str:
    """The skeleton as Markdown (``md``) or plain text (``txt``) through its Jinja2 template."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(resource_path("templates", "skeleton"))),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template(f"draft.{kind}.j2").render(**skeleton.__dict__)


def render_docx(skeleton: Skeleton) -> bytes:
    """The skeleton as a Word document: the title, section headings in Word heading styles."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    _set_font(doc.styles["Normal"], "仿宋_GB2312", Pt(16))
    _set_font(doc.styles["Title"], "方正小标宋简体", Pt(22))
    _set_font(doc.styles["Heading 1"], "黑体", Pt(16))
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


def _set_font(style, east_asian: str, size) -> None:
    """Set a style's font, East Asian font included (python-docx has no setting for it)."""
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


def write_skeleton(skeleton: Skeleton, output: str, force: bool = False) -> Path:
    """Write the skeleton to ``output`` (format by extension), atomically; never over a file unless ``force``."""
    kind = output_kind(output)
    target = Path(output)
    if target.is_dir():
        raise InitError(f"输出路径 {output} 是一个目录")
    if target.exists() and not force:
        raise InitError(f"文件 {output} 已存在，未覆盖（确需覆盖请加 --force）")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InitError(f"目录 {directory} 不存在")
    data = render_docx(skeleton) if kind == "docx" else render_text(skeleton, kind).encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            if force:
                os.replace(tmp, target)
            else:
                _place_new(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except FileExistsError:
        raise InitError(f"文件 {output} 已存在，未覆盖（确需覆盖请加 --force）") from None
    except OSError as exc:
        raise InitError(f"无法写入 {output}（{exc.strerror or exc}）") from None
    return target


def _place_new(tmp: str, target: Path) -> None:
    """Move ``tmp`` to ``target`` unless something is there (a hard link fails if it is)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def default_year(today: dt.date | None = None) -> int:
    """Reports are written early in N+1 about year N."""
    return (today or dt.date.today()).year - 1

