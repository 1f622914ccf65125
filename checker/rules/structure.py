"""Structure rules: title, the template's sections, numbering, 落款, years (SPEC §3 Structure)."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import DATE_SOURCE_NAMES, Heading, Report
from ..outline import year_in
from .declare import Hit, hit_at, rule
from ..template import SectionSpec, Template
from ..template.lexicon import names_organ
from .base import content_text, where
from .examples import MINI, variant

ORDER = 10  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

REG_DUCHA = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）"
REG_FIRST = "《党政主要负责人履行推进法治建设第一责任人职责规定》第四条"


def _fill(text: str, report: Report) -> str:
    year = report.year or "20XX"
    next_year = report.year + 1 if report.year else "20XX"
    return text.format(year=year, next_year=next_year, subject=report.subject or "（地区或部门）")


def canonical_title(report: Report, template: Template) -> str:
    return _fill(template.title_canonical, report)


# --- examples and sources the rules below cite ---------------------------------------------------
_SRC_SECTIONS = f"{REG_DUCHA}关于年度报告应当包括哪些内容的规定"


# --- title ---------------------------------------------------------------------------------
@rule(
    id="title-missing",
    family="structure",
    severity="warning",
    summary="没有标题行",
    rationale="报告应有标题，写明主体、年度和“法治政府建设年度报告”，便于公开和归档。",
    source="各省法治政府建设年度报告编制指引；GB/T 9704-2012 标题要素",
    bad=variant("柳溪县2023年法治政府建设年度报告\n", ""),
    good=MINI,
)
def title_missing(report: Report, template: Template) -> Iterator[Hit]:
    if report.title is None:
        first = 0 if report.source.paragraphs else None
        yield hit_at(
            first,
            "报告没有标题行。",
            f"在正文之前加标题，如「{canonical_title(report, template)}」。",
            end=0,
        )


@rule(
    id="title-format",
    family="structure",
    severity="warning",
    summary="标题缺年度或“法治政府建设”，或写成了其他文种",
    rationale="2019年起报告名称为“法治政府建设年度报告”；“依法行政工作报告”是旧名称，“工作总结”不是规定文种。",
    source=f"{REG_DUCHA}；各省编制指引",
    bad=variant("柳溪县2023年法治政府建设年度报告", "柳溪县2023年依法行政工作报告"),
    good=MINI,
)
def title_format(report: Report, template: Template) -> Iterator[Hit]:
    if report.title is None:
        return
    title, i = report.title, report.title_index
    problems = []
    for name, rx in template.wrong_names:
        if rx.search(title):
            problems.append(f"标题写成了「{name}」，这不是规定要求的法治政府建设年度报告")
            break
    if year_in(title) is None:
        problems.append("标题没有写明报告年度")
    if not template.title_required.search(title):
        problems.append("标题没有写明“法治政府建设”")
    if problems:
        yield hit_at(
            i, "；".join(problems) + "。",
            f"标题建议写作「{canonical_title(report, template)}」。",
        )


# --- sections ------------------------------------------------------------------------------
def _hits(report: Report, key: str):
    return [s for s in report.sections if s.key == key]


_CN_DIGITS = "零一二三四五六七八九"
_LEADING_MARKER = re.compile(r"^[一二三四五六七八九十]{1,3}[、．.]")


def _cn_number(n: int) -> str:
    """1..99 in Chinese numerals, as headings count: 一 … 十 十一 … 二十."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _insertion_point(report: Report, template: Template, spec: SectionSpec) -> int | None:
    """Where the missing section belongs, as a paragraph index to insert before (the number of
    paragraphs: at the end): after the last section the regulation lists before it (after a
    heading that combines it with a later one, too: 「二、存在问题及下步打算」), else
    before the first one it lists after it, else before the 落款."""
    order = template.order
    earlier = set(order[: order.index(spec.key)])
    later = set(order[order.index(spec.key) + 1:])
    # an earlier section found unheaded stands in the closing, after every headed section: the
    # missing one goes before that closing
    ends = [s.end if s.heading is not None else s.start for s in report.sections if s.key in earlier]
    if ends:
        return max(ends)
    starts = [s.start for s in report.sections if s.key in later]
    if starts:
        return min(starts)
    if report.signature:
        return report.signature[0]
    return len(report.source.paragraphs)


def _suggested_heading(report: Report, spec: SectionSpec, at: int, added_before: int = 0) -> tuple[str, bool]:
    """The heading to add at ``at``, numbered as the report numbers its top-level sections
    (counting ``added_before`` sections suggested before it), and whether sections after it
    must be renumbered."""
    heading = _fill(spec.heading, report)
    numbered = [h for h in report.headings if h.level == 1 and h.ordinal is not None]
    if not numbered:
        return heading, False
    before = [h for h in numbered if h.index < at]
    ordinal = ((before[-1].ordinal or len(before)) + 1 if before else 1) + added_before
    separator = "、" if numbered[0].style == "cn-dun" else "．"
    text = _LEADING_MARKER.sub("", heading)
    return f"{_cn_number(ordinal)}{separator}{text}", any(h.index >= at for h in numbered)


@rule(
    id="section-missing",
    family="structure",
    severity="error",
    summary="缺少模板规定的必需部分（可选的“其他需要报告的情况”不报缺失）",
    rationale="年度报告必须包括主要举措和成效、不足和原因、党政主要负责人履行第一责任人职责情况、下一年度主要安排。",
    source=_SRC_SECTIONS,
    bad=variant(
        "三、2023年度党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "县委、县政府主要负责同志对法治建设重要工作亲自部署、重大问题亲自过问。"
        "县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。\n"
        "四、", "三、", variant("五、其他需要报告的情况", "四、其他需要报告的情况"),
    ),
    good=MINI,
)
def section_missing(report: Report, template: Template) -> Iterator[Hit]:
    present = {s.key for s in report.sections}
    paragraphs = report.source.paragraphs
    suggested: list[int] = []
    for spec in template.sections:
        # the optional 「其他需要报告的情况」 is never reported missing (SPEC §3)
        if spec.key in present or not spec.required:
            continue
        message = f"缺少「{spec.title}」部分：规定要求报告“{spec.regulation}”。"
        if spec.mention is not None:
            mentions = [i for i, p in enumerate(paragraphs) if spec.mention.search(p.text)]
            if mentions:
                places = "、".join(where(report, i) for i in mentions[:3])
                message += f"文中{places}提到了相关内容，但没有单列成节、写明履职情况。"
        at = _insertion_point(report, template, spec)
        # sections suggested earlier (in the regulation's order) at or before this place
        heading, renumber = _suggested_heading(report, spec, at, sum(1 for a in suggested if a <= at))
        suggested.append(at)
        place = "在正文末尾" if at >= len(paragraphs) else f"在{where(report, at)}之前"
        suggestion = f"{place}增加一节「{heading}」，写明{spec.regulation}" + ("，其后各节序号顺延。" if renumber else "。")
        if at >= len(paragraphs):
            index, start = (len(paragraphs) - 1, len(paragraphs[-1].text)) if paragraphs else (None, 0)
        else:
            index, start = at, 0
        yield hit_at(
            index, message, suggestion,
            start=start, end=start, section=spec.key,
        )


@rule(
    id="section-unheaded",
    family="structure",
    severity="warning",
    summary="某部分内容有，但没有单独的标题",
    rationale="没有标题的内容不便审阅和公开检索，审核人容易误判为缺项。",
    source=_SRC_SECTIONS,
    bad=variant(
        "四、2024年推进法治政府建设的主要安排\n一是", "下一步，我们将重点做好以下工作：一是",
        variant("五、其他需要报告的情况\n本年度无其他需要报告的情况。\n", ""),
    ),
    good=variant("五、其他需要报告的情况\n本年度无其他需要报告的情况。\n", ""),
)
def section_unheaded(report: Report, template: Template) -> Iterator[Hit]:
    for hit in report.sections:
        if hit.heading is None:
            spec = template.section(hit.key)
            yield hit_at(
                hit.start,
                f"「{spec.title}」的内容在{where(report, hit.start)}的段落里，但没有单独的标题。",
                f"把这部分内容单列一节，加标题「{_fill(spec.heading, report)}」。",
                section=hit.key,
            )


@rule(
    id="section-thin",
    family="structure",
    severity="warning",
    summary="某部分过于单薄（低于模板规定的最少字数）",
    rationale="只有一两句话的部分不能说明情况，起不到报告和监督的作用。",
    source=_SRC_SECTIONS,
    bad=variant(
        "一是行政执法规范化水平仍有差距，少数执法人员程序意识不强；二是基层法治力量薄弱。"
        "主要原因是执法培训覆盖面不够，乡镇法治机构人员编制不足。",
        "执法还有差距，原因是培训不够。",
    ),
    good=MINI,
    placeholder_stands_for="section",
)
def section_thin(report: Report, template: Template) -> Iterator[Hit]:
    for spec in template.sections:
        hits = _hits(report, spec.key)
        if not hits or not spec.min_chars:
            continue
        chars = sum(len(content_text(report, h).replace("\n", "")) for h in hits)
        if chars < spec.min_chars:
            yield hit_at(
                hits[0].start,
                f"「{spec.title}」部分只有约{chars}字，内容过于单薄（模板要求至少{spec.min_chars}字）。",
                f"充实这一部分，写明{spec.regulation}，用具体做法和数据说明。",
                section=spec.key,
            )


_ENUM_ITEM = re.compile(r"(?<![一二三四五六七八九十])第?[一二三四五六七八九十]{1,3}是(?![否非])")


def _problem_items(report: Report, hit) -> list[tuple[int, int, str]]:
    """The problems a shortcomings section lists: (paragraph, offset, text) of each item, from
    its sub-headings, else from 一是/二是 in its text; fewer than two items give none."""
    paragraphs = report.source.paragraphs
    if hit.heading is not None:
        subs = [h for h in report.headings if hit.start < h.index < hit.end and h.level > hit.heading.level]
        if len(subs) >= 2:
            bounds = [h.index for h in subs] + [hit.end]
            return [
                (a, 0, "\n".join(p.text for p in paragraphs[a:b]))
                for a, b in zip(bounds, bounds[1:])
            ]
    items: list[tuple[int, int, str]] = []
    for i in range(hit.start, hit.end):
        text = paragraphs[i].text
        cuts = [m.start() for m in _ENUM_ITEM.finditer(text)]
        for k, a in enumerate(cuts):
            b = cuts[k + 1] if k + 1 < len(cuts) else len(text)
            items.append((i, a, text[a:b]))
    return items if len(items) >= 2 else []


# A cause stated for the problems as a whole: 「主要原因是…」, 「产生上述问题的原因…」, 「究其原因」.
_GENERAL_CAUSE = re.compile(
    r"(主要|根本|深层次)?原因(主要)?(是|在于|有)|究其原因|(产生|出现|存在)(这些|上述|以上)?(问题|不足)的(主要)?原因|"
    r"(这些|上述|以上)(问题|不足)(的)?(产生|存在|出现)?(的)?(主要)?原因"
)


def _item_label(text: str) -> str:
    head = re.split(r"[。；;，,\n]", text.strip(), maxsplit=1)[0]
    return head if len(head) <= 24 else head[:24] + "…"


@rule(
    id="causes-missing",
    family="structure",
    severity="warning",
    summary="列了不足，没有分析原因",
    rationale="规定要求报告“存在的不足和原因”，只列问题不析原因，整改无从着手。",
    source=_SRC_SECTIONS,
    bad=variant("主要原因是执法培训覆盖面不够，乡镇法治机构人员编制不足。", "今后要加强培训，充实乡镇法治机构人员。"),
    good=MINI,
    placeholder_stands_for="section",
)
def causes_missing(report: Report, template: Template) -> Iterator[Hit]:
    for spec in template.sections:
        if spec.causes is None:
            continue
        hits = _hits(report, spec.key)
        if not hits:
            continue
        if not any(spec.causes.search(content_text(report, h)) for h in hits):
            yield hit_at(
                hits[0].start,
                f"「{spec.title}」只列了问题，没有分析原因。规定要求报告“{spec.regulation}”。",
                template.suggestion("causes-missing", "在列出的问题之后写明原因。", spec),
            )
            continue
        # causes are given for some problems: name those that lack one (a section that
        # combines the plan is left alone, its later items are the plan's)
        hit = hits[0]
        if hit.heading is None or len(hit.heading.keys) > 1:
            continue
        items = _problem_items(report, hit)
        if not items:
            continue
        general = _GENERAL_CAUSE.search(content_text(report, hit))
        lacking = [(i, a, t) for i, a, t in items if not spec.causes.search(t)]
        if general is None and lacking and len(lacking) < len(items):
            names = "、".join(f"「{_item_label(t)}」" for _, _, t in lacking[:4]) + ("等" if len(lacking) > 4 else "")
            i, a, t = lacking[0]
            yield hit_at(
                i,
                f"「{spec.title}」分析了部分问题的原因，但{names}没有写明原因。",
                "逐项写明问题产生的原因（如人员力量、制度机制、思想认识等方面）。",
                start=a, end=a + len(_item_label(t).rstrip("…")),
            )


@rule(
    id="duty-evidence-missing",
    family="structure",
    severity="warning",
    summary="第一责任人履职部分没有述法、学法、专题研究、出庭应诉等具体事实",
    rationale="第一责任人要对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，"
    "报告应以述法、会前学法、专题研究、出庭应诉等事实说明。",
    source=f"{REG_FIRST}；《法治中国建设规划（2020－2025年）》（述法）",
    bad=variant(
        "县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。",
        "全县上下高度重视法治政府建设，主要负责同志经常强调要压实责任、狠抓落实，"
        "各部门各司其职、密切配合，形成了齐抓共管、协调推进的良好工作局面。",
    ),
    good=MINI,
    placeholder_stands_for="section",
)
def duty_evidence_missing(report: Report, template: Template) -> Iterator[Hit]:
    for spec in template.sections:
        if not spec.evidence:
            continue
        hits = _hits(report, spec.key)
        if not hits:
            continue
        text = "\n".join(content_text(report, h) for h in hits)
        if not any(rx.search(text) for _, rx in spec.evidence):
            kinds = [name for name, _ in spec.evidence]
            yield hit_at(
                hits[0].start,
                f"「{spec.title}」没有写明履职的具体事实（{'、'.join(kinds)}均未提及）。",
                template.suggestion("duty-evidence-missing", f"按{REG_FIRST}写明履职的具体事实和次数。", spec),
                missing=kinds,
            )


@rule(
    id="section-order",
    family="structure",
    severity="info",
    summary="必需的部分没有按规定列举的顺序排列",
    rationale="按规定列举的顺序行文，便于上级汇总和社会查阅。",
    source=_SRC_SECTIONS,
    bad="柳溪县2023年法治政府建设年度报告\n一、主要举措和成效\n全年推进各项工作。\n"
    "二、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责同志述法。\n"
    "三、存在的不足和原因\n执法有差距，原因是培训不够。\n四、2024年工作安排\n继续推进。\n",
    good="柳溪县2023年法治政府建设年度报告\n一、主要举措和成效\n全年推进各项工作。\n"
    "二、存在的不足和原因\n执法有差距，原因是培训不够。\n"
    "三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责同志述法。\n四、2024年工作安排\n继续推进。\n",
)
def section_order(report: Report, template: Template) -> Iterator[Hit]:
    required = [s.key for s in template.sections if s.required]
    first = {}
    for hit in report.sections:
        if hit.key in required and hit.key not in first:
            first[hit.key] = hit
    present = [k for k in required if k in first]
    for pos, key in enumerate(present):
        earlier_than_me = [k for k in present[pos + 1:] if first[k].start < first[key].start]
        if earlier_than_me:
            spec, other = template.section(key), template.section(earlier_than_me[0])
            yield hit_at(
                first[key].start,
                f"「{spec.title}」应排在「{other.title}」之前（按规定列举的顺序）。",
                template.suggestion(
                    "section-order", f"按“{'、'.join(template.section(k).short for k in required)}”的顺序排列各部分。"
                ),
                section=key,
            )


# --- numbering -----------------------------------------------------------------------------
_STYLE_NAMES = {
    "cn-dun": "“一、”", "cn-dot": "“一.”", "paren-cn": "“（一）”", "num-dun": "“1、”",
    "num-dot": "“1.”", "paren-num": "“（1）”", "circled": "“①”",
}


def _sibling_groups(headings: tuple[Heading, ...]) -> list[list[Heading]]:
    """Numbered headings grouped by (parent, level): each group should count 1, 2, 3…"""
    groups: dict[tuple, list[Heading]] = {}
    stack: list[Heading] = []
    for h in headings:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        parent = stack[-1].index if stack else -1
        if h.ordinal is not None:
            groups.setdefault((parent, h.level), []).append(h)
        stack.append(h)
    return list(groups.values())


@rule(
    id="heading-numbering",
    family="structure",
    severity="warning",
    summary="同级标题序号跳号、重号、倒序，或混用“1.”与“1、”",
    rationale="序号是审阅和引用的依据；GB/T 9704-2012 规定结构层次序数依次用“一、”“（一）”“1.”“（1）”。",
    source="GB/T 9704-2012《党政机关公文格式》7.3.3",
    bad=variant("（三）严格规范执法", "（四）严格规范执法"),
    good=MINI,
)
def heading_numbering(report: Report, template: Template) -> Iterator[Hit]:
    last_at_level: dict[int, int] = {}  # the last ordinal of the previous group at each level
    for group in _sibling_groups(report.headings):
        level = group[0].level
        # numbering that runs on across parents (1. 2. under （一）, 3. under （二）) is a
        # common and correct style: the group then counts on from the previous one
        carried = last_at_level.get(level, 0)
        previous = carried if carried and group[0].ordinal == carried + 1 else 0
        offset = previous
        last_at_level[level] = max((h.ordinal or 0) for h in group)
        for position, h in enumerate(group, 1 + offset):
            expected = previous + 1
            # one slip is one finding: 1,2,4,4 flags the first 4 only; 1,2,4,5 flags the 4 only
            if h.ordinal not in (expected, position):
                if h.ordinal == previous:
                    what = f"序号“{h.marker}”重复"
                elif h.ordinal is not None and h.ordinal > expected:
                    what = f"序号从{previous}跳到了{h.ordinal}（“{h.marker}”），中间缺号"
                else:
                    what = f"序号“{h.marker}”顺序不对，应为第{expected}个"
                yield hit_at(
                    h.index, f"标题{what}。",
                    "按顺序连续编号。", end=len(h.marker),
                )
            previous = h.ordinal or previous
        styles = [h.style for h in group]
        main = max(set(styles), key=lambda s: (styles.count(s), -styles.index(s)))
        for h in group:
            if h.style != main:
                yield hit_at(
                    h.index,
                    f"同一级标题混用了{_STYLE_NAMES[h.style]}和{_STYLE_NAMES[main]}两种序号格式。",
                    f"同级标题统一用{_STYLE_NAMES[main]}格式。", end=len(h.marker),
                )
                break


# --- 落款 and years --------------------------------------------------------------------------


def _organ_of(subject: str | None) -> str:
    """The organ that signs for a subject: 柳溪县 → 柳溪县人民政府; 柳溪县司法局 signs as itself."""
    if not subject:
        return "××人民政府"
    return subject if names_organ(subject) else f"{subject}人民政府"


@rule(
    id="signature-missing",
    family="structure",
    severity="warning",
    summary="文末没有落款（发文机关和成文日期）",
    rationale="落款的成文日期是判断报告是否按时形成、公开的依据。",
    source="GB/T 9704-2012《党政机关公文格式》7.3.5",
    bad=variant("柳溪县人民政府\n2024年3月15日\n", "2024年3月15日\n"),
    good=MINI,
    placeholder_stands_for="signature",
)
def signature_missing(report: Report, template: Template) -> Iterator[Hit]:
    has_date = report.date_index is not None
    has_organ = report.signature_organ is not None
    if has_date and has_organ:
        return
    if has_organ and report.date is None:
        return  # one fault, one finding: the missing date is date-missing's
    last = len(report.source.paragraphs) - 1 if report.source.paragraphs else None
    if not has_date and not has_organ:
        what = "文末没有落款（发文机关名称和成文日期）"
    elif not has_organ:
        what = "落款缺少发文机关名称"
    else:
        what = "落款缺少成文日期"
    organ = report.signature_organ or _organ_of(report.subject)
    if not has_date and report.date is None:
        # one fault, one finding: date-missing stays quiet when the 落款 has no date
        what += f"；也找不到{DATE_SOURCE_NAMES['message']['metadata']}，与日期有关的检查已跳过（或用 --date 指定成文日期）"
    yield hit_at(
        last, f"{what}。",
        f"在文末右下方署发文机关名称和成文日期，如「{organ}」「{(report.year or 2023) + 1}年3月15日」。",
        start=len(report.source.paragraphs[last].text) if last is not None else 0,
    )


_OPENING_YEAR = re.compile(r"(?<![\d\-—－~～至])(?:19|20)\d{2}\s*年度?(?=\s*[，,是里中内])")


@rule(
    id="year-mismatch",
    family="structure",
    severity="warning",
    summary="标题、开头、章节标题的年度不一致；下一年度安排不是N+1年",
    rationale="同一份报告各处年度应一致，下一年度安排应写报告年度的下一年。",
    source=_SRC_SECTIONS,
    bad=variant("四、2024年推进法治政府建设的主要安排", "四、2023年推进法治政府建设的主要安排"),
    good=MINI,
)
def year_mismatch(report: Report, template: Template) -> Iterator[Hit]:
    n = report.year
    if n is None:
        return
    checks: list[tuple[int, int, int, str]] = []  # (paragraph, found, expected, what)
    plans = template.keys_of("plan")
    if report.title_index is not None and report.year_source != "title":
        y = year_in(report.title or "")
        if y is not None and y != n:
            checks.append((report.title_index, y, n, "标题"))
    if report.opening:
        first = report.opening[0]
        sentence = report.source.paragraphs[first].text.split("。")[0]
        # the year the opening reports on (「2023年，」「2023年度，」), not a period that starts
        # earlier (「2019年以来」) or a date in passing
        lead = _OPENING_YEAR.search(sentence)
        y = year_in(lead.group(0)) if lead else None
        if y is not None and y != n and report.year_source != "opening":
            checks.append((first, y, n, "开头"))
    for h in report.headings:
        if not h.keys:
            continue
        y = year_in(h.text)
        if y is None:
            continue
        plan = [k for k in h.keys if k in plans]
        expected = n + 1 if plan and len(h.keys) == 1 else n
        if plan and len(h.keys) > 1 and y in (n, n + 1):
            continue
        if y != expected:
            what = "下一年度安排的标题" if expected == n + 1 else "章节标题"
            checks.append((h.index, y, expected, what))
    for index, found, expected, what in checks:
        text = report.source.paragraphs[index].text
        pos = text.find(str(found))
        yield hit_at(
            index,
            f"{what}写的是{found}年，与报告年度（{n}年）不一致"
            + ("：下一年度安排应写下一年。" if expected == n + 1 else "。"),
            f"改为{expected}年。",
            start=max(pos, 0), end=(pos + 4) if pos >= 0 else None,
            expected=expected, found=found,
        )
