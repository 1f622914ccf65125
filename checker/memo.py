"""Per-report memos: rules that read the same text share one reading.

The three figure rules and the indicator checks read the figures of the same sentences; the
date rules read the dates of the same paragraphs. A function wrapped in :func:`per_report`
computes its value once per distinct argument while a :func:`report_session` is open — the
engine opens one around the checks of each report — and the memo is dropped when the session
ends. So it holds one report's readings however long the report is (a fixed-size LRU cache
would miss every time on a report with more sentences than it holds, and checking time would
grow faster than the report), and nothing is kept between reports. Outside a session the
function is simply called. Sessions are context-local, so threads do not share them.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Callable, Hashable, Iterator, TypeVar

T = TypeVar("T")
_memo: ContextVar[dict | None] = ContextVar("fzcheck_report_memo", default=None)


@contextmanager
def report_session() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def per_report(fn: Callable[[Hashable], T]) -> Callable[[Hashable], T]:
    """``fn`` (one hashable argument, a pure function) remembered within a report session."""

    @wraps(fn)
    def remembered(arg: Hashable) -> T:
        memo = _memo.get()
        if memo is None:
            return fn(arg)
        key = (fn, arg)
        try:
            return memo[key]
        except KeyError:
            value = memo[key] = fn(arg)
            return value

    return remembered
