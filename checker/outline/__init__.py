"""The outline stage: a read source → the report model (title, sections by template key, 落款, date)."""

from .date import date_is_update_time, date_paragraph_mention, report_of, with_document_date
from .model import Line, classify, heading_text, outline, year_in

__all__ = [
    "Line", "classify", "date_is_update_time", "date_paragraph_mention", "heading_text", "outline",
    "report_of", "with_document_date", "year_in",
]
