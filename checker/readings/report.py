"""The readings of one report: what several rules read, each part read at most once.

Built by the engine for each report it checks (:attr:`checker.model.Report.readings`) and
handed to the rules with the report. Each part is read when a rule first asks for it and kept
for the others: a paragraph is split into sentences once, a sentence's figures are read once
(the three figure rules and the indicator rules read the same sentences), a paragraph's dates
once (several date rules), the indicator coverage once (two indicator rules, the feedback sheet,
the web page's checklist). Readings belong to one check of one report: they are not sent
between processes (a pickled report arrives without them) and nothing is kept between reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..model import Report
from ..template import Template
from . import figures as _figures
from .coverage import Coverage, Indicator, coverage_of, indicators, topics_in, without_names
from .dates import DateMention, find_dates
from .figures import Figure

__all__ = ["CitedTitle", "Readings", "Sentence", "coverage", "readings_of"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph: ``text == paragraphs[paragraph].text[start:end]``."""

    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class CitedTitle:
    """A document cited by its title, 《…》: ``start``/``end`` span the marks, ``name`` is inside them."""

    start: int
    end: int
    name: str


# What a figure counts is read from its clause: the text between the previous figure (or the last
# comma before it) and the figure — 「收到行政复议申请」「受理」「撤销、确认违法、责令履行案件共」.
_CLAUSE_BREAK = re.compile(r"[，,；;：:（(）)]")
_CITED = re.compile(r"《([^《》\n]{2,60})》")


def _dropped() -> None:
    return None


class Readings:
    """Sentences, figures, dates, cited titles and topics of one report (see the module)."""

    def __init__(self, report: Report, template: Template):
        self.report = report
        self.template = template
        n = len(report.source.paragraphs)
        self._sentences: list[tuple[Sentence, ...] | None] = [None] * n
        self._dates: dict[str, tuple[DateMention, ...]] = {}  # paragraph text -> its dates
        self._titles: list[tuple[CitedTitle, ...] | None] = [None] * n
        self._blanked: list[str | None] = [None] * n
        self._topics: list[tuple[tuple[str, int, int], ...] | None] = [None] * n
        self._figures: dict[str, tuple[Figure, ...]] = {}  # text -> its figures
        self._clauses: dict[str, tuple[str, ...]] = {}

    def release(self) -> None:
        """Let the readings of the text go once the checks are done, keeping what they concluded
        (the coverage): a result kept in memory then holds no more than the report itself. A
        part asked for again is read again."""
        n = len(self.report.source.paragraphs)
        self._sentences = [None] * n
        self._titles = [None] * n
        self._topics = [None] * n
        self._blanked = [None] * n
        self._figures = {}
        self._clauses = {}
        self._dates = {}

    def __reduce__(self):
        return _dropped, ()  # a stage's working values, not part of a result sent elsewhere

    # --- sentences and figures ---------------------------------------------------------------
    def sentences(self, i: int) -> tuple[Sentence, ...]:
        """The sentences of paragraph ``i`` (:func:`checker.readings.figures.split_sentences`)."""
        found = self._sentences[i]
        if found is None:
            text = self.report.source.paragraphs[i].text
            found = self._sentences[i] = tuple(
                Sentence(i, a, b, text[a:b]) for a, b in _figures.split_sentences(text)
            )
        return found

    def figures(self, sentence: Sentence) -> tuple[Figure, ...]:
        """The figures of a sentence, offsets in the sentence's text."""
        return self._read_figures(sentence.text)

    def paragraph_figures(self, i: int) -> tuple[Figure, ...]:
        """The figures of paragraph ``i`` read as one text, offsets in the paragraph's text."""
        return self._read_figures(self.report.source.paragraphs[i].text)

    def _read_figures(self, text: str) -> tuple[Figure, ...]:
        found = self._figures.get(text)
        if found is None:
            found = self._figures[text] = tuple(_figures.find_figures(text))
        return found

    def clauses(self, sentence: Sentence) -> tuple[str, ...]:
        """For each figure of the sentence, the clause before it that says what it counts."""
        found = self._clauses.get(sentence.text)
        if found is None:
            text = sentence.text
            out = []
            previous_end = 0
            for f in self.figures(sentence):
                out.append(_CLAUSE_BREAK.split(text[previous_end:f.start])[-1].strip().lstrip("、"))
                previous_end = f.end
            found = self._clauses[text] = tuple(out)
        return found

    # --- dates, titles, topics ---------------------------------------------------------------
    def dates(self, i: int) -> tuple[DateMention, ...]:
        """The date mentions of paragraph ``i``."""
        text = self.report.source.paragraphs[i].text
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = tuple(find_dates(text))
        return found

    def titles(self, i: int) -> tuple[CitedTitle, ...]:
        """The documents paragraph ``i`` cites by title (《…》 of 2 to 60 characters)."""
        found = self._titles[i]
        if found is None:
            found = self._titles[i] = tuple(
                CitedTitle(m.start(), m.end(), m.group(1)) for m in _CITED.finditer(self.report.source.paragraphs[i].text)
            )
        return found

    def names_blanked(self, i: int) -> str:
        """Paragraph ``i`` with cited titles and quoted names of projects and awards blanked out
        (same length): where a topic's keyword is not a report on that work."""
        found = self._blanked[i]
        if found is None:
            found = self._blanked[i] = without_names(self.report.source.paragraphs[i].text)
        return found

    def topics(self, i: int) -> tuple[tuple[str, int, int], ...]:
        """The indicator topics paragraph ``i`` reports on: (key, start, end) of each first mention."""
        found = self._topics[i]
        if found is None:
            found = self._topics[i] = topics_in(self, i)
        return found

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """The template's indicator topics that apply to the report's year."""
        return indicators(self.template, self.report.year)

    @cached_property
    def coverage(self) -> dict[str, Coverage]:
        """Each topic's first mention and whether it comes with data."""
        return coverage_of(self)


def readings_of(report: Report, template: Template) -> Readings:
    """The readings the engine built for ``report`` with ``template``; new ones otherwise (a
    report outlined outside the engine, or one whose readings were not sent with it)."""
    readings = report.readings
    if readings is not None and (readings.template is template or readings.template == template):
        return readings
    return Readings(report, template)


def coverage(report: Report, template: Template) -> dict[str, Coverage]:
    """The report's indicator coverage under ``template``."""
    return readings_of(report, template).coverage
