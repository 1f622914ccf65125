"""Check families, one module each. The registry is this explicit tuple: no plugin machinery."""

from . import dates, directives, indicators, numbers, structure, text

FAMILIES = (structure, dates, indicators, numbers, text, directives)
