"""The readings stage: what several rules read of one report, read once.

:mod:`.figures` (counts, amounts, percentages with their units), :mod:`.dates` (date mentions),
:mod:`.numerals` (Chinese and full-width numerals); :mod:`.report` gathers them per report.
"""
