"""The outline stage: a read source → the report model (title, sections by template key, 落款, date).

classify (what each paragraph is) → lexer (paragraph tokens, the template's heading patterns
applied) → the template's grammar (grammar.py, Lark LALR) → the Transformer (model.py) that
builds the Report → the document date (date.py).
"""

from .date import date_is_update_time, date_paragraph_mention, report_of, with_document_date
from .model import outline, year_in

__all__ = ["date_is_update_time", "date_paragraph_mention", "outline", "report_of", "with_document_date", "year_in"]
