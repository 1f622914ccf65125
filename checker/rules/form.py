"""Form rules a reviewer applies to the document as a 报告: no 请示 matter in it, one subject
named alike in the title, the opening and the 落款."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Report
from .declare import Hit, Phrases, Wording, hit_at, rule
from ..template import Template
from .phrases import phrase_rule
from .examples import MINI, variant

ORDER = 90  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

REG_GONGWEN = "《党政机关公文处理工作条例》（中办发〔2012〕14号）：不得在报告等非请示性公文中夹带请示事项"


# --- request-in-report ----------------------------------------------------------------------
phrase_rule(
    module=__name__,
    id="request-in-report",
    family="review",
    severity="warning",
    summary="报告里夹带请示用语：“妥否，请批示”“请予批准”“特此请示”",
    rationale="报告用于向上级汇报工作、向社会公开，不要求批复；夹带请示事项既不合文种，上级也不会按请示办理。",
    source=REG_GONGWEN,
    bad=variant("本年度无其他需要报告的情况。", "建议增加乡镇法治机构编制，请予批准。"),
    good=MINI,
    phrases=Phrases("request_in_report", (Wording(
        "报告中有请示用语「{text}」：年度报告是报告，不能夹带请示事项。",
        "删去请示用语；确需上级批准的事项，另行以请示行文。",
    ),)),
)


# --- subject-mismatch -----------------------------------------------------------------------
_YEAR = r"(?:(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年(?:度)?"
_TITLE_TOPIC = re.compile(r"法治政府|法治建设|依法行政|法治")
_TITLE_FILLER = re.compile(_YEAR + r"|关于|推进|全面|的|上半年|全年|[\s　]")
_PLACE_END = r"(?:自治区|自治州|自治县|特别行政区|经济技术开发区|高新技术产业开发区|开发区|新区|省|市|州|盟|县|区|旗|镇|乡|街道)"
_PLACE = re.compile(r"^((?:[^\s]{1,12}?" + _PLACE_END + r")+)")
_WHOLE_PLACE = re.compile(r".{1,30}" + _PLACE_END)
_GOVERNMENT_END = re.compile(r"(人民政府|政府|管理委员会|管委会|党工委|党委|委)$")
_OPENING = re.compile(
    _YEAR + r"(?:以来)?[，,]\s*(?!在|全|我|本|各|该|市|县|区|省)"
    r"([^\W\d_，,、的和与及委]{2,10}?(?:省|市|州|县|区|旗|盟))"
    r"(?:委|人民政府|政府|[^\W\d_，,、的和与及]{1,10}?(?:局|委员会|办公室|厅))?"
    r"(?=坚持|深入|全面|认真|紧紧|始终|以习近平|按照|围绕|持续|着力|聚焦|立足|积极|在|紧扣|牢牢)"
)


def title_subject(title: str) -> str:
    """The subject a title names: what stands before its topic, year and 关于 set aside ('' for none)."""
    m = _TITLE_TOPIC.search(title)
    head = title[:m.start()] if m else title
    return _TITLE_FILLER.sub("", head)


def split_subject(name: str) -> tuple[str, str]:
    """(place, department) of a subject or an organ: 柳溪县司法局 → (柳溪县, 司法局); 柳溪县,
    柳溪县人民政府 and 中共柳溪县委 → (柳溪县, ''); 司法部 → ('', 司法部)."""
    name = re.sub(r"[\s　]", "", name)
    core = name[2:] if name.startswith("中共") else name
    end = _GOVERNMENT_END.search(core)
    rest = core[:end.start()] if end else core
    if _WHOLE_PLACE.fullmatch(rest):
        return rest, ""  # the place itself, its government or its Party committee
    if end and re.fullmatch(_PLACE_END + "?", rest):
        return "", ""  # 县人民政府, 区委: the government of a place it does not name
    m = _PLACE.match(core)
    if not m:
        return "", core
    return m.group(1), core[len(m.group(1)):]


def _alike(a: str, b: str) -> bool:
    """Names of one thing: equal, or one the other's tail (天津市静海区 / 静海区)."""
    return a == b or (bool(a) and bool(b) and (a.endswith(b) or b.endswith(a)))


def _abbreviates(a: str, b: str) -> bool:
    """One name the other's abbreviation: its characters in order (市场监管局 / 市场监督管理局)."""
    short, long = sorted((re.sub("委员会$", "委", a), re.sub("委员会$", "委", b)), key=len)
    chars = iter(long)
    return bool(short) and short[-1] == long[-1] and all(c in chars for c in short)


def same_subject(a: str, b: str) -> bool:
    pa, da = split_subject(a)
    pb, db = split_subject(b)
    if pa and pb and not _alike(pa, pb):
        return False
    return (_alike(da, db) or _abbreviates(da, db)) if (da or db) else True


def _organs(organ: str) -> list[str]:
    """The organs of a 落款 (「中共柳溪县委 柳溪县人民政府」 signs for two)."""
    parts = [p for p in re.split(r"[\s　、]+", organ.strip()) if p]
    if len(parts) == 1:
        joint = re.match(r"^(中共.+?[省市县区州旗盟镇乡]委)(.+(?:人民政府|政府))$", parts[0])
        if joint:
            return [joint.group(1), joint.group(2)]
    return parts


def _opening_subject(report: Report) -> tuple[int, int, str] | None:
    if not report.opening:
        return None
    index = report.opening[0]
    m = _OPENING.search(report.source.paragraphs[index].text[:80])
    return (index, m.start(1), m.group(1)) if m else None


def _subject_settings(template: Template) -> tuple[str, str]:
    return template.subject_check.no_subject, template.subject_check.mismatch


@rule(
    id="subject-mismatch",
    family="review",
    severity="warning",
    summary="标题、开头和落款写的报告主体不一致，或标题没有写主体",
    rationale="报告主体决定由谁公开、对谁负责：县政府的报告由县司法局落款、套用其他地方报告留下的地名，"
    "都会让公开的报告主体不明；标题没有主体（“关于2022年度法治政府建设情况报告”）时，读者无从知道是谁的报告（提示）。",
    source="《法治政府建设与责任落实督察工作规定》第二十四条（年度报告向社会公开）；GB/T 9704-2012《党政机关公文格式》7.3.5（发文机关署名）",
    bad=variant("柳溪县人民政府\n2024年3月15日", "柳溪县司法局\n2024年3月15日"),
    good=MINI,
)
def subject_mismatch(report: Report, template: Template) -> Iterator[Hit]:
    no_subject, mismatch = _subject_settings(template)
    title = report.title
    named = title_subject(title) if title else ""
    if title is not None and not named:
        yield hit_at(
            report.title_index,
            f"标题「{title}」没有写明报告主体（哪个地方政府或部门的报告）。",
            f"在标题开头写明主体，如「{report.signature_organ or '××县'}关于{report.year or '20XX'}年度法治政府建设情况的报告」。",
            severity=no_subject, place="title", found="",
        )
    reference, where = (named, "标题") if named else ("", "")
    opening = _opening_subject(report)
    if opening is not None:
        index, start, said = opening
        if reference and not same_subject(reference, said) and not _alike(split_subject(reference)[0], said):
            yield hit_at(
                index,
                f"开头写的主体是「{said}」，与{where}的「{reference}」不一致。",
                "核对报告主体，全文统一（常见于套用其他地方的报告）。",
                start=start, end=start + len(said), severity=mismatch, place="opening", expected=reference, found=said,
            )
        if not reference:
            reference, where = said, "开头"
    organ = report.signature_organ
    if organ and reference and report.signature:
        organs = _organs(organ)
        if not any(same_subject(reference, o) for o in organs):
            index = next(i for i in report.signature if report.source.paragraphs[i].text.strip() == organ)
            place, dept = split_subject(reference)
            if not dept and all(_alike(split_subject(o)[0], place) for o in organs):
                why = f"{where}表明这是「{reference}」的报告，落款却是其工作部门「{organ}」"
                fix = f"以「{place}人民政府」（或党委、政府联合）名义落款；部门自己的报告，标题写明部门名称。"
            else:
                why = f"落款「{organ}」与{where}的主体「{reference}」不一致"
                fix = "核对报告主体：标题、开头和落款应写同一个地方政府或部门。"
            yield hit_at(
                index, why + "。", fix,
                severity=mismatch, place="signature", expected=reference, found=organ,
            )
