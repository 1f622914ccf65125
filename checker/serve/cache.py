"""Recent results, kept in memory only so that the page's download buttons can fetch them.

Bounded three ways: an entry expires ``ttl`` seconds after it was made, at most ``max_entries``
are kept, and their estimated size stays under ``max_bytes`` (the oldest go first). Nothing is
ever written to disk; a server restart forgets everything. Ids are random (``secrets``), so one
user cannot guess another's result.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..model import FileResult


@dataclass
class Entry:
    results: list[FileResult]
    indicators: list[list[dict[str, Any]]]  # per result: the indicator checklist
    inputs: Mapping[str, bytes]  # uploaded name -> bytes, for renderers that copy the original
    options: Mapping[str, Any]  # what the check was asked for (template, year, date), for the page
    created: float = 0.0
    size: int = 0
    id: str = field(default="")


def estimate_size(results: list[FileResult], inputs: Mapping[str, bytes]) -> int:
    """Bytes an entry holds, roughly: the uploads, the report text twice (lines and paragraphs,
    4 bytes a code point at worst) and a few hundred bytes per finding."""
    size = sum(len(b) for b in inputs.values())
    for r in results:
        size += 1024 + 400 * len(r.findings)
        if r.report is not None:
            source = r.report.source
            size += 4 * (sum(map(len, source.lines)) + sum(len(p.text) for p in source.paragraphs))
    return size


class ResultCache:
    def __init__(self, max_entries: int, max_bytes: int, ttl: float, clock: Callable[[], float] = time.monotonic):
        self.max_entries = max(1, max_entries)
        self.max_bytes = max_bytes
        self.ttl = ttl
        self.clock = clock
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, entry: Entry) -> str:
        entry.id = secrets.token_urlsafe(16)
        entry.created = self.clock()
        entry.size = estimate_size(entry.results, entry.inputs)
        with self._lock:
            self._expire()
            self._entries[entry.id] = entry
            while len(self._entries) > self.max_entries or (
                len(self._entries) > 1 and self.total_bytes() > self.max_bytes
            ):
                self._entries.popitem(last=False)
        return entry.id

    def get(self, key: str) -> Entry | None:
        with self._lock:
            self._expire()
            return self._entries.get(key)

    def total_bytes(self) -> int:
        return sum(e.size for e in self._entries.values())

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._entries)

    def _expire(self) -> None:
        now = self.clock()
        while self._entries:
            oldest = next(iter(self._entries.values()))
            if now - oldest.created < self.ttl:
                break
            self._entries.popitem(last=False)
