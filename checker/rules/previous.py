"""copy-previous: this year's report repeating last year's (督察 findings of 「今年抄去年」).

Opt-in: it compares only when the engine was given last year's report (``--previous``, the
``previous:`` key). Sentences are compared after the template's stock political phrases, years
and punctuation are set aside (those are the same every year by design), with rapidfuzz's ratio.
A 不足 or 安排 section whose sentences are mostly last year's is reported as a whole (warning);
a measures sentence repeated with last year's figures unchanged is reported by itself (info).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..model import Report, position_unit
from ..previous_report import previous_report
from .declare import Hit, hit_at, rule
from ..template import Template
from .base import where
from .examples import MINI, variant

ORDER = 80  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

SOURCE = (
    "《法治政府建设与责任落实督察工作规定》（年度报告内容）；"
    "法治政府建设督察反馈中“今年抄去年”、存在的不足多年不变等问题"
)
_SENTENCE = re.compile(r"[^。！？；;\n]+")
_ITEM = re.compile(r"^\s*([一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[.、．)）])\s*")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?|(?:19|20)\d{2}(?=[-—－至~～])|(?<=[-—－至~～])(?:19|20)\d{2}")
_NOISE = re.compile(r"[\W_]+")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*[%％]?")


@dataclass(frozen=True)
class Sentence:
    index: int  # paragraph
    start: int
    end: int
    key: str  # comparable text: stock phrases, years, punctuation set aside
    figures: tuple[str, ...]  # the figures of the sentence, years aside


@dataclass(frozen=True)
class Settings:
    stock: re.Pattern | None
    similarity: int
    min_chars: int
    share: int
    whole_sections: tuple[str, ...]
    figure_sections: tuple[str, ...]


def _settings(template: Template) -> Settings:
    copy = template.copy_previous
    return Settings(
        copy.stock_phrases, copy.similarity, copy.min_chars, copy.share, copy.whole_sections, copy.figure_sections
    )


def _sentences(
    report: Report, indexes: range, settings: Settings, skip_heading_of: int | None = None
) -> list[Sentence]:
    out = []
    paragraphs = report.source.paragraphs
    for i in indexes:
        text = paragraphs[i].text
        offset = 0
        if i == skip_heading_of:
            heading = next((h for h in report.headings if h.index == i), None)
            if heading is not None and text.startswith(heading.label):
                offset = len(heading.label)
        for m in _SENTENCE.finditer(text, offset):
            raw = _ITEM.sub("", m.group(0))
            without_years = _YEAR.sub("", raw)
            figures = tuple(_FIGURE.findall(without_years))
            plain = settings.stock.sub("", without_years) if settings.stock else without_years
            key = _NOISE.sub("", plain)
            if len(key) >= settings.min_chars:
                out.append(Sentence(i, m.start(), m.end(), key, tuple(f.replace(" ", "") for f in figures)))
    return out


def _all_sentences(report: Report, settings: Settings) -> list[Sentence]:
    return _sentences(report, range(len(report.source.paragraphs)), settings)


def _section_sentences(report: Report, key: str, settings: Settings) -> tuple[list, list[Sentence]]:
    hits = [s for s in report.sections if s.key == key]
    sentences = [
        s for h in hits for s in _sentences(report, range(h.start, h.end), settings, h.start if h.heading else None)
    ]
    return hits, sentences


# Near-equal sentences are looked for with rapidfuzz up to this many sentence pairs (a 15 KB
# report against another has about 40,000) and sentences of at most this many characters;
# beyond, only sentences equal once stock phrases, years and punctuation are set aside count
# (reports of megabytes, runs of text without a full stop), so the cost stays linear.
_FUZZY_PAIRS = 4_000_000
_FUZZY_CHARS = 400


def _matches(mine: list[Sentence], theirs: list[Sentence], similarity: int) -> dict[int, Sentence]:
    """For each of ``mine`` (by position) the sentence of ``theirs`` it repeats, if any."""
    if not mine or not theirs:
        return {}
    # imported here: only a check given last year's report compares (start-up stays 10 ms lighter)
    from rapidfuzz import fuzz, process

    equal = {}
    for t in theirs:
        equal.setdefault(t.key, t)
    fuzzy = len(mine) * len(theirs) <= _FUZZY_PAIRS
    choices = [t.key for t in theirs]
    found = {}
    for n, s in enumerate(mine):
        if s.key in equal:
            found[n] = equal[s.key]
        elif fuzzy and len(s.key) <= _FUZZY_CHARS:
            best = process.extractOne(s.key, choices, scorer=fuzz.ratio, score_cutoff=similarity)
            if best is not None:
                found[n] = theirs[best[2]]
    return found


def _years_back(text: str) -> str:
    """The example's 2023 report as a 2022 one: every year one less (the team's previous report)."""
    return re.sub(r"20(\d\d)(?=年)", lambda m: f"20{int(m.group(1)) - 1:02d}", text)


_PREVIOUS = _years_back(MINI)
_REWRITTEN = variant(
    "一是行政执法规范化水平仍有差距，少数执法人员程序意识不强；二是基层法治力量薄弱。"
    "主要原因是执法培训覆盖面不够，乡镇法治机构人员编制不足。",
    "一是行政复议纠错后行政机关自行整改不及时，全年有3件纠错决定超期履行；二是规范性文件清理滞后于上位法修改。"
    "主要原因是复议决定履行监督机制不健全，文件起草单位对上位法变化跟踪不够。",
    variant(
        "一是深入学习贯彻习近平法治思想；二是推进严格规范公正文明执法，开展执法案卷评查；三是加强行政复议和应诉工作，提升行政机关负责人出庭应诉质量。",
        "一是建立复议纠错决定履行情况季度通报制度；二是按新修订的行政复议法完成配套文件清理；三是在乡镇推行合法性审核目录管理。",
        # this year's figures in the same sentences: every count but years and rates one more
        variant(
            "专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次",
            "专题研究法治政府建设工作5次，开展会前学法14次；年终述法实现全覆盖，县长出庭应诉3次",
            re.sub(r"(?<![\d.])(\d+)(?![\d.%年])", lambda m: str(int(m.group(1)) + 1), MINI.split("二、")[0])
            + "二、" + MINI.split("二、", 1)[1],
        ),
    ),
)


@rule(
    id="copy-previous",
    family="review",
    severity="warning",
    summary="与上一年度报告雷同：不足或安排部分多数是上年原句（警告），举措部分沿用上年数据（提示）；需 --previous 指定上年报告",
    rationale="督察中常见“今年抄去年”：存在的不足、下一年度安排与上年几乎一字不差，说明没有认真查找问题、谋划工作。"
    "比较时先去掉模板列出的固定政治表述、年份和标点，再逐句比较相似度；只共用套话不算雷同。"
    "不指定上一年度报告（--previous 或配置 previous:）时本规则不检查。"
    "示例所对照的上一年度报告，是把不合格示例中的年份各减一年得到的2022年报告。",
    source=SOURCE,
    bad=MINI,
    good=_REWRITTEN,
    example_options=(("previous_text", _PREVIOUS),),
    case_severities={"figures": "info"},  # a sentence whose figures are last year's
)
def copy_previous(report: Report, template: Template) -> Iterator[Hit]:
    previous = previous_report()
    if previous is None:
        return
    settings = _settings(template)
    theirs = _all_sentences(previous, settings)
    if not theirs:
        return
    last_year = f"上一年度（{previous.year}年度）" if previous.year else "上一年度"
    for key in settings.whole_sections:
        hits, mine = _section_sentences(report, key, settings)
        if not hits or not mine:
            continue
        repeated = _matches(mine, theirs, settings.similarity)
        if len(repeated) * 100 >= settings.share * len(mine):
            spec = template.section(key)
            hit = hits[0]
            indexes = sorted({mine[n].index for n in repeated})
            lines = [report.source.paragraphs[i].line for i in indexes]
            yield hit_at(
                hit.start,
                f"「{spec.title}」与{last_year}报告基本相同：{len(mine)}句中有{len(repeated)}句是上一年度报告的原句或只改了年份"
                f"（在{'、'.join(where(report, i) for i in indexes[:5])}{'等处' if len(indexes) > 5 else ''}）。",
                f"按本年度的实际情况重写这一部分：{spec.regulation}；上年已写过的问题，说明整改进展和仍未解决的原因。",
                end=len(hit.heading.label) if hit.heading else None,
                section=key, repeated=len(repeated), total=len(mine), lines=lines,
            )
    for key in settings.figure_sections:
        _, mine = _section_sentences(report, key, settings)
        with_figures = [s for s in mine if s.figures]
        for n, old in _matches(with_figures, theirs, settings.similarity).items():
            s = with_figures[n]
            if s.figures != old.figures:
                continue  # the same sentence with this year's figures: that is how reports are written
            unit = position_unit(previous.source.kind)
            yield hit_at(
                s.index,
                f"这句与{last_year}报告第{previous.source.paragraphs[old.index].line}{unit}基本相同，"
                f"数据（{'、'.join(s.figures[:4])}{'等' if len(s.figures) > 4 else ''}）也与上一年度一样：可能沿用了上一年度的数据。",
                "核对并改用本年度的统计数据；确实没有变化的，写明“与上年持平”。",
                start=s.start, end=s.end, case="figures",
                section=key, previous_line=previous.source.paragraphs[old.index].line, figures=list(s.figures),
            )
