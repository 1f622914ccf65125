"""Check families, one module each. The registry is this explicit tuple: no plugin machinery."""

from . import dates, directives, indicators, numbers, structure, text
from . import duty, form, previous, privacy  # the review rules (personal information, duty evidence, copying, form)

FAMILIES = (structure, dates, indicators, numbers, text, privacy, duty, previous, form, directives)
