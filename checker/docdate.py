"""The document date: the 落款 date, else the page's publication metadata, else ``--date``."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .dates import parse_date
from .model import Report


def with_document_date(report: Report, option_date: dt.date | None) -> Report:
    """The report with ``date`` and ``date_source`` set (SPEC §5: signature, metadata, option)."""
    if report.date_index is not None:
        mention = parse_date(report.source.paragraphs[report.date_index].text)
        if mention is not None and mention.date is not None:
            return dataclasses.replace(report, date=mention.date, date_source="signature")
    for key in ("发文日期", "成文日期", "published"):
        value = report.source.metadata.get(key)
        mention = parse_date(value) if value else None
        if mention is not None and mention.date is not None:
            return dataclasses.replace(report, date=mention.date, date_source="metadata")
    if option_date is not None:
        return dataclasses.replace(report, date=option_date, date_source="option")
    return report
