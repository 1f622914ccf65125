"""The document date: the 落款 date, else the page's publication metadata, else ``--date``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..readings.dates import DateMention, parse_date
from ..model import Report, Source
from ..read.normalize import with_recognition_view
from ..template import Template
from .model import outline

_BRACKETED = re.compile(r"\s*[（(]\s*(.+?)\s*[）)]\s*")


def date_paragraph_mention(text: str) -> DateMention | None:
    """The date a 落款 (or title-block) paragraph consists of, also when bracketed: （2024年3月20日）.

    Offsets refer to ``text``.
    """
    mention = parse_date(text)
    if mention is not None:
        return mention
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed is None:
        return None
    inner = parse_date(bracketed.group(1))
    if inner is None:
        return None
    shift = bracketed.start(1)
    return dataclasses.replace(inner, start=inner.start + shift, end=inner.end + shift)


def date_is_update_time(report: Report) -> bool:
    """The document date is only a page's update time: publication was on it or before it."""
    meta = report.source.metadata
    return report.date_source == "metadata" and not any(k in meta for k in ("发文日期", "成文日期", "published"))


def with_document_date(report: Report, option_date: dt.date | None) -> Report:
    """The report with ``date`` and ``date_source`` set (SPEC §5: signature, metadata, option)."""
    if report.date_index is not None:
        mention = date_paragraph_mention(report.source.paragraphs[report.date_index].text)
        if mention is not None and mention.date is not None:
            return dataclasses.replace(report, date=mention.date, date_source="signature")
    # an update time (更新时间) is the last resort: the page was published no later than that
    for key in ("发文日期", "成文日期", "published", "updated"):
        value = report.source.metadata.get(key)
        mention = parse_date(value) if value else None
        if mention is not None and mention.date is not None:
            return dataclasses.replace(report, date=mention.date, date_source="metadata")
    if option_date is not None:
        return dataclasses.replace(report, date=option_date, date_source="option")
    return report


def report_of(source: Source, template: Template, year: int | None = None, date: dt.date | None = None) -> Report:
    """The report model of a read source, as every check sees it: the rules read the recognition
    view (simplified characters, invisible marks left out; text read through normalize_lines
    already is, a .docx's paragraphs become it here), outlined against the template, with its
    document date."""
    source = dataclasses.replace(source, paragraphs=with_recognition_view(source.paragraphs))
    return with_document_date(outline(source, template, year=year), date)
