"""The readings stage: what several rules read of one report, read once.

:mod:`.figures` (counts, amounts, percentages with their units; sentence spans), :mod:`.dates`
(date mentions), :mod:`.numerals` (Chinese and full-width numerals, the year range),
:mod:`.coverage` (the template's indicator topics and how the report covers them);
:mod:`.report` gathers them per report (``report.readings``, built by the engine).
"""
