"""Check families, one module each. The registry is this explicit tuple: no plugin machinery."""

from . import dates, structure, text

FAMILIES = (structure, dates, text)
